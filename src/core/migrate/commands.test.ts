import { beforeAll, describe, expect, it } from 'vitest';
import { History } from '../commands/history';
import { addColumn, addTable, renameTable } from '../commands/schema';
import { newDocument, type TablewrightDocument } from '../document/document';
import { loadDocumentValue } from '../document/load';
import { initParser } from '../sql/import/index';
import { compareVersions, deleteVersion, EMPTY_VERSION, latestVersion, migrationNumbering, pendingMigration, renameVersion, requirementsBetween, saveVersion, WORKING_COPY } from './commands';
import { formatMigration } from './formats';
import { statementsToSql } from './index';

beforeAll(async () => {
  await initParser();
});

describe('version commands', () => {
  it('save, rename and delete versions, undoably; versions are frozen copies', () => {
    const h = new History();
    let doc: TablewrightDocument = newDocument();
    const t: { id?: string } = {};
    doc = h.apply(doc, addTable({ name: 'users' }, t)).doc;
    const v1: { id?: string } = {};
    doc = h.apply(doc, saveVersion('  First  ', ['REQ-1', ' REQ-2 ', 'REQ-1', ''], { createdAt: '2024-01-01T00:00:00.000Z' }, v1)).doc;
    expect(doc.versions).toHaveLength(1);
    expect(doc.versions![0]).toMatchObject({ id: v1.id, name: 'First', requirementIds: ['REQ-1', 'REQ-2'], createdAt: '2024-01-01T00:00:00.000Z' });
    expect(h.undoLabel).toBe('Save version First');

    // the working copy moves on; the version does not
    doc = h.apply(doc, renameTable(t.id!, 'people')).doc;
    expect(doc.versions![0]!.schema.tables[t.id!]!.name).toBe('users');
    expect(doc.schema.tables[t.id!]!.name).toBe('people');

    doc = h.apply(doc, renameVersion(v1.id!, 'Initial', ['SPEC-9'])).doc;
    expect(doc.versions![0]).toMatchObject({ name: 'Initial', requirementIds: ['SPEC-9'] });
    expect(h.apply(doc, renameVersion(v1.id!, '  ')).error).toMatch(/name/);
    expect(h.apply(doc, renameVersion('nope', 'x')).error).toMatch(/No version/);
    expect(h.apply(doc, saveVersion('')).error).toMatch(/name/);

    const v2: { id?: string } = {};
    doc = h.apply(doc, saveVersion('Second', [], {}, v2)).doc;
    expect(latestVersion(doc)?.id).toBe(v2.id);
    expect(loadDocumentValue(JSON.parse(JSON.stringify(doc))).ok).toBe(true);

    doc = h.apply(doc, deleteVersion(v1.id!)).doc;
    expect(doc.versions!.map((v) => v.name)).toEqual(['Second']);
    doc = h.undo(doc);
    expect(doc.versions!.map((v) => v.name)).toEqual(['Initial', 'Second']);
    doc = h.redo(doc);
    doc = h.apply(doc, deleteVersion(v2.id!)).doc;
    expect(doc.versions).toBeUndefined();

    // undo everything back to before the first save
    doc = h.undo(doc); // delete v2
    doc = h.undo(doc); // delete v1
    doc = h.undo(doc); // save Second
    expect(doc.versions!.map((v) => v.name)).toEqual(['Initial']);
    doc = h.undo(doc); // rename version
    expect(doc.versions![0]!.name).toBe('First');
    doc = h.undo(doc); // rename table
    doc = h.undo(doc); // save First
    expect(doc.versions ?? []).toEqual([]);
    doc = h.redo(doc);
    expect(doc.versions![0]!.schema.tables[t.id!]!.name).toBe('users');
  });

  it('pendingMigration: empty → working copy without versions, latest version → working copy after a save', () => {
    const h = new History();
    let doc = newDocument();
    const t: { id?: string } = {};
    doc = h.apply(doc, addTable({ name: 'users' }, t)).doc;
    const p0 = pendingMigration(doc);
    expect(p0.from.name).toBe('Empty');
    expect(p0.changes.some((c) => c.kind === 'table' && c.op === 'add')).toBe(true);
    expect(statementsToSql(p0.migration.up)).toMatch(/CREATE TABLE/);

    const v: { id?: string } = {};
    doc = h.apply(doc, saveVersion('v1', [], {}, v)).doc;
    expect(pendingMigration(doc).changes).toEqual([]);
    expect(pendingMigration(doc).migration.up).toEqual([]);

    doc = h.apply(doc, renameTable(t.id!, 'people')).doc;
    doc = h.apply(doc, addColumn(t.id!, { name: 'email', type: 'text', nullable: false })).doc;
    const p = pendingMigration(doc, { safe: true });
    expect(p.from.id).toBe(v.id);
    expect(p.to.id).toBe(WORKING_COPY);
    expect(p.changes.map((c) => `${c.op} ${c.kind}`)).toEqual(expect.arrayContaining(['rename table', 'add column']));
    const up = statementsToSql(p.migration.up);
    expect(up).toMatch(/RENAME TO people/);
    expect(statementsToSql(p.migration.down)).toMatch(/RENAME TO users/);
    expect(p.migration.up.some((s) => s.hazards.some((x) => x.kind === 'backfill'))).toBe(true);

    const v2: { id?: string } = {};
    doc = h.apply(doc, saveVersion('v2', [], {}, v2)).doc;
    const c = compareVersions(doc, v.id!, v2.id!);
    expect(c.from.name).toBe('v1');
    expect(c.to.name).toBe('v2');
    expect(c.changes.map((x) => x.op)).toContain('rename');
    expect(() => compareVersions(doc, 'nope', WORKING_COPY)).toThrow(/No version/);
  });

  it('migration numbers and Alembic revisions chain across versions; the pending one keeps its ids once saved', () => {
    const h = new History();
    let doc = newDocument();
    const t: { id?: string } = {};
    doc = h.apply(doc, addTable({ name: 'users' }, t)).doc;
    // nothing saved: empty → working copy is migration 1, revising nothing
    const first = migrationNumbering(doc, EMPTY_VERSION, WORKING_COPY);
    expect(first.sequence).toBe(1);
    expect(first.downRevision).toBeNull();
    expect(first.revision).toMatch(/^[0-9a-f]{12}$/);

    const v1: { id?: string } = {};
    doc = h.apply(doc, saveVersion('v1', [], {}, v1)).doc;
    // saving the working copy as v1 keeps the number and the revision of the migration that arrives there
    expect(migrationNumbering(doc, EMPTY_VERSION, v1.id!)).toEqual(first);
    doc = h.apply(doc, renameTable(t.id!, 'people')).doc;
    const pending = migrationNumbering(doc, v1.id!, WORKING_COPY);
    expect(pending.sequence).toBe(2);
    expect(pending.downRevision).toBe(first.revision);
    expect(pending.revision).not.toBe(first.revision);

    const v2: { id?: string } = {};
    doc = h.apply(doc, saveVersion('v2', [], {}, v2)).doc;
    expect(migrationNumbering(doc, v1.id!, v2.id!)).toEqual(pending);
    doc = h.apply(doc, addColumn(t.id!, { name: 'email', type: 'text' })).doc;
    const third = migrationNumbering(doc, v2.id!, WORKING_COPY);
    expect(third.sequence).toBe(3);
    expect(third.downRevision).toBe(pending.revision);
    // all distinct: Alembic needs a linear chain without repeats
    expect(new Set([first.revision, pending.revision, third.revision]).size).toBe(3);
    // another document gets other revision ids
    const other = newDocument();
    expect(migrationNumbering(other, EMPTY_VERSION, WORKING_COPY).revision).not.toBe(first.revision);
    expect(() => migrationNumbering(doc, 'nope', WORKING_COPY)).toThrow(/No version/);

    // the Alembic files carry the chain
    const files = [first, pending].map((n) => formatMigration('alembic', { name: 'm', from: { name: 'a' }, to: { name: 'b' }, migration: { up: [], down: [] }, ...n })[0]!.content);
    expect(files[0]).toContain('down_revision = None');
    expect(files[0]).toContain(`revision = "${first.revision}"`);
    expect(files[1]).toContain(`down_revision = "${first.revision}"`);
    expect(files[1]).toContain(`revision = "${pending.revision}"`);
  });

  it('requirement ids of a migration: those of every version it spans, plus the ones typed for the working copy', () => {
    const h = new History();
    let doc = newDocument();
    doc = h.apply(doc, addTable({ name: 'users' })).doc;
    const ids: { id?: string }[] = [{}, {}, {}];
    doc = h.apply(doc, saveVersion('v1', ['REQ-1'], {}, ids[0])).doc;
    doc = h.apply(doc, saveVersion('v2', ['REQ-2', 'SPEC-9'], {}, ids[1])).doc;
    doc = h.apply(doc, saveVersion('v3', ['REQ-3', 'REQ-2'], {}, ids[2])).doc;
    const [v1, v2, v3] = ids.map((x) => x.id!) as [string, string, string];
    expect(requirementsBetween(doc, v1, v2)).toEqual(['REQ-2', 'SPEC-9']);
    expect(requirementsBetween(doc, v1, v3)).toEqual(['REQ-2', 'SPEC-9', 'REQ-3']);
    expect(requirementsBetween(doc, EMPTY_VERSION, v1)).toEqual(['REQ-1']);
    expect(requirementsBetween(doc, v3, WORKING_COPY, ['REQ-4 ', 'REQ-4'])).toEqual(['REQ-4']);
    expect(requirementsBetween(doc, v3, v1)).toEqual(['REQ-2', 'SPEC-9', 'REQ-3']); // going back undoes v2 and v3
    expect(requirementsBetween(doc, v2, v2)).toEqual([]);
    expect(() => requirementsBetween(doc, 'nope', v1)).toThrow(/No version/);
  });
});
