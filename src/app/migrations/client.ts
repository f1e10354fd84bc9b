/** Promise wrapper around the migration worker (one long-lived worker, started on first use). */
import type { SchemaModel } from '../../core/model/types';
import type { Statement } from '../../core/migrate/types';
import type { MigrateResponse } from './protocol';

type Req = { kind: 'plan'; from: SchemaModel; to: SchemaModel; safe: boolean } | { kind: 'verify'; from: SchemaModel; to: SchemaModel; up: Statement[]; down: Statement[] };

let worker: Worker | null = null;
let seq = 0;
const pending = new Map<number, (r: MigrateResponse) => void>();

function call(req: Req): Promise<MigrateResponse> {
  if (!worker) {
    worker = new Worker(new URL('./migrate.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-migrate' });
    worker.onmessage = (ev: MessageEvent<MigrateResponse>) => {
      const done = pending.get(ev.data.id);
      pending.delete(ev.data.id);
      done?.(ev.data);
    };
    worker.onerror = (ev) => {
      const error = ev.message || 'migration worker failed';
      for (const [id, done] of pending) done({ id, ok: false, error });
      pending.clear();
      worker?.terminate();
      worker = null;
    };
  }
  const id = ++seq;
  const w = worker;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    w.postMessage({ ...req, id });
  });
}

export const planInWorker = (from: SchemaModel, to: SchemaModel, safe: boolean) => call({ kind: 'plan', from, to, safe });
export const verifyInWorker = (from: SchemaModel, to: SchemaModel, up: Statement[], down: Statement[]) => call({ kind: 'verify', from, to, up, down });
