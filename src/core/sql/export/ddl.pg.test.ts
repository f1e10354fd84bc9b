/**
 * Exporter tests against real PostgreSQL (PGlite): the generated DDL must run, and the catalog must say what the
 * model says. One PGlite instance for the file; each test works in its own schema(s).
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDdl, type ExportOptions } from './ddl';
import { ModelBuilder } from './testkit';
import type { SchemaModel } from '../../model/types';

let db: PGlite;

beforeAll(async () => {
  db = await PGlite.create();
});

afterAll(async () => {
  await db?.close();
});

async function rows<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query<T>(sql, params)).rows;
}

/** Export, assert no error diagnostics, run the SQL in PGlite, reset the session. */
async function apply(model: SchemaModel, opts: ExportOptions = {}): Promise<string> {
  const { sql, diagnostics } = exportDdl(model, opts);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  try {
    await db.exec(sql);
  } finally {
    await db.exec('RESET ALL');
  }
  return sql;
}

async function columns(schema: string, table: string) {
  return rows<{ column_name: string; data_type: string; is_nullable: string; column_default: string | null; is_identity: string; is_generated: string }>(
    `SELECT column_name, data_type, is_nullable, column_default, is_identity, is_generated
       FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`,
    [schema, table],
  );
}

async function constraints(schema: string, table: string) {
  return rows<{ conname: string; contype: string; def: string; condeferrable: boolean; condeferred: boolean; convalidated: boolean }>(
    `SELECT conname, contype, pg_get_constraintdef(c.oid) AS def, condeferrable, condeferred, convalidated
       FROM pg_constraint c WHERE conrelid = ($1 || '.' || $2)::regclass AND contype <> 'n' ORDER BY conname`,
    [quote(schema), quote(table)],
  );
}

