/** Exporter unit tests on hand-built models: text shape, ordering, options, determinism, speed (no database). */
import { describe, expect, it } from 'vitest';
import { exportDdl } from './ddl';
import { ModelBuilder } from './testkit';
import { topoSort } from './order';
import { RefIndex } from './scan';

function pos(sql: string, needle: string): number {
  const i = sql.indexOf(needle);
  if (i < 0) throw new Error(`not found: ${needle}\n---\n${sql}`);
  return i;
}

describe('exportDdl text', () => {
  it('starts with header and check_function_bodies, ends statements with ;\\n and separates objects by a blank line', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const t = b.table(pub, 'a', [b.col('id', 'integer', { nullable: false }), b.col('name', 'text')]);
    b.pk(t, ['id'], 'a_pkey');
    const { sql, diagnostics } = exportDdl(b.m);
    expect(diagnostics).toEqual([]);
    expect(sql).toBe(
      '--\n-- PostgreSQL schema exported by Tablewright\n--\n\n' +
        'SET check_function_bodies = false;\n\n' +
        'CREATE TABLE public.a (\n    id integer NOT NULL,\n    name text,\n    CONSTRAINT a_pkey PRIMARY KEY (id)\n);\n',
    );
    expect(exportDdl(b.m, { header: false }).sql.startsWith('SET check_function_bodies = false;\n')).toBe(true);
  });

  it('does not create implicit schemas, creates explicit ones with options', () => {
    const b = new ModelBuilder();
    b.schema('public', false, { comment: 'std' });
    b.schema('app', true, { authorization: 'Some Role', ifNotExists: true });
    const { sql } = exportDdl(b.m);
    expect(sql).not.toContain('CREATE SCHEMA public');
    expect(sql).toContain('CREATE SCHEMA IF NOT EXISTS app AUTHORIZATION "Some Role";\n');
    expect(sql).toContain("COMMENT ON SCHEMA public IS 'std';\n");
  });

  it('orders pre statements, extensions, schemas, then objects', () => {
    const b = new ModelBuilder();
    const ext = b.schema('ext');
    b.m.extensions.x = { id: 'x', name: 'hstore', schema: 'ext', version: '1.8', cascade: true, seq: 0 };
    b.raw("SET client_encoding = 'UTF8'", { phase: 'pre' });
    b.table(ext, 't', [b.col('h', 'ext.hstore')]);
    const { sql } = exportDdl(b.m);
    expect(pos(sql, 'SET check_function_bodies')).toBeLessThan(pos(sql, 'SET client_encoding'));
    expect(pos(sql, 'SET client_encoding')).toBeLessThan(pos(sql, 'CREATE SCHEMA ext'));
    expect(pos(sql, 'CREATE SCHEMA ext')).toBeLessThan(pos(sql, "CREATE EXTENSION hstore WITH SCHEMA ext VERSION '1.8' CASCADE;"));
    expect(pos(sql, 'CREATE EXTENSION')).toBeLessThan(pos(sql, 'CREATE TABLE ext.t'));
  });

  it('puts an enum defined later in seq before the table using it', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const t = b.table(pub, 'film', [b.col('r', 'public.mood')]);
    const e = b.enumType(pub, 'mood', ['a', 'b']);
    t.columns[0]!.typeRef = e.id;
    const { sql } = exportDdl(b.m);
    expect(pos(sql, 'CREATE TYPE public.mood')).toBeLessThan(pos(sql, 'CREATE TABLE public.film'));
  });

  it('emits FKs after all tables (cycles) and views after the views they use', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const a = b.table(pub, 'a', [b.col('id', 'integer'), b.col('b_id', 'integer')]);
    const bb = b.table(pub, 'b', [b.col('id', 'integer'), b.col('a_id', 'integer')]);
    b.pk(a, ['id']);
    b.pk(bb, ['id']);
    b.fk(a, ['b_id'], bb, ['id'], { name: 'a_b' });
    b.fk(bb, ['a_id'], a, ['id'], { name: 'b_a' });
    const v2 = b.view(pub, 'v2', 'SELECT 1', []);
    const v1 = b.view(pub, 'v1', 'SELECT * FROM a', [a.id]);
    v2.deps = [v1.id];
    v2.query = 'SELECT * FROM v1';
    const { sql, diagnostics } = exportDdl(b.m);
    expect(diagnostics).toEqual([]);
    expect(pos(sql, 'CREATE TABLE public.b')).toBeLessThan(pos(sql, 'ADD CONSTRAINT a_b'));
    expect(pos(sql, 'CREATE VIEW public.v1')).toBeLessThan(pos(sql, 'CREATE VIEW public.v2'));
    expect(sql).toContain('    PRIMARY KEY (id)\n');
  });

  it('places a function used in a default before the table, and a trigger after table and function', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const trg = b.raw('CREATE TRIGGER tg BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.tgf()', {
      defines: { kind: 'trigger', name: 'tg' },
    });
    const t = b.table(pub, 't', [b.col('code', 'text', { default: 'mk_code()' }), b.col('n', 'bigint', { default: "nextval('public.\"My Seq\"'::regclass)" })]);
    const seq = b.sequence(pub, 'My Seq');
    const f = b.raw("CREATE FUNCTION public.mk_code() RETURNS text LANGUAGE sql AS $$ SELECT 'x' $$", {
      defines: { kind: 'function', schema: 'public', name: 'mk_code' },
    });
    const tgf = b.raw('CREATE FUNCTION public.tgf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$', {
      defines: { kind: 'function', schema: 'public', name: 'tgf' },
    });
    trg.target = t.id;
    trg.deps = [tgf.id];
    const { sql } = exportDdl(b.m);
    expect(pos(sql, 'CREATE FUNCTION public.mk_code')).toBeLessThan(pos(sql, 'CREATE TABLE public.t'));
    expect(pos(sql, 'CREATE SEQUENCE public."My Seq"')).toBeLessThan(pos(sql, 'CREATE TABLE public.t'));
    expect(pos(sql, 'CREATE TABLE public.t')).toBeLessThan(pos(sql, 'CREATE TRIGGER'));
    expect(pos(sql, 'CREATE FUNCTION public.tgf')).toBeLessThan(pos(sql, 'CREATE TRIGGER'));
    void f;
    void seq;
  });

  it('reports cycles and falls back to seq order', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const v1 = b.view(pub, 'v1', 'SELECT 1', []);
    const v2 = b.view(pub, 'v2', 'SELECT 2', [v1.id]);
    v1.deps = [v2.id];
    const { sql, diagnostics } = exportDdl(b.m);
    expect(diagnostics.map((d) => d.code)).toEqual(['dependency-cycle']);
    expect(pos(sql, 'VIEW public.v1')).toBeLessThan(pos(sql, 'VIEW public.v2'));
  });

  it('renders columns: collate, generated, identity (non-default options only), serial expanded', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const t = b.table(pub, 't', [
      b.col('id', 'bigint', { nullable: false, identity: { always: true, options: { start: '1', increment: '1', minValue: null, maxValue: null, cache: '1' } } }),
      b.col('id2', 'integer', { nullable: false, identity: { always: false, options: { start: '100', increment: '5', maxValue: '2147483647', sequenceName: { schema: 'public', name: 't_id2_s' } } } }),
      b.col('name', 'text', { collation: '"C"', nullable: false, default: "'x'::text" }),
      b.col('up', 'text', { generated: { expr: 'upper(name)', kind: 'stored' } }),
      b.col('low', 'text', { generated: { expr: 'lower(name)', kind: 'virtual' } }),
      b.col('s', 'integer', { nullable: false, serial: 'serial', default: "nextval('public.t_s_seq'::regclass)" }),
    ]);
    b.sequence(pub, 't_s_seq', { options: { as: 'integer' }, ownedBy: { tableId: t.id, columnId: b.colId(t, 's') } });
    const { sql } = exportDdl(b.m);
    expect(sql).toContain('    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,\n');
    expect(sql).toContain('    id2 integer GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME public.t_id2_s START WITH 100 INCREMENT BY 5) NOT NULL,\n');
    expect(sql).toContain(`    name text COLLATE "C" NOT NULL DEFAULT 'x'::text,\n`);
    expect(sql).toContain('    up text GENERATED ALWAYS AS (upper(name)) STORED,\n');
    expect(sql).toContain('    low text GENERATED ALWAYS AS (lower(name)) VIRTUAL,\n');
    expect(sql).toContain("    s integer NOT NULL DEFAULT nextval('public.t_s_seq'::regclass)\n");
    expect(pos(sql, 'CREATE SEQUENCE public.t_s_seq\n    AS integer;')).toBeLessThan(pos(sql, 'CREATE TABLE'));
    expect(pos(sql, 'CREATE TABLE')).toBeLessThan(pos(sql, 'ALTER SEQUENCE public.t_s_seq OWNED BY public.t.s;'));
  });

  it('renders constraint options', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const p = b.table(pub, 'p', [b.col('a', 'integer'), b.col('b', 'integer')]);
    b.constraint(p, { kind: 'unique', name: 'p_ab', columns: [b.colId(p, 'a'), b.colId(p, 'b')], nullsNotDistinct: true, deferrable: true, initiallyDeferred: true });
    b.constraint(p, { kind: 'check', name: 'c1', expr: 'a > 0', noInherit: true });
    b.constraint(p, { kind: 'check', name: 'c2', expr: 'b > 0', notValid: true });
    b.constraint(p, { kind: 'check', name: 'c3', expr: 'b < 10', notEnforced: true });
    const c = b.table(pub, 'c', [b.col('a', 'integer'), b.col('b', 'integer')]);
    b.fk(c, ['a', 'b'], p, ['a', 'b'], { name: 'c_fk', match: 'full', onDelete: 'set null', onDeleteColumns: [b.colId(c, 'b')], onUpdate: 'cascade', notValid: true, deferrable: true });
    b.constraint(c, { kind: 'foreign', columns: [b.colId(c, 'a')], refTableId: null, refColumns: [], refTableName: { schema: 'ext', name: 'Other' }, refColumnNames: ['ID'], onDelete: 'restrict', onUpdate: 'no action', match: 'simple' });
    const { sql } = exportDdl(b.m);
    expect(sql).toContain('    CONSTRAINT p_ab UNIQUE NULLS NOT DISTINCT (a, b) DEFERRABLE INITIALLY DEFERRED,\n');
    expect(sql).toContain('    CONSTRAINT c1 CHECK (a > 0) NO INHERIT,\n');
    expect(sql).toContain('    CONSTRAINT c3 CHECK (b < 10) NOT ENFORCED\n');
    expect(sql).toContain('ALTER TABLE public.p\n    ADD CONSTRAINT c2 CHECK (b > 0) NOT VALID;\n');
    expect(sql).toContain(
      'ALTER TABLE ONLY public.c\n    ADD CONSTRAINT c_fk FOREIGN KEY (a, b) REFERENCES public.p(a, b) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL (b) DEFERRABLE NOT VALID;\n',
    );
    expect(sql).toContain('ALTER TABLE ONLY public.c\n    ADD FOREIGN KEY (a) REFERENCES ext."Other"("ID") ON DELETE RESTRICT;\n');
  });

  it('renders partitions in both forms and legacy inheritance', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const p = b.table(pub, 'm', [b.col('d', 'date', { nullable: false }), b.col('v', 'integer')], { partitioning: { strategy: 'range', keys: ['d'] } });
    b.table(pub, 'm1', [b.col('d', 'date', { nullable: false, inherited: true }), b.col('v', 'integer', { inherited: true, default: '0' })], {
      partitionOf: { parentId: p.id, bound: "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')", form: 'partition-of' },
    });
    b.table(pub, 'm2', [b.col('d', 'date', { nullable: false }), b.col('v', 'integer')], {
      partitionOf: { parentId: p.id, bound: 'DEFAULT', form: 'attach' },
    });
    const base = b.table(pub, 'base', [b.col('id', 'integer')]);
    b.table(pub, 'kid', [b.col('id', 'integer', { inherited: true, default: '1' }), b.col('x', 'text')], { inherits: [base.id] });
    const { sql } = exportDdl(b.m);
    expect(sql).toContain('CREATE TABLE public.m (\n    d date NOT NULL,\n    v integer\n)\nPARTITION BY RANGE (d);\n');
    expect(sql).toContain("CREATE TABLE public.m1 PARTITION OF public.m (\n    v WITH OPTIONS DEFAULT 0\n)\nFOR VALUES FROM ('2020-01-01') TO ('2021-01-01');\n");
    expect(sql).toContain('CREATE TABLE public.m2 (\n    d date NOT NULL,\n    v integer\n);\n');
    expect(sql).toContain('ALTER TABLE ONLY public.m ATTACH PARTITION public.m2 DEFAULT;\n');
    expect(sql).toContain('CREATE TABLE public.kid (\n    x text\n)\nINHERITS (public.base);\n');
    expect(sql).toContain('ALTER TABLE ONLY public.kid\n    ALTER COLUMN id SET DEFAULT 1;\n');
  });

  it('renders indexes', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const t = b.table(pub, 't', [b.col('a', 'text'), b.col('b', 'integer')]);
    b.index(t, [{ column: b.colId(t, 'a'), opclass: 'text_pattern_ops', order: 'desc', nulls: 'last' }, { expr: 'lower(a)', collation: '"C"' }], {
      name: 'ix', unique: true, include: [b.colId(t, 'b')], where: 'b > 0', with: '(fillfactor=70)', nullsNotDistinct: true,
    });
    b.index(t, [{ column: b.colId(t, 'b') }], { only: true, method: 'hash' });
    const { sql } = exportDdl(b.m, { ifNotExists: true });
    expect(sql).toContain(
      'CREATE UNIQUE INDEX IF NOT EXISTS ix ON public.t USING btree (a text_pattern_ops DESC NULLS LAST, (lower(a)) COLLATE "C") INCLUDE (b) NULLS NOT DISTINCT WITH (fillfactor=70) WHERE b > 0;\n',
    );
    expect(sql).toContain('CREATE INDEX ON ONLY public.t USING hash (b);\n');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS public.t (');
  });

  it('emits search_path switches', () => {
    const b = new ModelBuilder();
    const app = b.schema('app');
    b.table(app, 't1', [b.col('a', 'integer')], { searchPath: ['app', 'public'] });
    b.table(app, 't2', [b.col('a', 'integer')], { searchPath: ['app', 'public'] });
    b.table(app, 't3', [b.col('a', 'integer')]);
    b.table(app, 't4', [b.col('a', 'integer')], { searchPath: [] });
    b.table(app, 't5', [b.col('a', 'integer')], { searchPath: ['$user', 'My Schema'] });
    const { sql } = exportDdl(b.m);
    expect(sql.match(/SET search_path = app, public;/g)?.length).toBe(1);
    expect(pos(sql, 'SET search_path = app, public;')).toBeLessThan(pos(sql, 'CREATE TABLE app.t1'));
    expect(pos(sql, 'CREATE TABLE app.t2')).toBeLessThan(pos(sql, 'RESET search_path;'));
    expect(pos(sql, 'RESET search_path;')).toBeLessThan(pos(sql, 'CREATE TABLE app.t3'));
    expect(pos(sql, "SELECT pg_catalog.set_config('search_path', '', false);")).toBeLessThan(pos(sql, 'CREATE TABLE app.t4'));
    expect(sql).toContain('SET search_path = "$user", "My Schema";\n\nCREATE TABLE app.t5');
  });

  it("qualify: 'non-public' leaves public names bare", () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const app = b.schema('app');
    const a = b.table(pub, 'a', [b.col('id', 'integer')], { comment: 'x' });
    b.pk(a, ['id']);
    const c = b.table(app, 'c', [b.col('a_id', 'integer')]);
    b.fk(c, ['a_id'], a, ['id']);
    const { sql } = exportDdl(b.m, { qualify: 'non-public' });
    expect(sql).toContain('CREATE TABLE a (');
    expect(sql).toContain('CREATE TABLE app.c (');
    expect(sql).toContain('REFERENCES a(id)');
    expect(sql).toContain("COMMENT ON TABLE a IS 'x';");
  });

  it('quotes hostile identifiers and literals and warns about overlong names', () => {
    const b = new ModelBuilder();
    const s = b.schema('Mixed Case');
    const long = 'x'.repeat(64);
    const t = b.table(s, 'a"b', [b.col('select', 'integer'), b.col('Ünïcode', 'text'), b.col(long, 'text')], {
      comment: "it's \\ $$ */ \n -- ; DROP TABLE x; '",
    });
    b.enumType(s, 'e', ["o'k", 'back\\slash', '$$']);
    const { sql, diagnostics } = exportDdl(b.m);
    expect(sql).toContain('CREATE TABLE "Mixed Case"."a""b" (\n    "select" integer,\n    "Ünïcode" text,\n');
    expect(sql).toContain(`COMMENT ON TABLE "Mixed Case"."a""b" IS E'it''s \\\\ $$ */ \n -- ; DROP TABLE x; ''';`);
    expect(sql).toContain(`    'o''k',\n    E'back\\\\slash',\n    '$$'\n`);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'identifier-too-long' });
    expect(diagnostics[0]!.message).toContain(long);
  });

  it('skips sequences owned by identity columns and reports unresolved references', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    const t = b.table(pub, 't', [b.col('id', 'integer', { nullable: false, identity: { always: true, options: {} } }), b.col('x', 'integer')]);
    b.sequence(pub, 't_id_seq', { ownedBy: { tableId: t.id, columnId: b.colId(t, 'id') } });
    b.constraint(t, { kind: 'foreign', columns: ['nope'], refTableId: t.id, refColumns: [b.colId(t, 'id')], onDelete: 'no action', onUpdate: 'no action', match: 'simple' });
    b.index(t, [{ column: 'gone' }], { name: 'bad_ix' });
    const { sql, diagnostics } = exportDdl(b.m);
    expect(sql).not.toContain('SEQUENCE');
    expect(sql).not.toContain('FOREIGN KEY');
    expect(sql).not.toContain('bad_ix');
    expect(diagnostics.map((d) => d.code)).toEqual(['unresolved', 'unresolved']);
  });

  it('drop prelude drops in reverse order', () => {
    const b = new ModelBuilder();
    const app = b.schema('app');
    const t = b.table(app, 't', [b.col('a', 'integer')]);
    b.view(app, 'v', 'SELECT a FROM app.t', [t.id], { materialized: true });
    const { sql } = exportDdl(b.m, { dropPrelude: true, header: false });
    expect(sql.startsWith(
      'SET check_function_bodies = false;\n\n' +
        'DROP MATERIALIZED VIEW IF EXISTS app.v CASCADE;\nDROP TABLE IF EXISTS app.t CASCADE;\nDROP SCHEMA IF EXISTS app CASCADE;\n\n',
    )).toBe(true);
  });

  it('is deterministic, independent of record insertion order', () => {
    const build = (reverse: boolean) => {
      const b = new ModelBuilder();
      const pub = b.schema('public', false);
      for (let i = 0; i < 20; i++) {
        const t = b.table(pub, `t${i}`, [b.col('id', 'integer')]);
        b.pk(t, ['id']);
      }
      if (reverse) {
        b.m.tables = Object.fromEntries(Object.entries(b.m.tables).reverse());
      }
      return b.m;
    };
    const a = exportDdl(build(false)).sql;
    expect(exportDdl(build(false)).sql).toBe(a);
    expect(exportDdl(build(true)).sql).toBe(a);
  });

  it('exports 5,000 tables quickly', () => {
    const b = new ModelBuilder();
    const pub = b.schema('public', false);
    b.raw('CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', { defines: { kind: 'function', schema: 'public', name: 'f' } });
    let prev: ReturnType<typeof b.table> | undefined;
    for (let i = 0; i < 5000; i++) {
      const cols = [b.col('id', 'integer', { nullable: false })];
      for (let j = 0; j < 8; j++) cols.push(b.col(`c${j}`, 'text', { default: j === 0 ? "f() + 1" : "'x'::text", comment: j === 1 ? 'c' : undefined }));
      cols.push(b.col('prev_id', 'integer'));
      const t = b.table(pub, `table_${i}`, cols);
      b.pk(t, ['id']);
      b.index(t, [{ column: b.colId(t, 'c0') }], { name: `ix_${i}` });
      if (prev) b.fk(t, ['prev_id'], prev, ['id']);
      prev = t;
    }
    exportDdl(b.m); // warm up
    const t0 = performance.now();
    const { sql } = exportDdl(b.m);
    const ms = performance.now() - t0;
    expect(sql.length).toBeGreaterThan(1_000_000);
    console.log(`5000-table export: ${ms.toFixed(0)} ms, ${(sql.length / 1e6).toFixed(1)} MB`);
    expect(ms).toBeLessThan(1000);
  });
});

