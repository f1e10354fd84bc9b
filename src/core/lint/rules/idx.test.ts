/**
 * IDX-01..IDX-15: fixtures that must trigger each rule, the catalogue's false positives that must not, and for
 * every quick fix: History.apply makes the finding disappear, the fix's SQL runs on the original schema, and the
 * exported DDL of the fixed model applies in PostgreSQL (PGlite, one instance for the file).
 */
import { describe, expect, it } from 'vitest';
import { idxNfRules } from './index.idx-nf';
import { ruleFixKit } from './testkit';

const { rule, load, ctxFor, check, hits, resetDb, applyFix } = ruleFixKit(idxNfRules);

const CUSTOMERS = `create table customers (id bigint generated always as identity primary key, name text not null, email text not null, phone text, address text, created_at timestamptz not null default now());`;

describe('rule metadata', () => {
  it('lists IDX-01..15 with ids, slugs, groups and descriptions', () => {
    const ids = idxNfRules.filter((r) => r.group === 'IDX').map((r) => r.id);
    expect(ids).toEqual(Array.from({ length: 15 }, (_, i) => `IDX-${String(i + 1).padStart(2, '0')}`));
    for (const r of idxNfRules) {
      expect(r.slug).toMatch(/^[a-z0-9-]+$/);
      expect(r.description.length).toBeGreaterThan(20);
      expect(!!r.checkTable !== !!r.checkModel).toBe(true);
      expect(r.scope === 'global').toBe(!!r.checkModel);
    }
  });
});

describe('IDX-01 fk-without-covering-index', () => {
  it('flags an FK without index, warning; info when the parent is a lookup', () => {
    const f = hits('IDX-01', `${CUSTOMERS} create table orders (id bigint primary key, customer_id bigint not null references customers(id));`);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.object).toMatchObject({ schema: 'public', table: 'orders', column: 'customer_id' });
    const g = hits('IDX-01', `create table order_statuses (code text primary key, label text); create table orders (id bigint primary key, status text references order_statuses(code));`);
    expect(g[0]!.severity).toBe('info');
  });
  it('junction: the second column of the PK still needs an index', () => {
    const f = hits('IDX-01', `create table posts (id bigint primary key); create table tags (id bigint primary key);
      create table post_tags (post_id bigint references posts, tag_id bigint references tags, primary key (post_id, tag_id));`);
    expect(f.map((x) => x.object.column)).toEqual(['tag_id']);
  });
  it('coverage is order-insensitive and PK/unique prefixes count (no false positives)', () => {
    expect(hits('IDX-01', `create table a (x int, y int, primary key (x, y)); create table b (id int primary key, y int, x int, unique (y, x, id), foreign key (x, y) references a (x, y));`)).toEqual([]);
    expect(hits('IDX-01', `${CUSTOMERS} create table orders (id bigint primary key, customer_id bigint references customers(id), placed_at timestamptz); create index on orders (customer_id, placed_at);`)).toEqual([]);
  });
  it('a partial or expression index does not cover', () => {
    expect(hits('IDX-01', `${CUSTOMERS} create table orders (id bigint primary key, customer_id bigint references customers(id), x int); create index on orders (customer_id) where x > 0;`)).toHaveLength(1);
  });
  it('fix adds the index', async () => {
    const { model, fix } = await applyFix('IDX-01', `${CUSTOMERS} create table orders (id bigint primary key, customer_id bigint not null references customers(id));`);
    expect(fix.fix!.sql).toBe('CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx ON public.orders (customer_id);');
    expect(Object.values(model.tables).find((t) => t.name === 'orders')!.indexes).toHaveLength(1);
  });
});

