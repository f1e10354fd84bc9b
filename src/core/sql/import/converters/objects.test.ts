import { beforeAll, describe, expect, it } from 'vitest';
import { loadModule } from 'libpg-query';
import { errors, importSql, table } from './testHelpers';

beforeAll(async () => {
  await loadModule();
});

describe('sequences and indexes', () => {
  it('CreateSeqStmt / AlterSeqStmt', () => {
    const ctx = importSql(`create table t (id bigint);
      create unlogged sequence if not exists s as bigint increment 5 minvalue 10 maxvalue 100 start 20 cache 2 cycle owned by t.id;
      alter sequence s no cycle owned by none;`);
    const s = Object.values(ctx.model.sequences)[0]!;
    expect(s).toMatchObject({ name: 's', unlogged: true, ifNotExists: true, options: { as: 'bigint', increment: '5', minValue: '10', maxValue: '100', start: '20', cache: '2', cycle: false } });
    expect(s.ownedBy).toBeUndefined();
  });

  it('IndexStmt incl. unnamed, ON ONLY, expressions, matview', () => {
    const ctx = importSql(`create table t (a int, b text);
      create index on t (a);
      create unique index if not exists i2 on only t using btree (lower(b) collate "C" text_pattern_ops desc nulls last, a) include (b) with (fillfactor=50) where (a > 0);
      create unique index i3 on t (a) nulls not distinct;
      create materialized view mv as select a from t;
      create index mv_i on mv (a);`);
    expect(errors(ctx)).toEqual([]);
    const t = table(ctx, 't');
    const [i1, i2, i3] = t.indexes;
    expect(i1).toMatchObject({ unique: false, method: 'btree', elements: [{ column: t.columns[0]!.id }] });
    expect(i1!.name).toBeUndefined();
    expect(i2).toMatchObject({
      name: 'i2', unique: true, only: true, ifNotExists: true, where: 'a > 0', with: '(fillfactor=50)', include: [t.columns[1]!.id],
      elements: [{ expr: 'lower(b)', collation: '"C"', opclass: 'text_pattern_ops', order: 'desc', nulls: 'last' }, { column: t.columns[0]!.id }],
    });
    expect(i3).toMatchObject({ nullsNotDistinct: true });
    const mv = Object.values(ctx.model.views)[0]!;
    expect(mv.indexes.map((i) => i.name)).toEqual(['mv_i']);
  });
});

describe('types', () => {
  it('enum, alter enum, domain, composite', () => {
    const ctx = importSql(`create type mood as enum ('sad', 'ok');
      alter type mood add value 'happy' after 'ok';
      alter type mood add value if not exists 'meh' before 'ok';
      alter type mood rename value 'sad' to 'blue';
      create domain posint as integer not null default 1 constraint pos check (value > 0);
      create type pair as (m mood, n posint, t text collate "C");`);
    expect(errors(ctx)).toEqual([]);
    const [mood, dom, pair] = Object.values(ctx.model.types);
    expect(mood!.kind === 'enum' && mood!.values.map((v) => v.label)).toEqual(['blue', 'meh', 'ok', 'happy']);
    expect(dom).toMatchObject({ kind: 'domain', baseType: 'integer', nullable: false, default: '1', checks: [{ name: 'pos', expr: 'value > 0' }] });
    expect(pair).toMatchObject({ kind: 'composite', attributes: [{ type: 'public.mood', typeRef: mood!.id }, { type: 'public.posint', typeRef: dom!.id }, { type: 'text', collation: '"C"' }] });
  });
});

describe('views', () => {
  it('keeps the source text of the query', () => {
    const ctx = importSql(`create table t (a int, b text);
      create or replace view v (x, y) with (security_barrier) as
        select a, b from t where b <> 'x;y'   -- comment
        with local check option;
      create recursive view r (n) as values (1) union all select n + 1 from r where n < 3;
      create materialized view m as select a from t with no data;`);
    expect(errors(ctx)).toEqual([]);
    const [v, r, m] = Object.values(ctx.model.views);
    expect(v).toMatchObject({ columnNames: ['x', 'y'], with: '(security_barrier)', checkOption: 'local', orReplace: true, materialized: false });
    expect(v!.query).toBe(`select a, b from t where b <> 'x;y'   -- comment`);
    expect(v!.deps).toEqual([table(ctx, 't').id]);
    expect(r).toMatchObject({ recursive: true, query: 'values (1) union all select n + 1 from r where n < 3' });
    expect(m).toMatchObject({ materialized: true, withNoData: true, query: 'select a from t' });
  });
});

