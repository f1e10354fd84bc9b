import { describe, expect, it } from 'vitest';
import { rule as A01 } from './AUD-01';
import { rule as A02 } from './AUD-02';
import { rule as A03 } from './AUD-03';
import { rule as A04 } from './AUD-04';
import { rule as A05 } from './AUD-05';
import { rule as A06 } from './AUD-06';
import { rule as A07 } from './AUD-07';
import { freshDb } from '../../../../tests/harness/pglite';
import { ruleFixKit } from './testkit';

const { spots: hits, run, load, where, checkFixes } = ruleFixKit([], { openDb: freshDb });

const TRIGGER_FN = `create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); new.version := coalesce(old.version, 0) + 1; return new; end $$;`;

describe('AUD rules', () => {
  it('AUD-01 missing created_at on entities and logs; lookups and junctions pass', async () => {
    const sql = `create table customers (id int primary key, name text not null, email text not null, phone text, city text, notes text);
      create table countries (code text primary key, name text not null);
      create table addresses (id int primary key, country_code text references countries(code));
      create table tags (id int primary key, name text not null);
      create table customer_tags (customer_id int not null references customers(id), tag_id int not null references tags(id), primary key (customer_id, tag_id));
      create table audit_log (id bigint primary key, event text, logged_at timestamptz not null default now());
      create table events_log (id bigint primary key, event text);`;
    const fs = hits(A01, sql);
    expect(fs).toContain('customers');
    expect(fs).toContain('events_log');
    expect(fs).not.toContain('countries');
    expect(fs).not.toContain('customer_tags');
    expect(fs).not.toContain('audit_log');
    await checkFixes(A01, sql, { min: 2 });
  });

  it('AUD-02 missing updated_at on mutable entities; logs and key-only tables pass', async () => {
    const sql = `create table customers (id int primary key, name text not null, email text not null, phone text, city text, notes text);
      create table page_views (id bigint primary key, url text, viewed_at timestamptz not null default now());
      create table links (id int primary key, customer_id int references customers(id), created_at timestamptz not null default now());`;
    expect(hits(A02, sql, { page_views: 'log' })).toEqual(['customers']);
    await checkFixes(A02, sql, { roles: { page_views: 'log' } });
  });

  it('AUD-03 updated_at without a BEFORE UPDATE trigger (behaviours and verbatim triggers count)', async () => {
    const sql = `${TRIGGER_FN}
      create table orders (id int primary key, updated_at timestamptz not null default now());
      create table products (id int primary key, updated_at timestamptz not null default now(), version int);
      create trigger products_touch before update on products for each row execute function touch();
      create function set_updated_at() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
      create table tags (id int primary key, updated_at timestamptz not null default now());
      create trigger tags_set_updated_at before update on tags for each row execute function set_updated_at();
      create table notes (id int primary key, last_update timestamptz);
      create trigger notes_after after update on notes for each row execute function set_updated_at();`;
    const m = load(sql);
    expect(run(A03, m).map(where)).toEqual(['orders.updated_at', 'notes.last_update']);
    await checkFixes(A03, sql, { min: 2 });
  });

  it('AUD-04 audit column shape', async () => {
    const sql = `create table a (id int primary key, created_at timestamptz, updated_at timestamp not null default now());
      create table b (id int primary key, created_at timestamptz not null default current_timestamp, updated_at timestamptz not null default now());
      create table c (id int primary key, created_at timestamptz not null);`;
    expect(hits(A04, sql)).toEqual(['a.created_at', 'a.updated_at', 'c.created_at']);
    await checkFixes(A04, sql, { min: 3 });
  });

  it('AUD-05 soft-delete shape and cascades that soft delete never fires', async () => {
    const sql = `create table a (id int primary key, deleted_at timestamp not null default now());
      create table b (id int primary key, is_deleted boolean not null default false, deleted_at timestamptz);
      create table c (id int primary key, b_id int references b(id) on delete cascade);
      create table ok (id int primary key, deleted_at timestamptz);`;
    const fs = run(A05, load(sql));
    expect(fs.map((f) => `${where(f)} ${f.severity}`)).toEqual(['a.deleted_at warning', 'b.is_deleted warning', 'b.deleted_at info']);
    await checkFixes(A05, sql, { min: 2 });
  });

  it('AUD-06 actor columns without FK; free-text actors pass', async () => {
    const sql = `create table users (id bigint primary key, email text not null);
      create table docs (id int primary key, created_by bigint not null, updated_by bigint, deleted_by text, reviewed_by bigint references users(id));`;
    expect(hits(A06, sql)).toEqual(['docs.created_by', 'docs.updated_by']);
    const fixed = await checkFixes(A06, sql, { min: 2 });
    expect(fixed.map((f) => f.fix!.sql)).toEqual([expect.stringContaining('ON DELETE RESTRICT'), expect.stringContaining('ON DELETE SET NULL')]);
  });

  it('AUD-07 CASCADE into history and financial tables', async () => {
    const sql = `create table orders (id int primary key);
      create table order_items (id int primary key, order_id int references orders(id) on delete cascade);
      create table payments (id int primary key, order_id int references orders(id) on delete cascade);
      create table order_history (id int primary key, order_id int references orders(id) on delete cascade);
      create table notes (id int primary key, order_id int references orders(id) on delete restrict);`;
    expect(hits(A07, sql)).toEqual(['payments', 'order_history']);
    await checkFixes(A07, sql, { min: 2 });
  });
});