describe('IDX-02 identical-indexes', () => {
  it('flags identical indexes (error) and identical partial indexes (warning)', () => {
    const f = hits('IDX-02', `create table t (id int primary key, a int, b int); create index i1 on t (a, b); create index i2 on t (a, b);
      create index p1 on t (b) where a > 0; create index p2 on t (b) where a > 0;`);
    expect(f.map((x) => [x.severity, x.message.split(' ')[1]])).toEqual([
      ['error', 'i2'],
      ['warning', 'p2'],
    ]);
  });
  it('a unique index identical to a UNIQUE constraint', () => {
    const f = hits('IDX-02', `create table t (id int primary key, email text unique); create unique index t_email_uq on t (email);`);
    expect(f).toHaveLength(1);
    expect(f[0]!.object.indexId).toBeTruthy();
  });
  it('no false positives: different order, opclass, predicate, include, method', () => {
    expect(
      hits('IDX-02', `create table t (id int primary key, a text, b int); create index on t (a, b); create index on t (b, a); create index on t (a text_pattern_ops, b);
        create index on t (a, b) where b > 0; create index on t (a, b) include (id); create index on t using hash (a); create index on t (a);`),
    ).toEqual([]);
  });
  it('fix drops the duplicate', async () => {
    await applyFix('IDX-02', `create table t (id int primary key, a int, b int); create index i1 on t (a, b); create index i2 on t (a, b);`);
  });
});

describe('IDX-03 redundant-prefix-index', () => {
  it('flags a prefix of a wider index; info when the wider one is wide', () => {
    const f = hits('IDX-03', `create table t (id int primary key, a int, b int, c int, d int, e text); create index ia on t (a); create index iab on t (a, b);
      create index ic on t (c); create index icde on t (c, d, e);`);
    expect(f.map((x) => [x.severity, x.message.split(' ')[1]])).toEqual([
      ['warning', 'ia'],
      ['info', 'ic'],
    ]);
  });
  it('the PK counts as the wider index', () => {
    expect(hits('IDX-03', `create table t (a int, b int, primary key (a, b)); create index ia on t (a);`)).toHaveLength(1);
  });
  it('no false positives: unique, partial, other opclass or collation, other predicate', () => {
    expect(
      hits('IDX-03', `create table t (id int primary key, a text, b int); create unique index on t (a); create index on t (a) where b > 0; create index on t (a text_pattern_ops);
        create index on t (a collate "C"); create index on t (a, b) where b > 1; create index on t (b) ; create index on t using hash (b);`).map((f) => f.message),
    ).toEqual([]);
  });
  it('fix drops the prefix index', async () => {
    await applyFix('IDX-03', `create table t (id int primary key, a int, b int); create index ia on t (a); create index iab on t (a, b);`);
  });
});

describe('IDX-04 plain-index-shadowing-constraint', () => {
  it('flags CREATE INDEX ON users (id) and (email) beside UNIQUE (email)', () => {
    const f = hits('IDX-04', `create table users (id bigint primary key, email text unique, org int, slug text, unique (org, slug)); create index on users (id); create index users_email_idx on users (email);
      create index on users (slug, org);`);
    expect(f).toHaveLength(3);
  });
  it('no false positives: extra columns, partial, expression, opclass, unique indexes', () => {
    expect(hits('IDX-04', `create table users (id bigint primary key, email text unique, n int); create index on users (email, n); create index on users (email) where n > 0;
      create index on users (lower(email)); create index on users (email text_pattern_ops);`)).toEqual([]);
  });
  it('fix drops the plain index', async () => {
    await applyFix('IDX-04', `create table users (id bigint primary key, email text unique); create index users_email_idx on users (email);`);
  });
});

describe('IDX-05 table-without-index', () => {
  it('flags a table without PK and any index', () => {
    const f = hits('IDX-05', `create table t (a int, b text);`);
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe('info');
  });
  it('no false positives: staging tables, tables with an index or a unique constraint, partitions', () => {
    expect(hits('IDX-05', `create table tmp_import (a int); create table t (a int); create index on t (a); create table u (a int unique);
      create table p (a int) partition by range (a); create index on p (a); create table p1 partition of p for values from (1) to (2);`)).toEqual([]);
  });
});

