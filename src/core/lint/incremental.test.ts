/**
 * The incremental checker equals a full run after random edits (generated 200-table schema, seeded): findings in
 * order with their severities, objects, texts and quick fixes (label and SQL, built lazily), suppressed findings,
 * counts and failures. The edits include enum users (the TYPE-12 fix lists every user of an enum, in any table),
 * renames, FKs, deletions and the checker's own configuration (roles, rule switches, severities, suppressions).
 */
import { beforeAll, expect, it } from 'vitest';
import { initParser, importSql } from '../sql/import/index';
import { History, type Command } from '../commands/history';
import { addColumn, addForeignKey, addIndex, addTable, deleteTables, removeColumn, renameTable, setTableComment, updateColumn } from '../commands/schema';
import { documentFromModel, type TablewrightDocument } from '../document/document';
import { addSuppression, setRuleConfig, setTableRole } from './commands';
import { generateSchemaSql } from '../../../bench/generate';
import { createLinter, lintModelDetailed, type LintResult } from './engine';
import { emptyLintConfig } from './config';

beforeAll(async () => {
  await initParser();
});

const line = (f: LintResult['findings'][number]) => `${f.rule}|${f.severity}|${JSON.stringify(f.object)}|${f.message}|${f.why}|${f.fix ? `${f.fix.label}|${f.fix.sql}` : '-'}`;
const view = (r: LintResult) => r.findings.map(line);
const hidden = (r: LintResult) => r.suppressed.map((s) => `${s.suppression.id}:${line(s.finding)}`);

it('incremental check = full check after random edits (200 tables)', () => {
  const { model } = importSql(generateSchemaSql(200, 7));
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const h = new History();
  let doc: TablewrightDocument = documentFromModel(model);
  const linter = createLinter();
  doc = h.apply(doc, setRuleConfig('NAME-10', { enabled: true })).doc;
  const configOf = (d: TablewrightDocument) => d.lint ?? emptyLintConfig();
  linter.check(doc.schema, configOf(doc));
  const status = Object.values(doc.schema.types).find((x) => x.name === 'status')!;
  expect(status.kind).toBe('enum');
  const roles = ['entity', 'junction', 'lookup', 'log', 'staging'] as const;
  const someRules = ['TYPE-12', 'TYPE-14', 'IDX-01', 'NAME-01', 'AUD-02', 'KEY-01', 'NF-04', 'REL-10'];
  let withFix = 0;
  const names = ['amount', 'price', 'status', 'createdAt', 'user_id', 'email', 'is_active', 'full_name', 'first_name', 'last_name', 'updated_at', 'password', 'order', 'parent_id'];
  const types = ['text', 'varchar(255)', 'integer', 'bigint', 'numeric', 'timestamp', 'timestamptz', 'boolean', 'money', 'json', 'uuid', 'public.status'];
  for (let step = 0; step < 90; step++) {
    const tables = Object.values(doc.schema.tables);
    const t = pick(tables);
    const c = t.columns.length ? pick(t.columns) : undefined;
    const r = rnd();
    let cmd: Command;
    if (r < 0.15 && c) cmd = updateColumn(t.id, c.id, { nullable: !c.nullable });
    else if (r < 0.3 && c) cmd = updateColumn(t.id, c.id, { type: pick(types) });
    else if (r < 0.42 && c) cmd = updateColumn(t.id, c.id, { name: `${pick(names)}${step}` });
    else if (r < 0.55) cmd = addColumn(t.id, { name: pick(names), type: pick(types), nullable: rnd() < 0.5 });
    else if (r < 0.62 && c && t.columns.length > 2) cmd = removeColumn(t.id, c.id);
    else if (r < 0.7) {
      const o = pick(tables);
      const pk = o.constraints.find((k) => k.kind === 'primary');
      const col = t.columns.find((x) => x.type === 'bigint');
      if (!pk || !col || pk.kind !== 'primary' || pk.columns.length !== 1) continue;
      cmd = addForeignKey(t.id, { columns: [col.id], refTableId: o.id, refColumns: pk.columns });
    } else if (r < 0.76 && c) cmd = addIndex(t.id, { unique: rnd() < 0.3, method: 'btree', elements: [{ column: c.id }] });
    else if (r < 0.82) cmd = renameTable(t.id, pick(['users', 'orders', 'order_items', 'Customers', 'audit_log', `t_${step}s`]));
    else if (r < 0.87) cmd = addTable({ name: pick(['accounts', 'products', 'tmp_import', 'categories']) + step });
    else if (r < 0.89 && tables.length > 150) cmd = deleteTables([t.id]);
    else if (r < 0.91) cmd = addColumn(t.id, { name: pick(['status', 'state', 'plan']), type: 'public.status', typeRef: status.id, default: "'draft'" });
    else if (r < 0.93 && c) cmd = updateColumn(t.id, c.id, { type: 'public.status', typeRef: status.id });
    else if (r < 0.95) cmd = setTableRole(t.id, rnd() < 0.3 ? undefined : pick([...roles]));
    else if (r < 0.97) cmd = setRuleConfig(pick(someRules), rnd() < 0.5 ? { enabled: rnd() < 0.5 } : { severity: pick(['error', 'warning', 'info'] as const) });
    else if (r < 0.98) cmd = addSuppression(rnd() < 0.5 ? { rule: pick(someRules), tableId: t.id } : { rule: pick(someRules) }, `reason ${step}`);
    else cmd = setTableComment(t.id, `comment ${step}`);
    const res = h.apply(doc, cmd);
    if (res.error) continue;
    doc = res.doc;
    const inc = linter.check(doc.schema, configOf(doc));
    const full = lintModelDetailed(doc.schema, configOf(doc));
    expect(inc.failures).toEqual(full.failures);
    expect(view(inc), `after step ${step}: ${cmd.label}`).toEqual(view(full));
    expect(hidden(inc)).toEqual(hidden(full));
    expect(inc.counts).toEqual(full.counts);
    withFix += full.findings.filter((f) => f.fix).length;
  }
  // The comparison covered quick fixes, not just their absence.
  expect(withFix).toBeGreaterThan(100);
  // Undo all the way back: still equal.
  while (h.canUndo) doc = h.undo(doc);
  expect(view(linter.check(doc.schema, configOf(doc)))).toEqual(view(lintModelDetailed(doc.schema, configOf(doc))));
}, 120_000);

