import { beforeAll, describe, expect, it } from 'vitest';
import { importSql, initParser } from './index';
import { filterModel, schemaSummary, searchTables } from './filter';
import { exportDdl } from '../export/ddl';
import type { SchemaModel } from '../../model/types';
import { corpusAvailable, readCorpus } from '../../../../tests/harness/corpus';
import { withFreshDb } from '../../../../tests/harness/pglite';
import { applyLikePsql } from '../../../../tests/harness/apply';
import { readCatalog } from '../../../../tests/harness/catalog';

beforeAll(async () => {
  await initParser();
});

const SQL = `
CREATE SCHEMA sales;
CREATE SCHEMA hr;
CREATE TYPE sales.status AS ENUM ('open', 'closed');
CREATE DOMAIN hr.email AS text CHECK (VALUE LIKE '%@%');
CREATE SEQUENCE hr.badge_seq;
CREATE TABLE hr.employee (id int PRIMARY KEY, email hr.email, badge int DEFAULT nextval('hr.badge_seq'));
CREATE TABLE sales.region (id int PRIMARY KEY, manager_id int REFERENCES hr.employee (id));
CREATE TABLE sales.customer (id serial PRIMARY KEY, region_id int REFERENCES sales.region (id));
CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int CONSTRAINT orders_customer_fk REFERENCES sales.customer (id), status sales.status NOT NULL);
CREATE TABLE sales.line (order_id int REFERENCES sales.orders (id), n int);
CREATE VIEW sales.open_orders AS SELECT id FROM sales.orders WHERE status = 'open';
CREATE VIEW hr.staff AS SELECT id FROM hr.employee;
CREATE FUNCTION hr.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER employee_touch BEFORE UPDATE ON hr.employee FOR EACH ROW EXECUTE FUNCTION hr.touch();
CREATE TABLE sales.events (id int, at date NOT NULL, customer_id int REFERENCES sales.customer (id)) PARTITION BY RANGE (at);
CREATE TABLE sales.events_2024 PARTITION OF sales.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE sales.events_2025 PARTITION OF sales.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
`;

function load(sql: string): SchemaModel {
  const r = importSql(sql);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.model;
}
const names = (m: SchemaModel) =>
  Object.values(m.tables)
    .map((t) => `${m.schemas[t.schemaId]!.name}.${t.name}`)
    .sort();
const idOf = (m: SchemaModel, q: string) => Object.values(m.tables).find((t) => `${m.schemas[t.schemaId]!.name}.${t.name}` === q)!.id;
const schemaId = (m: SchemaModel, n: string) => Object.values(m.schemas).find((s) => s.name === n)!.id;