describe('IDX-06 too-many-indexes', () => {
  const cols = Array.from({ length: 8 }, (_, i) => `c${i} int`).join(', ');
  const idx = (n: number) => Array.from({ length: n }, (_, i) => `create index on t (c${i});`).join(' ');
  it('flags more than max(6, columns/2) indexes on an entity table', () => {
    expect(hits('IDX-06', `create table t (id int primary key, ${cols}); ${idx(7)}`)).toHaveLength(1);
  });
  it('no false positives: at the threshold, lookup tables', () => {
    expect(hits('IDX-06', `create table t (id int primary key, ${cols}); ${idx(6)}`)).toEqual([]);
    expect(hits('IDX-06', `create table t (id int primary key, ${cols}); ${idx(7)}`, { t: 'lookup' })).toEqual([]);
  });
});

describe('IDX-07 wide-non-unique-index', () => {
  it('flags a non-unique btree with more than 3 keys; not unique ones, not 3 keys', () => {
    expect(hits('IDX-07', `create table t (id int primary key, a int, b int, c int, d int); create index on t (a, b, c, d); create unique index on t (d, c, b, a); create index on t (a, b, c);`)).toHaveLength(1);
  });
});

describe('IDX-08 composite-order-smell', () => {
  const base = `${CUSTOMERS} create type st as enum ('new', 'paid', 'shipped');
    create table orders (id bigint primary key, customer_id bigint references customers(id), status st, is_paid boolean, created_at timestamptz, total numeric(12,2));`;
  it('(b) range before equality', () => {
    const f = hits('IDX-08', `${base} create index o1 on orders (created_at, customer_id);`);
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('(customer_id, created_at)');
  });
  it('(a) low-cardinality lead before an FK nobody else leads with', () => {
    expect(hits('IDX-08', `${base} create index o2 on orders (is_paid, customer_id);`)).toHaveLength(1);
  });
  it('no false positives: (a) when another index leads with the later column; equality first', () => {
    expect(hits('IDX-08', `${base} create index on orders (status, created_at); create index on orders (created_at); create index on orders (customer_id, created_at);`)).toEqual([]);
  });
  it('fix recreates the index in the better order', async () => {
    await applyFix('IDX-08', `${base} create index o1 on orders (created_at, customer_id);`);
  });
});

describe('IDX-09 low-cardinality-single-column-index', () => {
  it('flags booleans, small enums, small CHECK IN lists, flag-like names', () => {
    const f = hits('IDX-09', `create type mood as enum ('a', 'b'); create table t (id int primary key, active boolean, m mood, s text check (s in ('x', 'y', 'z')),
      v varchar(3) check (v = any (array['a', 'b'])), gender text, n int);
      create index on t (active); create index on t (m); create index on t (s); create index on t (v); create index on t (gender); create index on t (n);`);
    expect(f.map((x) => x.object.column)).toEqual(['active', 'm', 's', 'v', 'gender']);
  });
  it('no false positives: partial indexes (the recommended form), unique, multi-column, big enums', () => {
    expect(hits('IDX-09', `create type big as enum ('a','b','c','d','e','f'); create table t (id int primary key, active boolean, b big, created_at timestamptz);
      create index on t (created_at) where active; create index on t (active, created_at); create index on t (b);`)).toEqual([]);
  });
  it('fix drops the index', async () => {
    await applyFix('IDX-09', `create table t (id int primary key, active boolean); create index on t (active);`);
  });
});

