/// <reference lib="webworker" />
/**
 * Parses SQL off the main thread. libpg-query's emscripten loader fetches `libpg-query.wasm` from this worker
 * script's directory (see vite.config.ts for how it gets there in dev and in the build).
 */
import { importSql, initParser } from '../../core/sql/import';
import { exportDdl } from '../../core/sql/export/ddl';
import { emptySchemaModel } from '../../core/model/types';
import type { ExportRequest, ExportResponse, ParseRequest, ParseResponse } from './protocol';

const ready = initParser();
const post = (msg: ParseResponse | ExportResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (ev: MessageEvent<ParseRequest | ExportRequest>) => {
  if ('exportModel' in ev.data) {
    const { id, exportModel } = ev.data;
    try {
      await ready;
      post({ id, ok: true, sql: exportDdl(exportModel).sql });
    } catch (e) {
      post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
    return;
  }
  const { id, sql, into, fingerprint, unchangedIf } = ev.data;
  try {
    await ready;
    const t0 = performance.now();
    const result = importSql(sql, into ? { into } : {});
    const ms = performance.now() - t0;
    const ddl = fingerprint || unchangedIf !== undefined ? exportDdl(result.model).sql : undefined;
    if (unchangedIf !== undefined && ddl === unchangedIf) {
      post({ id, ok: true, unchanged: true, model: emptySchemaModel(), diagnostics: result.diagnostics, stats: { ...result.stats, tables: Object.keys(result.model.tables).length, ms }, ddl });
      return;
    }
    post({ id, ok: true, model: result.model, diagnostics: result.diagnostics, stats: { ...result.stats, tables: Object.keys(result.model.tables).length, ms }, ddl });
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
