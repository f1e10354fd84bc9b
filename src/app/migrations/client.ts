/** Promise wrapper around the migration worker (one long-lived worker, started on first use). */
import type { SchemaModel } from '../../core/model/types';
import type { Statement } from '../../core/migrate/types';
import type { MigrateResponse } from './protocol';
import { rpc } from '../workers/rpc';

type Req = { kind: 'plan'; from: SchemaModel; to: SchemaModel; safe: boolean } | { kind: 'verify'; from: SchemaModel; to: SchemaModel; up: Statement[]; down: Statement[] };

const call = rpc<Req, MigrateResponse>(
  () => new Worker(new URL('./migrate.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-migrate' }),
  'migration worker',
);

export const planInWorker = (from: SchemaModel, to: SchemaModel, safe: boolean) => call({ kind: 'plan', from, to, safe });
export const verifyInWorker = (from: SchemaModel, to: SchemaModel, up: Statement[], down: Statement[]) => call({ kind: 'verify', from, to, up, down });