describe('helpers', () => {
  it('topoSort breaks ties by rank then seq and survives cycles', () => {
    const cyc: number[] = [];
    const order = topoSort(
      [
        { key: 'a', rank: 1, seq: 1, sub: 0, deps: ['b'] },
        { key: 'b', rank: 1, seq: 2, sub: 0, deps: ['a'] },
        { key: 'c', rank: 0, seq: 9, sub: 0, deps: [] },
        { key: 'd', rank: 0, seq: 3, sub: 0, deps: ['zzz'] },
      ],
      (x) => cyc.push(x),
    );
    expect(order).toEqual([3, 2, 0, 1]);
    expect(cyc).toEqual([0]);
  });

  it('RefIndex finds function calls and sequence literals, skipping strings and comments', () => {
    const r = new RefIndex();
    r.addFunction('public', 'f', 'F');
    r.addFunction('app', 'MyFn', 'G');
    r.addSequence('public', 'my seq', 'S');
    r.addSequence('app', 's2', 'S2');
    const scan = (t: string) => {
      const out = new Set<string>();
      r.scan(t, out);
      return [...out].sort();
    };
    expect(scan('f(1)')).toEqual(['F']);
    expect(scan('public.F (1)')).toEqual(['F']);
    expect(scan('other.f(1)')).toEqual([]);
    expect(scan("'f(1)' || f")).toEqual([]);
    expect(scan('-- f(1)\n1 /* f() */')).toEqual([]);
    expect(scan('app."MyFn"() + app.myfn()')).toEqual(['G']);
    expect(scan(`nextval('public."my seq"'::regclass)`)).toEqual(['S']);
    expect(scan(`nextval('s2'::regclass) || E'\\'f()'`)).toEqual(['S2']);
    expect(scan('$q$ f() $q$')).toEqual([]);
  });
});
