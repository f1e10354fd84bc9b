/// <reference lib="webworker" />
/**
 * Behaviours worker: generates the selected table's trigger SQL (every PL/pgSQL body checked with libpg-query's
 * PL/pgSQL parser) and recognises its verbatim triggers as behaviours. Both need libpg-query's WASM, which stays off
 * the page: the main bundle only receives plain data back.
 */
import { initTriggers } from '../../core/triggers/check';
import { generateTriggerSql } from '../../core/triggers/generate';
import { recognizeTriggerMatches } from '../../core/triggers/recognize';
import type { BehaviorsRequest, BehaviorsResponse, PreviewResult } from './protocol';

let ready: Promise<void> | null = null;
const post = (msg: BehaviorsResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (ev: MessageEvent<BehaviorsRequest>) => {
  const { id, schema, tableId } = ev.data;
  try {
    ready ??= initTriggers();
    await ready;
    const t0 = performance.now();
    const b = schema.behaviors?.[tableId];
    let preview: PreviewResult = { kind: 'none' };
    if (b && Object.keys(b).length) {
      try {
        const gen = generateTriggerSql(schema, { [tableId]: b });
        preview = { kind: 'sql', sql: gen.sql, diagnostics: gen.diagnostics };
      } catch (e) {
        preview = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
      }
    }
    let recognitionError: string | undefined;
    let matches: ReturnType<typeof recognizeTriggerMatches> = [];
    try {
      matches = recognizeTriggerMatches(schema, tableId);
    } catch (e) {
      recognitionError = e instanceof Error ? e.message : String(e);
    }
    post({ id, ok: true, preview, matches, ...(recognitionError ? { recognitionError } : {}), ms: performance.now() - t0 });
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