describe('IDX-10 soft-delete-without-partial-indexes', () => {
  const sql = `${CUSTOMERS} create table users (id bigint primary key, email text not null unique, customer_id bigint references customers(id), name text, deleted_at timestamptz);
    create index users_customer_id_idx on users (customer_id); create index users_name_idx on users (name);`;
  it('(a) warns on a non-partial unique key, (b) informs on secondary indexes', () => {
    const f = hits('IDX-10', sql);
    expect(f.map((x) => x.severity)).toEqual(['warning', 'info', 'info']);
  });
  it('no false positives: live-partial keys, keys including the flag, FK targets, tables without soft delete', () => {
    expect(hits('IDX-10', `create table users (id bigint primary key, email text, slug text, deleted_at timestamptz, unique (slug, deleted_at));
      create unique index on users (email) where deleted_at is null;`)).toEqual([]);
    expect(hits('IDX-10', `create table users (id bigint primary key, email text unique, is_deleted boolean not null default false); create table x (id int primary key, e text references users (email));`)).toEqual([]);
    expect(hits('IDX-10', `create table users (id bigint primary key, email text unique, name text); create index on users (name);`)).toEqual([]);
  });
  it('fix (a) replaces the unique constraint with a partial unique index', async () => {
    const { fix } = await applyFix('IDX-10', sql, /unique constraint/);
    expect(fix.fix!.sql).toContain('WHERE deleted_at IS NULL');
  });
  it('fix (b) on an FK index adds a partial twin and keeps the full index', async () => {
    const { model } = await applyFix('IDX-10', sql, /users_customer_id_idx/);
    const users = Object.values(model.tables).find((t) => t.name === 'users')!;
    expect(users.indexes.map((i) => i.name)).toContain('users_customer_id_idx');
  });
  it('fix (b) on another index replaces it (boolean flag)', async () => {
    await applyFix('IDX-10', `create table users (id bigint primary key, name text, is_deleted boolean not null default false); create index users_name_idx on users (name);`);
  });
});

describe('IDX-11 index-on-tiny-static-table', () => {
  it('flags a secondary index on a lookup table', () => {
    expect(hits('IDX-11', `create table order_statuses (id int primary key, code text unique, label text); create index on order_statuses (label);`)).toHaveLength(1);
  });
  it('no false positives: unique indexes on lookups, any index on an entity (unknown size)', () => {
    expect(hits('IDX-11', `create table order_statuses (id int primary key, code text); create unique index on order_statuses (code); create table t (id int primary key, label text); create index on t (label);`)).toEqual([]);
  });
  it('fix drops it', async () => {
    await applyFix('IDX-11', `create table countries (id int primary key, code text unique, name text); create index on countries (name);`);
  });
});

describe('IDX-12 wrong-index-method-for-type', () => {
  it('flags btree on jsonb, arrays, tsvector, prose text, bytea', () => {
    const f = hits('IDX-12', `create table t (id int primary key, payload jsonb, tags text[], sv tsvector, description text, blob bytea, name text);
      create index on t (payload); create index on t (tags); create index on t (sv); create index on t (description); create index on t (blob); create index on t (name);`);
    expect(f.map((x) => x.object.column)).toEqual(['payload', 'tags', 'sv', 'description', 'blob']);
    expect(f.map((x) => !!x.fix)).toEqual([true, true, true, false, false]);
  });
  it('no false positives: GIN indexes, unique btree on jsonb (equality)', () => {
    expect(hits('IDX-12', `create table t (id int primary key, payload jsonb, tags text[]); create index on t using gin (payload); create index on t using gin (tags); create unique index on t (payload);`)).toEqual([]);
  });
  it('fix replaces a jsonb btree with GIN jsonb_path_ops', async () => {
    const { fix } = await applyFix('IDX-12', `create table t (id int primary key, payload jsonb); create index on t (payload);`);
    expect(fix.fix!.sql).toContain('USING gin (payload jsonb_path_ops)');
  });
  it('fix replaces an array btree with GIN', async () => {
    await applyFix('IDX-12', `create table t (id int primary key, tags text[]); create index on t (tags);`);
  });
});

describe('IDX-13 fk-array-without-gin', () => {
  it('flags *_ids arrays without GIN; not with GIN, not scalars', () => {
    expect(hits('IDX-13', `create table posts (id int primary key, tag_ids bigint[], author_ids int[], other_id int); create index on posts using gin (author_ids);`).map((f) => f.object.column)).toEqual(['tag_ids']);
  });
  it('fix adds the GIN index', async () => {
    await applyFix('IDX-13', `create table posts (id int primary key, tag_ids bigint[]);`);
  });
});