it('opt-in rules run only when switched on', () => {
  const { model } = importSql(generateSchemaSql(5));
  const off = lintModelDetailed(model).findings.filter((f) => f.rule === 'NAME-10' || f.rule === 'SEC-04');
  expect(off).toEqual([]);
  const cfg = emptyLintConfig();
  cfg.rules['NAME-10'] = { enabled: true };
  expect(lintModelDetailed(model, cfg).findings.some((f) => f.rule === 'NAME-10')).toBe(true);
  expect(createLinter().check(model, cfg).findings.some((f) => f.rule === 'NAME-10')).toBe(true);
});

it('a kept finding shows the fix of the latest model (TYPE-12 lists a user of the enum added in another table)', () => {
  const { model } = importSql(`
    create type public.status as enum ('draft', 'active', 'archived');
    create table a (id bigint primary key, status public.status not null default 'draft');
    create table b (id bigint primary key, name text not null);
  `);
  const h = new History();
  let doc = documentFromModel(model);
  const linter = createLinter();
  const sqlOf = (r: LintResult) => r.findings.find((f) => f.rule === 'TYPE-12' && f.object.table === 'a')?.fix?.sql ?? '';
  const first = linter.check(doc.schema);
  expect(sqlOf(first)).toContain('ALTER TABLE public.a ALTER COLUMN status TYPE text');
  expect(sqlOf(first)).not.toContain('public.b');
  const b = Object.values(doc.schema.tables).find((t) => t.name === 'b')!;
  const status = Object.values(doc.schema.types).find((x) => x.name === 'status')!;
  doc = h.apply(doc, addColumn(b.id, { name: 'status', type: 'public.status', typeRef: status.id, default: "'draft'" })).doc;
  const second = linter.check(doc.schema);
  expect(second.stats.tablesChecked).toBeLessThan(2);
  expect(sqlOf(second)).toContain('ALTER TABLE public.b ALTER COLUMN status TYPE text');
  expect(sqlOf(second)).toBe(sqlOf(lintModelDetailed(doc.schema)));
});

it('a one-column edit re-checks the edited table and its FK neighbours only', () => {
  // A chain t0 <- t1 <- ... <- t39: t20 has one parent (t19) and one child (t21).
  const parts: string[] = [];
  for (let i = 0; i < 40; i++) {
    const parent = i > 0 ? `, parent_id bigint not null references t${i - 1}(id)` : '';
    parts.push(`create table t${i} (id bigint generated always as identity primary key, code text not null unique, amount numeric(12,2), created_at timestamptz not null default now()${parent});`);
    if (i > 0) parts.push(`create index on t${i} (parent_id);`);
  }
  const { model } = importSql(parts.join('\n'));
  const linter = createLinter();
  expect(linter.check(model).stats.tablesChecked).toBe(40);
  const t = Object.values(model.tables).find((x) => x.name === 't20')!;
  const amount = t.columns.find((c) => c.name === 'amount')!;
  const h = new History();
  let doc = documentFromModel(model);
  for (let k = 0; k < 3; k++) {
    doc = h.apply(doc, updateColumn(t.id, amount.id, { nullable: k % 2 === 1 })).doc;
    const r = linter.check(doc.schema, undefined, { globals: 'cached' });
    expect(r.stats.tablesChecked).toBe(3);
    expect(r.findings.some((f) => f.rule === 'TYPE-14' && f.object.table === 't20')).toBe(k % 2 === 1);
  }
  // No edit: nothing re-checked.
  expect(linter.check(doc.schema).stats.tablesChecked).toBe(0);
});

it('a model that crossed a worker boundary (structured clone) is still re-checked incrementally', () => {
  const { model } = importSql(`create type public.status as enum ('a', 'b');
    create view v as select 1 as x;
    create table p (id bigint primary key, status public.status not null default 'a');
    create table c (id bigint primary key, p_id bigint not null references p(id), amount numeric(12,2));
    create table d (id bigint primary key, name text);`);
  const linter = createLinter();
  const h = new History();
  let doc = documentFromModel(model);
  // Tables keep their objects (the worker keeps them between checks); the other parts arrive as new objects.
  const cloned = (m: typeof doc.schema) => ({ ...structuredClone({ ...m, tables: {} }), tables: m.tables });
  expect(linter.check(cloned(doc.schema)).stats.tablesChecked).toBe(3);
  const d = Object.values(doc.schema.tables).find((t) => t.name === 'd')!;
  doc = h.apply(doc, updateColumn(d.id, d.columns.find((x) => x.name === 'name')!.id, { nullable: false })).doc;
  const r = linter.check(cloned(doc.schema));
  expect(r.stats.tablesChecked).toBe(1);
  expect(view(r)).toEqual(view(lintModelDetailed(doc.schema)));
});
