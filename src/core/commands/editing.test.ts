import { describe, expect, it } from 'vitest';
import { History } from './history';
import { addColumn, addTable, connectTables } from './schema';
import { addArea } from './layout';
import { addCheck, addEnum, copyTables, pasteTables, removeEnum, setAreaMembers, updateConstraint, updateEnum, updateIndex } from './editing';
import { newDocument, type TablewrightDocument } from '../document/document';

function setup() {
  let now = 0;
  const h = new History(100, 1000, () => now);
  let doc: TablewrightDocument = newDocument();
  const run = (c: Parameters<History['apply']>[1]) => {
    const r = h.apply(doc, c);
    doc = r.doc;
    return r;
  };
  return { h, get doc() { return doc; }, set doc(d) { doc = d; }, run, tick: (ms: number) => (now += ms) };
}

function shop() {
  const s = setup();
  const a: { id?: string } = {};
  const b: { id?: string } = {};
  s.run(addTable({ name: 'customers', x: 0, y: 0 }, a));
  s.run(addTable({ name: 'orders', x: 300, y: 0 }, b));
  s.run(connectTables(b.id!, a.id!));
  return Object.assign(s, { a: a.id!, b: b.id! });
}

describe('pasteTables', () => {
  it('duplicates with new ids, unique names, offset positions and FKs among the copies kept; undo removes them', () => {
    const s = shop();
    const before = s.doc;
    const clip = copyTables(s.doc, [s.a, s.b]);
    const out: { ids?: string[] } = {};
    expect(s.run(pasteTables(clip, { dx: 40, dy: 30 }, out)).changed).toBe(true);
    const [ca, cb] = out.ids!;
    const tables = s.doc.schema.tables;
    expect(ca).not.toBe(s.a);
    expect(tables[ca!]!.name).toBe('customers_copy');
    expect(tables[cb!]!.name).toBe('orders_copy');
    expect(s.doc.layout.nodes[cb!]).toMatchObject({ x: 340, y: 30 });
    const fk = tables[cb!]!.constraints.find((c) => c.kind === 'foreign');
    expect(fk && fk.kind === 'foreign' && fk.refTableId).toBe(ca);
    expect(fk && fk.kind === 'foreign' && fk.refColumns[0]).toBe(tables[ca!]!.columns[0]!.id);
    expect(tables[cb!]!.indexes[0]!.elements[0]!.column).toBe(tables[cb!]!.columns[1]!.id);
    // A second paste gets the next free name.
    s.run(pasteTables(clip));
    expect(Object.values(s.doc.schema.tables).map((t) => t.name).sort()).toEqual(['customers', 'customers_copy', 'customers_copy_2', 'orders', 'orders_copy', 'orders_copy_2']);
    s.doc = s.h.undo(s.doc);
    s.doc = s.h.undo(s.doc);
    expect(s.doc).toEqual(before);
  });

  it('a copied child alone keeps its FK to the original parent', () => {
    const s = shop();
    const out: { ids?: string[] } = {};
    s.run(pasteTables(copyTables(s.doc, [s.b]), undefined, out));
    const fk = s.doc.schema.tables[out.ids![0]!]!.constraints.find((c) => c.kind === 'foreign');
    expect(fk && fk.kind === 'foreign' && fk.refTableId).toBe(s.a);
  });
});

describe('enums', () => {
  it('adds, renames (columns follow), relabels keeping ids, removes; all undoable', () => {
    const s = shop();
    const e: { id?: string } = {};
    s.run(addEnum('status', ['new', 'paid']));
    const id = Object.keys(s.doc.schema.types)[0]!;
    e.id = id;
    s.run(addColumn(s.b, { name: 'status', type: 'public.status', typeRef: id }));
    const labelIds = (s.doc.schema.types[id] as any).values.map((v: any) => v.id);
    s.run(updateEnum(id, { name: 'order_status' }));
    expect(s.doc.schema.tables[s.b]!.columns.find((c) => c.name === 'status')!.type).toBe('public.order_status');
    s.run(updateEnum(id, { labels: ['new', 'settled', 'shipped'] }));
    const vals = (s.doc.schema.types[id] as any).values;
    expect(vals.map((v: any) => v.label)).toEqual(['new', 'settled', 'shipped']);
    expect(vals[0].id).toBe(labelIds[0]);
    expect(vals[1].id).toBe(labelIds[1]);
    expect(s.run(updateEnum(id, { labels: ['a', 'a'] })).error).toMatch(/unique/);
    const beforeRemove = s.doc;
    s.run(removeEnum(id));
    expect(s.doc.schema.types[id]).toBeUndefined();
    expect(s.doc.schema.tables[s.b]!.columns.find((c) => c.name === 'status')!.type).toBe('text');
    s.doc = s.h.undo(s.doc);
    expect(s.doc).toEqual(beforeRemove);
  });
});

describe('checks, constraints, indexes, areas', () => {
  it('adds and edits a CHECK; edits coalesce into one step', () => {
    const s = shop();
    const out: { id?: string } = {};
    s.run(addCheck(s.b, 'id > 0', 'orders_id_positive', out));
    const steps = s.h.past.length;
    s.run(updateConstraint(s.b, out.id!, { expr: 'id > 1' }));
    s.run(updateConstraint(s.b, out.id!, { expr: 'id > 10' }));
    expect(s.h.past.length).toBe(steps + 1);
    expect(s.doc.schema.tables[s.b]!.constraints.find((c) => c.id === out.id)).toMatchObject({ kind: 'check', expr: 'id > 10', name: 'orders_id_positive' });
    expect(s.run(addCheck(s.b, '  ')).error).toBeTruthy();
    s.doc = s.h.undo(s.doc);
    expect(s.doc.schema.tables[s.b]!.constraints.find((c) => c.id === out.id)).toMatchObject({ expr: 'id > 0' });
  });

  it('edits an index and sets area members', () => {
    const s = shop();
    const ix = s.doc.schema.tables[s.b]!.indexes[0]!;
    s.run(updateIndex(s.b, ix.id, { unique: true, name: 'orders_customer_uq' }));
    expect(s.doc.schema.tables[s.b]!.indexes[0]).toMatchObject({ unique: true, name: 'orders_customer_uq' });
    expect(s.run(updateIndex(s.b, ix.id, { columns: [] })).error).toBeTruthy();
    const area: { id?: string } = {};
    s.run(addArea({ name: 'Sales', x: 0, y: 0, width: 500, height: 300, color: '#fde68a', members: [] }, area));
    s.run(setAreaMembers({ [area.id!]: [s.a, s.b] }));
    expect(s.doc.layout.areas[area.id!]!.members).toEqual([s.a, s.b]);
    s.doc = s.h.undo(s.doc);
    expect(s.doc.layout.areas[area.id!]!.members).toEqual([]);
  });
});
