/**
 * NF-01..NF-15: fixtures that must trigger each rule, the catalogue's false positives that must not, and for
 * every quick fix: History.apply makes the finding disappear, the fix's SQL runs on the original schema, and the
 * exported DDL of the fixed model applies in PostgreSQL (PGlite, one instance for the file).
 */
import { describe, expect, it } from 'vitest';
import { idxNfRules } from './index.idx-nf';
import { ruleFixKit } from './testkit';

const { rule, load, ctxFor, check, hits, resetDb, applyFix } = ruleFixKit(idxNfRules);


describe('rule metadata', () => {
  it('lists NF-01..15', () => {
    expect(idxNfRules.filter((r) => r.group === 'NF').map((r) => r.id)).toEqual(Array.from({ length: 15 }, (_, i) => `NF-${String(i + 1).padStart(2, '0')}`));
  });
});

const CUSTOMERS = `create table customers (id bigint generated always as identity primary key, name text not null, email text not null, phone text, address text, created_at timestamptz not null default now());`;

describe('NF-01 repeating-group-columns', () => {
  it('flags numbered and ordinal groups; high confidence with 3+ or gaps; address lines are info', () => {
    const f = hits('NF-01', `create table customers (id bigint primary key, phone1 text, phone2 text, tag_1 text, tag_2 text, tag_4 text,
      first_choice text, second_choice text, address_line1 text, address_line2 text);`);
    expect(f.map((x) => [x.severity, x.object.column])).toEqual([
      ['warning', 'phone1'],
      ['warning', 'tag_1'],
      ['warning', 'first_choice'],
      ['info', 'address_line1'],
    ]);
    expect(f[1]!.message).toContain('high confidence');
  });
  it('no false positives: digits inside words, quarters in report tables, single numbered columns', () => {
    expect(hits('NF-01', `create table files (id int primary key, sha1 text, sha256 text, md5 text, ipv4 inet, ipv6 inet, p95 int, p99 int, oauth2 text, iso2 text, iso3 text, line1 text);
      create table sales_report (id int primary key, q1 numeric, q2 numeric, q3 numeric, q4 numeric, m01 numeric, m02 numeric);`)).toEqual([]);
  });
  it('fix moves the group to a child table', async () => {
    const { model, fix } = await applyFix('NF-01', `create table customers (id bigint generated always as identity primary key, phone1 text, phone2 text);`);
    expect(Object.values(model.tables).map((t) => t.name).sort()).toEqual(['customer_phones', 'customers']);
    expect(fix.fix!.sql).toContain('UNION ALL');
  });
});

describe('NF-02 multi-valued-column', () => {
  it('flags id arrays, delimited text, json id lists; scalar lists are info', () => {
    const f = hits('NF-02', `create table tags (id bigint primary key, name text); create table posts (id bigint primary key, tag_ids bigint[], author_ids text, reviewer_ids jsonb, recipients text, labels text[]);`);
    expect(f.map((x) => [x.object.column, x.severity])).toEqual([
      ['tag_ids', 'warning'],
      ['author_ids', 'warning'],
      ['reviewer_ids', 'warning'],
      ['recipients', 'info'],
      ['labels', 'info'],
    ]);
  });
  it('no false positives: ordinary arrays and texts', () => {
    expect(hits('NF-02', `create table t (id int primary key, scores int[], title text, body text, settings jsonb);`)).toEqual([]);
  });
  it('fix replaces the array with a junction table', async () => {
    const { model } = await applyFix('NF-02', `create table tags (id bigint primary key, name text); create table posts (id bigint primary key, title text, tag_ids bigint[]);`);
    const j = Object.values(model.tables).find((t) => t.name === 'post_tags')!;
    expect(j.columns.map((c) => c.name)).toEqual(['post_id', 'tag_id']);
    expect(j.indexes).toHaveLength(1);
  });
});

describe('NF-03 catch-all-document-column', () => {
  it('flags a catch-all document in a thin entity table, or two of them', () => {
    expect(hits('NF-03', `create table widgets (id int primary key, name text, data jsonb);`)).toHaveLength(1);
    expect(hits('NF-03', `create table widgets (id int primary key, a text, b text, c text, d text, e text, metadata jsonb, attributes jsonb);`)).toHaveLength(2);
  });
  it('recognises json as well as jsonb (the importer writes the keyword type quoted: "json")', () => {
    expect(hits('NF-03', `create table widgets (id int primary key, name text, data json);`)).toHaveLength(1);
    expect(hits('NF-03', `create table widgets (id int primary key, name text, data json[]);`)).toHaveLength(1);
  });
  it('no false positives: rich typed tables with one extension column, log tables, other names', () => {
    expect(hits('NF-03', `create table widgets (id int primary key, a text, b text, c text, d text, e text, metadata jsonb); create table webhook_events (id int primary key, payload jsonb);
      create table x (id int primary key, config jsonb);`)).toEqual([]);
  });
});

