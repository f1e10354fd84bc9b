/// <reference lib="webworker" />
/**
 * Behaviours worker: generates the selected table's trigger SQL (every PL/pgSQL body checked with libpg-query's
 * PL/pgSQL parser) and recognises its verbatim triggers as behaviours. Both need libpg-query's WASM, which stays off
 * the page: the main bundle only receives plain data back.
 */
import { initTriggers } from '../../core/triggers/check';
import { analyseBehaviors } from './analyse';
import type { BehaviorsRequest, BehaviorsResponse } from './protocol';

let ready: Promise<void> | null = null;
const post = (msg: BehaviorsResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (ev: MessageEvent<BehaviorsRequest>) => {
  const { id, schema, tableId } = ev.data;
  try {
    ready ??= initTriggers();
    await ready;
    const t0 = performance.now();
    const r = analyseBehaviors(schema, tableId);
    post({ id, ok: true, ...r, ms: performance.now() - t0 });
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
