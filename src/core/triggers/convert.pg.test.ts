/**
 * "Convert to behaviour" proven in PGlite: the DDL exported before and after converting a recognised verbatim trigger
 * behaves the same (same trigger names on the tables, UPDATE still moves updated_at, counters stay right), also when
 * the trigger function is shared with a table that keeps its verbatim trigger. Undo restores the document exactly.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { withFreshDb } from '../../../tests/harness/pglite';
import { applyLikePsql } from '../../../tests/harness/apply';
import { importSql } from '../sql/import/index';
import { exportDdl } from '../sql/export/ddl';
import { documentFromModel, type TablewrightDocument } from '../document/document';
import { History } from '../commands/history';
import type { SchemaModel, Table } from '../model/types';
import { initTriggers } from './check';
import { recognizeTriggerMatches } from './recognize';
import { behaviorRawRecord } from './generate';
import { convertTriggerToBehavior } from './convert';
import { addCounter, enableAudit } from './commands';

beforeAll(async () => {
  await initTriggers();
});

const byName = (m: SchemaModel, name: string): Table => {
  const t = Object.values(m.tables).find((x) => x.name === name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
};

/** Export the document, apply it to a fresh database the way psql does, then run `check` on it. */
async function deployed<T>(doc: TablewrightDocument, check: (db: PGlite) => Promise<T>): Promise<T> {
  const ex = exportDdl(doc.schema);
  expect(ex.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return withFreshDb(async (db) => {
    const r = await applyLikePsql(db, ex.sql);
    expect(r.errors.map((e) => `${e.message}: ${e.sql}`)).toEqual([]);
    return check(db);
  });
}

async function triggerNames(db: PGlite, schema: string): Promise<string[]> {
  const r = await db.query<{ t: string }>(
    `SELECT c.relname || '.' || tg.tgname || ':' || tg.tgtype AS t FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT tg.tgisinternal AND n.nspname = $1 ORDER BY 1`,
    [schema],
  );
  return r.rows.map((x) => x.t);
}

/** Both tables: an UPDATE moves updated_at (and only on the updated row). */
async function updatedAtWorks(db: PGlite): Promise<Record<string, boolean[]>> {
  const out: Record<string, boolean[]> = {};
  for (const t of ['users', 'posts']) {
    await db.exec(`INSERT INTO cv.${t} (id, name, updated_at) VALUES (1, 'a', '2000-01-01'), (2, 'b', '2000-01-01')`);
    await db.exec(`UPDATE cv.${t} SET name = 'changed' WHERE id = 1`);
    const r = await db.query<{ moved: boolean }>(`SELECT updated_at > '2001-01-01' AS moved FROM cv.${t} ORDER BY id`);
    out[t] = r.rows.map((x) => x.moved);
  }
  return out;
}

const SHARED = `
  CREATE SCHEMA cv;
  CREATE TABLE cv.users (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE TABLE cv.posts (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());
  CREATE FUNCTION cv.trigger_set_timestamp() RETURNS trigger AS $$
  BEGIN
    NEW.updated_at = NOW();
    RETURN NEW;
  END;
  $$ LANGUAGE plpgsql;
  CREATE TRIGGER set_timestamp BEFORE UPDATE ON cv.users FOR EACH ROW EXECUTE PROCEDURE cv.trigger_set_timestamp();
  CREATE TRIGGER posts_set_timestamp BEFORE UPDATE ON cv.posts FOR EACH ROW EXECUTE FUNCTION cv.trigger_set_timestamp();
`;

describe('convert a recognised trigger to a behaviour', () => {
  it('shared function: converting one table keeps the function for the other; behaviour and trigger names unchanged; undo restores', async () => {
    const imported = importSql(SHARED);
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const original = documentFromModel(imported.model);
    const users = byName(original.schema, 'users');
    const posts = byName(original.schema, 'posts');
    const h = new History();

    const matches = recognizeTriggerMatches(original.schema, users.id);
    expect(matches).toHaveLength(1);
    const m = matches[0]!;
    expect(m).toMatchObject({ tableId: users.id, behavior: 'updatedAt', behaviors: { updatedAt: { column: 'updated_at', trigger: 'set_timestamp', function: 'trigger_set_timestamp', functionSchema: 'cv' } } });

    const expectedTriggers = ['posts.posts_set_timestamp:19', 'users.set_timestamp:19']; // ROW | BEFORE | UPDATE
    const before = await deployed(original, async (db) => ({ triggers: await triggerNames(db, 'cv'), works: await updatedAtWorks(db) }));
    expect(before).toEqual({ triggers: expectedTriggers, works: { users: [true, false], posts: [true, false] } });

    const r1 = h.apply(original, convertTriggerToBehavior(m));
    expect(r1.error).toBeUndefined();
    const one = r1.doc;
    expect(one.schema.behaviors?.[users.id]).toEqual(m.behaviors);
    expect(one.schema.raw[m.triggerRawId]).toBeUndefined();
    expect(one.schema.raw[m.functionRawId]).toBeDefined(); // posts still calls it
    // The behaviour's CREATE OR REPLACE of the same function is ordered after the verbatim CREATE FUNCTION.
    const genFn = Object.values(behaviorRawRecord(one.schema)).find((x) => x.nodeType === 'CreateFunctionStmt');
    expect(genFn?.deps).toContain(m.functionRawId);
    const after1 = await deployed(one, async (db) => ({ triggers: await triggerNames(db, 'cv'), works: await updatedAtWorks(db) }));
    expect(after1).toEqual(before);

    // Converting the same match again is refused with a message (the trigger is gone).
    expect(h.apply(one, convertTriggerToBehavior(m)).error).toMatch(/no longer in the diagram/);

    // The second table: now nothing verbatim uses the function, so it goes too.
    const m2 = recognizeTriggerMatches(one.schema, posts.id);
    expect(m2.map((x) => x.behavior)).toEqual(['updatedAt']);
    const two = h.apply(one, convertTriggerToBehavior(m2[0]!)).doc;
    expect(Object.values(two.schema.raw).filter((x) => /Create(Trig|Function)Stmt/.test(x.nodeType))).toEqual([]);
    const ddl = exportDdl(two.schema).sql;
    expect(ddl.match(/CREATE (OR REPLACE )?FUNCTION cv\.trigger_set_timestamp\(\)/g)).toHaveLength(1);
    const after2 = await deployed(two, async (db) => ({ triggers: await triggerNames(db, 'cv'), works: await updatedAtWorks(db) }));
    expect(after2).toEqual(before);

    expect(h.undo(two)).toEqual(one);
    expect(h.undo(one)).toEqual(original);
  });

  it('refuses to switch on a behaviour the table already has, leaving the verbatim trigger', () => {
    const doc = documentFromModel(importSql(SHARED).model);
    const users = byName(doc.schema, 'users');
    const [m] = recognizeTriggerMatches(doc.schema, users.id);
    const h = new History();
    const withB = h.apply(doc, { label: 'x', run: (d) => void ((d.schema.behaviors ??= {})[users.id] = { updatedAt: { column: 'updated_at' } }) }).doc;
    const r = h.apply(withB, convertTriggerToBehavior(m!));
    expect(r.error).toMatch(/already has this behaviour/);
    expect(r.doc).toBe(withB);
  });

  it('a counter and an audit trigger pasted back from our own export convert one by one and keep working', async () => {
    const base = importSql(`
      CREATE SCHEMA cc;
      CREATE TABLE cc.authors (id int PRIMARY KEY, name text);
      CREATE TABLE cc.books (id int PRIMARY KEY, author_id int REFERENCES cc.authors, title text);
    `).model;
    const h = new History();
    let doc = documentFromModel(base);
    const authors = byName(doc.schema, 'authors');
    const books = byName(doc.schema, 'books');
    const fk = books.constraints.find((c) => c.kind === 'foreign')!;
    doc = h.apply(doc, addCounter(authors.id, books.id, fk.id, { column: 'book_count', trigger: 'books_count_trg' })).doc;
    doc = h.apply(doc, enableAudit(books.id, 'per-table')).doc;
    // Paste the export back: the triggers come back verbatim.
    const pasted = importSql(exportDdl(doc.schema).sql);
    expect(pasted.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const start = documentFromModel(pasted.model);
    const pbooks = byName(start.schema, 'books');
    const matches = recognizeTriggerMatches(start.schema, pbooks.id);
    expect(matches.map((x) => x.behavior).sort()).toEqual(['audit', 'counter']);

    const check = async (db: PGlite) => {
      await db.exec(`INSERT INTO cc.authors (id, name) VALUES (1, 'a'), (2, 'b')`);
      await db.exec(`INSERT INTO cc.books (id, author_id, title) VALUES (1, 1, 'x'), (2, 1, 'y'), (3, 2, 'z')`);
      await db.exec(`UPDATE cc.books SET author_id = 2 WHERE id = 2`);
      await db.exec(`DELETE FROM cc.books WHERE id = 3`);
      const counts = (await db.query<{ id: number; book_count: number }>(`SELECT id, book_count FROM cc.authors ORDER BY id`)).rows;
      const history = (await db.query<{ operation: string }>(`SELECT operation FROM cc.books_history ORDER BY id`)).rows.map((x) => x.operation);
      return { triggers: await triggerNames(db, 'cc'), counts, history };
    };
    const before = await deployed(start, check);
    expect(before.counts).toEqual([{ id: 1, book_count: 1 }, { id: 2, book_count: 1 }]);
    expect(before.history).toEqual(['INSERT', 'INSERT', 'INSERT', 'UPDATE', 'DELETE']);

    let cur = start;
    for (const m of matches) {
      const r = h.apply(cur, convertTriggerToBehavior(m));
      expect(r.error).toBeUndefined();
      cur = r.doc;
    }
    expect(Object.values(cur.schema.raw).filter((x) => /Create(Trig|Function)Stmt/.test(x.nodeType))).toEqual([]);
    expect(cur.schema.behaviors?.[byName(cur.schema, 'authors').id]?.counters).toHaveLength(1);
    expect(cur.schema.behaviors?.[pbooks.id]?.audit).toEqual({ mode: 'per-table' });
    expect(await deployed(cur, check)).toEqual(before);
    expect(h.undo(h.undo(cur))).toEqual(start);
  });
});