function quote(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

describe('exported DDL runs in PostgreSQL', () => {
  it('tables, columns, constraints, indexes, sequences, identity', async () => {
    const b = new ModelBuilder();
    const s = b.schema('p1');
    const cust = b.table(s, 'customer', [
      b.col('id', 'integer', { nullable: false, serial: 'serial', default: "nextval('p1.customer_id_seq'::regclass)" }),
      b.col('email', 'varchar(255)', { nullable: false, collation: '"C"' }),
      b.col('score', 'numeric(10,2)', { default: '0' }),
      b.col('tags', 'text[]'),
      b.col('up_email', 'text', { generated: { expr: 'upper((email)::text)', kind: 'stored' } }),
      b.col('low_email', 'text', { generated: { expr: 'lower((email)::text)', kind: 'virtual' } }),
    ]);
    b.pk(cust, ['id'], 'customer_pkey');
    b.constraint(cust, { kind: 'unique', name: 'customer_email_key', columns: [b.colId(cust, 'email')], deferrable: true, initiallyDeferred: true });
    b.constraint(cust, { kind: 'check', name: 'score_pos', expr: 'score >= 0' });
    b.constraint(cust, { kind: 'check', name: 'score_small', expr: 'score < 1000', notValid: true });
    b.constraint(cust, { kind: 'check', name: 'score_ne', expr: 'score <> 5', notEnforced: true });
    b.constraint(cust, { kind: 'check', expr: 'id > 0', noInherit: true });
    b.sequence(s, 'customer_id_seq', {
      options: { as: 'integer', start: '1', increment: '1', minValue: null, maxValue: null, cache: '1' },
      ownedBy: { tableId: cust.id, columnId: b.colId(cust, 'id') },
    });
    const ord = b.table(s, 'order', [
      b.col('id', 'bigint', { nullable: false, identity: { always: true, options: { start: '1000', increment: '10', sequenceName: { schema: 'p1', name: 'order_ids' } } } }),
      b.col('customer_id', 'integer'),
      b.col('note', 'text'),
      b.col('during', 'tsrange'),
    ]);
    b.pk(ord, ['id']);
    b.fk(ord, ['customer_id'], cust, ['id'], { name: 'order_customer_fk', onDelete: 'set null', onUpdate: 'cascade', match: 'full', deferrable: true });
    b.constraint(ord, { kind: 'exclude', name: 'no_overlap', definition: 'USING gist (during WITH &&)' });
    b.index(ord, [{ column: b.colId(ord, 'customer_id') }, { expr: 'lower(note)', order: 'desc', nulls: 'last' }], {
      name: 'order_cust_note', where: 'note IS NOT NULL', include: [b.colId(ord, 'id')],
    });
    b.index(cust, [{ column: b.colId(cust, 'email'), opclass: 'text_pattern_ops' }], { name: 'cust_email_pat', unique: true, with: '(fillfactor=70)' });
    b.index(cust, [{ column: b.colId(cust, 'tags') }], { method: 'gin' });
    await apply(b.m);

    expect(await columns('p1', 'customer')).toEqual([
      { column_name: 'id', data_type: 'integer', is_nullable: 'NO', column_default: "nextval('p1.customer_id_seq'::regclass)", is_identity: 'NO', is_generated: 'NEVER' },
      { column_name: 'email', data_type: 'character varying', is_nullable: 'NO', column_default: null, is_identity: 'NO', is_generated: 'NEVER' },
      { column_name: 'score', data_type: 'numeric', is_nullable: 'YES', column_default: '0', is_identity: 'NO', is_generated: 'NEVER' },
      { column_name: 'tags', data_type: 'ARRAY', is_nullable: 'YES', column_default: null, is_identity: 'NO', is_generated: 'NEVER' },
      { column_name: 'up_email', data_type: 'text', is_nullable: 'YES', column_default: null, is_identity: 'NO', is_generated: 'ALWAYS' },
      { column_name: 'low_email', data_type: 'text', is_nullable: 'YES', column_default: null, is_identity: 'NO', is_generated: 'ALWAYS' },
    ]);
    const cons = await constraints('p1', 'customer');
    expect(cons.map((c) => [c.conname, c.contype, c.def, c.condeferrable, c.condeferred, c.convalidated])).toEqual([
      ['customer_email_key', 'u', 'UNIQUE (email) DEFERRABLE INITIALLY DEFERRED', true, true, true],
      ['customer_id_check', 'c', 'CHECK ((id > 0)) NO INHERIT', false, false, true],
      ['customer_pkey', 'p', 'PRIMARY KEY (id)', false, false, true],
      ['score_ne', 'c', 'CHECK ((score <> (5)::numeric)) NOT ENFORCED', false, false, false],
      ['score_pos', 'c', 'CHECK ((score >= (0)::numeric))', false, false, true],
      ['score_small', 'c', 'CHECK ((score < (1000)::numeric)) NOT VALID', false, false, false],
    ]);
    const ocons = await constraints('p1', 'order');
    expect(ocons.map((c) => [c.conname, c.def])).toEqual([
      ['no_overlap', 'EXCLUDE USING gist (during WITH &&)'],
      ['order_customer_fk', 'FOREIGN KEY (customer_id) REFERENCES p1.customer(id) MATCH FULL ON UPDATE CASCADE ON DELETE SET NULL DEFERRABLE'],
      ['order_pkey', 'PRIMARY KEY (id)'],
    ]);
    const idx = await rows<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'p1' ORDER BY indexname`,
    );
    expect(idx).toEqual([
      { indexname: 'cust_email_pat', indexdef: 'CREATE UNIQUE INDEX cust_email_pat ON p1.customer USING btree (email text_pattern_ops) WITH (fillfactor=\'70\')' },
      { indexname: 'customer_email_key', indexdef: 'CREATE UNIQUE INDEX customer_email_key ON p1.customer USING btree (email)' },
      { indexname: 'customer_pkey', indexdef: 'CREATE UNIQUE INDEX customer_pkey ON p1.customer USING btree (id)' },
      { indexname: 'customer_tags_idx', indexdef: 'CREATE INDEX customer_tags_idx ON p1.customer USING gin (tags)' },
      { indexname: 'no_overlap', indexdef: 'CREATE INDEX no_overlap ON p1."order" USING gist (during)' },
      {
        indexname: 'order_cust_note',
        indexdef: 'CREATE INDEX order_cust_note ON p1."order" USING btree (customer_id, lower(note) DESC NULLS LAST) INCLUDE (id) WHERE (note IS NOT NULL)',
      },
      { indexname: 'order_pkey', indexdef: 'CREATE UNIQUE INDEX order_pkey ON p1."order" USING btree (id)' },
    ]);
    // serial: sequence owned by the column; identity: named sequence with non-default options
    expect(await rows(`SELECT pg_get_serial_sequence('p1.customer', 'id') AS s`)).toEqual([{ s: 'p1.customer_id_seq' }]);
    expect(await rows(`SELECT pg_get_serial_sequence('p1."order"', 'id') AS s`)).toEqual([{ s: 'p1.order_ids' }]);
    expect(await rows(`SELECT start_value::text, increment_by::text FROM pg_sequences WHERE schemaname = 'p1' AND sequencename = 'order_ids'`)).toEqual([
      { start_value: '1000', increment_by: '10' },
    ]);
    expect(await rows(`SELECT attidentity FROM pg_attribute WHERE attrelid = 'p1."order"'::regclass AND attname = 'id'`)).toEqual([{ attidentity: 'a' }]);
    await db.exec(`INSERT INTO p1.customer (email) VALUES ('a@b')`);
    expect(await rows(`SELECT id, up_email, low_email FROM p1.customer`)).toEqual([{ id: 1, up_email: 'A@B', low_email: 'a@b' }]);
  });

  it('types: enum, domain (NOT VALID check), composite; ordering by dependencies not seq', async () => {
    const b = new ModelBuilder();
    const s = b.schema('p2');
    const t = b.table(s, 'thing', [b.col('m', 'p2.mood'), b.col('amt', 'p2.money_amt'), b.col('addr', 'p2.address')]);
    const mood = b.enumType(s, 'mood', ['sad', "o'k", 'Happy Day']);
    const amt = b.domain(s, 'money_amt', 'numeric(12,2)', {
      nullable: false,
      default: '0',
      checks: [
        { id: 'k1', name: 'amt_pos', expr: 'VALUE >= 0' },
        { id: 'k2', name: 'amt_cap', expr: 'VALUE < 1000000', notValid: true },
      ],
    });
    const addr = b.composite(s, 'address', [
      { name: 'street', type: 'text', collation: '"C"' },
      { name: 'mood', type: 'p2.mood', typeRef: mood.id },
    ]);
    t.columns[0]!.typeRef = mood.id;
    t.columns[1]!.typeRef = amt.id;
    t.columns[2]!.typeRef = addr.id;
    await apply(b.m);
    expect(await rows(`SELECT unnest(enum_range(NULL::p2.mood))::text AS l`)).toEqual([{ l: 'sad' }, { l: "o'k" }, { l: 'Happy Day' }]);
    expect(
      await rows(`SELECT conname, convalidated FROM pg_constraint WHERE contypid = 'p2.money_amt'::regtype AND contype = 'c' ORDER BY conname`),
    ).toEqual([
      { conname: 'amt_cap', convalidated: false },
      { conname: 'amt_pos', convalidated: true },
    ]);
    expect(await rows(`SELECT typnotnull, typdefault FROM pg_type WHERE oid = 'p2.money_amt'::regtype`)).toEqual([{ typnotnull: true, typdefault: '0' }]);
    expect(
      await rows(`SELECT attname, format_type(atttypid, atttypmod) AS t FROM pg_attribute WHERE attrelid = 'p2.address'::regclass AND attnum > 0 ORDER BY attnum`),
    ).toEqual([
      { attname: 'street', t: 'text' },
      { attname: 'mood', t: 'p2.mood' },
    ]);
  });

  it('FK cycles, view on view, function in a default, trigger after table and function', async () => {
    const b = new ModelBuilder();
    const s = b.schema('p3');
    const trg = b.raw('CREATE TRIGGER a_touch BEFORE INSERT ON p3.a FOR EACH ROW EXECUTE FUNCTION p3.touch()', {
      defines: { kind: 'trigger', name: 'a_touch' },
    });
    const v2 = b.view(s, 'v2', 'SELECT id FROM p3.v1 WHERE id > 0', []);
    const a = b.table(s, 'a', [b.col('id', 'integer', { nullable: false }), b.col('b_id', 'integer'), b.col('code', 'text', { default: 'p3.make_code()' }), b.col('touched', 'boolean')]);
    const bt = b.table(s, 'b', [b.col('id', 'integer', { nullable: false }), b.col('a_id', 'integer')]);
    b.pk(a, ['id']);
    b.pk(bt, ['id']);
    b.fk(a, ['b_id'], bt, ['id'], { name: 'a_b_fk' });
    b.fk(bt, ['a_id'], a, ['id'], { name: 'b_a_fk', deferrable: true, initiallyDeferred: true });
    const v1 = b.view(s, 'v1', 'SELECT a.id, b.id AS bid FROM p3.a JOIN p3.b ON b.a_id = a.id', [a.id, bt.id], { columnNames: ['id', 'bid'] });
    v2.deps = [v1.id];
    b.raw("CREATE FUNCTION p3.make_code() RETURNS text LANGUAGE sql AS $$ SELECT 'c-' || count(*) FROM p3.a $$", {
      defines: { kind: 'function', schema: 'p3', name: 'make_code' },
    });
    const touch = b.raw('CREATE FUNCTION p3.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.touched := true; RETURN NEW; END $$', {
      defines: { kind: 'function', schema: 'p3', name: 'touch' },
    });
    trg.target = a.id;
    trg.deps = [touch.id];
    const { diagnostics } = exportDdl(b.m);
    expect(diagnostics).toEqual([]);
    await apply(b.m);
    await db.exec(`INSERT INTO p3.a (id) VALUES (1)`);
    expect(await rows(`SELECT code, touched FROM p3.a`)).toEqual([{ code: 'c-0', touched: true }]);
    expect(await rows(`SELECT count(*)::int AS n FROM p3.v2`)).toEqual([{ n: 0 }]);
    expect((await constraints('p3', 'b')).find((c) => c.conname === 'b_a_fk')).toMatchObject({ condeferrable: true, condeferred: true });
  });

  it('partitions (PARTITION OF and ATTACH) and legacy inheritance', async () => {
    const b = new ModelBuilder();
    const s = b.schema('p4');
    const m = b.table(s, 'measure', [b.col('d', 'date', { nullable: false }), b.col('v', 'integer'), b.col('src', 'text')], {
      partitioning: { strategy: 'range', keys: ['d'] },
    });
    b.pk(m, ['d'], 'measure_pkey');
    b.table(s, 'measure_2020', [b.col('d', 'date', { nullable: false, inherited: true }), b.col('v', 'integer', { inherited: true, default: '7', nullable: false }), b.col('src', 'text', { inherited: true })], {
      partitionOf: { parentId: m.id, bound: "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')", form: 'partition-of' },
    });
    const m21 = b.table(s, 'measure_2021', [b.col('d', 'date', { nullable: false }), b.col('v', 'integer'), b.col('src', 'text')], {
      partitionOf: { parentId: m.id, bound: "FOR VALUES FROM ('2021-01-01') TO ('2022-01-01')", form: 'attach' },
    });
    b.pk(m21, ['d'], 'measure_2021_pkey');
    const l = b.table(s, 'by_src', [b.col('src', 'text'), b.col('n', 'integer')], { partitioning: { strategy: 'list', keys: ['src'] } });
    b.table(s, 'by_src_other', [], { partitionOf: { parentId: l.id, bound: 'DEFAULT', form: 'partition-of' } });
    const base = b.table(s, 'base', [b.col('id', 'integer', { nullable: false }), b.col('kind', 'text')]);
    b.table(s, 'kid', [b.col('id', 'integer', { inherited: true, nullable: false, default: '42' }), b.col('kind', 'text', { inherited: true }), b.col('extra', 'text')], { inherits: [base.id] });
    await apply(b.m);
    const parts = await rows<{ child: string; bound: string }>(
      `SELECT c.relname AS child, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent IN ('p4.measure'::regclass, 'p4.by_src'::regclass) ORDER BY 1`,
    );
    expect(parts).toEqual([
      { child: 'by_src_other', bound: 'DEFAULT' },
      { child: 'measure_2020', bound: "FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')" },
      { child: 'measure_2021', bound: "FOR VALUES FROM ('2021-01-01') TO ('2022-01-01')" },
    ]);
    expect(await columns('p4', 'measure_2020')).toMatchObject([
      { column_name: 'd' },
      { column_name: 'v', is_nullable: 'NO', column_default: '7' },
      { column_name: 'src', is_nullable: 'YES', column_default: null },
    ]);
    expect(await rows(`SELECT inhparent::regclass::text AS p FROM pg_inherits WHERE inhrelid = 'p4.kid'::regclass`)).toEqual([{ p: 'p4.base' }]);
    expect((await columns('p4', 'kid')).map((c) => [c.column_name, c.column_default])).toEqual([
      ['id', '42'],
      ['kind', null],
      ['extra', null],
    ]);
  });

  it('hostile names and comments round-trip exactly; overlong names warn and truncate', async () => {
    const b = new ModelBuilder();
    const s = b.schema('Mixed Case');
    const long = 'n'.repeat(64);
    const nasty = "it's \\ a \"quote\" $$ */ /* \n-- not a comment; DROP TABLE x; '";
    const t = b.table(s, 'a"b', [b.col('select', 'integer', { comment: nasty }), b.col('Ünïcode', 'text'), b.col(long, 'text'), b.col('Mixed Case', 'text')], {
      comment: nasty,
    });
    b.pk(t, ['select'], 'pk "x"');
    t.constraints[0]!.comment = 'pk comment';
    b.index(t, [{ column: b.colId(t, 'Ünïcode') }], { name: 'Ix Ü', comment: '$$' });
    b.enumType(s, 'Enum', ["o'k", 'back\\slash', '$$', 'new\nline']);
    const v = b.view(s, 'select', 'SELECT "select" FROM "Mixed Case"."a""b"', [t.id], { comment: '*/', columnComments: { select: "'" } });
    void v;
    const { diagnostics } = exportDdl(b.m);
    expect(diagnostics.map((d) => d.code)).toEqual(['identifier-too-long']);
    await apply(b.m);
    expect(
      await rows(`SELECT attname FROM pg_attribute WHERE attrelid = '"Mixed Case"."a""b"'::regclass AND attnum > 0 ORDER BY attnum`),
    ).toEqual([{ attname: 'select' }, { attname: 'Ünïcode' }, { attname: 'n'.repeat(63) }, { attname: 'Mixed Case' }]);
    expect(await rows(`SELECT obj_description('"Mixed Case"."a""b"'::regclass, 'pg_class') AS c`)).toEqual([{ c: nasty }]);
    expect(await rows(`SELECT col_description('"Mixed Case"."a""b"'::regclass, 1) AS c`)).toEqual([{ c: nasty }]);
    expect(await rows(`SELECT obj_description('"Mixed Case"."Ix Ü"'::regclass, 'pg_class') AS c`)).toEqual([{ c: '$$' }]);
    expect(await rows(`SELECT obj_description('"Mixed Case"."select"'::regclass, 'pg_class') AS c, col_description('"Mixed Case"."select"'::regclass, 1) AS cc`)).toEqual([
      { c: '*/', cc: "'" },
    ]);
    expect(await rows(`SELECT conname, obj_description(oid, 'pg_constraint') AS c FROM pg_constraint WHERE conrelid = '"Mixed Case"."a""b"'::regclass AND contype = 'p'`)).toEqual([
      { conname: 'pk "x"', c: 'pk comment' },
    ]);
    expect(await rows(`SELECT unnest(enum_range(NULL::"Mixed Case"."Enum"))::text AS l`)).toEqual([
      { l: "o'k" },
      { l: 'back\\slash' },
      { l: '$$' },
      { l: 'new\nline' },
    ]);
  });

  it('search_path: unqualified names in expressions resolve through the recorded path', async () => {
    const b = new ModelBuilder();
    const s = b.schema('p5');
    const t = b.table(s, 't', [b.col('id', 'integer', { default: "nextval('t_seq'::regclass)" }), b.col('m', 'p5.st', { default: "'on'::st" })], {
      searchPath: ['p5'],
    });
    b.constraint(t, { kind: 'check', name: 'id_ok', expr: 'is_ok(id)' });
    const st = b.enumType(s, 'st', ['on', 'off']);
    t.columns[1]!.typeRef = st.id;
    b.sequence(s, 't_seq', { searchPath: ['p5'] });
    b.raw('CREATE FUNCTION is_ok(integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT $1 > 0 $$', {
      defines: { kind: 'function', schema: 'p5', name: 'is_ok' },
      searchPath: ['p5'],
    });
    b.view(s, 'v', 'SELECT id FROM t', [t.id], { searchPath: ['p5', 'public'] });
    b.table(s, 'plain', [b.col('x', 'integer', { default: 'pg_catalog.abs(-1)' })], { searchPath: [] });
    const sql = await apply(b.m);
    expect(sql).toContain('SET search_path = p5;');
    expect(sql).toContain("SELECT pg_catalog.set_config('search_path', '', false);");
    await db.exec(`INSERT INTO p5.t DEFAULT VALUES`);
    expect(await rows(`SELECT id, m::text FROM p5.t`)).toEqual([{ id: 1, m: 'on' }]);
  });

  it('RLS, materialized view with index and NO DATA, view check option, extension, schema comment', async () => {
    const b = new ModelBuilder();
    const s = b.schema('p6', true, { comment: 'schema six' });
    b.m.extensions.plpgsql = { id: 'plpgsql', name: 'plpgsql', ifNotExists: true, seq: 0 };
    const t = b.table(s, 'doc', [b.col('id', 'integer'), b.col('owner', 'text')], { rls: { enabled: true, forced: true } });
    b.raw('CREATE POLICY own ON p6.doc USING (owner = current_user)', { target: t.id, defines: { kind: 'policy', name: 'own' } });
    const mv = b.view(s, 'doc_mv', 'SELECT id, owner FROM p6.doc', [t.id], { materialized: true, withNoData: true, comment: 'mv' });
    b.index(mv, [{ expr: 'id' }], { name: 'doc_mv_id', unique: true });
    b.view(s, 'doc_v', 'SELECT id, owner FROM p6.doc WHERE id > 0', [t.id], { checkOption: 'cascaded', with: '(security_barrier=true)' });
    await apply(b.m);
    expect(await rows(`SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'p6.doc'::regclass`)).toEqual([
      { relrowsecurity: true, relforcerowsecurity: true },
    ]);
    expect(await rows(`SELECT policyname FROM pg_policies WHERE schemaname = 'p6'`)).toEqual([{ policyname: 'own' }]);
    expect(await rows(`SELECT ispopulated FROM pg_matviews WHERE schemaname = 'p6'`)).toEqual([{ ispopulated: false }]);
    expect(await rows(`SELECT indexname FROM pg_indexes WHERE schemaname = 'p6'`)).toEqual([{ indexname: 'doc_mv_id' }]);
    expect(await rows(`SELECT check_option FROM information_schema.views WHERE table_schema = 'p6'`)).toEqual([{ check_option: 'CASCADED' }]);
    expect(await rows(`SELECT obj_description('p6'::regnamespace, 'pg_namespace') AS c`)).toEqual([{ c: 'schema six' }]);
  });

  it('FK to a table outside the model; dropPrelude and ifNotExists make the script re-runnable', async () => {
    await db.exec(`CREATE SCHEMA ext7; CREATE TABLE ext7."Other" ("ID" integer PRIMARY KEY)`);
    const b = new ModelBuilder();
    const s = b.schema('p7');
    const t = b.table(s, 't', [b.col('o', 'integer'), b.col('n', 'integer', { default: "nextval('p7.n_seq'::regclass)" })]);
    b.sequence(s, 'n_seq', { ownedBy: { tableId: t.id, columnId: b.colId(t, 'n') } });
    b.constraint(t, { kind: 'foreign', name: 'o_fk', columns: [b.colId(t, 'o')], refTableId: null, refColumns: [], refTableName: { schema: 'ext7', name: 'Other' }, refColumnNames: ['ID'], onDelete: 'cascade', onUpdate: 'no action', match: 'simple' });
    b.raw('CREATE FUNCTION p7.f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$', { defines: { kind: 'function', schema: 'p7', name: 'f' } });
    b.view(s, 'v', 'SELECT o FROM p7.t', [t.id]);
    await apply(b.m, { dropPrelude: true });
    await db.exec(`INSERT INTO ext7."Other" VALUES (1); INSERT INTO p7.t (o) VALUES (1)`);
    await apply(b.m, { dropPrelude: true });
    expect(await rows(`SELECT count(*)::int AS n FROM p7.t`)).toEqual([{ n: 0 }]);
    expect((await constraints('p7', 't')).map((c) => c.def)).toEqual(['FOREIGN KEY (o) REFERENCES ext7."Other"("ID") ON DELETE CASCADE']);

    const b2 = new ModelBuilder();
    const s2 = b2.schema('p7b');
    const t2 = b2.table(s2, 't', [b2.col('a', 'integer')]);
    b2.index(t2, [{ column: b2.colId(t2, 'a') }], { name: 't_a' });
    b2.sequence(s2, 'q');
    await apply(b2.m, { ifNotExists: true });
    const again = await apply(b2.m, { ifNotExists: true });
    expect(again).toContain('CREATE SCHEMA IF NOT EXISTS p7b;');
  });

  it("qualify: 'non-public' output runs with the default search_path", async () => {
    const clone = await db.clone();
    try {
      const b = new ModelBuilder();
      const pub = b.schema('public', false);
      const app = b.schema('p8');
      const e = b.enumType(pub, 'kind8', ['x']);
      const a = b.table(pub, 'a8', [b.col('id', 'integer', { nullable: false }), b.col('k', 'kind8', { typeRef: e.id })], { comment: 'pub' });
      b.pk(a, ['id']);
      const c = b.table(app, 'c8', [b.col('a_id', 'integer')]);
      b.fk(c, ['a_id'], a, ['id']);
      b.index(a, [{ column: b.colId(a, 'k') }], { name: 'a8_k', comment: 'ix' });
      const { sql } = exportDdl(b.m, { qualify: 'non-public' });
      expect(sql).toContain('CREATE TABLE a8 (');
      await clone.exec(sql);
      expect((await clone.query(`SELECT obj_description('public.a8'::regclass, 'pg_class') AS c`)).rows).toEqual([{ c: 'pub' }]);
      expect((await clone.query(`SELECT confrelid::regclass::text AS r FROM pg_constraint WHERE conrelid = 'p8.c8'::regclass`)).rows).toEqual([{ r: 'a8' }]);
    } finally {
      await clone.close();
    }
  });
});
