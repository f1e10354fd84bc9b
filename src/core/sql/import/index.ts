/**
 * SQL → model. `await initParser()` once (loads the libpg-query WASM), then `importSql(text)` is synchronous.
 * Never throws for bad input: problems come back as diagnostics with line:column.
 */
import { loadModule } from 'libpg-query';
import type { Diagnostic } from '../../model/diagnostics';
import type { SchemaModel } from '../../model/types';
import { parseFile, type ParseStats } from './driver';
import { ImportContext } from './context';
import { ConversionFailed, convertStatement, finishImport, keepFailed } from './converters/index';

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
  // Convert fail-fast (no per-statement model copies); when a converter fails, start over with that statement kept
  // verbatim. After a few restarts, fall back to rolling back each statement from a snapshot.
  const failed = new Map<number, unknown>();
  let ctx: ImportContext;
  for (let attempt = 0; ; attempt++) {
    ctx = new ImportContext(opts.into ? structuredClone(opts.into) : undefined);
    const mode = attempt < 4 ? 'fail-fast' : 'snapshot';
    let restart = false;
    const sts = parsed.statements;
    for (let i = 0; i < sts.length; i++) {
      const st = sts[i]!;
      if (failed.has(i)) {
        keepFailed(st, ctx, failed.get(i));
        continue;
      }
      try {
        convertStatement(st, ctx, mode);
      } catch (e) {
        if (!(e instanceof ConversionFailed)) throw e;
        failed.set(i, e.cause);
        restart = true;
        break;
      }
    }
    if (!restart) break;
  }
  const rawBefore = opts.into ? Object.keys(opts.into.raw).length : 0;
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
