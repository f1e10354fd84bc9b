import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { newDocument, type TablewrightDocument } from '../../core/document/document';
import type { Table } from '../../core/model/types';
import { decodeDocument, TableMirror } from './mirror';

function doc(n: number): TablewrightDocument {
  const d = newDocument('m');
  for (let i = 0; i < n; i++) {
    const t: Table = { id: `t${i}`, schemaId: 's', name: `table_${i}`, columns: [], constraints: [], indexes: [], seq: i };
    d.schema.tables[t.id] = t;
  }
  return d;
}

/** What the worker would hold and rebuild, with a structured clone at the boundary like postMessage. */
function roundTrip(m: TableMirror, store: Map<number, Table>, d: TablewrightDocument) {
  const enc = m.encode(d);
  for (const [k, t] of structuredClone(enc.missing)) store.set(k, t);
  const out = decodeDocument(structuredClone(enc.doc), store);
  enc.commit();
  return { sent: enc.missing.length, out };
}

describe('table mirror', () => {
  it('sends every table once, then only the tables that changed; the worker rebuilds the same document', () => {
    const m = new TableMirror();
    const store = new Map<number, Table>();
    const d1 = doc(5);
    const r1 = roundTrip(m, store, d1);
    expect(r1.sent).toBe(5);
    expect(r1.out).toEqual(d1);
    expect(Object.keys(r1.out.schema.tables)).toEqual(Object.keys(d1.schema.tables));

    const d2 = produce(d1, (x) => void (x.schema.tables['t3']!.name = 'renamed'));
    const r2 = roundTrip(m, store, d2);
    expect(r2.sent).toBe(1);
    expect(r2.out).toEqual(d2);
    // The worker forgot the old object of t3: it holds exactly the 5 tables in use.
    expect(store.size).toBe(5);

    const d3 = produce(d2, (x) => void delete x.schema.tables['t0']);
    const r3 = roundTrip(m, store, d3);
    expect(r3.sent).toBe(0);
    expect(r3.out).toEqual(d3);
    expect(store.size).toBe(4);
  });

  it('versions sharing table objects with the working copy cost nothing extra; an older object is kept for them', () => {
    const m = new TableMirror();
    const store = new Map<number, Table>();
    const d1 = doc(3);
    const withVersion = produce(d1, (x) => void (x.versions = [{ id: 'v1', name: 'import', createdAt: '2026-01-01T00:00:00Z', requirementIds: [], schema: d1.schema }]));
    expect(withVersion.versions![0]!.schema.tables['t0']).toBe(withVersion.schema.tables['t0']);
    const r1 = roundTrip(m, store, withVersion);
    expect(r1.sent).toBe(3);
    expect(r1.out).toEqual(withVersion);
    const edited = produce(withVersion, (x) => void (x.schema.tables['t1']!.name = 'changed'));
    const r2 = roundTrip(m, store, edited);
    expect(r2.sent).toBe(1);
    expect(r2.out.versions![0]!.schema.tables['t1']!.name).toBe('table_1');
    expect(r2.out.schema.tables['t1']!.name).toBe('changed');
    expect(store.size).toBe(4);
  });

  it('after a reset (new worker) everything is sent again, and a missing table is an error, not a wrong document', () => {
    const m = new TableMirror();
    const d = doc(2);
    roundTrip(m, new Map(), d);
    m.reset();
    const fresh = new Map<number, Table>();
    expect(roundTrip(m, fresh, d).sent).toBe(2);
    const enc = new TableMirror().encode(d);
    expect(() => decodeDocument(enc.doc, new Map())).toThrow(/was not sent/);
  });
});
