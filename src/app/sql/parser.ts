/**
 * The SQL pane's own parse worker: one request at a time, cancellable. Cancelling terminates the worker (a
 * synchronous parse cannot be interrupted otherwise); the next request spawns a fresh one.
 */
import type { SchemaModel } from '../../core/model/types';
import type { ParseRequest, ParseResponse } from '../workers/protocol';

export type ParseOutcome = ParseResponse | { id: number; ok: false; cancelled: true; error: string };

let worker: Worker | null = null;
let seq = 0;
let inflight: { id: number; resolve: (r: ParseOutcome) => void } | null = null;

function spawn(): Worker {
  const w = new Worker(new URL('../workers/parse.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-sql-pane-parse' });
  w.onmessage = (ev: MessageEvent<ParseResponse>) => {
    if (inflight && inflight.id === ev.data.id) {
      const done = inflight;
      inflight = null;
      done.resolve(ev.data);
    }
  };
  w.onerror = (ev) => {
    const done = inflight;
    inflight = null;
    w.terminate();
    if (worker === w) worker = null;
    done?.resolve({ id: done.id, ok: false, error: ev.message || 'parse worker failed' });
  };
  return w;
}

/** Parse `sql` in the worker. A request made while another is running cancels the older one. */
export function parseSql(sql: string, opts: { into?: SchemaModel; fingerprint?: boolean } = {}): Promise<ParseOutcome> {
  if (inflight) cancelParse();
  worker ??= spawn();
  const id = ++seq;
  const req: ParseRequest = { id, sql, ...(opts.into ? { into: opts.into } : {}), ...(opts.fingerprint ? { fingerprint: true } : {}) };
  return new Promise<ParseOutcome>((resolve) => {
    inflight = { id, resolve };
    worker!.postMessage(req);
  });
}

export const parseInFlight = (): boolean => inflight !== null;

/** Stop the running parse (terminates the worker; the next parse starts a new one). */
export function cancelParse(): void {
  const done = inflight;
  inflight = null;
  if (worker && done) {
    worker.terminate();
    worker = null;
  }
  done?.resolve({ id: done.id, ok: false, cancelled: true, error: 'Cancelled' });
}

/** Start the worker (and its WASM) ahead of the first parse. */
export function warmParser(): void {
  worker ??= spawn();
}
