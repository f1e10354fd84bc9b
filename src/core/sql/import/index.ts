/**
 * SQL → model. `await initParser()` once (loads the libpg-query WASM), then `importSql(text)` is synchronous.
 * Never throws for bad input: problems come back as diagnostics with line:column.
 */
import { loadModule } from 'libpg-query';
import type { Diagnostic } from '../../model/diagnostics';
import type { SchemaModel } from '../../model/types';
import { parseFile, type ParseStats } from './driver';
import { ImportContext } from './context';
import { convertStatement, finishImport } from './converters/index';

let ready: Promise<void> | null = null;

/** Load the parser (idempotent). */
export function initParser(): Promise<void> {
  ready ??= loadModule();
  return ready;
}

export interface ImportOptions {
  /** Apply the statements on top of this model (a copy; the argument is not modified). */
  into?: SchemaModel;
}

export interface ImportStats extends ParseStats {
  /** Converted statements per parser node type. */
  converted: Record<string, number>;
  /** Statements kept verbatim. */
  raw: number;
  tables: number;
  relationships: number;
  /** Milliseconds for the whole import, parser included. */
  totalMs: number;
}

export interface ImportResult {
  model: SchemaModel;
  diagnostics: Diagnostic[];
  stats: ImportStats;
}

export function importSql(text: string, opts: ImportOptions = {}): ImportResult {
  const t0 = performance.now();
  const parsed = parseFile(text);
  const ctx = new ImportContext(opts.into ? structuredClone(opts.into) : undefined);
  const rawBefore = Object.keys(ctx.model.raw).length;
  for (const st of parsed.statements) convertStatement(st, ctx);
  finishImport(ctx);
  const diagnostics = [...parsed.diagnostics, ...ctx.diagnostics];
  for (const d of diagnostics) {
    if (d.start !== undefined && d.line === undefined) Object.assign(d, parsed.lines.position(d.start));
  }
  diagnostics.sort((a, b) => (a.start ?? -1) - (b.start ?? -1));
  let relationships = 0;
  const tables = Object.values(ctx.model.tables);
  for (const t of tables) for (const c of t.constraints) if (c.kind === 'foreign') relationships++;
  return {
    model: ctx.model,
    diagnostics,
    stats: {
      ...parsed.stats,
      converted: ctx.counters,
      raw: Object.keys(ctx.model.raw).length - rawBefore,
      tables: tables.length,
      relationships,
      totalMs: performance.now() - t0,
    },
  };
}
