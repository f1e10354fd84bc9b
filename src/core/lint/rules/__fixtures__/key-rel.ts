/**
 * Test fixtures of the KEY-* and REL-* rules: schemas that must trigger a rule (`hit`) and the catalogue's false
 * positives that must not (`miss`). `on` = table (and column) the finding is expected on. Used by key-rel.test.ts
 * (detection) and key-rel-fixes.pg.test.ts (quick fixes applied, then the DDL applied in PGlite).
 */
import type { SchemaModel } from '../../../model/types';
import { importSql } from '../../../sql/import/index';
import type { Finding, Severity } from '../../types';

export interface RuleFixture {
  rule: string;
  name: string;
  sql: string;
  hit: boolean;
  on?: { table: string; column?: string };
  severity?: Severity;
  /** Edit the imported model before checking (for states SQL cannot express). */
  mutate?: 'nullable-pk';
  /** The DDL of the fixture (before the fix) is not valid PostgreSQL, on purpose. */
  invalidBefore?: boolean;
}

const AB = `create table a (id bigint generated always as identity primary key, name text);
create table b (id bigint generated always as identity primary key, name text);`;

export const fixtures: RuleFixture[] = [
  // ------------------------------------------------------------------ KEY
  { rule: 'KEY-01', name: 'entity without PK', sql: `create table notes (body text not null, written_on date);`, hit: true, on: { table: 'notes' }, severity: 'error' },
  { rule: 'KEY-01', name: 'promote a NOT NULL unique', sql: `create table plans (code text not null unique, label text);`, hit: true, on: { table: 'plans' }, severity: 'error' },
  { rule: 'KEY-01', name: 'junction without PK', sql: `${AB} create table a_b (a_id bigint not null references a(id), b_id bigint not null references b(id));`, hit: true, on: { table: 'a_b' }, severity: 'error' },
  { rule: 'KEY-01', name: 'log table: warning', sql: `create table app_log (message text, logged_at timestamptz);`, hit: true, on: { table: 'app_log' }, severity: 'warning' },
  { rule: 'KEY-01', name: 'existing id column becomes PK', sql: `create table things (id bigint not null, label text);`, hit: true, on: { table: 'things' }, severity: 'error' },
  { rule: 'KEY-01', name: 'FP: partition child', sql: `create table m (id bigint not null, at date not null, primary key (id, at)) partition by range (at); create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');`, hit: false, on: { table: 'm_2024' } },

  { rule: 'KEY-02', name: 'nullable PK column in the model', sql: `create table k2 (id bigint primary key, v text);`, mutate: 'nullable-pk', hit: true, on: { table: 'k2', column: 'id' }, severity: 'error' },
  { rule: 'KEY-02', name: 'FP: normal PK', sql: `create table k2 (id bigint primary key, v text);`, hit: false, on: { table: 'k2' } },

  { rule: 'KEY-03', name: 'users.email not unique', sql: `create table users (id bigint generated always as identity primary key, email text not null, deleted_at timestamptz);`, hit: true, on: { table: 'users', column: 'email' }, severity: 'warning' },
  { rule: 'KEY-03', name: 'accounts.username not unique', sql: `create table accounts (id bigint generated always as identity primary key, username varchar(40) not null);`, hit: true, on: { table: 'accounts', column: 'username' } },
  { rule: 'KEY-03', name: 'FP: (tenant_id, email) key', sql: `create table tenants (id bigint primary key); create table users (id bigint generated always as identity primary key, tenant_id bigint not null references tenants(id), email text not null, unique (tenant_id, email));`, hit: false, on: { table: 'users' } },
  { rule: 'KEY-03', name: 'FP: unique lower(email)', sql: `create table users (id bigint generated always as identity primary key, email text not null); create unique index users_email_key on users (lower(email));`, hit: false, on: { table: 'users' } },
  { rule: 'KEY-03', name: 'FP: contacts allow duplicates', sql: `create table contacts (id bigint generated always as identity primary key, email text);`, hit: false, on: { table: 'contacts' } },

  { rule: 'KEY-04', name: 'unique on text email', sql: `create table members (id bigint generated always as identity primary key, email text not null unique);`, hit: true, on: { table: 'members', column: 'email' }, severity: 'info' },
  { rule: 'KEY-04', name: 'FP: citext', sql: `create extension if not exists citext; create table members (id bigint generated always as identity primary key, email citext not null unique);`, hit: false, on: { table: 'members' } },
  { rule: 'KEY-04', name: 'FP: lower() index', sql: `create table members (id bigint generated always as identity primary key, email text not null); create unique index on members (lower(email));`, hit: false, on: { table: 'members' } },
  { rule: 'KEY-04', name: 'FP: documented normalisation', sql: `create table members (id bigint generated always as identity primary key, email text not null unique); comment on column members.email is 'stored lower-case by the application';`, hit: false, on: { table: 'members' } },

  { rule: 'KEY-05', name: 'junction with surrogate id only', sql: `${AB} create table a_b (id bigint generated always as identity primary key, a_id bigint not null references a(id), b_id bigint not null references b(id));`, hit: true, on: { table: 'a_b' }, severity: 'warning' },
  { rule: 'KEY-05', name: 'FP: pair is unique', sql: `${AB} create table a_b (id bigint generated always as identity primary key, a_id bigint not null references a(id), b_id bigint not null references b(id), unique (a_id, b_id));`, hit: false, on: { table: 'a_b' } },
  { rule: 'KEY-05', name: 'FP: repeated purchases (multigraph)', sql: `${AB} create table a_b (id bigint generated always as identity primary key, a_id bigint not null references a(id), b_id bigint not null references b(id), quantity int not null);`, hit: false, on: { table: 'a_b' } },

  { rule: 'KEY-06', name: '5-column PK', sql: `create table wide (c1 int, c2 int, c3 int, c4 int, c5 int, v text, primary key (c1, c2, c3, c4, c5));`, hit: true, on: { table: 'wide' }, severity: 'warning' },
  { rule: 'KEY-06', name: '3-column PK referenced: info', sql: `create table tri (x int, y int, z int, primary key (x, y, z)); create table refs (id bigint primary key, x int, y int, z int, foreign key (x, y, z) references tri);`, hit: true, on: { table: 'tri' }, severity: 'info' },
  { rule: 'KEY-06', name: 'FP: partitioned table', sql: `create table ev (a int, b int, c int, d int, at date, primary key (a, b, c, d, at)) partition by range (at);`, hit: false, on: { table: 'ev' } },
  { rule: 'KEY-06', name: 'FP: junction composite PK', sql: `${AB} create table a_b (a_id bigint not null references a(id), b_id bigint not null references b(id), primary key (a_id, b_id));`, hit: false, on: { table: 'a_b' } },

  { rule: 'KEY-07', name: 'serial column', sql: `create table widgets (id serial primary key, label text);`, hit: true, on: { table: 'widgets', column: 'id' }, severity: 'warning' },
  { rule: 'KEY-07', name: 'nextval default', sql: `create sequence gadgets_seq; create table gadgets (id bigint primary key default nextval('gadgets_seq'), label text);`, hit: true, on: { table: 'gadgets', column: 'id' } },
  { rule: 'KEY-07', name: 'FP: sequence shared across tables', sql: `create sequence global_seq; create table g1 (id bigint primary key default nextval('global_seq')); create table g2 (id bigint primary key default nextval('global_seq'));`, hit: false, on: { table: 'g1' } },

  { rule: 'KEY-08', name: 'integer identity PK', sql: `create table invoices (id integer generated always as identity primary key, total numeric(12,2));`, hit: true, on: { table: 'invoices', column: 'id' }, severity: 'warning' },
  { rule: 'KEY-08', name: 'lookup smallint PK: info', sql: `create table order_statuses (id smallint primary key, label text not null); create table orders (id bigint primary key, status_id smallint not null references order_statuses(id));`, hit: true, on: { table: 'order_statuses', column: 'id' }, severity: 'info' },
  { rule: 'KEY-08', name: 'int PK referenced: fix changes the FK column too', sql: `create table shops (id integer primary key); create table shop_items (id bigint primary key, shop_id integer not null references shops(id));`, hit: true, on: { table: 'shops', column: 'id' } },
  { rule: 'KEY-08', name: 'FP: bigint', sql: `create table invoices (id bigint generated always as identity primary key);`, hit: false, on: { table: 'invoices' } },

  { rule: 'KEY-09', name: 'orders with sequential id only', sql: `create table orders (id bigint generated always as identity primary key, placed_at timestamptz not null);`, hit: true, on: { table: 'orders' }, severity: 'info' },
  { rule: 'KEY-09', name: 'FP: has a public uuid', sql: `create table orders (id bigint generated always as identity primary key, public_id uuid not null unique);`, hit: false, on: { table: 'orders' } },
  { rule: 'KEY-09', name: 'FP: opaque unique slug', sql: `create table projects (id bigint generated always as identity primary key, slug text not null unique);`, hit: false, on: { table: 'projects' } },
  { rule: 'KEY-09', name: 'FP: internal table', sql: `create table metric_samples (id bigint generated always as identity primary key, value float8);`, hit: false, on: { table: 'metric_samples' } },

  { rule: 'KEY-10', name: 'email as PK', sql: `create table subscribers (email text primary key, subscribed_at timestamptz);`, hit: true, on: { table: 'subscribers' }, severity: 'info' },
  { rule: 'KEY-10', name: 'FP: ISO code in lookup', sql: `create table currencies (code char(3) primary key, label text not null); create table prices (id bigint primary key, currency_code char(3) not null references currencies(code));`, hit: false, on: { table: 'currencies' } },
  { rule: 'KEY-10', name: 'FP: weak entity (order_id, line_no)', sql: `create table orders (id bigint primary key); create table order_lines (order_id bigint not null references orders(id), line_no int not null, primary key (order_id, line_no));`, hit: false, on: { table: 'order_lines' } },

  { rule: 'KEY-11', name: 'UNIQUE on the PK columns', sql: `create table dup (id bigint primary key, v text, unique (id));`, hit: true, on: { table: 'dup' }, severity: 'warning' },
  { rule: 'KEY-11', name: 'unique index on the PK columns in another order', sql: `create table dup2 (a int, b int, primary key (a, b)); create unique index dup2_ba on dup2 (b, a);`, hit: true, on: { table: 'dup2' } },
  { rule: 'KEY-11', name: 'FP: partial unique', sql: `create table dup (id bigint primary key, v text); create unique index dup_id_v on dup (id) where v is not null;`, hit: false, on: { table: 'dup' } },
  { rule: 'KEY-11', name: 'FP: other opclass', sql: `create table dup (code text primary key); create unique index dup_code_pattern on dup (code text_pattern_ops);`, hit: false, on: { table: 'dup' } },

  { rule: 'KEY-12', name: 'nullable column in UNIQUE', sql: `create table parcels (id bigint primary key, tracking_ref text unique);`, hit: true, on: { table: 'parcels', column: 'tracking_ref' }, severity: 'info' },
  { rule: 'KEY-12', name: 'FP: NULLS NOT DISTINCT', sql: `create table parcels (id bigint primary key, tracking_ref text, unique nulls not distinct (tracking_ref));`, hit: false, on: { table: 'parcels' } },
  { rule: 'KEY-12', name: 'FP: NOT NULL', sql: `create table parcels (id bigint primary key, tracking_ref text not null unique);`, hit: false, on: { table: 'parcels' } },

  { rule: 'KEY-13', name: 'PK column last', sql: `create table late (label text, id bigint primary key);`, hit: true, on: { table: 'late' }, severity: 'info' },
  { rule: 'KEY-13', name: 'FP: PK first', sql: `create table early (id bigint primary key, label text);`, hit: false, on: { table: 'early' } },

  { rule: 'KEY-14', name: 'sku not unique', sql: `create table products (id bigint generated always as identity primary key, sku text not null, title text);`, hit: true, on: { table: 'products', column: 'sku' }, severity: 'info' },
  { rule: 'KEY-14', name: 'FP: sku unique', sql: `create table products (id bigint generated always as identity primary key, sku text not null unique, title text);`, hit: false, on: { table: 'products' } },
  { rule: 'KEY-14', name: 'FP: person names repeat', sql: `create table people (id bigint generated always as identity primary key, name text not null, phone_number text);`, hit: false, on: { table: 'people' } },

  // ------------------------------------------------------------------ REL
  { rule: 'REL-01', name: 'customer_id without FK', sql: `create table customers (id bigint primary key); create table orders (id bigint primary key, customer_id bigint not null);`, hit: true, on: { table: 'orders', column: 'customer_id' }, severity: 'warning' },
  { rule: 'REL-01', name: 'prefixed: billing_customer_id', sql: `create table customers (id bigint primary key); create table orders (id bigint primary key, billing_customer_id bigint);`, hit: true, on: { table: 'orders', column: 'billing_customer_id' } },
  { rule: 'REL-01', name: 'FP: vendor id (stripe_customer_id)', sql: `create table customers (id bigint primary key, stripe_customer_id text); create table orders (id bigint primary key, stripe_customer_id bigint);`, hit: false, on: { table: 'orders' } },
  { rule: 'REL-01', name: 'FP: incompatible type', sql: `create table customers (id bigint primary key); create table orders (id bigint primary key, customer_id uuid);`, hit: false, on: { table: 'orders' } },
  { rule: 'REL-01', name: 'FP: polymorphic pair', sql: `create table posts (id bigint primary key); create table comments (id bigint primary key, post_id bigint, post_type text);`, hit: false, on: { table: 'comments', column: 'post_id' } },
  { rule: 'REL-01', name: 'FP: log copy', sql: `create table orders (id bigint primary key); create table order_history (id bigint primary key, order_id bigint);`, hit: false, on: { table: 'order_history' } },
  { rule: 'REL-01', name: 'FP: FK declared', sql: `create table customers (id bigint primary key); create table orders (id bigint primary key, customer_id bigint references customers(id));`, hit: false, on: { table: 'orders', column: 'customer_id' } },

  { rule: 'REL-02', name: 'int4 → int8: warning', sql: `create table customers (id bigint primary key); create table orders (id bigint primary key, customer_id integer references customers(id));`, hit: true, on: { table: 'orders', column: 'customer_id' }, severity: 'warning' },
  { rule: 'REL-02', name: 'varchar width differs: warning', sql: `create table codes (code varchar(10) primary key); create table uses (id bigint primary key, code varchar(20) references codes(code));`, hit: true, on: { table: 'uses', column: 'code' }, severity: 'warning' },
  { rule: 'REL-02', name: 'text → bigint: error', sql: `create table customers (id bigint primary key); create table orders (id bigint primary key, customer_id text references customers(id));`, hit: true, on: { table: 'orders', column: 'customer_id' }, severity: 'error', invalidBefore: true },
  { rule: 'REL-02', name: 'FP: domain over the same base type', sql: `create domain ident as bigint; create table customers (id bigint primary key); create table orders (id bigint primary key, customer_id ident references customers(id));`, hit: false, on: { table: 'orders' } },

  { rule: 'REL-03', name: 'FK to a non-unique column', sql: `create table parents (id bigint primary key, code text not null); create table kids (id bigint primary key, parent_code text references parents(code));`, hit: true, on: { table: 'kids' }, severity: 'error', invalidBefore: true },
  { rule: 'REL-03', name: 'FP: FK to a unique column', sql: `create table parents (id bigint primary key, code text not null unique); create table kids (id bigint primary key, parent_code text references parents(code));`, hit: false, on: { table: 'kids' } },

  { rule: 'REL-04', name: 'FK to a table not in the model', sql: `create table orders (id bigint primary key, warehouse_id bigint references warehouses(id));`, hit: true, on: { table: 'orders' }, severity: 'error', invalidBefore: true },
  { rule: 'REL-04', name: 'FP: valid FK', sql: `create table warehouses (id bigint primary key); create table orders (id bigint primary key, warehouse_id bigint references warehouses(id));`, hit: false, on: { table: 'orders' } },

  { rule: 'REL-05', name: '(a) SET NULL on NOT NULL', sql: `create table teams (id bigint primary key); create table players (id bigint primary key, team_id bigint not null references teams(id) on delete set null);`, hit: true, on: { table: 'players', column: 'team_id' }, severity: 'error' },
  { rule: 'REL-05', name: '(b) SET DEFAULT without default', sql: `create table teams (id bigint primary key); create table players (id bigint primary key, team_id bigint references teams(id) on delete set default);`, hit: true, on: { table: 'players', column: 'team_id' }, severity: 'error' },
  { rule: 'REL-05', name: '(c) CASCADE into payments', sql: `create table customers (id bigint primary key); create table payments (id bigint primary key, customer_id bigint not null references customers(id) on delete cascade);`, hit: true, on: { table: 'payments', column: 'customer_id' }, severity: 'warning' },
  { rule: 'REL-05', name: '(d) no explicit choice', sql: `create table teams (id bigint primary key); create table players (id bigint primary key, team_id bigint references teams(id));`, hit: true, on: { table: 'players', column: 'team_id' }, severity: 'info' },
  { rule: 'REL-05', name: 'FP: explicit RESTRICT / CASCADE into a child', sql: `create table orders (id bigint primary key); create table order_items (id bigint primary key, order_id bigint not null references orders(id) on delete cascade); create table notes (id bigint primary key, order_id bigint references orders(id) on delete restrict);`, hit: false, on: { table: 'order_items' } },

  { rule: 'REL-06', name: 'commentable_id + commentable_type', sql: `create table comments (id bigint primary key, commentable_id bigint not null, commentable_type text not null, body text);`, hit: true, on: { table: 'comments', column: 'commentable_id' }, severity: 'warning' },
  { rule: 'REL-06', name: 'generic target_id + target_type in a log: info', sql: `create table activity_log (id bigint primary key, target_id bigint, target_type text);`, hit: true, on: { table: 'activity_log', column: 'target_id' }, severity: 'info' },
  { rule: 'REL-06', name: 'FP: the id has an FK', sql: `create table posts (id bigint primary key); create table comments (id bigint primary key, post_id bigint references posts(id), post_type text);`, hit: false, on: { table: 'comments' } },

  { rule: 'REL-07', name: 'PK references itself', sql: `create table loops (id bigint primary key references loops(id));`, hit: true, on: { table: 'loops' }, severity: 'error' },
  { rule: 'REL-07', name: 'FP: parent_id self reference', sql: `create table nodes (id bigint primary key, parent_id bigint references nodes(id));`, hit: false, on: { table: 'nodes' } },

  { rule: 'REL-08', name: 'parent_id without index or check', sql: `create table nodes (id bigint primary key, parent_id bigint references nodes(id) on delete cascade);`, hit: true, on: { table: 'nodes', column: 'parent_id' }, severity: 'info' },
  { rule: 'REL-08', name: 'FP: index and check present', sql: `create table nodes (id bigint primary key, parent_id bigint references nodes(id) on delete cascade, check (parent_id <> id)); create index on nodes (parent_id);`, hit: false, on: { table: 'nodes' } },

  { rule: 'REL-09', name: 'mandatory FK cycle', sql: `create table aa (id bigint primary key, bb_id bigint not null); create table bb (id bigint primary key, aa_id bigint not null references aa(id)); alter table aa add foreign key (bb_id) references bb(id);`, hit: true, on: { table: 'aa' }, severity: 'warning' },
  { rule: 'REL-09', name: 'cycle with a deferrable FK: info only', sql: `create table aa (id bigint primary key, bb_id bigint not null); create table bb (id bigint primary key, aa_id bigint not null references aa(id)); alter table aa add foreign key (bb_id) references bb(id) deferrable initially deferred;`, hit: true, on: { table: 'aa' }, severity: 'info' },
  { rule: 'REL-09', name: 'FP: no cycle', sql: `create table aa (id bigint primary key); create table bb (id bigint primary key, aa_id bigint not null references aa(id));`, hit: false, on: { table: 'aa' } },

  { rule: 'REL-10', name: 'same FK twice', sql: `create table teams (id bigint primary key); create table players (id bigint primary key, team_id bigint references teams(id) on delete restrict); alter table players add constraint players_team_again foreign key (team_id) references teams(id) on delete restrict;`, hit: true, on: { table: 'players' }, severity: 'warning' },
  { rule: 'REL-10', name: 'FP: two FKs to the same table on different columns', sql: `create table users (id bigint primary key); create table transfers (id bigint primary key, from_user_id bigint references users(id), to_user_id bigint references users(id));`, hit: false, on: { table: 'transfers' } },

  { rule: 'REL-11', name: 'island in a 5-table schema', sql: `create table t1 (id bigint primary key); create table t2 (id bigint primary key, t1_id bigint references t1(id)); create table t3 (id bigint primary key, t1_id bigint references t1(id)); create table loner (id bigint primary key, v text); create table schema_migrations (version text primary key);`, hit: true, on: { table: 'loner' }, severity: 'info' },
  { rule: 'REL-11', name: 'FP: migrations bookkeeping', sql: `create table t1 (id bigint primary key); create table t2 (id bigint primary key, t1_id bigint references t1(id)); create table t3 (id bigint primary key, t1_id bigint references t1(id)); create table loner (id bigint primary key, v text); create table schema_migrations (version text primary key);`, hit: false, on: { table: 'schema_migrations' } },
  { rule: 'REL-11', name: 'FP: small schema', sql: `create table t1 (id bigint primary key); create table loner (id bigint primary key);`, hit: false, on: { table: 'loner' } },

  { rule: 'REL-12', name: 'FK into another schema', sql: `create schema billing; create table customers (id bigint primary key); create table billing.invoices (id bigint primary key, customer_id bigint references public.customers(id));`, hit: true, on: { table: 'invoices' }, severity: 'info' },
  { rule: 'REL-12', name: 'FP: shared auth schema', sql: `create schema auth; create table auth.users (id uuid primary key); create table profiles (id uuid primary key references auth.users(id));`, hit: false, on: { table: 'profiles' } },

  { rule: 'REL-13', name: 'optional order_items.order_id', sql: `create table orders (id bigint primary key); create table order_items (id bigint primary key, order_id bigint references orders(id) on delete cascade);`, hit: true, on: { table: 'order_items', column: 'order_id' }, severity: 'warning' },
  { rule: 'REL-13', name: 'optional with SET NULL: fix switches to CASCADE', sql: `create table orders (id bigint primary key); create table order_items (id bigint primary key, order_id bigint references orders(id) on delete set null);`, hit: true, on: { table: 'order_items', column: 'order_id' } },
  { rule: 'REL-13', name: 'FP: not an owned child', sql: `create table customers (id bigint primary key); create table orders (id bigint primary key, customer_id bigint references customers(id));`, hit: false, on: { table: 'orders' } },

  { rule: 'REL-14', name: 'FK to users.email', sql: `create table users (id bigint primary key, email text not null unique); create table logins (id bigint primary key, user_email text references users(email));`, hit: true, on: { table: 'logins' }, severity: 'info' },
  { rule: 'REL-14', name: 'FP: stable code', sql: `create table currencies (code char(3) primary key); create table prices (id bigint primary key, currency_code char(3) references currencies(code));`, hit: false, on: { table: 'prices' } },

  { rule: 'REL-15', name: 'FK drawn to a view', sql: `create table people (id bigint primary key, active boolean); create view active_people as select id from people where active; create table badges (id bigint primary key, person_id bigint references active_people(id));`, hit: true, on: { table: 'badges' }, severity: 'error', invalidBefore: true },
  { rule: 'REL-15', name: 'FP: FK to the table', sql: `create table people (id bigint primary key); create table badges (id bigint primary key, person_id bigint references people(id));`, hit: false, on: { table: 'badges' } },
];

/** The fixture's model (call `await initParser()` first). */
export function fixtureModel(fx: RuleFixture): SchemaModel {
  const { model } = importSql(fx.sql);
  if (fx.mutate === 'nullable-pk') {
    for (const t of Object.values(model.tables)) {
      const pk = t.constraints.find((c) => c.kind === 'primary');
      if (pk && pk.kind === 'primary') for (const c of t.columns) if (pk.columns.includes(c.id)) c.nullable = true;
    }
  }
  return model;
}

export function matching(findings: Finding[], fx: RuleFixture): Finding[] {
  return findings.filter((f) => f.rule === fx.rule && (!fx.on || (f.object.table === fx.on.table && (!fx.on.column || f.object.column === fx.on.column))));
}

