/// <reference lib="webworker" />
/**
 * Migration worker: plans migrations (the trigger behaviours need libpg-query's PL/pgSQL checker, kept off the page)
 * and proves them in PGlite, loaded lazily on the first Verify and reused (verifyMigration empties it first).
 */
import { initTriggers } from '../../core/triggers/check';
import { migrationSql, verifyMigration, type PgLike } from '../../core/migrate/index';
import type { MigrateRequest, MigrateResponse } from './protocol';

let parser: Promise<void> | null = null;
let db: Promise<PgLike> | null = null;

function pglite(): Promise<PgLike> {
  db ??= import('@electric-sql/pglite').then((m) => m.PGlite.create() as unknown as Promise<PgLike>);
  return db;
}

/** One verification at a time on the shared database. */
let chain: Promise<unknown> = Promise.resolve();

self.onmessage = async (ev: MessageEvent<MigrateRequest>) => {
  const req = ev.data;
  const reply = (r: MigrateResponse) => (self as unknown as Worker).postMessage(r);
  try {
    parser ??= initTriggers();
    await parser;
    if (req.kind === 'plan') {
      const t0 = performance.now();
      const m = migrationSql(req.from, req.to, { safe: req.safe });
      reply({ id: req.id, ok: true, kind: 'plan', changes: m.changes ?? [], up: m.up, down: m.down, ms: performance.now() - t0 });
    } else {
      const run = chain.then(async () => verifyMigration(req.from, req.to, req.up, req.down, await pglite()));
      chain = run.catch(() => undefined);
      reply({ id: req.id, ok: true, kind: 'verify', result: await run });
    }
  } catch (e) {
    if (req.kind === 'verify') db = null;
    reply({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
