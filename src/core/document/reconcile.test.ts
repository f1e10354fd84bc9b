import { beforeAll, describe, expect, it } from 'vitest';
import { importSql, initParser } from '../sql/import';
import type { Layout } from '../model/layout';
import type { SchemaModel } from '../model/types';
import { matchObjects, reconcileLayout } from './reconcile';

beforeAll(() => initParser());

const model = (sql: string): SchemaModel => importSql(sql).model;
const idOf = (m: SchemaModel, name: string, schema = 'public') =>
  Object.values(m.tables).find((t) => t.name === name && m.schemas[t.schemaId]?.name === schema)!.id;

const BASE = `
CREATE SCHEMA billing;
CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers, total numeric(10,2));
CREATE TABLE billing.invoices (id bigint PRIMARY KEY, order_id bigint REFERENCES orders);
CREATE VIEW big_orders AS SELECT * FROM orders WHERE total > 100;
`;

function layoutFor(m: SchemaModel): Layout {
  const c = idOf(m, 'customers');
  const o = idOf(m, 'orders');
  const i = idOf(m, 'invoices', 'billing');
  const v = Object.values(m.views)[0]!.id;
  return {
    nodes: { [c]: { x: 10, y: 20, color: '#ff0000' }, [o]: { x: 300, y: 20, collapsed: true }, [i]: { x: 600, y: 40 }, [v]: { x: 5, y: 500 } },
    areas: { a1: { id: 'a1', name: 'Sales', x: 0, y: 0, width: 800, height: 300, color: '#eee', members: [c, o] } },
    notes: { n1: { id: 'n1', text: 'hello', x: 1, y: 2, width: 100, height: 50, color: '#ffc' } },
  };
}

describe('reconcileLayout', () => {
  it('keeps positions, colours, areas and notes for tables matched by qualified name', () => {
    const a = model(BASE);
    const la = layoutFor(a);
    const b = model(BASE + '\nCREATE TABLE public.extra (x int);');
    const r = reconcileLayout({ schema: a, layout: la }, b);
    expect(r.layout.nodes[idOf(b, 'customers')]).toEqual({ x: 10, y: 20, color: '#ff0000' });
    expect(r.layout.nodes[idOf(b, 'orders')]).toEqual({ x: 300, y: 20, collapsed: true });
    expect(r.layout.nodes[idOf(b, 'invoices', 'billing')]).toEqual({ x: 600, y: 40 });
    expect(r.layout.nodes[Object.values(b.views)[0]!.id]).toEqual({ x: 5, y: 500 });
    expect(r.layout.areas.a1!.members).toEqual([idOf(b, 'customers'), idOf(b, 'orders')]);
    expect(r.layout.notes).toEqual(la.notes);
    expect(r.fresh).toEqual([idOf(b, 'extra')]);
    expect(r.removed).toEqual([]);
  });

  it('a renamed table with the same columns keeps its place', () => {
    const a = model(BASE);
    const b = model(BASE.replace(/customers/g, 'clients'));
    const r = reconcileLayout({ schema: a, layout: layoutFor(a) }, b);
    expect(r.layout.nodes[idOf(b, 'clients')]).toEqual({ x: 10, y: 20, color: '#ff0000' });
    expect(r.matched[idOf(b, 'clients')]).toBe(idOf(a, 'customers'));
    expect(r.fresh).toEqual([]);
  });

  it('a renamed table with different columns is new; the old one is dropped from areas', () => {
    const a = model(BASE);
    const b = model(BASE.replace('CREATE TABLE customers (id bigint PRIMARY KEY, email text NOT NULL)', 'CREATE TABLE people (id bigint PRIMARY KEY, name text)').replace('REFERENCES customers', 'REFERENCES people'));
    const r = reconcileLayout({ schema: a, layout: layoutFor(a) }, b);
    expect(r.fresh).toEqual([idOf(b, 'people')]);
    expect(r.removed).toEqual([idOf(a, 'customers')]);
    expect(r.layout.areas.a1!.members).toEqual([idOf(b, 'orders')]);
    expect(r.layout.nodes[idOf(b, 'people')]).toBeUndefined();
  });

  it('the same name in another schema is a different table', () => {
    const a = model('CREATE SCHEMA s; CREATE TABLE s.t (a int); CREATE TABLE t (b int);');
    const b = model('CREATE SCHEMA s; CREATE TABLE s.t (a int); CREATE TABLE t (b int);');
    const m = matchObjects(a, b);
    expect(m[idOf(b, 't', 's')]).toBe(idOf(a, 't', 's'));
    expect(m[idOf(b, 't')]).toBe(idOf(a, 't'));
  });

  it('does not guess between several identical renamed tables', () => {
    const a = model('CREATE TABLE a1 (x int); CREATE TABLE a2 (x int);');
    const b = model('CREATE TABLE b1 (x int); CREATE TABLE b2 (x int);');
    expect(matchObjects(a, b)).toEqual({});
  });

  it('does not modify its inputs', () => {
    const a = model(BASE);
    const la = layoutFor(a);
    const snapshot = JSON.stringify(la);
    const b = model(BASE);
    const r = reconcileLayout({ schema: a, layout: la }, b);
    r.layout.nodes[idOf(b, 'customers')]!.x = 999;
    r.layout.areas.a1!.name = 'x';
    expect(JSON.stringify(la)).toBe(snapshot);
  });
});
