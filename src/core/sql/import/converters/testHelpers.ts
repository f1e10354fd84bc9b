/** Test helpers: build StatementInfo objects from a whole SQL string and run the converters. */
import { parseSync } from 'libpg-query';
import { emptySchemaModel } from '../../../model/types';
import { counterIds, setIdGenerator } from '../../../util/ids';
import { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { byteToIndex } from './shared';
import { convertStatement, finishImport } from './index';

export function statements(source: string): StatementInfo[] {
  const res = parseSync(source);
  const out: StatementInfo[] = [];
  (res.stmts ?? []).forEach((raw: any, index: number) => {
    const b0 = raw.stmt_location ?? 0;
    const b1 = raw.stmt_len ? b0 + raw.stmt_len : undefined;
    let start = byteToIndex(source, b0);
    const end = b1 === undefined ? source.length : byteToIndex(source, b1);
    // skip leading whitespace and -- comments
    for (;;) {
      const m = /^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)/.exec(source.slice(start, end));
      if (!m || !m[0].length) break;
      start += m[0].length;
    }
    let sql = source.slice(start, end);
    sql = sql.replace(/;\s*$/, '').replace(/\s+$/, '');
    const nodeType = Object.keys(raw.stmt)[0] ?? '';
    out.push({
      nodeType,
      node: raw.stmt[nodeType],
      sql,
      start,
      end: start + sql.length,
      index,
      locate: (b) => (b === undefined || b < 0 ? start : byteToIndex(source, b)),
      sqlOffset: (b) => (b === undefined || b < 0 ? 0 : Math.max(0, Math.min(sql.length, byteToIndex(source, b) - start))),
    });
  });
  return out;
}

/** Convert a whole SQL string with deterministic ids. */
export function importSql(source: string, ctx = new ImportContext(emptySchemaModel())): ImportContext {
  const restore = setIdGenerator(counterIds());
  try {
    for (const s of statements(source)) convertStatement(s, ctx);
    finishImport(ctx);
  } finally {
    restore();
  }
  return ctx;
}

/** Find helpers for assertions. */
export function table(ctx: ImportContext, name: string, schema = 'public') {
  const t = ctx.findTable(schema, name);
  if (!t) throw new Error(`table ${schema}.${name} not found`);
  return t;
}

export function col(ctx: ImportContext, tname: string, cname: string, schema = 'public') {
  const c = table(ctx, tname, schema).columns.find((x) => x.name === cname);
  if (!c) throw new Error(`column ${cname} not found`);
  return c;
}

export function errors(ctx: ImportContext) {
  return ctx.diagnostics.filter((d) => d.severity === 'error');
}
