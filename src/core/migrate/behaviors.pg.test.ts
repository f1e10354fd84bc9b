/**
 * Trigger behaviours in migrations: switching a behaviour on or off yields its up and down (the behaviour-generated
 * statements, ids `bh:<key>`, diffed like raw statements), proven both ways in PGlite with the harness and with
 * verifyMigration.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { freshDb } from '../../../tests/harness/pglite';
import { applyLikePsql } from '../../../tests/harness/apply';
import { readCatalog, type Catalog } from '../../../tests/harness/catalog';
import { diffCatalogs, formatCatalogDiff } from '../../../tests/harness/diff';
import { importSql } from '../sql/import/index';
import { exportDdl } from '../sql/export/ddl';
import { documentFromModel, type TablewrightDocument } from '../document/document';
import { History, type Command } from '../commands/history';
import type { Id, SchemaModel } from '../model/types';
import { initTriggers } from '../triggers/check';
import { disableAudit, disableUpdatedAt, enableAudit, enableSoftDelete, enableUpdatedAt } from '../triggers/commands';
import { diffModels, migrationSql, statementsToSql, verifyMigration } from './index';
import { pendingMigration, saveVersion } from './commands';

let base: PGlite;
beforeAll(async () => {
  await initTriggers();
  base = await freshDb();
});
afterAll(async () => {
  await base?.close();
});

const DDL = `
CREATE SCHEMA shop;
CREATE TABLE shop.customers (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE shop.orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES shop.customers (id), total numeric(10,2));
`;

function start(): { doc: TablewrightDocument; h: History; id: (name: string) => Id } {
  const r = importSql(DDL);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const doc = documentFromModel(r.model);
  const id = (name: string) => Object.values(doc.schema.tables).find((t) => t.name === name)!.id;
  return { doc, h: new History(), id };
}

function run(h: History, doc: TablewrightDocument, ...cmds: Command[]): TablewrightDocument {
  for (const c of cmds) {
    const r = h.apply(doc, c);
    expect(r.error).toBeUndefined();
    doc = r.doc;
  }
  return doc;
}

function significant(a: Catalog, b: Catalog): string {
  return formatCatalogDiff(diffCatalogs(a, b).filter((x) => !/\.columns \(order\)$/.test(x.path)));
}

/** Base DDL + up = target DDL's catalog; + down = base catalog (harness), and verifyMigration agrees. */
async function prove(from: SchemaModel, to: SchemaModel): Promise<{ up: string; down: string }> {
  const m = migrationSql(from, to);
  const up = statementsToSql(m.up);
  const down = statementsToSql(m.down);
  const targetDb = (await base.clone()) as PGlite;
  let target: Catalog;
  try {
    const r = await applyLikePsql(targetDb, exportDdl(to).sql);
    expect(r.errors.map((e) => e.message), 'target DDL').toEqual([]);
    target = await readCatalog(targetDb);
  } finally {
    await targetDb.close();
  }
  const db = (await base.clone()) as PGlite;
  try {
    const r0 = await applyLikePsql(db, exportDdl(from).sql);
    expect(r0.errors.map((e) => e.message), 'base DDL').toEqual([]);
    const baseCat = await readCatalog(db);
    const r1 = await applyLikePsql(db, up);
    expect(r1.errors.map((e) => `${e.message} :: ${e.sql}`), `up:\n${up}`).toEqual([]);
    expect(significant(target, await readCatalog(db)), `up:\n${up}`).toBe('');
    const r2 = await applyLikePsql(db, down);
    expect(r2.errors.map((e) => `${e.message} :: ${e.sql}`), `down:\n${down}`).toEqual([]);
    expect(significant(baseCat, await readCatalog(db)), `down:\n${down}`).toBe('');
  } finally {
    await db.close();
  }
  const vdb = (await base.clone()) as PGlite;
  try {
    const v = await verifyMigration(from, to, m.up, m.down, vdb);
    expect(v.differences, v.error).toEqual([]);
    expect(v.ok, v.error).toBe(true);
  } finally {
    await vdb.close();
  }
  return { up, down };
}