describe('NF-04 copied-parent-attribute', () => {
  const base = `${CUSTOMERS} create table products (id bigint primary key, name text, price numeric(12,2));`;
  it('flags orders.customer_email and order_items.product_name', () => {
    const f = hits('NF-04', `${base} create table orders (id bigint primary key, customer_id bigint references customers(id), customer_email text, customer_name text);
      create table order_items (id bigint primary key, order_id bigint references orders(id), product_id bigint references products(id), product_name text, quantity int);`);
    expect(f.map((x) => x.object.column)).toEqual(['customer_email', 'customer_name', 'product_name']);
    expect(f.every((x) => x.severity === 'warning')).toBe(true);
  });
  it('money copies on financial tables are info; snapshots and counters are exempt', () => {
    const f = hits('NF-04', `${base} create table order_items (id bigint primary key, product_id bigint references products(id), product_price numeric(12,2),
      product_name_snapshot text, billing_name text, product_name_count int);`);
    expect(f.map((x) => [x.object.column, x.severity])).toEqual([['product_price', 'info']]);
  });
  it('no false positives: incompatible types, unrelated names', () => {
    expect(hits('NF-04', `${base} create table orders (id bigint primary key, customer_id bigint references customers(id), customer_email int, shipping_phone text, note text);`)).toEqual([]);
  });
  it('fix drops the copy', async () => {
    await applyFix('NF-04', `${base} create table orders (id bigint primary key, customer_id bigint references customers(id), customer_email text);`);
  });
});

describe('NF-05 embedded-entity-prefix-cluster', () => {
  it('warns when the prefix names a table, informs otherwise', () => {
    const f = hits('NF-05', `${CUSTOMERS} create table orders (id int primary key, customer_name text, customer_email text, customer_phone text, contact_name text, contact_email text, contact_phone text);`);
    expect(f.map((x) => [x.severity, x.object.column])).toEqual([
      ['warning', 'customer_name'],
      ['info', 'contact_name'],
    ]);
  });
  it('value-object groups are info; own stem, audit prefixes and pairs are exempt', () => {
    expect(hits('NF-05', `create table addresses (id int primary key); create table orders (id int primary key, billing_street text, billing_city text, billing_zip text)`).map((f) => f.severity)).toEqual(['info']);
    expect(hits('NF-05', `create table orders (id int primary key, order_number text, order_date date, order_note text, created_at timestamptz, created_by text, created_ip inet, last_a int, last_b int, last_c int, x_a int, x_b int);`)).toEqual([]);
  });
});

describe('NF-06 partial-key-dependency', () => {
  const base = `create table students (id bigint primary key, name text); create table courses (id bigint primary key, title text, credits int);`;
  it('flags course_title and a copied credits column in enrollments(student_id, course_id)', () => {
    const f = hits('NF-06', `${base} create table enrollments (student_id bigint references students, course_id bigint references courses, course_title text, credits int, grade text,
      course_grade text, primary key (student_id, course_id));`);
    expect(f.map((x) => x.object.column)).toEqual(['course_title', 'credits']);
  });
  it('no false positives: relationship attributes, tables without a composite FK key', () => {
    expect(hits('NF-06', `${base} create table enrollments (student_id bigint references students, course_id bigint references courses, grade text, course_grade text, joined_at timestamptz, status text,
      primary key (student_id, course_id)); create table x (id int primary key, course_id bigint references courses, course_title text);`)).toEqual([]);
  });
  it('fix moves the column to the parent', async () => {
    const { model } = await applyFix('NF-06', `${base} create table enrollments (student_id bigint references students, course_id bigint references courses, course_code text, primary key (student_id, course_id));`);
    expect(Object.values(model.tables).find((t) => t.name === 'courses')!.columns.map((c) => c.name)).toContain('code');
  });
  it('fix drops a column the parent already has', async () => {
    await applyFix('NF-06', `${base} create table enrollments (student_id bigint references students, course_id bigint references courses, credits int, primary key (student_id, course_id));`);
  });
});

