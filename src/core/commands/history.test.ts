import { describe, expect, it } from 'vitest';
import { History } from './history';
import { addColumn, addTable, connectTables, createJunction, deleteTables, deletionImpact, removeColumn, renameTable, setPrimaryKey, updateColumn } from './schema';
import { moveNodes } from './layout';
import { newDocument, type TablewrightDocument } from '../document/document';
import { primaryKey } from '../model/query';

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

describe('History', () => {
  it('undoes and redoes every command from patches, restoring identical documents', () => {
    const s = setup();
    const d0 = s.doc;
    const a: { id?: string } = {};
    s.run(addTable({ name: 'customers', x: 10, y: 20 }, a));
    const d1 = s.doc;
    const b: { id?: string } = {};
    s.run(addTable({ name: 'orders', x: 300, y: 20 }, b));
    s.run(connectTables(b.id!, a.id!));
    const d3 = s.doc;
    const orders = d3.schema.tables[b.id!]!;
    expect(orders.columns.map((c) => c.name)).toEqual(['id', 'customer_id']);
    expect(orders.constraints.find((c) => c.kind === 'foreign')).toMatchObject({ refTableId: a.id });
    s.doc = s.h.undo(s.doc);
    s.doc = s.h.undo(s.doc);
    expect(s.doc).toEqual(d1);
    s.doc = s.h.undo(s.doc);
    expect(s.doc).toEqual(d0);
    s.doc = s.h.redo(s.h.redo(s.h.redo(s.doc)));
    expect(s.doc).toEqual(d3);
  });

  it('coalesces a drag and a burst of typing into one undo step each', () => {
    const s = setup();
    const a: { id?: string } = {};
    s.run(addTable({ name: 't' }, a));
    for (let i = 1; i <= 20; i++) {
      s.tick(16);
      s.run(moveNodes({ [a.id!]: { x: i * 5, y: i } }));
    }
    const col = s.doc.schema.tables[a.id!]!.columns[0]!.id;
    for (const name of ['c', 'cu', 'cus', 'cust']) {
      s.tick(100);
      s.run(updateColumn(a.id!, col, { name }));
    }
    expect(s.h.past).toHaveLength(3);
    expect(s.doc.layout.nodes[a.id!]).toMatchObject({ x: 100, y: 20 });
    s.doc = s.h.undo(s.doc);
    expect(s.doc.schema.tables[a.id!]!.columns[0]!.name).toBe('id');
    s.doc = s.h.undo(s.doc);
    expect(s.doc.layout.nodes[a.id!]).toMatchObject({ x: 0, y: 0 });
  });

  it('a slow drag is still one step until sealed', () => {
    const s = setup();
    const a: { id?: string } = {};
    s.run(addTable({ name: 't' }, a));
    for (let i = 1; i <= 5; i++) {
      s.tick(3000);
      s.run(moveNodes({ [a.id!]: { x: i, y: i } }));
    }
    s.h.seal();
    s.run(moveNodes({ [a.id!]: { x: 50, y: 50 } }));
    expect(s.h.past.map((e) => e.label)).toEqual(['Add table t', 'Move', 'Move']);
    s.doc = s.h.undo(s.doc);
    expect(s.doc.layout.nodes[a.id!]).toMatchObject({ x: 5, y: 5 });
  });

  it('a gesture (drag) is one step even when its commands have different keys', () => {
    const s = setup();
    const a: { id?: string } = {};
    const b: { id?: string } = {};
    s.run(addTable({ name: 'a' }, a));
    s.run(addTable({ name: 'b' }, b));
    const before = s.doc;
    s.h.beginGesture();
    s.run(moveNodes({ [a.id!]: { x: 10, y: 10 } }));
    s.tick(5000);
    s.run(moveNodes({ [a.id!]: { x: 20, y: 20 }, [b.id!]: { x: 5, y: 5 } }));
    s.run(renameTable(a.id!, 'a2'));
    s.h.seal();
    s.run(moveNodes({ [a.id!]: { x: 30, y: 30 } }));
    expect(s.h.past).toHaveLength(4);
    s.doc = s.h.undo(s.h.undo(s.doc));
    expect(s.doc).toEqual(before);
  });

  it('does not coalesce after the merge window or a seal', () => {
    const s = setup();
    const a: { id?: string } = {};
    s.run(addTable({ name: 't' }, a));
    s.run(renameTable(a.id!, 'u'));
    s.tick(5000);
    s.run(renameTable(a.id!, 'v'));
    s.h.seal();
    s.run(renameTable(a.id!, 'w'));
    expect(s.h.past.map((e) => e.label)).toEqual(['Add table t', 'Rename table to u', 'Rename table to v', 'Rename table to w']);
  });

  it('a failing command leaves the document untouched and records nothing', () => {
    const s = setup();
    const before = s.doc;
    const r = s.run(renameTable('nope', 'x'));
    expect(r.error).toMatch(/No table/);
    expect(s.doc).toBe(before);
    expect(s.h.canUndo).toBe(false);
  });

  it('deleting a table removes FKs pointing at it, and undo restores them', () => {
    const s = setup();
    const a: { id?: string } = {};
    const b: { id?: string } = {};
    s.run(addTable({ name: 'customers' }, a));
    s.run(addTable({ name: 'orders' }, b));
    s.run(connectTables(b.id!, a.id!));
    const impact = deletionImpact(s.doc.schema, [a.id!]);
    expect(impact.map((x) => x.table.name)).toEqual(['orders']);
    const before = s.doc;
    s.run(deleteTables([a.id!]));
    expect(s.doc.schema.tables[a.id!]).toBeUndefined();
    expect(s.doc.schema.tables[b.id!]!.constraints.some((c) => c.kind === 'foreign')).toBe(false);
    s.doc = s.h.undo(s.doc);
    expect(s.doc).toEqual(before);
  });

  it('removing a column drops constraints and indexes that use it', () => {
    const s = setup();
    const a: { id?: string } = {};
    const b: { id?: string } = {};
    s.run(addTable({ name: 'customers' }, a));
    s.run(addTable({ name: 'orders' }, b));
    const o: { columnIds?: string[] } = {};
    s.run(connectTables(b.id!, a.id!, o));
    s.run(removeColumn(b.id!, o.columnIds![0]!));
    const t = s.doc.schema.tables[b.id!]!;
    expect(t.constraints.map((c) => c.kind)).toEqual(['primary']);
    expect(t.indexes).toEqual([]);
  });

  it('creates a junction table with a composite key and an index for the second FK', () => {
    const s = setup();
    const a: { id?: string } = {};
    const b: { id?: string } = {};
    const j: { id?: string } = {};
    s.run(addTable({ name: 'posts' }, a));
    s.run(addTable({ name: 'tags' }, b));
    s.run(createJunction(a.id!, b.id!, {}, j));
    const jt = s.doc.schema.tables[j.id!]!;
    expect(jt.name).toBe('post_tags');
    expect(jt.columns.map((c) => c.name)).toEqual(['post_id', 'tag_id']);
    expect(primaryKey(jt)!.columns).toEqual(jt.columns.map((c) => c.id));
    expect(jt.indexes[0]!.elements).toEqual([{ column: jt.columns[1]!.id }]);
  });

  it('PK columns become NOT NULL; a PK column cannot be made nullable', () => {
    const s = setup();
    const a: { id?: string } = {};
    s.run(addTable({ name: 't', withId: false }, a));
    const c: { id?: string } = {};
    s.run(addColumn(a.id!, { name: 'code', type: 'text' }, undefined, c));
    s.run(setPrimaryKey(a.id!, [c.id!]));
    expect(s.doc.schema.tables[a.id!]!.columns[0]!.nullable).toBe(false);
    expect(s.run(updateColumn(a.id!, c.id!, { nullable: true })).error).toMatch(/cannot be nullable/);
  });
});