describe('schemas, extensions, comments, renames, drops', () => {
  it('schema + extension', () => {
    const ctx = importSql(`create schema if not exists app authorization bob;
      create extension if not exists "uuid-ossp" with schema app version '1.1' cascade;`);
    const s = Object.values(ctx.model.schemas).find((x) => x.name === 'app')!;
    expect(s).toMatchObject({ explicit: true, ifNotExists: true, authorization: 'bob' });
    expect(Object.values(ctx.model.extensions)[0]).toMatchObject({ name: 'uuid-ossp', schema: 'app', version: '1.1', cascade: true, ifNotExists: true });
  });

  it('comments', () => {
    const ctx = importSql(`create table t (a int primary key); create view v as select a from t;
      create function f(int) returns int language sql as 'select 1';
      comment on table t is 'tbl'; comment on column t.a is 'col'; comment on column v.a is 'vcol';
      comment on constraint t_pkey on t is 'pk'; comment on view v is 'view';
      comment on function f(int) is 'fn'; comment on table t is null;`);
    const t = table(ctx, 't');
    expect(t.comment).toBeUndefined();
    expect(t.columns[0]!.comment).toBe('col');
    expect(t.constraints[0]).toMatchObject({ comment: 'pk', name: 't_pkey' });
    const v = Object.values(ctx.model.views)[0]!;
    expect(v).toMatchObject({ comment: 'view', columnComments: { a: 'vcol' } });
    const raws = Object.values(ctx.model.raw);
    const fn = raws.find((r) => r.nodeType === 'CreateFunctionStmt')!;
    expect(raws.find((r) => r.nodeType === 'CommentStmt')).toMatchObject({ target: fn.id });
  });

  it('renames keep ids', () => {
    const ctx = importSql(`create schema s; create table s.t (a int primary key); create type s.e as enum ('x');
      create table s.u (e s.e);
      alter table s.t rename column a to b; alter table s.t rename to t2; alter type s.e rename to e2;
      alter schema s rename to s2;`);
    expect(errors(ctx)).toEqual([]);
    const t = table(ctx, 't2', 's2');
    expect(t.columns[0]!.name).toBe('b');
    expect(t.constraints[0]!.name).toBe('t_pkey');
    expect(table(ctx, 'u', 's2').columns[0]!.type).toBe('s2.e2');
  });

  it('drops', () => {
    const ctx = importSql(`create table a (id int primary key); create table b (a_id int references a);
      create view v as select * from a; create index ai on a (id);
      drop index ai; drop table a cascade; drop table if exists zzz; drop type nope;`);
    expect(Object.values(ctx.model.tables).map((t) => t.name)).toEqual(['b']);
    expect(table(ctx, 'b').constraints).toEqual([]);
    expect(Object.values(ctx.model.views)).toEqual([]);
    expect(Object.values(ctx.model.raw).map((r) => r.nodeType)).toEqual(['DropStmt']);
  });
});

describe('settings and verbatim statements', () => {
  it('search_path and SET', () => {
    const ctx = importSql(`SET statement_timeout = 0; SET search_path = app, "My", public;
      create table t (a int); set client_min_messages = warning;`);
    expect(ctx.searchPath).toEqual(['app', 'My', 'public']);
    const raws = Object.values(ctx.model.raw);
    expect(raws.map((r) => r.phase)).toEqual(['pre', 'main']);
    expect(table(ctx, 't').searchPath).toEqual(['app', 'My', 'public']);
  });

  it('functions, triggers, policies, grants', () => {
    const ctx = importSql(`create type mood as enum ('a'); create table t (a int);
      create function public.trg() returns trigger language plpgsql as $$ begin return new; end $$;
      create function f(m mood) returns setof t language sql as 'select * from t';
      create trigger tr before insert on t for each row execute function trg();
      create policy p on t for select using (a > 0);
      grant select on t to public; revoke all on schema public from bob;
      alter function f(mood) owner to bob;
      do $$ begin end $$; create database x;`);
    expect(errors(ctx)).toEqual([]);
    const t = table(ctx, 't');
    const mood = Object.values(ctx.model.types)[0]!;
    const r = Object.values(ctx.model.raw);
    const [trg, f, tr, pol, g] = r;
    expect(trg).toMatchObject({ label: 'function public.trg()', defines: { kind: 'function', schema: 'public', name: 'trg' } });
    expect(f!.deps.sort()).toEqual([mood.id, t.id].sort());
    expect(tr).toMatchObject({ target: t.id, label: 'trigger tr on t' });
    expect(tr!.deps).toContain(trg!.id);
    expect(pol).toMatchObject({ target: t.id, defines: { kind: 'policy' } });
    expect(g).toMatchObject({ target: t.id, label: 'grant select on table t to public' });
    const notes = ctx.diagnostics.filter((d) => d.code === 'unsupported');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toMatch(/CREATE DATABASE/i);
  });

  it('a converter bug becomes an error diagnostic, never an exception', async () => {
    const { convertStatement } = await import('./index');
    const { ImportContext } = await import('../context');
    const ctx = new ImportContext();
    convertStatement({ nodeType: 'CreateStmt', node: null, sql: 'create table x ()', start: 5, end: 22, index: 0, locate: () => 5, sqlOffset: () => 0 }, ctx);
    expect(ctx.diagnostics[0]).toMatchObject({ severity: 'error', start: 5, end: 22 });
    expect(Object.values(ctx.model.raw)).toHaveLength(1);
  });
});
