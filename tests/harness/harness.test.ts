import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { freshDb, withFreshDb } from './pglite';
import { applyLikePsql } from './apply';
import { catalogSummary, readCatalog, type Catalog } from './catalog';
import { diffCatalogs, formatCatalogDiff } from './diff';

const BASE = `
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS 'the app';
CREATE TYPE app.mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN app.pos AS integer NOT NULL DEFAULT 1 CONSTRAINT pos_check CHECK (VALUE > 0);
CREATE TABLE app.t (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  b text DEFAULT 'x' COLLATE "C",
  m app.mood,
  p app.pos,
  n numeric(10,2) GENERATED ALWAYS AS (id * 2) STORED
);
CREATE TABLE app.u (id serial PRIMARY KEY, t_id integer REFERENCES app.t (id) ON DELETE CASCADE);
CREATE INDEX t_b_idx ON app.t (lower(b));
COMMENT ON TABLE app.t IS 'tee';
COMMENT ON COLUMN app.t.b IS 'bee';
CREATE VIEW app.v AS SELECT id, b FROM app.t WHERE id > 0;
CREATE FUNCTION app.f(x integer) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT x + 1 $$;
CREATE FUNCTION app.trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER t_trg BEFORE INSERT ON app.t FOR EACH ROW EXECUTE FUNCTION app.trg();
ALTER TABLE app.t ENABLE ROW LEVEL SECURITY;
CREATE POLICY p_all ON app.t USING (id > 0);
`;

async function catalogOf(sql: string, prelude?: string): Promise<Catalog> {
  return withFreshDb(async (db) => {
    if (prelude) await db.exec(prelude);
    const r = await applyLikePsql(db, sql);
    expect(r.errors, JSON.stringify(r.errors, null, 1)).toEqual([]);
    return readCatalog(db);
  });
}

describe('catalog snapshot and diff', () => {
  let base: Catalog;
  beforeAll(async () => {
    base = await catalogOf(BASE);
  });

  test('the snapshot sees what the script created', () => {
    const s = catalogSummary(base);
    expect(s).toMatchObject({ tables: 2, columns: 7, primaryKeys: 2, foreignKeys: 1, views: 1, enums: 1, domains: 1 });
    const t = base.tables['app.t']!;
    expect(t.columns.map((c) => c.name)).toEqual(['id', 'b', 'm', 'p', 'n']);
    expect(t.columns[0]).toMatchObject({ identity: 'always', notNull: true });
    expect(t.columns[1]).toMatchObject({ default: "'x'::text", collation: 'pg_catalog."C"', comment: 'bee' });
    expect(t.columns[4]!.generated).toEqual({ kind: 'stored', expr: '(id * 2)' });
    expect(t.indexes['t_b_idx']!.def).toBe('CREATE INDEX t_b_idx ON app.t USING btree (lower(b))');
    expect(t.rls).toEqual({ enabled: true, forced: false });
    expect(Object.keys(t.triggers)).toEqual(['t_trg']);
    expect(t.policies['p_all']).toMatchObject({ command: 'ALL', roles: ['public'], using: '(id > 0)' });
    expect(base.sequences['app.t_id_seq']!.identityOf).toBe('app.t.id');
    expect(base.sequences['app.u_id_seq']!.ownedBy).toBe('app.u.id');
    expect(base.types['app.mood']).toMatchObject({ kind: 'enum', labels: ['sad', 'ok', 'happy'] });
    expect(base.schemas['app']!.comment).toBe('the app');
    expect(Object.keys(base.functions)).toEqual(['app.f(x integer)', 'app.trg()']);
  });

  test('the same script twice gives equal catalogs, whatever search_path the session had', async () => {
    const again = await catalogOf(BASE, "SET search_path = app, public; SET timezone = 'Asia/Tokyo'");
    expect(formatCatalogDiff(diffCatalogs(base, again))).toBe('');
    expect(again).toEqual(base);
    expect(JSON.stringify(again)).toBe(JSON.stringify(base));
  });

  const variants: [string, string, string, string][] = [
    ['changed default', `DEFAULT 'x'`, `DEFAULT 'y'`, 'tables["app.t"].columns.b.default'],
    ['changed index', 'ON app.t (lower(b))', 'ON app.t (upper(b))', 'tables["app.t"].indexes.t_b_idx.def'],
    ['changed comment', `IS 'bee'`, `IS 'buzz'`, 'tables["app.t"].columns.b.comment'],
    ['changed enum order', `('sad', 'ok', 'happy')`, `('ok', 'sad', 'happy')`, 'types["app.mood"].labels'],
    ['changed function body', 'SELECT x + 1', 'SELECT x + 2', 'functions["app.f(x integer)"].def'],
    ['changed FK action', 'ON DELETE CASCADE', 'ON DELETE SET NULL', 'tables["app.u"].constraints.u_t_id_fkey.def'],
  ];
  for (const [label, from, to, path] of variants) {
    test(`${label} is found at ${path}`, async () => {
      expect(BASE.includes(from)).toBe(true);
      const other = await catalogOf(BASE.replace(from, to));
      const diffs = diffCatalogs(base, other);
      expect(diffs.map((d) => d.path)).toEqual([path]);
    });
  }

  test('a grant, a dropped column and a new table are found', async () => {
    const other = await catalogOf(
      `CREATE ROLE reader;\n${BASE}\nGRANT SELECT ON app.t TO reader;\nALTER TABLE app.u DROP COLUMN t_id;\nCREATE TABLE app.w ();`,
    );
    const text = formatCatalogDiff(diffCatalogs(base, other));
    expect(text).toContain('roles.reader: (absent) ≠ {"attributes":[]}');
    expect(text).toContain('tables["app.t"].acl: (absent) ≠ ["postgres=arwdDxtm/postgres","reader=r/postgres"]');
    expect(text).toContain('tables["app.u"].columns.t_id: {"name":"t_id","type":"integer"} ≠ (absent)');
    expect(text).toContain('tables["app.u"].constraints.u_t_id_fkey: ');
    expect(text).toContain('tables["app.w"]: (absent) ≠ ');
  });

  test('column order differences are reported', async () => {
    const other = await catalogOf(BASE.replace('m app.mood,\n  p app.pos,', 'p app.pos,\n  m app.mood,'));
    const paths = diffCatalogs(base, other).map((d) => d.path);
    expect(paths).toEqual(['tables["app.t"].columns (order)']);
  });

  test('formatted diffs are capped', () => {
    const a = { tables: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`t${i}`, { n: i }])) };
    const text = formatCatalogDiff(diffCatalogs(a, { tables: {} }));
    expect(text.split('\n')).toHaveLength(31);
    expect(text).toMatch(/… and 20 more difference\(s\)$/);
  });

  test('multi-line strings are shown at their first differing line', () => {
    const text = formatCatalogDiff(diffCatalogs({ f: 'a\nb\nc' }, { f: 'a\nb\nd' }));
    expect(text).toBe('f (line 3): "c" ≠ "d"');
  });
});