describe('NF-07 repeated-column-group-across-tables', () => {
  it('flags an address group repeated in several tables', () => {
    const f = hits('NF-07', `create table customers (id int primary key, name text, street text, city text, postal_code text, country text);
      create table suppliers (id int primary key, name text, street text, city text, postal_code text, country text);
      create table warehouses (id int primary key, street text, city varchar(80), postal_code text, country text);`);
    expect(f).toHaveLength(3);
  });
  it('no false positives: audit, tenancy, soft-delete and generic columns; different type families; clones', () => {
    expect(hits('NF-07', `create table a (id int primary key, name text, status text, created_at timestamptz, updated_at timestamptz, deleted_at timestamptz, tenant_id int, street text);
      create table b (id int primary key, name text, status text, created_at timestamptz, updated_at timestamptz, deleted_at timestamptz, tenant_id int, street text);
      create table c (id int primary key, x int, y int, z int); create table d (id int primary key, x text, y text, z text);
      create table sales_2023 (id int primary key, p int, q int, r int); create table sales_2024 (id int primary key, p int, q int, r int);`)).toEqual([]);
  });
});

describe('NF-08 clone-tables', () => {
  it('flags sales_2023 / sales_2024 and events_eu / events_us', () => {
    const f = hits('NF-08', `create table sales_2023 (id int primary key, sold_at timestamptz, amount numeric); create table sales_2024 (id int primary key, sold_at timestamptz, amount numeric);
      create table events_eu (id int primary key, kind text, at timestamptz); create table events_us (id int primary key, kind text, at timestamptz);`);
    expect(f.map((x) => x.object.table).sort()).toEqual(['events_eu', 'events_us', 'sales_2023', 'sales_2024']);
  });
  it('no false positives: declared partitions, different columns, archives', () => {
    expect(hits('NF-08', `create table sales (id int, sold_at timestamptz) partition by range (sold_at);
      create table sales_2023 partition of sales for values from ('2023-01-01') to ('2024-01-01'); create table sales_2024 partition of sales for values from ('2024-01-01') to ('2025-01-01');
      create table logs_01 (id int primary key, a int); create table logs_02 (id int primary key, b text, c text, d text);
      create table orders (id int primary key, a int); create table orders_archive_2020 (id int primary key, a int);`)).toEqual([]);
  });
});

describe('NF-09 entity-attribute-value', () => {
  it('flags entity FK + attribute + text value; info for settings tables', () => {
    expect(hits('NF-09', `${CUSTOMERS} create table customer_attributes (id int primary key, customer_id bigint references customers, attribute text, value text);`)[0]!.severity).toBe('warning');
    expect(hits('NF-09', `${CUSTOMERS} create table customer_settings (customer_id bigint references customers, key text, value text, primary key (customer_id, key));`)[0]!.severity).toBe('info');
  });
  it('no false positives: no entity FK, typed values', () => {
    expect(hits('NF-09', `create table app_config (key text primary key, value text); ${CUSTOMERS} create table m (id int primary key, customer_id bigint references customers, name text, value numeric);`)).toEqual([]);
  });
});

describe('NF-10 god-table', () => {
  const cols = (n: number) => Array.from({ length: n }, (_, i) => `c${i} text not null`).join(', ');
  it('info above 20 columns, warning above 30', () => {
    expect(hits('NF-10', `create table t (id int primary key, ${cols(20)});`).map((f) => f.severity)).toEqual(['info']);
    expect(hits('NF-10', `create table t (id int primary key, ${cols(30)});`).map((f) => f.severity)).toEqual(['warning']);
  });
  it('no false positives: 20 columns, analytics fact tables', () => {
    expect(hits('NF-10', `create table t (id int primary key, ${cols(19)}); create schema analytics; create table analytics.wide (id int primary key, ${cols(40)});
      create table fact_sales (id int primary key, ${cols(40)});`)).toEqual([]);
  });
});

describe('NF-11 mostly-nullable-table', () => {
  it('flags more than half nullable non-PK columns', () => {
    expect(hits('NF-11', `create table t (id int primary key, a text, b text, c text not null);`)).toHaveLength(1);
    expect(hits('NF-11', `create table t (id int primary key, a text, b text, c text);`)[0]!.message).toContain('Every');
  });
  it('no false positives: half or fewer, tiny tables, staging tables', () => {
    expect(hits('NF-11', `create table t (id int primary key, a text, b text not null); create table u (id int primary key, a text, b text, c text not null, d text not null);
      create table tmp_load (a text, b text, c text);`)).toEqual([]);
  });
});