describe('IDX-14 partial-index-predicate-hygiene', () => {
  it('flags BETWEEN on timestamps in index predicates and CHECKs, and NOT IN over nullable subqueries in views', () => {
    const f = hits('IDX-14', `create table t (id int primary key, at timestamptz, n int, note text);
      create index on t (id) where at between '2024-01-01' and '2024-02-01';
      alter table t add constraint t_at_check check (at between '2000-01-01' and '2100-01-01');
      create table u (id int primary key, t_id int);
      create view v as select * from t where id not in (select t_id from u);`);
    expect(f).toHaveLength(3);
  });
  it('no false positives: integer ranges, NOT IN over a NOT NULL column', () => {
    expect(hits('IDX-14', `create table t (id int primary key, n int, d timestamptz); create index on t (id) where n between 1 and 10;
      alter table t add check (n between 0 and 5); create view v as select * from t where n not in (select id from t);`)).toEqual([]);
  });
  it('fix rewrites an index predicate as >= AND <', async () => {
    const { model } = await applyFix('IDX-14', `create table t (id int primary key, at timestamptz); create index on t (id) where at between '2024-01-01' and '2024-02-01';`);
    expect(Object.values(model.tables)[0]!.indexes[0]!.where).toBe(`at >= '2024-01-01' AND at < '2024-02-01'`);
  });
  it('fix rewrites a CHECK', async () => {
    await applyFix('IDX-14', `create table t (id int primary key, at timestamptz, constraint t_at check (at between '2000-01-01' and '2100-01-01'));`);
  });
});

describe('IDX-15 invalid-index-or-unvalidated-constraint', () => {
  const sql = `${CUSTOMERS} create table orders (id bigint primary key, customer_id bigint, n int);
    create index on orders (customer_id);
    alter table orders add constraint orders_customer_fk foreign key (customer_id) references customers(id) not valid;
    alter table orders add constraint orders_n_check check (n > 0) not valid;`;
  it('flags NOT VALID FKs and CHECKs', () => {
    expect(hits('IDX-15', sql).map((f) => f.severity)).toEqual(['warning', 'warning']);
  });
  it('no false positives: validated constraints', () => {
    expect(hits('IDX-15', `${CUSTOMERS} create table orders (id bigint primary key, customer_id bigint references customers(id), n int check (n > 0));`)).toEqual([]);
  });
  it('fix validates', async () => {
    const { fix } = await applyFix('IDX-15', sql);
    expect(fix.fix!.sql).toBe('ALTER TABLE public.orders VALIDATE CONSTRAINT orders_customer_fk;');
  });
});

describe('fast paths keep the results (performance rewrite)', () => {
  it('IDX-10 picks the soft-delete column by name preference, not column order', () => {
    const f = hits('IDX-10', `create table posts (id bigint primary key, is_deleted boolean not null default false, slug text not null unique, deleted_at timestamptz);`);
    expect(f[0]!.message).toContain('(deleted_at)');
  });
  it('IDX-09 counts CHECK IN lists and ignores CHECKs without one', () => {
    const f = hits('IDX-09', `create table jobs (id bigint primary key, state text check (state in ('new', 'done')), n int check (n >= 0));
      create index jobs_state_idx on jobs (state); create index jobs_n_idx on jobs (n);`);
    expect(f.map((x) => x.message)).toEqual(['Index jobs_state_idx on jobs.state indexes a column that is limited to 2 values.']);
  });
  it('IDX-01 still finds FKs that only a later index column covers', () => {
    const f = hits('IDX-01', `${CUSTOMERS} create table orders (id bigint primary key, note text, customer_id bigint references customers); create index orders_note_customer_idx on orders (note, customer_id);`);
    expect(f.map((x) => x.object.column)).toEqual(['customer_id']);
  });
});
