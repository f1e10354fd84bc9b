import { describe, expect, it } from 'vitest';
import { rule as T01 } from './TYPE-01';
import { rule as T02 } from './TYPE-02';
import { rule as T03 } from './TYPE-03';
import { rule as T04 } from './TYPE-04';
import { rule as T05 } from './TYPE-05';
import { rule as T06 } from './TYPE-06';
import { rule as T07 } from './TYPE-07';
import { rule as T08 } from './TYPE-08';
import { rule as T09 } from './TYPE-09';
import { rule as T10 } from './TYPE-10';
import { rule as T11 } from './TYPE-11';
import { rule as T12 } from './TYPE-12';
import { rule as T13 } from './TYPE-13';
import { rule as T14 } from './TYPE-14';
import { rule as T15 } from './TYPE-15';
import { rule as T16 } from './TYPE-16';
import { rule as T17 } from './TYPE-17';
import { rule as T18 } from './TYPE-18';
import { rule as T19 } from './TYPE-19';
import { freshDb } from '../../../../tests/harness/pglite';
import { ruleFixKit, ctxFor } from './testkit';
import * as K from './support.type-name-aud-sec';
import { addFinding, checksOn, columnKinds, hasCheckOn, mentions, NONE } from './support.type-name-aud-sec';
import type { Finding } from '../types';

const { spots: hits, run, load, where, checkFixes } = ruleFixKit([], { openDb: freshDb });