describe('applyLikePsql', () => {
  let db: PGlite;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  test('carries on after an error, reporting index, line and message', async () => {
    const sql = [
      'CREATE TABLE a (id int);',
      '-- a comment',
      'CREATE TABLE b (id nosuchtype);',
      'CREATE TABLE c (id int);',
      'INSERT INTO a VALUES (1);',
      'INSERT INTO a VALUES (2), (3);',
      'INSERT INTO zzz VALUES (1);',
      'INSERT INTO a VALUES (4)',
    ].join('\n');
    const r = await applyLikePsql(db, sql);
    expect(r.statements).toBe(7);
    expect(r.errors).toEqual([
      { index: 1, line: 3, message: 'type "nosuchtype" does not exist', code: '42704', sql: 'CREATE TABLE b (id nosuchtype)' },
      { index: 5, line: 7, message: 'relation "zzz" does not exist', code: '42P01', sql: 'INSERT INTO zzz VALUES (1)' },
    ]);
    const tables = (await db.query<{ t: string }>(`SELECT string_agg(relname, ',' ORDER BY relname) AS t FROM pg_class WHERE relname IN ('a','b','c')`)).rows[0]!.t;
    expect(tables).toBe('a,c');
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM a')).rows[0]!.n).toBe(4);
    await db.exec('DROP TABLE a, c');
  });

  test('an error inside BEGIN ... COMMIT aborts the transaction as in psql', async () => {
    const sql = `
BEGIN;
CREATE TABLE tx1 (id int);
CREATE TABLE tx2 (id nosuchtype);
CREATE TABLE tx3 (id int);
COMMIT;
CREATE TABLE after_tx (id int);
`;
    const r = await applyLikePsql(db, sql);
    expect(r.statements).toBe(6);
    expect(r.errors.map((e) => [e.index, e.message])).toEqual([
      [2, 'type "nosuchtype" does not exist'],
      [3, 'current transaction is aborted, commands ignored until end of transaction block'],
    ]);
    const rows = (await db.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname LIKE 'tx%' OR relname = 'after_tx'`)).rows;
    expect(rows.map((x) => x.relname)).toEqual(['after_tx']);
    expect(db.isInTransaction()).toBe(false);
    expect(r.rolledBackAtEnd).toBe(false);
    await db.exec('DROP TABLE after_tx');
  });

  test('a transaction left open at the end of the file is rolled back, as when psql exits', async () => {
    const r = await applyLikePsql(db, 'CREATE TABLE kept (id int);\nBEGIN;\nCREATE TABLE lost (id int);\n');
    expect(r.errors).toEqual([]);
    expect(r.rolledBackAtEnd).toBe(true);
    expect(db.isInTransaction()).toBe(false);
    const rows = (await db.query<{ relname: string }>(`SELECT relname FROM pg_class WHERE relname IN ('kept','lost')`)).rows;
    expect(rows.map((x) => x.relname)).toEqual(['kept']);
    await db.exec('DROP TABLE kept');
  });

  test('skips meta-commands and COPY FROM stdin with its data', async () => {
    const sql = `\\set ON_ERROR_STOP 0
CREATE TABLE cp (id int, s text);
COPY cp (id, s) FROM stdin;
1\tone;two
2\t\\N
\\.
\\c other
INSERT INTO cp VALUES (3, 'x; y');
`;
    const r = await applyLikePsql(db, sql);
    expect(r.errors).toEqual([]);
    expect(r.statements).toBe(2);
    expect(r.skipped.map((s) => [s.kind, s.line])).toEqual([
      ['meta', 1],
      ['copy', 3],
      ['meta', 7],
    ]);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cp')).rows[0]!.n).toBe(1);
    await db.exec('DROP TABLE cp');
  });

  test('batched and one-by-one application give the same result', async () => {
    const lines: string[] = ['CREATE TABLE bt (id int PRIMARY KEY, v text);'];
    for (let i = 0; i < 300; i++) lines.push(`INSERT INTO bt VALUES (${i % 250}, 'v${i}'); -- trailing comment`);
    lines.push('CREATE TYPE bt_e AS ENUM (\'a\');', "ALTER TYPE bt_e ADD VALUE 'b';", "SELECT 'b'::bt_e;");
    const sql = lines.join('\n');
    const run = async (batchSize: number) =>
      withFreshDb(async (d) => {
        const r = await applyLikePsql(d, sql, { batchSize });
        const n = (await d.query<{ n: number }>('SELECT count(*)::int AS n FROM bt')).rows[0]!.n;
        return { r, n, cat: await readCatalog(d) };
      });
    const [batched, single] = [await run(500), await run(1)];
    expect(batched.r.errors).toEqual(single.r.errors);
    expect(batched.r.errors).toHaveLength(50);
    expect(batched.r.errors[0]).toMatchObject({ index: 251, line: 252 });
    expect(batched.r.statements).toBe(single.r.statements);
    expect(batched.n).toBe(250);
    expect(single.n).toBe(250);
    expect(diffCatalogs(batched.cat, single.cat)).toEqual([]);
  });

  test('readCatalog restores the session search_path and refuses an open transaction', async () => {
    await db.exec('SET search_path = "$user", public');
    await readCatalog(db);
    expect((await db.query<{ search_path: string }>('SHOW search_path')).rows[0]!.search_path).toBe('"$user", public');
    await db.exec('BEGIN');
    await expect(readCatalog(db)).rejects.toThrow(/transaction block/);
    await db.exec('ROLLBACK');
  });
});

describe('freshDb', () => {
  test('contrib extensions can be created; their members stay out of the catalog', async () => {
    const cat = await catalogOf(`
CREATE EXTENSION pgcrypto;
CREATE EXTENSION citext;
CREATE EXTENSION "uuid-ossp";
CREATE EXTENSION hstore;
CREATE EXTENSION btree_gist;
CREATE EXTENSION pg_trgm;
CREATE EXTENSION ltree;
CREATE SCHEMA ext;
CREATE EXTENSION isn WITH SCHEMA ext;
CREATE TABLE e (id uuid DEFAULT gen_random_uuid(), email citext, h hstore, room int, during tstzrange,
  EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE INDEX e_email_trgm ON e USING gin ((email::text) gin_trgm_ops);
`);
    expect(Object.keys(cat.extensions)).toEqual(['"uuid-ossp"', 'btree_gist', 'citext', 'hstore', 'isn', 'ltree', 'pg_trgm', 'pgcrypto', 'plpgsql']);
    expect(cat.extensions['isn']).toMatchObject({ schema: 'ext' });
    expect(cat.functions).toEqual({});
    expect(cat.types).toEqual({});
    expect(cat.casts).toEqual({});
    expect(cat.operators).toEqual({});
    expect(Object.keys(cat.tables)).toEqual(['public.e']);
    expect(cat.tables['public.e']!.columns.map((c) => c.type)).toEqual(['uuid', 'public.citext', 'public.hstore', 'integer', 'tstzrange']);
    expect(cat.tables['public.e']!.indexes['e_email_trgm']!.def).toBe(
      'CREATE INDEX e_email_trgm ON public.e USING gin (((email)::text) public.gin_trgm_ops)',
    );
  });

  test('every fresh database is a clean cluster', async () => {
    await withFreshDb(async (a) => {
      await a.exec('CREATE ROLE only_here; CREATE TABLE only_here ();');
      await withFreshDb(async (b) => {
        const cat = await readCatalog(b);
        expect(cat.roles).toEqual({});
        expect(cat.tables).toEqual({});
      });
    });
  });
});
