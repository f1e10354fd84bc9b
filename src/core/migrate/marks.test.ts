import { beforeAll, describe, expect, it } from 'vitest';
import { History } from '../commands/history';
import { addColumn, addIndex, addTable, deleteTables, removeColumn, renameTable, setTableComment, updateColumn } from '../commands/schema';
import { documentFromModel, newDocument, type TablewrightDocument } from '../document/document';
import { importSql, initParser } from '../sql/import/index';
import type { Command } from '../commands/history';
import { diffModels } from './index';
import { changeMarks, decodeTableMark, encodeMarks, encodeTableMark, type TableMark } from './marks';
import type { Change } from './types';

beforeAll(async () => {
  await initParser();
});

/** A document with users(id, email, name), orders(id, total), tags(id, label). */
function setup() {
  const h = new History();
  let doc: TablewrightDocument = newDocument();
  const run = (c: Command) => {
    const r = h.apply(doc, c);
    if (r.error) throw new Error(r.error);
    doc = r.doc;
  };
  const users: { id?: string } = {};
  const orders: { id?: string } = {};
  const tags: { id?: string } = {};
  const email: { id?: string } = {};
  const name: { id?: string } = {};
  const total: { id?: string } = {};
  run(addTable({ name: 'users' }, users));
  run(addColumn(users.id!, { name: 'email', type: 'text' }, undefined, email));
  run(addColumn(users.id!, { name: 'name', type: 'text' }, undefined, name));
  run(addTable({ name: 'orders' }, orders));
  run(addColumn(orders.id!, { name: 'total', type: 'numeric' }, undefined, total));
  run(addTable({ name: 'tags' }, tags));
  const base = doc.schema;
  return { run, base, get doc() { return doc; }, ids: { users: users.id!, orders: orders.id!, tags: tags.id!, email: email.id!, name: name.id!, total: total.id! } };
}

