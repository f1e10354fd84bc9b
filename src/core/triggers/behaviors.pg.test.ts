/**
 * Behaviour proofs in PGlite: the generated trigger SQL does what it claims (not what it looks like).
 * One database for the file; each test works in its own schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { freshDb } from '../../../tests/harness/pglite';
import { importSql } from '../sql/import/index';
import { exportDdl } from '../sql/export/ddl';
import { documentFromModel, type TablewrightDocument } from '../document/document';
import { History, type Command } from '../commands/history';
import type { Table } from '../model/types';
import { initTriggers } from './check';
import { behaviorRawRecord, generateTriggerSql } from './generate';
import { addCounter, enableAudit, enableSearch, enableSoftDelete, enableUpdatedAt } from './commands';

let db: PGlite;

beforeAll(async () => {
  await initTriggers();
  db = await freshDb();
});

afterAll(async () => {
  await db?.close();
});

interface Setup {
  doc: TablewrightDocument;
  table: (name: string) => Table;
  apply: (...cmds: Command[]) => void;
}

function setup(ddl: string): Setup {
  const r = importSql(ddl);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const h = new History();
  const s: Setup = {
    doc: documentFromModel(r.model),
    table: (name) => {
      const t = Object.values(s.doc.schema.tables).find((x) => x.name === name);
      if (!t) throw new Error(`no table ${name}`);
      return t;
    },
    apply: (...cmds) => {
      for (const c of cmds) {
        const res = h.apply(s.doc, c);
        expect(res.error).toBeUndefined();
        s.doc = res.doc;
      }
    },
  };
  return s;
}

/** Export the model with the behaviour raw statements merged in, apply it; then apply the trigger SQL twice more. */
async function deploy(s: Setup): Promise<string> {
  const model = s.doc.schema;
  const ex = exportDdl({ ...model, raw: { ...model.raw, ...behaviorRawRecord(model) } });
  expect(ex.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  await db.exec(ex.sql);
  await db.exec('RESET search_path');
  const gen = generateTriggerSql(model);
  expect(gen.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  await db.exec(gen.sql);
  await db.exec(gen.sql);
  return gen.sql;
}

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

describe('updated_at', () => {
  it('an UPDATE moves updated_at; one shared function; applying twice is harmless', async () => {
    const s = setup(`CREATE SCHEMA ua; CREATE TABLE ua.posts (id int PRIMARY KEY, title text); CREATE TABLE ua.tags (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());`);
    s.apply(enableUpdatedAt(s.table('posts').id), enableUpdatedAt(s.table('tags').id));
    expect(s.table('posts').columns.map((c) => c.name)).toContain('updated_at');
    const sql = await deploy(s);
    expect(sql.match(/CREATE OR REPLACE FUNCTION/g)).toHaveLength(1);
    await db.exec(`INSERT INTO ua.posts (id, title, updated_at) VALUES (1, 'a', '2000-01-01'), (2, 'b', '2000-01-01')`);
    await db.exec(`UPDATE ua.posts SET title = 'changed' WHERE id = 1`);
    const r = await rows<{ id: number; moved: boolean }>(`SELECT id, updated_at > '2001-01-01' AS moved FROM ua.posts ORDER BY id`);
    expect(r).toEqual([{ id: 1, moved: true }, { id: 2, moved: false }]);
    // even an explicit value is overridden
    await db.exec(`INSERT INTO ua.tags VALUES (1, 'x', '2000-01-01'); UPDATE ua.tags SET name = 'y', updated_at = '1999-01-01'`);
    expect((await rows<{ moved: boolean }>(`SELECT updated_at > '2001-01-01' AS moved FROM ua.tags`))[0]?.moved).toBe(true);
    const trig = await rows(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN ('ua.posts'::regclass, 'ua.tags'::regclass) ORDER BY 1`);
    expect(trig).toEqual([{ tgname: 'posts_set_updated_at' }, { tgname: 'tags_set_updated_at' }]);
  });

  it('adds the column with ADD COLUMN IF NOT EXISTS when the model lacks it (CLI case)', async () => {
    const ddl = `CREATE SCHEMA ub; CREATE TABLE ub.t (id int PRIMARY KEY, v int);`;
    await db.exec(ddl + `INSERT INTO ub.t VALUES (1, 1);`);
    const model = importSql(ddl).model;
    const t = Object.values(model.tables)[0]!;
    const gen = generateTriggerSql(model, { [t.id]: { updatedAt: { column: 'updated_at' } } });
    expect(gen.diagnostics.map((d) => d.code)).toContain('behavior-column-added');
    await db.exec(gen.sql);
    await db.exec(gen.sql);
    await db.exec(`UPDATE ub.t SET updated_at = '2000-01-01'; UPDATE ub.t SET v = 2`);
    expect((await rows<{ ok: boolean }>(`SELECT updated_at > '2001-01-01' AS ok FROM ub.t`))[0]?.ok).toBe(true);
  });
});

describe('soft delete', () => {
  it('a DELETE soft-deletes: the row stays, deleted_at is set; live view; partial unique index; hard delete hatch', async () => {
    const s = setup(`CREATE SCHEMA sd; CREATE TABLE sd.users (id int PRIMARY KEY, email text UNIQUE);`);
    s.apply(enableSoftDelete(s.table('users').id, { liveView: true, partialIndexes: true }));
    await deploy(s);
    await db.exec(`INSERT INTO sd.users VALUES (1, 'a@x'), (2, 'b@x')`);
    const del = await db.query(`DELETE FROM sd.users WHERE id = 1`);
    expect(del.affectedRows ?? 0).toBe(0);
    const r = await rows<{ id: number; gone: boolean }>(`SELECT id, deleted_at IS NOT NULL AS gone FROM sd.users ORDER BY id`);
    expect(r).toEqual([{ id: 1, gone: true }, { id: 2, gone: false }]);
    expect(await rows(`SELECT id FROM sd.users_live ORDER BY id`)).toEqual([{ id: 2 }]);
    // deleting again keeps the first deleted_at
    const first = await rows<{ d: string }>(`SELECT deleted_at::text AS d FROM sd.users WHERE id = 1`);
    await db.exec(`DELETE FROM sd.users WHERE id = 1`);
    expect(await rows(`SELECT deleted_at::text AS d FROM sd.users WHERE id = 1`)).toEqual(first);
    expect(await rows(`SELECT indexname FROM pg_indexes WHERE schemaname = 'sd' AND indexdef LIKE '%WHERE (deleted_at IS NULL)%'`)).toEqual([
      { indexname: 'users_email_live_key' },
    ]);
    await db.exec(`BEGIN; SET LOCAL app.hard_delete = 'on'; DELETE FROM sd.users WHERE id = 1; COMMIT;`);
    expect(await rows(`SELECT id FROM sd.users ORDER BY id`)).toEqual([{ id: 2 }]);
  });

  it('suggests partial unique indexes without creating them by default', async () => {
    const s = setup(`CREATE SCHEMA sd2; CREATE TABLE sd2.a (id int PRIMARY KEY, code text, CONSTRAINT a_code_key UNIQUE (code));`);
    s.apply(enableSoftDelete(s.table('a').id));
    const gen = generateTriggerSql(s.doc.schema);
    const sug = gen.diagnostics.filter((d) => d.code === 'soft-delete-index-suggestion');
    expect(sug).toHaveLength(1);
    expect(sug[0]!.message).toContain('WHERE deleted_at IS NULL');
    expect(gen.sql).not.toContain('CREATE UNIQUE INDEX');
  });
});

describe('audit', () => {
  it('shared audit_log records old/new for insert, update and delete, with the actor from app.user_id', async () => {
    const s = setup(`CREATE SCHEMA au; CREATE TABLE au.orders (id int PRIMARY KEY, total numeric); CREATE TABLE au.notes (id int PRIMARY KEY, body text);`);
    s.apply(enableAudit(s.table('orders').id, 'shared'), enableAudit(s.table('notes').id, 'shared'));
    await deploy(s);
    await db.exec(`DELETE FROM public.audit_log`);
    await db.exec(`BEGIN; SET LOCAL app.user_id = 'alice'; INSERT INTO au.orders VALUES (1, 10); COMMIT;`);
    await db.exec(`BEGIN; SELECT set_config('app.user_id', 'bob', true); UPDATE au.orders SET total = 20 WHERE id = 1; COMMIT;`);
    await db.exec(`DELETE FROM au.orders WHERE id = 1`);
    await db.exec(`INSERT INTO au.notes VALUES (1, 'n')`);
    const r = await rows(
      `SELECT table_schema, table_name, operation, old_row, new_row, actor, changed_at IS NOT NULL AS timed FROM public.audit_log ORDER BY id`,
    );
    expect(r).toEqual([
      { table_schema: 'au', table_name: 'orders', operation: 'INSERT', old_row: null, new_row: { id: 1, total: 10 }, actor: 'alice', timed: true },
      { table_schema: 'au', table_name: 'orders', operation: 'UPDATE', old_row: { id: 1, total: 10 }, new_row: { id: 1, total: 20 }, actor: 'bob', timed: true },
      { table_schema: 'au', table_name: 'orders', operation: 'DELETE', old_row: { id: 1, total: 20 }, new_row: null, actor: null, timed: true },
      { table_schema: 'au', table_name: 'notes', operation: 'INSERT', old_row: null, new_row: { id: 1, body: 'n' }, actor: null, timed: true },
    ]);
  });

  it('per-table history table', async () => {
    const s = setup(`CREATE SCHEMA ah; CREATE TABLE ah.items (id int PRIMARY KEY, name text);`);
    s.apply(enableAudit(s.table('items').id, 'per-table'));
    await deploy(s);
    await db.exec(`BEGIN; SET LOCAL app.user_id = '7'; INSERT INTO ah.items VALUES (1, 'a'); UPDATE ah.items SET name = 'b'; DELETE FROM ah.items; COMMIT;`);
    const r = await rows(`SELECT operation, old_row->>'name' AS o, new_row->>'name' AS n, actor FROM ah.items_history ORDER BY id`);
    expect(r).toEqual([
      { operation: 'INSERT', o: null, n: 'a', actor: '7' },
      { operation: 'UPDATE', o: 'a', n: 'b', actor: '7' },
      { operation: 'DELETE', o: 'b', n: null, actor: '7' },
    ]);
  });
});

describe('derived values', () => {
  it('a counter stays right under insert, delete, re-parenting and NULL FKs; backfills existing rows', async () => {
    const ddl = `CREATE SCHEMA cn; CREATE TABLE cn.authors (id int PRIMARY KEY, name text);
      CREATE TABLE cn.books (id int PRIMARY KEY, author_id int REFERENCES cn.authors (id) ON DELETE CASCADE, title text);`;
    const s = setup(ddl);
    const books = s.table('books');
    const fk = books.constraints.find((c) => c.kind === 'foreign')!;
    // rows exist before the behaviour: the backfill counts them
    await db.exec(ddl + `INSERT INTO cn.authors VALUES (1, 'a'), (2, 'b'); INSERT INTO cn.books VALUES (10, 1, 'x');`);
    const before = s.doc.schema;
    s.apply(addCounter(s.table('authors').id, books.id, fk.id, { column: 'book_count' }));
    expect(s.table('authors').columns.map((c) => c.name)).toContain('book_count');
    // the database predates the command: generate against the model as the database has it (adds the column)
    const gen = generateTriggerSql(before, s.doc.schema.behaviors);
    expect(gen.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await db.exec(gen.sql);
    await db.exec(gen.sql);
    const counts = async () => rows<{ id: number; book_count: number; real: number }>(
      `SELECT a.id, a.book_count, (SELECT count(*)::int FROM cn.books b WHERE b.author_id = a.id) AS real FROM cn.authors a ORDER BY a.id`,
    );
    const check = async () => {
      for (const r of await counts()) expect(r.book_count).toBe(r.real);
    };
    expect((await counts())[0]?.book_count).toBe(1);
    await db.exec(`INSERT INTO cn.books VALUES (11, 1, 'y'), (12, 2, 'z'), (13, NULL, 'orphan')`);
    await check();
    await db.exec(`UPDATE cn.books SET author_id = 2 WHERE id = 11`); // re-parent
    await check();
    await db.exec(`UPDATE cn.books SET author_id = 1 WHERE id = 13`); // NULL -> parent
    await db.exec(`UPDATE cn.books SET author_id = NULL WHERE id = 12`); // parent -> NULL
    await db.exec(`UPDATE cn.books SET title = 'retitled'`); // no FK change
    await check();
    await db.exec(`DELETE FROM cn.books WHERE id = 10`);
    await check();
    expect((await counts()).map((r) => r.book_count)).toEqual([1, 1]);
    await db.exec(`DELETE FROM cn.authors WHERE id = 1`); // cascade into books: parent row already gone, no error
    await check();
  });

  it('the tsvector follows edits (weights and plain) and has its GIN index', async () => {
    const s = setup(`CREATE SCHEMA ts; CREATE TABLE ts.docs (id int PRIMARY KEY, title text, body varchar(200), n int);
      CREATE TABLE ts.plain (id int PRIMARY KEY, a text, b text);`);
    const docs = s.table('docs');
    s.apply(
      enableSearch(docs.id, { sources: ['title', 'body'], config: 'english', weights: { title: 'A' } }),
      enableSearch(s.table('plain').id, { column: 'tsv', sources: ['a', 'b'] }),
    );
    await deploy(s);
    await db.exec(`INSERT INTO ts.docs (id, title, body) VALUES (1, 'Running cats', NULL)`);
    const match = async (q: string) =>
      (await rows<{ id: number }>(`SELECT id FROM ts.docs WHERE search_vector @@ to_tsquery('english', $1) ORDER BY id`, [q])).map((r) => r.id);
    expect(await match('cat')).toEqual([1]);
    await db.exec(`UPDATE ts.docs SET body = 'dogs barking' WHERE id = 1`);
    expect(await match('dog')).toEqual([1]);
    await db.exec(`UPDATE ts.docs SET title = 'birds' WHERE id = 1`);
    expect(await match('cat')).toEqual([]);
    expect((await rows<{ v: string }>(`SELECT search_vector::text AS v FROM ts.docs`))[0]?.v).toBe(`'bark':3 'bird':1A 'dog':2`);
    await db.exec(`UPDATE ts.docs SET search_vector = NULL`); // a direct write is recomputed
    expect(await match('bird')).toEqual([1]);
    await db.exec(`INSERT INTO ts.plain VALUES (1, 'hello', 'world'); UPDATE ts.plain SET b = 'there'`);
    expect(await rows(`SELECT tsv::text AS v FROM ts.plain`)).toEqual([{ v: `'hello':1 'there':2` }]);
    expect(await rows(`SELECT indexname FROM pg_indexes WHERE schemaname = 'ts' AND indexdef LIKE '%USING gin%' ORDER BY 1`)).toEqual([
      { indexname: 'docs_search_vector_idx' },
      { indexname: 'plain_tsv_idx' },
    ]);
  });
});

describe('everything together, twice', () => {
  it('all behaviours on one table coexist and re-applying is harmless', async () => {
    const s = setup(`CREATE SCHEMA al; CREATE TABLE al.p (id int PRIMARY KEY, name text); CREATE TABLE al.c (id int PRIMARY KEY, p_id int REFERENCES al.p, body text);`);
    const p = s.table('p');
    const c = s.table('c');
    s.apply(
      enableUpdatedAt(p.id),
      enableSoftDelete(p.id, { liveView: true }),
      enableAudit(p.id, 'per-table'),
      addCounter(p.id, c.id, c.constraints.find((x) => x.kind === 'foreign')!.id),
      enableSearch(p.id, { sources: ['name'] }),
    );
    const sql = await deploy(s);
    await db.exec(sql);
    await db.exec(`INSERT INTO al.p (id, name) VALUES (1, 'one'); INSERT INTO al.c VALUES (1, 1, 'x'), (2, 1, 'y'); DELETE FROM al.p WHERE id = 1;`);
    expect(await rows(`SELECT c_count, deleted_at IS NOT NULL AS del, search_vector::text AS v FROM al.p`)).toEqual([{ c_count: 2, del: true, v: `'one':1` }]);
    expect(await rows(`SELECT operation FROM al.p_history ORDER BY id`)).toEqual([
      { operation: 'INSERT' },
      { operation: 'UPDATE' },
      { operation: 'UPDATE' },
      { operation: 'UPDATE' },
    ]);
    const n = await rows(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN ('al.p'::regclass, 'al.c'::regclass)`);
    expect(n).toEqual([{ n: 5 }]);
  });
});

describe('odd and long names', () => {
  it('quoted identifiers and >63-byte defaults work in PostgreSQL, twice', async () => {
    const long = 'y'.repeat(60);
    const ddl = `CREATE SCHEMA "Odd Schema"; CREATE TABLE "Odd Schema"."Order Items" ("ID" int PRIMARY KEY, "Title" text, "select" text);
      CREATE TABLE "Odd Schema".${long} (id int PRIMARY KEY, v text);`;
    await db.exec(ddl);
    const model = importSql(ddl).model;
    const odd = Object.values(model.tables).find((t) => t.name === 'Order Items')!;
    const lng = Object.values(model.tables).find((t) => t.name === long)!;
    const gen = generateTriggerSql(model, {
      [odd.id]: {
        updatedAt: { column: 'Updated At' },
        softDelete: { column: 'deleted_at', interceptDelete: true, liveView: true },
        audit: { mode: 'per-table' },
        search: { column: 'tsv', sources: ['Title', 'select'], config: 'english' },
      },
      [lng.id]: { updatedAt: { column: 'updated_at' }, audit: { mode: 'per-table' }, softDelete: { column: 'deleted_at', interceptDelete: true, liveView: true } },
    });
    await db.exec(gen.sql);
    await db.exec(gen.sql);
    await db.exec(`INSERT INTO "Odd Schema"."Order Items" ("ID", "Title", "select", "Updated At") VALUES (1, 'Hello', 'World', '2000-01-01');
      UPDATE "Odd Schema"."Order Items" SET "Title" = 'Bye'; DELETE FROM "Odd Schema"."Order Items";
      INSERT INTO "Odd Schema".${long} VALUES (1, 'a'); DELETE FROM "Odd Schema".${long};`);
    expect(await rows(`SELECT "Updated At" > '2001-01-01' AS moved, deleted_at IS NOT NULL AS del, tsv::text AS v FROM "Odd Schema"."Order Items"`)).toEqual([
      { moved: true, del: true, v: `'bye':1 'world':2` },
    ]);
    expect(await rows(`SELECT operation FROM "Odd Schema"."Order Items_history" ORDER BY id`)).toEqual([
      { operation: 'INSERT' },
      { operation: 'UPDATE' },
      { operation: 'UPDATE' },
    ]);
    expect(await rows(`SELECT count(*)::int AS n FROM "Odd Schema".${long} WHERE deleted_at IS NOT NULL`)).toEqual([{ n: 1 }]);
    const names = await rows<{ n: string }>(`SELECT tgname AS n FROM pg_trigger WHERE NOT tgisinternal AND tgrelid = '"Odd Schema".${long}'::regclass ORDER BY 1`);
    expect(names).toHaveLength(3);
    for (const { n } of names) expect(gen.sql).toContain(n);
  });
});
