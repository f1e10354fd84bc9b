/** The incremental checker equals a full run after random edits (generated 200-table schema, seeded). */
import { beforeAll, expect, it } from 'vitest';
import { initParser, importSql } from '../sql/import/index';
import { History, type Command } from '../commands/history';
import { addColumn, addForeignKey, addIndex, addTable, deleteTables, removeColumn, renameTable, setTableComment, updateColumn } from '../commands/schema';
import { documentFromModel, type TablewrightDocument } from '../document/document';
import { generateSchemaSql } from '../../../bench/generate';
import { createLinter, lintModelDetailed, type LintResult } from './engine';
import { emptyLintConfig } from './config';

beforeAll(async () => {
  await initParser();
});

const view = (r: LintResult) =>
  r.findings.map((f) => `${f.rule}|${f.severity}|${JSON.stringify(f.object)}|${f.message}|${f.why}|${f.fix ? `${f.fix.label}|${f.fix.sql}` : '-'}`);

it('incremental check = full check after random edits (200 tables)', () => {
  const { model } = importSql(generateSchemaSql(200, 7));
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const h = new History();
  let doc: TablewrightDocument = documentFromModel(model);
  const linter = createLinter();
  const config = emptyLintConfig();
  config.rules['NAME-10'] = { enabled: true };
  linter.check(doc.schema, config);
  const names = ['amount', 'price', 'status', 'createdAt', 'user_id', 'email', 'is_active', 'full_name', 'first_name', 'last_name', 'updated_at', 'password', 'order', 'parent_id'];
  const types = ['text', 'varchar(255)', 'integer', 'bigint', 'numeric', 'timestamp', 'timestamptz', 'boolean', 'money', 'json', 'uuid', 'public.status'];
  for (let step = 0; step < 60; step++) {
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
    else if (r < 0.92 && tables.length > 150) cmd = deleteTables([t.id]);
    else cmd = setTableComment(t.id, `comment ${step}`);
    const res = h.apply(doc, cmd);
    if (res.error) continue;
    doc = res.doc;
    const inc = linter.check(doc.schema, config);
    const full = lintModelDetailed(doc.schema, config);
    expect(inc.failures).toEqual(full.failures);
    expect(view(inc), `after step ${step}: ${cmd.label}`).toEqual(view(full));
    expect(inc.counts).toEqual(full.counts);
  }
  // Undo all the way back: still equal.
  while (h.canUndo) doc = h.undo(doc);
  expect(view(linter.check(doc.schema, config))).toEqual(view(lintModelDetailed(doc.schema, config)));
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
