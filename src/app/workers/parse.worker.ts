/// <reference lib="webworker" />
/**
 * Parses SQL off the main thread. libpg-query's emscripten loader fetches `libpg-query.wasm` from this worker
 * script's directory (see vite.config.ts for how it gets there in dev and in the build).
 */
import { importSql, initParser } from '../../core/sql/import';
import { exportDdl } from '../../core/sql/export/ddl';
import type { ParseRequest, ParseResponse } from './protocol';

const ready = initParser();
const post = (msg: ParseResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (ev: MessageEvent<ParseRequest>) => {
  const { id, sql, into, fingerprint } = ev.data;
  try {
    await ready;
    const t0 = performance.now();
    const result = importSql(sql, into ? { into } : {});
    const ms = performance.now() - t0;
    const ddl = fingerprint ? exportDdl(result.model).sql : undefined;
    post({ id, ok: true, model: result.model, diagnostics: result.diagnostics, stats: { ...result.stats, tables: Object.keys(result.model.tables).length, ms }, ddl });
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
