import { describe, expect, it } from 'vitest';
import { rule as N01 } from './NAME-01';
import { rule as N02 } from './NAME-02';
import { rule as N03 } from './NAME-03';
import { rule as N04 } from './NAME-04';
import { rule as N05 } from './NAME-05';
import { rule as N06 } from './NAME-06';
import { rule as N07 } from './NAME-07';
import { rule as N08 } from './NAME-08';
import { rule as N09 } from './NAME-09';
import { rule as N10 } from './NAME-10';
import { optInRuleIds } from './index.type-name-aud-sec';
import { freshDb } from '../../../../tests/harness/pglite';
import { ruleFixKit } from './testkit';

const { spots: hits, run, load, where, applyTo: applyFix, deploy, same, checkFixes } = ruleFixKit([], { openDb: freshDb });

const L = 'x'.repeat(60);

describe('NAME rules', () => {
  it('NAME-01 non-snake-case identifiers; a consistent legacy convention passes', async () => {
    const sql = `create table "UserProfiles" (id int primary key, "FirstName" text, last_name text);
      create table orders (id int primary key, customer_id int);
      create table order_items (id int primary key, order_id int, product_id int);
      create index "IxOrdersCustomer" on orders (customer_id);`;
    expect(hits(N01, sql)).toEqual(['UserProfiles', 'UserProfiles.FirstName', 'orders']);
    await checkFixes(N01, sql, { min: 3 });
    const legacy = `create table "Users" ("Id" int primary key, "FirstName" text); create table "Orders" ("Id" int primary key, "UserId" int, "Total" numeric);`;
    expect(hits(N01, legacy)).toEqual([]);
  });

  it('NAME-02 reserved words; non-reserved keywords pass', async () => {
    const sql = `create table "user" (id int primary key, name text, type text, value text, key text, comment text, "desc" text, "default" boolean);
      create table "order" (id int primary key, "limit" int, position int);`;
    expect(hits(N02, sql)).toEqual(['user', 'user.desc', 'user.default', 'order', 'order.limit']);
    await checkFixes(N02, sql, { min: 5 });
  });

  it('NAME-03 special characters', async () => {
    const sql = `create table "user profiles" (id int primary key, "first-name" text, "näme" text, "1st" int, "a.b" int, ok_name text);`;
    const fs = run(N03, load(sql));
    expect(fs.map(where)).toEqual(['user profiles', 'user profiles.first-name', 'user profiles.näme', 'user profiles.1st', 'user profiles.a.b']);
    expect(fs.every((f) => f.severity === 'error')).toBe(true);
    await checkFixes(N03, sql, { min: 5 });
  });

  it('NAME-04 identifiers over 63 bytes, including generated names', async () => {
    const m = load(`create table parent_table_with_quite_a_long_name_for_testing (id int primary key);
      create table child_table_with_a_rather_long_name_too (id int primary key,
        parent_table_with_quite_a_long_name_for_testing_id int references parent_table_with_quite_a_long_name_for_testing(id), short text);`);
    // Names longer than 63 bytes (the parser would truncate them in SQL, so set them in the model).
    const child = Object.values(m.tables).find((t) => t.name.startsWith('child'))!;
    child.columns.find((c) => c.name === 'short')!.name = `col_${L}`;
    const fs = run(N04, m);
    expect(fs.map((f) => `${where(f)} ${f.severity}`)).toEqual([`child_table_with_a_rather_long_name_too.col_${L} error`, 'child_table_with_a_rather_long_name_too warning']);
    for (const f of fs) {
      const m2 = applyFix(m, f.fix!);
      expect(run(N04, m2).filter((x) => same(x, f))).toEqual([]);
      await deploy(m2);
    }
    expect(hits(N04, `create table ok (id int primary key, name text)`)).toEqual([]);
  });

  it('NAME-05 singular / plural mix; mass nouns are neutral', async () => {
    const sql = `create table users (id int primary key); create table orders (id int primary key); create table customers (id int primary key);
      create table product (id int primary key); create table equipment (id int primary key); create table news (id int primary key); create table user_data (id int primary key);`;
    expect(hits(N05, sql)).toEqual(['product']);
    await checkFixes(N05, sql);
  });

  it('NAME-06 misleading FK column names; role names pass', async () => {
    const sql = `create table users (id int primary key); create table accounts (id int primary key); create table currencies (code text primary key);
      create table customers (id int primary key);
      create table orders (id int primary key, customer int references customers(id), user_id int references accounts(id),
        author_id int references users(id), currency_code text references currencies(code), currency text references currencies(code));`;
    expect(hits(N06, sql)).toEqual(['orders.customer', 'orders.user_id', 'orders.currency']);
    expect(run(N06, load(sql)).map((f) => f.fix?.label)).toEqual(['Rename customer to customer_id', 'Rename user_id to account_id', 'Rename currency to currency_ref']);
    await checkFixes(N06, sql, { min: 3 });
  });

  it('NAME-07 meaningless or temporary names; geometry x/y pass', () => {
    const sql = `create table tmp_import (id int primary key); create table users_old (id int primary key); create table table1 (id int primary key);
      create table things (id int primary key, data jsonb, misc text, col1 int, a int, x int, metadata jsonb);
      create table points (id int primary key, x int, y int);`;
    expect(hits(N07, sql)).toEqual(['tmp_import', 'users_old', 'table1', 'things.data', 'things.misc', 'things.col1', 'things.a', 'things.x']);
  });

  it('NAME-08 PK naming style; natural keys pass', async () => {
    const sql = `create table users (id int primary key); create table orders (id int primary key); create table products (product_id int primary key);
      create table countries (code text primary key);`;
    expect(hits(N08, sql)).toEqual(['products.product_id']);
    await checkFixes(N08, sql);
  });

  it('NAME-09 index and constraint naming', async () => {
    const sql = `create table customers (id int primary key);
      create table orders (id int constraint orders_pkey primary key, customer_id int, total numeric,
        constraint fk1 foreign key (customer_id) references customers(id), constraint positive check (total >= 0),
        constraint orders_total_check2 check (total < 1e9));
      create index ix1 on orders (customer_id); create index orders_total_idx on orders (total);`;
    expect(hits(N09, sql)).toEqual(['orders', 'orders', 'orders']);
    await checkFixes(N09, sql, { min: 3 });
  });

  it('NAME-09 / NAME-07 edge cases: any case, trailing digits after the suffix, mixed-case geometry', () => {
    const sql = `create table "Orders" (id int primary key, a int, "X" int, "y" int, "Data" text);
      create index "Orders_A_IDX3" on "Orders" (a); create index "orders_idx" on "Orders" (a); create index "ordersx_a_idx" on "Orders" (a);
      create index "Orders_idx1x" on "Orders" (a); create index "orders_a_gin_" on "Orders" (a);
      alter table "Orders" add constraint "Orders_A_UQ7" unique (a); alter table "Orders" add constraint "orders_a_len12" check (a > 0);
      alter table "Orders" add constraint "orders_a_fk" foreign key (a) references "Orders"(id);`;
    expect(run(N09, load(sql)).map((f) => f.message)).toEqual([
      'Index ordersx_a_idx does not follow the <table>_<columns>_idx scheme; rename it to Orders_a_idx.',
      'Index Orders_idx1x does not follow the <table>_<columns>_idx scheme; rename it to Orders_a_idx.',
      'Index orders_a_gin_ does not follow the <table>_<columns>_idx scheme; rename it to Orders_a_idx.',
      'Constraint orders_a_fk does not follow the <table>_<columns>_fkey scheme; rename it to Orders_a_fkey.',
    ]);
    expect(hits(N07, sql)).toEqual(['Orders.a', 'Orders.Data']);
  });

  it('NAME-10 missing comments (opt-in)', () => {
    expect(optInRuleIds.has('NAME-10')).toBe(true);
    const sql = `create type plan as enum ('free', 'pro');
      create table subscriptions (id int primary key, plan plan, amount numeric, timeout_ms int, duration int, retry_delay interval);
      create table payments (id int primary key, amount numeric, currency text);
      comment on table payments is 'Payments received.';`;
    expect(hits(N10, sql)).toEqual(['subscriptions', 'subscriptions.plan', 'subscriptions.amount', 'subscriptions.duration']);
  });
});