describe('changeMarks: diff result → canvas marks', () => {
  it('no changes, no marks', () => {
    const s = setup();
    const m = changeMarks(diffModels(s.base, s.doc.schema), s.doc.schema);
    expect(m).toEqual({ tables: {}, dropped: [] });
  });

  it('added, renamed, altered tables; added, renamed, changed columns; dropped tables and columns listed', () => {
    const s = setup();
    const { ids } = s;
    s.run(renameTable(ids.orders, 'purchases'));
    const created: { id?: string } = {};
    s.run(addTable({ name: 'invoices' }, created));
    s.run(addColumn(created.id!, { name: 'amount', type: 'numeric' }));
    const phone: { id?: string } = {};
    s.run(addColumn(ids.users, { name: 'phone', type: 'text' }, undefined, phone));
    s.run(updateColumn(ids.users, ids.email, { name: 'email_address' }));
    s.run(updateColumn(ids.users, ids.name, { type: 'varchar(200)' }));
    s.run(removeColumn(ids.orders, ids.total));
    s.run(deleteTables([ids.tags]));
    const to = s.doc.schema;
    const marks = changeMarks(diffModels(s.base, to), to);

    expect(marks.tables[created.id!]).toEqual({ kinds: ['added'], columns: {}, columnsFrom: {} });
    expect(marks.tables[ids.orders]!.kinds).toEqual(['renamed', 'changed']);
    expect(marks.tables[ids.orders]!.renamedFrom).toBe('orders');
    expect(marks.tables[ids.orders]!.columns).toEqual({});
    expect(marks.tables[ids.users]).toEqual({
      kinds: ['changed'],
      columns: { [phone.id!]: 'added', [ids.email]: 'renamed', [ids.name]: 'changed' },
      columnsFrom: { [ids.email]: 'email' },
    });
    expect(Object.keys(marks.tables).sort()).toEqual([created.id!, ids.orders, ids.users].sort());
    expect(marks.dropped).toEqual(
      expect.arrayContaining([
        { kind: 'table', id: ids.tags, label: expect.stringContaining('tags') },
        { kind: 'column', id: ids.total, label: expect.stringContaining('total'), tableId: ids.orders },
      ]),
    );
    expect(marks.dropped).toHaveLength(2);
  });

  it('a renamed table is only "renamed" although its derived constraint and index names follow; a renamed index alone is a change', () => {
    const model = importSql('CREATE TABLE products (id int PRIMARY KEY, sku text UNIQUE, price numeric CHECK (price >= 0)); CREATE INDEX products_price_idx ON products (price);').model;
    const h = new History();
    let doc = documentFromModel(model, 'shop');
    const id = Object.keys(doc.schema.tables)[0]!;
    doc = h.apply(doc, renameTable(id, 'catalog_items')).doc;
    const changes = diffModels(model, doc.schema);
    // the test means something only when the plan does rename the derived names
    expect(changes.filter((c) => c.op === 'rename' && c.kind === 'constraint').length).toBeGreaterThan(0);
    expect(changeMarks(changes, doc.schema).tables[id]!.kinds).toEqual(['renamed']);

    const only: Change[] = [{ op: 'rename', kind: 'index', id: 'ix', parentId: id, label: 'index x', from: 'a', to: 'b' }];
    expect(changeMarks(only, doc.schema).tables[id]!.kinds).toEqual(['changed']);
  });

  it('indexes and table comments mark their table as changed, without column marks', () => {
    const s = setup();
    s.run(addIndex(s.ids.orders, { unique: false, method: 'btree', elements: [{ column: s.ids.total }] }));
    s.run(setTableComment(s.ids.users, 'People who log in'));
    const to = s.doc.schema;
    const changes = diffModels(s.base, to);
    expect(changes.find((c) => c.kind === 'index')?.parentId).toBe(s.ids.orders);
    const marks = changeMarks(changes, to);
    expect(marks.tables[s.ids.orders]).toEqual({ kinds: ['changed'], columns: {}, columnsFrom: {} });
    expect(marks.tables[s.ids.users]).toEqual({ kinds: ['changed'], columns: {}, columnsFrom: {} });
  });

  it('a column comment marks the column changed; a renamed and altered column stays "renamed"', () => {
    const s = setup();
    s.run(updateColumn(s.ids.users, s.ids.name, { comment: 'Display name' }));
    s.run(updateColumn(s.ids.users, s.ids.email, { name: 'mail' }));
    s.run(updateColumn(s.ids.users, s.ids.email, { nullable: false }));
    const to = s.doc.schema;
    const marks = changeMarks(diffModels(s.base, to), to);
    expect(marks.tables[s.ids.users]!.columns).toEqual({ [s.ids.name]: 'changed', [s.ids.email]: 'renamed' });
  });

  it('changes of tables that are not in the target model (another version) are ignored, drops still listed', () => {
    const s = setup();
    const changes: Change[] = [
      { op: 'add', kind: 'table', id: 'nowhere', label: 'table public.nowhere' },
      { op: 'add', kind: 'column', id: 'c1', parentId: 'nowhere', label: 'column public.nowhere.x' },
      { op: 'drop', kind: 'column', id: 'c2', parentId: 'gone', label: 'column public.gone.y' },
      { op: 'alter', kind: 'enum', id: 'e1', label: 'enum public.mood' },
    ];
    const marks = changeMarks(changes, s.doc.schema);
    expect(marks.tables).toEqual({});
    expect(marks.dropped).toEqual([{ kind: 'column', id: 'c2', label: 'column public.gone.y', tableId: 'gone' }]);
  });
});

describe('table mark strings', () => {
  const mark: TableMark = { kinds: ['renamed', 'changed'], renamedFrom: 'a"b', columns: { z: 'added', a: 'renamed' }, columnsFrom: { a: 'old' } };

  it('round-trips and is independent of key order', () => {
    const s = encodeTableMark(mark);
    expect(decodeTableMark(s)).toEqual(mark);
    const reordered: TableMark = { kinds: ['renamed', 'changed'], renamedFrom: 'a"b', columns: { a: 'renamed', z: 'added' }, columnsFrom: { a: 'old' } };
    expect(encodeTableMark(reordered)).toBe(s);
    expect(encodeTableMark({ ...mark, kinds: ['changed'] })).not.toBe(s);
  });

  it('empty or unreadable strings give null; encodeMarks keys by table', () => {
    expect(decodeTableMark('')).toBeNull();
    expect(decodeTableMark('{not json')).toBeNull();
    expect(encodeMarks({ tables: { t1: mark }, dropped: [] })).toEqual({ t1: encodeTableMark(mark) });
  });
});