describe('NF-12 degenerate-table', () => {
  it('error for no columns, info for one non-key column', () => {
    expect(hits('NF-12', `create table empty ();`).map((f) => f.severity)).toEqual(['error']);
    expect(hits('NF-12', `create table lonely (note text);`).map((f) => f.severity)).toEqual(['info']);
  });
  it('no false positives: single-column code lookups, partitions', () => {
    expect(hits('NF-12', `create table currencies (code text primary key); create table p (a int, b int) partition by list (a); create table p1 partition of p for values in (1);`)).toEqual([]);
  });
});

describe('NF-13 multipurpose-column', () => {
  it('flags generic names and *_or_* names', () => {
    expect(hits('NF-13', `create table t (id int primary key, value text, misc text, field1 text, extra1 text, start_or_birth_date date);`).map((f) => f.object.column)).toEqual([
      'value',
      'misc',
      'field1',
      'extra1',
      'start_or_birth_date',
    ]);
  });
  it('no false positives: value with a unit, ordinary names', () => {
    expect(hits('NF-13', `create table readings (id int primary key, value numeric, unit text, order_id int, color text, values_hash text);`)).toEqual([]);
  });
});

describe('NF-14 overlapping-candidate-keys', () => {
  it('flags overlapping composite keys', () => {
    expect(hits('NF-14', `create table t (student_id int, course_id int, teacher_id int, unique (student_id, course_id), unique (course_id, teacher_id));`)).toHaveLength(1);
  });
  it('no false positives: disjoint keys, single-column keys, nested keys, partial unique indexes', () => {
    expect(hits('NF-14', `create table t (a int primary key, b int, c int, d int, unique (b, c), unique (a, d), unique (b, c, d)); create unique index on t (c, d) where a > 0;`)).toEqual([]);
  });
});

describe('NF-15 stored-derived-value', () => {
  const sql = `create table people (id int primary key, birth_date date, age int, first_name text, last_name text, full_name text, is_deleted boolean, deleted_at timestamptz);
    create table order_items (id int primary key, quantity int not null, unit_price numeric(12,2) not null, line_total numeric(12,2));
    create table posts (id int primary key, comments_count int not null default 0);
    create table comments (id int primary key, post_id int references posts);`;
  it('flags age, full_name, is_deleted, line_total and counters', () => {
    expect(hits('NF-15', sql).map((f) => f.object.column)).toEqual(['age', 'full_name', 'is_deleted', 'line_total', 'comments_count']);
  });
  it('no false positives: generated columns, counters without a child table, lone columns', () => {
    expect(hits('NF-15', `create table p (id int primary key, first_name text, last_name text, full_name text generated always as (first_name || ' ' || last_name) stored, age int, likes_count int, total numeric);`)).toEqual([]);
  });
  it('fix: line_total becomes a generated column', async () => {
    const { model } = await applyFix('NF-15', sql, /line_total/);
    const c = Object.values(model.tables).find((t) => t.name === 'order_items')!.columns.find((x) => x.name === 'line_total')!;
    expect(c.generated).toEqual({ expr: 'quantity * unit_price', kind: 'stored' });
  });
  it('fix: full_name becomes generated, is_deleted follows deleted_at, age is dropped', async () => {
    await applyFix('NF-15', sql, /full_name/);
    await applyFix('NF-15', sql, /is_deleted/);
    await applyFix('NF-15', sql, /age can be computed/);
  });
});

describe('fast paths keep the results (performance rewrite)', () => {
  it('NF-04 matches prefixes case-insensitively, also for quoted mixed-case names', () => {
    const f = hits('NF-04', `${CUSTOMERS} create table orders (id bigint primary key, customer_id bigint references customers, "Customer_Email" text, customer_count int);`);
    expect(f.map((x) => x.object.column)).toEqual(['Customer_Email']);
  });
  it('NF-09 finds the attribute column wherever the value column is', () => {
    const f = hits('NF-09', `${CUSTOMERS} create table customer_attrs (id bigint primary key, value text, customer_id bigint references customers, attribute text);`);
    expect(f.map((x) => x.message)).toEqual(['customer_attrs stores attributes as rows (attribute, value): an entity-attribute-value design.']);
  });
  it('NF-11 counts non-key columns without the PK, generated columns excluded', () => {
    const f = hits('NF-11', `create table notes (id bigint primary key, a text, b text, c text not null, d text generated always as (a || b) stored);`);
    expect(f.map((x) => x.message)).toEqual(['2 of 3 non-key columns of notes are nullable.']);
  });
  it('clean tables return empty results (one shared frozen array)', () => {
    const a = hits('NF-13', `create table t (id bigint primary key, name text);`);
    expect(a).toEqual([]);
  });
});