describe('TYPE rules', () => {
  it('TYPE-01 timestamp without time zone', async () => {
    const sql = `create table events (id int primary key, created_at timestamp not null default now(), happened timestamp(3), deleted_utc timestamp without time zone);
      create table meetings (id int primary key, local_start timestamp, tz text);
      create table slots (id int primary key, starts timestamp, time_zone text);
      create table ok (id int primary key, at_ts timestamptz);`;
    expect(hits(T01, sql)).toEqual(['events.created_at', 'events.happened', 'events.deleted_utc']);
    await checkFixes(T01, sql, { min: 3 });
  });

  it('TYPE-02 timetz', async () => {
    const sql = `create table shops (id int primary key, opens timetz, closes time with time zone, lunch time);`;
    expect(hits(T02, sql)).toEqual(['shops.opens', 'shops.closes']);
    await checkFixes(T02, sql, { min: 2 });
  });

  it('TYPE-03 zero-precision timestamps', async () => {
    const sql = `create table t (id int primary key, a timestamptz(0), b timestamp(0) with time zone, c timestamptz(3), d timestamptz);`;
    expect(hits(T03, sql)).toEqual(['t.a', 't.b']);
    await checkFixes(T03, sql, { min: 2 });
  });

  it('TYPE-04 time-only defaults', async () => {
    const sql = `create table t (id int primary key, a time default current_time, b time default now(), c time default localtime, d timestamptz default current_timestamp, e timestamptz default now(), f timestamp default localtimestamp);`;
    expect(hits(T04, sql)).toEqual(['t.a', 't.b', 't.c']);
    await checkFixes(T04, sql, { min: 3 });
  });

  it('TYPE-05 char(n)', async () => {
    const sql = `create table t (id int primary key, code char(3), flag character(1), descr character(40), k "char", v varchar(3));`;
    expect(hits(T05, sql)).toEqual(['t.code', 't.flag', 't.descr']);
    await checkFixes(T05, sql, { min: 3 });
  });

  it('TYPE-06 varchar limits (and varchar(0) as an error)', async () => {
    const sql = `create table t (id int primary key, name varchar(255), code varchar(12), v varchar, x text, title character varying(100),
      slug varchar(40) check (char_length(slug) >= 3 and length(slug) <= 40));`;
    expect(hits(T06, sql)).toEqual(['t.name', 't.code', 't.title']);
    await checkFixes(T06, sql, { min: 3 });
    const zero = run(T06, load(`create table z (id int primary key, v varchar(0));`));
    expect(zero.map((f) => f.severity)).toEqual(['error']);
  });

  it('TYPE-07 money', async () => {
    const sql = `create table t (id int primary key, price money, total numeric(12,2));`;
    expect(hits(T07, sql)).toEqual(['t.price']);
    await checkFixes(T07, sql);
  });

  it('TYPE-08 floats for exact values; measurements are fine', async () => {
    const sql = `create table t (id int primary key, price double precision, amount real, price_cents float8, quantity real,
      weight real, lat double precision, lng double precision, score real, exchange_rate double precision);`;
    expect(hits(T08, sql)).toEqual(['t.price', 't.amount', 't.price_cents', 't.quantity']);
    await checkFixes(T08, sql, { min: 4 });
  });

  it('TYPE-09 json; raw payload archives are fine', async () => {
    const sql = `create table t (id int primary key, payload json, raw_payload json, data jsonb, tags json[]);`;
    expect(hits(T09, sql)).toEqual(['t.payload', 't.tags']);
    await checkFixes(T09, sql, { min: 2 });
  });

  it('TYPE-10 name implies another type; H7 string exceptions are fine', async () => {
    const sql = `create table customers (id bigint primary key, name text not null);
      create table t (id int primary key, signup_date text, is_active int2 not null default 1, has_paid char(1) default 'Y', ext_uuid varchar(36),
        quantity text, ip_address text, updated_at bigint, customer_id text, metadata text,
        phone_number text, zip text, postal_code text, invoice_number text, country_code text, sku text, iban text, year text, email text, avatar_url text,
        check (is_active in (0, 1)));`;
    const fs = run(T10, load(sql));
    expect(fs.map(where)).toEqual(['t.signup_date', 't.is_active', 't.has_paid', 't.ext_uuid', 't.quantity', 't.ip_address', 't.updated_at', 't.customer_id', 't.metadata']);
    expect(fs.find((f) => f.object.column === 'updated_at')?.severity).toBe('info');
    expect(fs.find((f) => f.object.column === 'is_active')?.severity).toBe('warning');
    await checkFixes(T10, sql, { min: 9 });
  });

  it('TYPE-11 dates stored as timestamps', async () => {
    const sql = `create table t (id int primary key, birth_date timestamptz, due_on timestamp, dob timestamp, created_at timestamptz, start_date date);`;
    expect(hits(T11, sql)).toEqual(['t.birth_date', 't.due_on', 't.dob']);
    await checkFixes(T11, sql, { min: 3 });
  });

  it('TYPE-12 enums: business sets warn (lookup table fix), small sets note (text + CHECK), code-owned sets pass', async () => {
    const sql = `create type order_status as enum ('pending', 'paid', 'shipped');
      create type direction as enum ('asc', 'desc');
      create type mood as enum ('happy', 'sad');
      create table orders (id int primary key, status order_status not null default 'pending', previous_status order_status, sort direction, feel mood,
        colour text check (colour in ('red','green','blue','cyan','magenta','yellow','black','white')));`;
    const fs = run(T12, load(sql));
    expect(fs.map((f) => `${where(f)} ${f.severity}`)).toEqual(['orders.status warning', 'orders.previous_status warning', 'orders.feel info', 'orders.colour warning']);
    const fixed = await checkFixes(T12, sql, { min: 2 });
    expect(fixed.map((f) => f.fix!.label)).toContain('Replace enum order_status with lookup table order_statuses');
  });

  it('TYPE-13 same name, different type across tables; generic names ignored', async () => {
    const sql = `create table customers (id bigint primary key, name text);
      create table orders (id bigint primary key, customer_id integer references customers(id), name varchar(50));
      create table invoices (id bigint primary key, customer_id bigint references customers(id));
      create table payments (id bigint primary key, customer_id bigint, note_text varchar(20));
      create table refunds (id bigint primary key, note_text varchar(20));`;
    const fs = run(T13, load(sql));
    expect(fs.map((f) => `${where(f)} ${f.severity}`)).toEqual(['orders.customer_id warning']);
    await checkFixes(T13, sql);
  });

  it('TYPE-14 missing NOT NULL', async () => {
    const sql = `create table users (id int primary key, name text, email text, status text, is_admin boolean, created_at timestamptz default now(),
      nickname text default '', bio text, middle_name text, deleted_at timestamptz);
      create table orders (id int primary key, user_id int references users(id) on delete cascade, amount numeric(12,2), note text);`;
    const fs = run(T14, load(sql));
    expect(fs.map(where)).toEqual(['users.name', 'users.email', 'users.status', 'users.is_admin', 'users.created_at', 'users.nickname', 'orders.user_id', 'orders.amount']);
    expect(fs.find((f) => f.object.column === 'nickname')?.severity).toBe('info');
    await checkFixes(T14, sql, { min: 8 });
  });

  it('TYPE-15 missing CHECK invariants; signed balances are fine', async () => {
    const sql = `create table products (id int primary key, price numeric(12,2) not null, stock int not null, discount_pct numeric, balance numeric,
      valid_from date, valid_to date, email text, temperature numeric, cost numeric check (cost >= 0), login_count int);
      create table bookings (id int primary key, starts_at timestamptz not null, ends_at timestamptz not null, check (ends_at > starts_at));`;
    expect(hits(T15, sql)).toEqual(['products.price', 'products.stock', 'products.discount_pct', 'products.valid_to', 'products.email', 'products.login_count']);
    await checkFixes(T15, sql, { min: 6 });
  });

  it('TYPE-16 string NULL default', async () => {
    const sql = `create table t (id int primary key, a text default 'NULL', b text default 'null'::text, c text default null, d text default 'nullable');`;
    expect(hits(T16, sql)).toEqual(['t.a', 't.b']);
    await checkFixes(T16, sql, { min: 2 });
  });

  it("TYPE-17 DEFAULT '' on identity text, DEFAULT 0 on references", async () => {
    const sql = `create table customers (id int primary key, name text not null default '', email text not null default ''::text, notes text not null default '');
      create table orders (id int primary key, customer_id int not null default 0 references customers(id), qty int not null default 0);`;
    expect(hits(T17, sql)).toEqual(['customers.name', 'customers.email', 'orders.customer_id']);
    await checkFixes(T17, sql, { min: 3 });
  });

  it('TYPE-18 large objects; small thumbnails pass', async () => {
    const sql = `create table documents (id int primary key, title text not null, file bytea, thumbnail bytea, pdf_path text);
      create table articles (id int primary key, content text, raw_html text);
      create table icons (id int primary key, icon bytea);`;
    expect(hits(T18, sql)).toEqual(['documents.file', 'documents.pdf_path', 'articles']);
    const fixed = await checkFixes(T18, sql, { min: 2 });
    expect(fixed.map((f) => f.fix!.label)).toEqual(['Move file to a 1:1 side table document_files', 'Move content, raw_html to a 1:1 side table article_contents']);
  });

  it('TYPE-19 legacy features', async () => {
    const sql = `create table parent (id int primary key); create table child (extra int) inherits (parent);
      create table t (id int primary key, rel regclass, fn regproc, ok oid);
      create rule t_no_delete as on delete to t do instead nothing;`;
    expect(hits(T19, sql)).toEqual(['child', 't', 't.rel', 't.fn']);
    await checkFixes(T19, `create table t (id int primary key, rel regclass, fn regproc);`, { min: 2 });
  });

  it('shared helpers: mentions folds case like toLowerCase (ASCII fast path, Unicode fallback)', () => {
    // The reference: the former implementation.
    const ref = (expr: string | undefined, name: string) => {
      if (!expr) return false;
      if (!name.includes('"') && !expr.toLowerCase().includes(name.toLowerCase())) return false;
      const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return new RegExp(`(^|[^A-Za-z0-9_$"])("${esc.replace(/"/g, '""')}"|${esc})(?![A-Za-z0-9_$])`, /^[a-z_][a-z0-9_$]*$/.test(name) ? 'i' : '').test(expr);
    };
    const cases: [string | undefined, string][] = [
      ['amount >= 0', 'amount'], ['AMOUNT >= 0', 'amount'], ['Amount >= 0', 'AMOUNT'], ['amounts >= 0', 'amount'], ['x_amount >= 0', 'amount'],
      ['"Amount" >= 0', 'Amount'], ['"Amount" >= 0', 'amount'], ['a', 'ab'], ['', 'a'], [undefined, 'a'], ['ends_at > starts_at', 'starts_at'],
      ['STRASSE <> \'\'', 'straße'], ['straße <> \'\'', 'STRASSE'], ['\u212Aelvin > 0', 'kelvin'], ['kelvin > 0', '\u212Aelvin'],
      ['ΟΔΟΣ > 0', 'οδοσ'], ['οδός IS NOT NULL', 'ΟΔΌΣ'], ['@[] <> 0', '@['], ['Z > 0', 'z'], ['[x] > 0', '{x}'],
    ];
    for (const [e, n] of cases) expect(mentions(e, n), `${e} / ${n}`).toBe(ref(e, n));
  });

  it('shared helpers: hasCheckOn agrees with checksOn; addFinding and NONE', () => {
    const model = load(`create domain pos as numeric check (value > 0);
      create domain code3 as text check (char_length(value) = 3);
      create table t (id int primary key, a int check (a > 0), b pos, c code3, d text, e varchar(9), check (length(e) < 9 and d <> ''));`);
    const ctx = ctxFor(model);
    const t = Object.values(model.tables)[0]!;
    const re = /length\s*\(/i;
    for (const c of t.columns) {
      expect(hasCheckOn(ctx, t, c), c.name).toBe(checksOn(ctx, t, c).length > 0);
      expect(hasCheckOn(ctx, t, c, re), c.name).toBe(checksOn(ctx, t, c).some((x) => re.test(x)));
    }
    expect(t.columns.map((c) => hasCheckOn(ctx, t, c))).toEqual([false, true, true, true, true, true]);
    const f = (n: number) => ({ rule: 'X', severity: 'info', object: { schema: 'public' }, message: String(n), why: '' }) as Finding;
    let out: Finding[] | undefined;
    for (let i = 0; i < 5; i++) out = addFinding(out, f(i));
    expect(out!.map((x) => x.message)).toEqual(['0', '1', '2', '3', '4']);
    expect(NONE).toEqual([]);
  });

  it('shared helpers: columnKinds (the per-table pre-test of the column rules)', () => {
    const model = load(`create domain shortname as varchar(20); create type mood as enum ('ok', 'meh');
      create table a (id int primary key, t timestamp(0), tz timestamptz, tt timetz, c char(2), v varchar(9), d shortname, m money, f real, j json, r regclass, x text default '', y int default 1, e mood);
      create table b (id int primary key, v varchar, n text);`);
    const ctx = ctxFor(model);
    const [a, b] = Object.values(model.tables).sort((x, y) => x.seq - y.seq);
    const all = K.K_TIMESTAMP | K.K_TIMESTAMPTZ | K.K_TIMETZ | K.K_ZERO_PRECISION | K.K_CHAR | K.K_VARCHAR_N | K.K_MONEY | K.K_FLOAT | K.K_JSON | K.K_REG | K.K_DEFAULT | K.K_ANY_DEFAULT | K.K_ENUM;
    expect(columnKinds(ctx, a!)).toBe(all);
    expect(columnKinds(ctx, b!)).toBe(0);
    // The last table's answer is reused only for the same column objects.
    b!.columns[1] = { ...b!.columns[1]!, type: 'money' };
    expect(columnKinds(ctx, b!)).toBe(K.K_MONEY);
  });
});

