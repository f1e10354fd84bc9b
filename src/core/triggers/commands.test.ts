import { describe, expect, it } from 'vitest';
import { History } from '../commands/history';
import { addTable } from '../commands/schema';
import { newDocument } from '../document/document';
import { loadDocumentValue } from '../document/load';
import { addCounter, disableAudit, disableSoftDelete, disableUpdatedAt, enableAudit, enableSearch, enableSoftDelete, enableUpdatedAt, removeCounter } from './commands';
import { setAuditOptions, setCounterOptions, setSearchOptions, setSoftDeleteOptions, setUpdatedAtOptions } from './commands';
import type { TablewrightDocument } from '../document/document';
import type { Command } from '../commands/history';

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

describe('behaviour option commands', () => {
  function setup() {
    const h = new History();
    let doc = newDocument();
    const run = (c: Command) => {
      const r = h.apply(doc, c);
      doc = r.doc;
      return r;
    };
    const p: { id?: string } = {};
    const c: { id?: string } = {};
    run(addTable({ name: 'authors' }, p));
    run(addTable({ name: 'books' }, c));
    return { h, run, get doc() { return doc; }, set doc(d: TablewrightDocument) { doc = d; }, parent: p.id!, child: c.id! };
  }

  it('refuse to change a behaviour that is off, with a clear message', () => {
    const s = setup();
    expect(s.run(setUpdatedAtOptions(s.parent, { trigger: 'x' })).error).toMatch(/switch the behaviour on first/);
    expect(s.run(setSoftDeleteOptions(s.parent, { liveView: true })).error).toMatch(/switch the behaviour on first/);
    expect(s.run(setAuditOptions(s.parent, { mode: 'per-table' })).error).toMatch(/switch the behaviour on first/);
    expect(s.run(setSearchOptions(s.parent, { config: 'english' })).error).toMatch(/switch the behaviour on first/);
    expect(s.run(setCounterOptions(s.parent, 'nope', { column: 'n' })).error).toMatch(/no such counter/);
  });

  it('names: set, then back to the default with an empty string; each change is one undo step', () => {
    const s = setup();
    s.run(enableUpdatedAt(s.parent));
    const before = s.doc;
    s.run(setUpdatedAtOptions(s.parent, { trigger: ' authors_touch ', function: 'touch', functionSchema: 'util' }));
    expect(s.doc.schema.behaviors?.[s.parent]?.updatedAt).toEqual({ column: 'updated_at', trigger: 'authors_touch', function: 'touch', functionSchema: 'util' });
    s.run(setUpdatedAtOptions(s.parent, { function: '', functionSchema: null }));
    expect(s.doc.schema.behaviors?.[s.parent]?.updatedAt).toEqual({ column: 'updated_at', trigger: 'authors_touch' });
    s.doc = s.h.undo(s.doc);
    s.doc = s.h.undo(s.doc);
    expect(s.doc).toEqual(before);
  });

  it('updated_at / soft delete column change adds the column; empty column names are refused', () => {
    const s = setup();
    s.run(enableUpdatedAt(s.parent));
    s.run(setUpdatedAtOptions(s.parent, { column: 'modified_at' }));
    const cols = () => s.doc.schema.tables[s.parent]!.columns;
    expect(cols().find((c) => c.name === 'modified_at')).toMatchObject({ type: 'timestamptz', nullable: false, default: 'now()' });
    expect(s.run(setUpdatedAtOptions(s.parent, { column: '  ' })).error).toMatch(/cannot be empty/);
    s.run(enableSoftDelete(s.parent));
    s.run(setSoftDeleteOptions(s.parent, { interceptDelete: false, liveView: true, view: 'authors_alive', partialIndexes: true, column: 'removed_at' }));
    expect(s.doc.schema.behaviors?.[s.parent]?.softDelete).toEqual({ column: 'removed_at', interceptDelete: false, liveView: true, view: 'authors_alive', partialIndexes: true });
    expect(cols().find((c) => c.name === 'removed_at')).toMatchObject({ type: 'timestamptz', nullable: true });
    s.run(setSoftDeleteOptions(s.parent, { liveView: false, view: '', partialIndexes: false }));
    expect(s.doc.schema.behaviors?.[s.parent]?.softDelete).toEqual({ column: 'removed_at', interceptDelete: false });
  });

  it('audit: mode switch drops the custom function and the per-table history name in shared mode', () => {
    const s = setup();
    s.run(enableAudit(s.parent, 'per-table', { table: 'authors_log' }));
    s.run(setAuditOptions(s.parent, { function: 'authors_log_fn', trigger: 'authors_aud' }));
    expect(s.doc.schema.behaviors?.[s.parent]?.audit).toEqual({ mode: 'per-table', table: 'authors_log', function: 'authors_log_fn', trigger: 'authors_aud' });
    s.run(setAuditOptions(s.parent, { mode: 'shared' }));
    expect(s.doc.schema.behaviors?.[s.parent]?.audit).toEqual({ mode: 'shared', trigger: 'authors_aud' });
    s.run(setAuditOptions(s.parent, { mode: 'per-table', table: 'authors_hist' }));
    expect(s.doc.schema.behaviors?.[s.parent]?.audit).toEqual({ mode: 'per-table', table: 'authors_hist', trigger: 'authors_aud' });
  });

  it('search: sources by id or name, weights follow the sources, the column cannot be a source', () => {
    const s = setup();
    const t = () => s.doc.schema.tables[s.parent]!;
    s.run({ label: 'cols', run: (d) => void d.schema.tables[s.parent]!.columns.push({ id: 'c_name', name: 'name', type: 'text', nullable: true }, { id: 'c_bio', name: 'bio', type: 'text', nullable: true }) });
    s.run(enableSearch(s.parent, { sources: ['name', 'bio'], weights: { name: 'A', bio: 'C' } }));
    s.run(setSearchOptions(s.parent, { config: 'english', index: 'authors_fts_idx', column: 'fts' }));
    expect(t().columns.find((c) => c.name === 'fts')?.type).toBe('tsvector');
    s.run(setSearchOptions(s.parent, { sources: ['c_name'] }));
    expect(s.doc.schema.behaviors?.[s.parent]?.search).toEqual({ column: 'fts', sources: ['c_name'], config: 'english', weights: { c_name: 'A' }, index: 'authors_fts_idx' });
    expect(s.run(setSearchOptions(s.parent, { sources: [] })).error).toMatch(/at least one/);
    expect(s.run(setSearchOptions(s.parent, { sources: ['fts'] })).error).toMatch(/own source/);
    expect(s.run(setSearchOptions(s.parent, { column: 'name' })).error).toMatch(/own source/);
    expect(s.run(setSearchOptions(s.parent, { config: ' ' })).error).toMatch(/text search configuration/);
    expect(s.run(setSearchOptions(s.parent, { weights: { c_name: 'E' as 'A' } })).error).toMatch(/A, B, C or D/);
    s.run(setSearchOptions(s.parent, { weights: {}, index: null }));
    expect(s.doc.schema.behaviors?.[s.parent]?.search).toEqual({ column: 'fts', sources: ['c_name'], config: 'english' });
  });

  it('counters: several per parent, column renames checked for clashes, names patchable', () => {
    const s = setup();
    s.run({
      label: 'fks',
      run: (d) => {
        d.schema.tables[s.parent]!.columns.push({ id: 'p_id', name: 'id', type: 'integer', nullable: false });
        const b = d.schema.tables[s.child]!;
        b.columns.push({ id: 'b_author', name: 'author_id', type: 'integer', nullable: true }, { id: 'b_editor', name: 'editor_id', type: 'integer', nullable: true });
        b.constraints.push(
          { id: 'fk_author', kind: 'foreign', name: 'books_author_fk', columns: ['b_author'], refTableId: s.parent, refColumns: ['p_id'], onDelete: 'no action', onUpdate: 'no action', match: 'simple', deferrable: false, initiallyDeferred: false } as never,
          { id: 'fk_editor', kind: 'foreign', name: 'books_editor_fk', columns: ['b_editor'], refTableId: s.parent, refColumns: ['p_id'], onDelete: 'no action', onUpdate: 'no action', match: 'simple', deferrable: false, initiallyDeferred: false } as never,
        );
      },
    });
    const a: { id?: string } = {};
    const e: { id?: string } = {};
    expect(s.run(addCounter(s.parent, s.child, 'fk_author', {}, a)).error).toBeUndefined();
    expect(s.run(addCounter(s.parent, s.child, 'fk_editor', { column: 'edited_count' }, e)).error).toBeUndefined();
    expect(s.doc.schema.behaviors?.[s.parent]?.counters?.map((c) => c.column)).toEqual(['books_count', 'edited_count']);
    expect(s.run(setCounterOptions(s.parent, e.id!, { column: 'books_count' })).error).toMatch(/already a counter/);
    s.run(setCounterOptions(s.parent, e.id!, { column: 'edits', trigger: 'books_edits' }));
    expect(s.doc.schema.tables[s.parent]!.columns.find((c) => c.name === 'edits')).toMatchObject({ type: 'integer', nullable: false, default: '0' });
    expect(s.doc.schema.behaviors?.[s.parent]?.counters?.[1]).toMatchObject({ column: 'edits', trigger: 'books_edits', fkId: 'fk_editor' });
  });
});
