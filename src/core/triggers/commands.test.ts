import { describe, expect, it } from 'vitest';
import { History } from '../commands/history';
import { addTable } from '../commands/schema';
import { newDocument } from '../document/document';
import { loadDocumentValue } from '../document/load';
import { addCounter, disableAudit, disableSoftDelete, disableUpdatedAt, enableAudit, enableSearch, enableSoftDelete, enableUpdatedAt, removeCounter } from './commands';

describe('behaviour commands', () => {
  it('switch behaviours on (adding columns) and off, undoably; the document stays valid', () => {
    const h = new History();
    let doc = newDocument();
    const p: { id?: string } = {};
    doc = h.apply(doc, addTable({ name: 'authors' }, p)).doc;
    const t = () => doc.schema.tables[p.id!]!;
    doc = h.apply(doc, enableUpdatedAt(p.id!)).doc;
    expect(t().columns.find((c) => c.name === 'updated_at')).toMatchObject({ type: 'timestamptz', nullable: false, default: 'now()' });
    doc = h.apply(doc, enableSoftDelete(p.id!, { liveView: true })).doc;
    doc = h.apply(doc, enableAudit(p.id!, 'per-table', { table: 'authors_log' })).doc;
    doc = h.apply(doc, enableSearch(p.id!, { sources: ['id'], weights: { id: 'B' } })).doc;
    const idCol = t().columns.find((c) => c.name === 'id')!.id;
    expect(doc.schema.behaviors?.[p.id!]).toEqual({
      updatedAt: { column: 'updated_at' },
      softDelete: { column: 'deleted_at', interceptDelete: true, liveView: true },
      audit: { mode: 'per-table', table: 'authors_log' },
      search: { column: 'search_vector', sources: [idCol], config: 'simple', weights: { [idCol]: 'B' } },
    });
    expect(loadDocumentValue(JSON.parse(JSON.stringify(doc))).ok).toBe(true);
    const c: { id?: string } = {};
    doc = h.apply(doc, addTable({ name: 'books' }, c)).doc;
    const r = h.apply(doc, addCounter(p.id!, c.id!, 'nope'));
    expect(r.error).toMatch(/no foreign key/);
    doc = h.apply(doc, disableUpdatedAt(p.id!)).doc;
    doc = h.apply(doc, disableSoftDelete(p.id!)).doc;
    expect(t().columns.map((x) => x.name)).toContain('deleted_at'); // the data column stays
    doc = h.undo(doc);
    expect(doc.schema.behaviors?.[p.id!]?.softDelete).toBeDefined();
    doc = h.redo(doc);
    doc = h.apply(doc, disableAudit(p.id!)).doc;
    doc = h.apply(doc, removeCounter(p.id!, 'none')).doc;
    expect(Object.keys(doc.schema.behaviors?.[p.id!] ?? {})).toEqual(['search']);
  });
});