describe('behaviours in migrations', () => {
  it('updated_at on: function + trigger up, trigger + function dropped down; and off again', async () => {
    const { doc: d0, h, id } = start();
    const d1 = run(h, d0, enableUpdatedAt(id('customers')));
    const changes = diffModels(d0.schema, d1.schema);
    expect(changes.every((c) => c.kind === 'raw' && c.op === 'add' && c.id.startsWith('bh:'))).toBe(true);
    const { up, down } = await prove(d0.schema, d1.schema);
    expect(up).toMatch(/CREATE OR REPLACE FUNCTION "?public"?\."?set_updated_at/);
    expect(up).toMatch(/CREATE TRIGGER .* BEFORE UPDATE ON shop\.customers/);
    expect(down).toMatch(/DROP TRIGGER/);
    expect(down).toMatch(/DROP FUNCTION IF EXISTS public\.set_updated_at\(\);/);
    expect(down).not.toMatch(/MANUAL/);
    const m = migrationSql(d0.schema, d1.schema);
    expect([...m.up, ...m.down].some((s) => s.irreversible)).toBe(false);
    // off: the reverse direction, proven too
    const d2 = run(h, d1, disableUpdatedAt(id('customers')));
    const off = await prove(d1.schema, d2.schema);
    expect(off.up).toMatch(/DROP TRIGGER/);
    expect(off.down).toMatch(/CREATE TRIGGER/);
  });

  it('updated_at on a table without the column: the column is added with the behaviour; shared function kept for the other table', async () => {
    const { doc: d0, h, id } = start();
    const d1 = run(h, d0, enableUpdatedAt(id('customers')));
    const d2 = run(h, d1, enableUpdatedAt(id('orders')));
    const { up, down } = await prove(d1.schema, d2.schema);
    expect(up).toMatch(/ADD COLUMN updated_at timestamptz/i);
    expect(up).not.toMatch(/CREATE OR REPLACE FUNCTION/); // shared with customers, unchanged
    expect(down).not.toMatch(/DROP FUNCTION/);
    await prove(d2.schema, d0.schema);
  });

  it('audit (shared table) on and off', async () => {
    const { doc: d0, h, id } = start();
    const d1 = run(h, d0, enableAudit(id('customers')), enableAudit(id('orders')));
    const { up, down } = await prove(d0.schema, d1.schema);
    expect(up).toMatch(/CREATE TABLE IF NOT EXISTS public\.audit_log/);
    expect(down).toMatch(/DROP TABLE IF EXISTS public\.audit_log;/);
    const m = migrationSql(d0.schema, d1.schema);
    const drop = m.down.find((s) => /DROP TABLE IF EXISTS public\.audit_log/.test(s.sql))!;
    expect(drop.lossy).toBe(true);
    expect(drop.hazards.some((x) => x.kind === 'data-loss')).toBe(true);
    // one table off: the shared table and function stay
    const d2 = run(h, d1, disableAudit(id('orders')));
    const part = await prove(d1.schema, d2.schema);
    expect(part.up).not.toMatch(/audit_log/);
    expect(part.up).toMatch(/DROP TRIGGER/);
    // all off
    const d3 = run(h, d2, disableAudit(id('customers')));
    const off = await prove(d2.schema, d3.schema);
    expect(off.up).toMatch(/DROP TABLE IF EXISTS public\.audit_log;/);
  });

  it('audit (per-table history) and soft delete on and off', async () => {
    const { doc: d0, h, id } = start();
    const d1 = run(h, d0, enableAudit(id('orders'), 'per-table'), enableSoftDelete(id('customers'), { liveView: true, partialIndexes: true }));
    await prove(d0.schema, d1.schema);
    await prove(d1.schema, d0.schema);
  });

  it('the pending migration of a document picks the behaviour up after a saved version', async () => {
    const { doc: d0, h, id } = start();
    const d1 = run(h, d0, saveVersion('v1', ['REQ-1']), enableUpdatedAt(id('customers')));
    const p = pendingMigration(d1);
    expect(p.from.name).toBe('v1');
    expect(p.changes.length).toBeGreaterThan(0);
    expect(statementsToSql(p.migration.up)).toMatch(/CREATE TRIGGER/);
  });
});
