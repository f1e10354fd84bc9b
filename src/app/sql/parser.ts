/**
 * The SQL pane's own parse worker (parse and export), cancellable. Cancelling terminates the worker (a synchronous
 * parse cannot be interrupted otherwise); the next request spawns a fresh one.
 */
import type { SchemaModel } from '../../core/model/types';
import type { ExportRequest, ExportResponse, ParseRequest, ParseResponse } from '../workers/protocol';

type Cancelled = { id: number; ok: false; cancelled: true; error: string };
export type ParseOutcome = ParseResponse | Cancelled;
export type ExportOutcome = ExportResponse | Cancelled;

let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, (r: ParseResponse | ExportResponse | Cancelled) => void>();
let parseId: number | null = null;

function spawn(): Worker {
  const w = new Worker(new URL('../workers/parse.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-sql-pane' });
  w.onmessage = (ev: MessageEvent<ParseResponse | ExportResponse>) => {
    const done = pending.get(ev.data.id);
    pending.delete(ev.data.id);
    if (parseId === ev.data.id) parseId = null;
    done?.(ev.data);
  };
  w.onerror = (ev) => {
    w.terminate();
    if (worker === w) worker = null;
    parseId = null;
    const all = [...pending];
    pending.clear();
    for (const [id, done] of all) done({ id, ok: false, error: ev.message || 'parse worker failed' });
  };
  return w;
}

function send<T>(make: (id: number) => ParseRequest | ExportRequest): { id: number; promise: Promise<T> } {
  worker ??= spawn();
  const id = ++seq;
  const w = worker;
  const promise = new Promise<T>((resolve) => {
    pending.set(id, resolve as (r: ParseResponse | ExportResponse | Cancelled) => void);
    w.postMessage(make(id));
  });
  return { id, promise };
}

/** Parse `sql` in the worker. A parse requested while another runs cancels the older one. */
export function parseSql(sql: string, opts: { into?: SchemaModel; fingerprint?: boolean; unchangedIf?: string } = {}): Promise<ParseOutcome> {
  if (parseId !== null) cancelParse();
  const { id, promise } = send<ParseOutcome>((id) => ({ id, sql, ...(opts.into ? { into: opts.into } : {}), ...(opts.fingerprint ? { fingerprint: true } : {}), ...(opts.unchangedIf !== undefined ? { unchangedIf: opts.unchangedIf } : {}) }));
  parseId = id;
  return promise;
}

/** The model's DDL (exportDdl), computed in the worker. */
export function exportSql(model: SchemaModel): Promise<ExportOutcome> {
  return send<ExportOutcome>((id) => ({ id, exportModel: model })).promise;
}

export const parseInFlight = (): boolean => parseId !== null;

/** Stop the running parse (terminates the worker; the next request starts a new one). */
export function cancelParse(): void {
  if (parseId === null) return;
  parseId = null;
  worker?.terminate();
  worker = null;
  const all = [...pending];
  pending.clear();
  for (const [id, done] of all) done({ id, ok: false, cancelled: true, error: 'Cancelled' });
}

/** Start the worker (and its WASM) ahead of the first request. */
export function warmParser(): void {
  worker ??= spawn();
}