describe('filterModel', () => {
  it('keeps one chosen table alone and notes every foreign key it loses', () => {
    const m = load(SQL);
    const r = filterModel(m, { tables: [idOf(m, 'sales.orders')] });
    expect(names(r.model)).toEqual(['sales.orders']);
    expect(r.stats.droppedForeignKeys).toBe(1);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]!.message).toContain('orders_customer_fk');
    expect(r.diagnostics[0]!.message).toContain('sales.customer');
    expect(Object.values(r.model.tables)[0]!.constraints.some((c) => c.kind === 'foreign')).toBe(false);
    // The enum the table uses comes along; the other schema's objects do not.
    expect(Object.values(r.model.types).map((t) => t.name)).toEqual(['status']);
    expect(Object.values(r.model.schemas).map((s) => s.name)).toEqual(['sales']);
    expect(Object.values(r.model.views).map((v) => v.name)).toEqual(['open_orders']);
    expect(Object.values(r.model.raw).some((x) => /touch/.test(x.sql))).toBe(false);
    // The input model is untouched.
    expect(Object.keys(m.tables)).toHaveLength(8);
  });

  it('follows referenced tables to the chosen depth', () => {
    const m = load(SQL);
    const orders = idOf(m, 'sales.orders');
    expect(names(filterModel(m, { tables: [orders], related: { depth: 1 } }).model)).toEqual(['sales.customer', 'sales.orders']);
    const two = filterModel(m, { tables: [orders], related: { depth: 2 } });
    expect(names(two.model)).toEqual(['sales.customer', 'sales.orders', 'sales.region']);
    expect(two.stats.relatedTables).toBe(2);
    expect(two.diagnostics.map((d) => d.message).join('\n')).toMatch(/sales\.region is left out: it references hr\.employee|of sales\.region is left out: it references hr\.employee/);
    const three = filterModel(m, { tables: [orders], related: { depth: 3 } });
    expect(names(three.model)).toEqual(['hr.employee', 'sales.customer', 'sales.orders', 'sales.region']);
    expect(three.diagnostics).toEqual([]);
    // The employee's domain, sequence, trigger function and trigger come with it.
    expect(Object.values(three.model.types).map((t) => t.name).sort()).toEqual(['email', 'status']);
    expect(Object.values(three.model.sequences).map((s) => s.name)).toContain('badge_seq');
    expect(Object.values(three.model.raw).filter((x) => /touch/.test(x.sql))).toHaveLength(2);
  });

  it('can follow foreign keys the other way (tables that reference the chosen ones)', () => {
    const m = load(SQL);
    const r = filterModel(m, { tables: [idOf(m, 'sales.orders')], related: { depth: 1, referencing: true } });
    expect(names(r.model)).toEqual(['sales.customer', 'sales.line', 'sales.orders']);
  });

  it('keeps whole schemas, partitions with their parent and a parent with its partitions', () => {
    const m = load(SQL);
    const hr = filterModel(m, { schemas: [schemaId(m, 'hr')] });
    expect(names(hr.model)).toEqual(['hr.employee']);
    expect(Object.values(hr.model.views).map((v) => v.name)).toEqual(['staff']);
    const ev = filterModel(m, { tables: [idOf(m, 'sales.events_2024')] });
    expect(names(ev.model)).toEqual(['sales.events', 'sales.events_2024', 'sales.events_2025']);
    expect(ev.diagnostics).toHaveLength(1); // events → customer
    const sales = filterModel(m, { schemas: [schemaId(m, 'sales')] });
    expect(names(sales.model)).toHaveLength(7);
    expect(sales.diagnostics.map((d) => d.message)).toEqual([expect.stringContaining('references hr.employee')]);
  });

  it('summarises schemas with partitions counted apart, and searches tables', () => {
    const m = load(SQL);
    const s = schemaSummary(m);
    expect(s.find((x) => x.name === 'sales')).toMatchObject({ tables: 5, partitions: 2 });
    expect(s.find((x) => x.name === 'hr')).toMatchObject({ tables: 1, partitions: 0 });
    expect(searchTables(m, 'ORD').map((x) => x.label)).toEqual(['sales.orders']);
    expect(searchTables(m, 'events').map((x) => x.label)).toEqual(['sales.events']);
  });

  it('exports DDL that PostgreSQL accepts for a filtered two-schema model', async () => {
    const m = load(SQL);
    for (const f of [{ tables: [idOf(m, 'sales.orders')] }, { schemas: [schemaId(m, 'sales')] }, { tables: [idOf(m, 'sales.line')], related: { depth: 2 } }]) {
      const r = filterModel(m, f);
      const sql = exportDdl(r.model).sql;
      const res = await withFreshDb((db) => applyLikePsql(db, sql));
      expect(res.errors.map((e) => e.message)).toEqual([]);
    }
  });
});

const ROLES = ['postgres'];
describe.runIf(corpusAvailable())('filtered pagila in PostgreSQL', () => {
  it('rental and its neighbours, and payment with its partitions, apply cleanly', async () => {
    const pagila = readCorpus('pagila');
    const m = load(pagila);
    const applyWithRoles = (sql: string) =>
      withFreshDb(async (db) => {
        await db.exec(ROLES.map((x) => `DO $$ BEGIN CREATE ROLE ${x}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`).join('\n'));
        const result = await applyLikePsql(db, sql);
        return { result, catalog: await readCatalog(db, { roles: false }) };
      });
    // What fails for the original file here (an extension PGlite does not ship) may fail again; nothing else may.
    const original = await applyWithRoles(pagila);
    const allowed = new Set(original.result.errors.map((e) => e.message));
    const cases = [
      { filter: { tables: [idOf(m, 'public.rental')], related: { depth: 1 } }, tables: ['customer', 'inventory', 'rental', 'staff'] },
      { filter: { tables: [idOf(m, 'public.payment')] }, tables: null },
    ];
    for (const c of cases) {
      const r = filterModel(m, c.filter);
      expect(r.diagnostics.length).toBeGreaterThan(0);
      const sql = exportDdl(r.model).sql;
      const { result, catalog } = await applyWithRoles(sql);
      expect(result.errors.filter((e) => !allowed.has(e.message)).map((e) => `${e.line}: ${e.message}`)).toEqual([]);
      expect(result.statements).toBeGreaterThan(10);
      const built = Object.keys(catalog.tables).map((k) => k.replace(/^public\./, '')).sort();
      if (c.tables) expect(built).toEqual(c.tables);
      else {
        expect(built).toContain('payment');
        expect(built.filter((n) => n.startsWith('payment_p'))).toHaveLength(Object.values(m.tables).filter((t) => t.partitionOf).length);
      }
    }
  });
});
