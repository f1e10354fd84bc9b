import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, importSql } from '../sql/import/index';
import { History } from '../commands/history';
import { addColumn, addForeignKey, deleteTables, renameTable, setPrimaryKey, updateColumn, addTable } from '../commands/schema';
import { documentFromModel, type TablewrightDocument } from '../document/document';
import type { SchemaModel } from '../model/types';
import { emptyLintConfig } from './config';
import { createLinter, lintModel, lintModelDetailed } from './engine';
import { addSuppression, setRuleConfig, setTableRole, suppressFinding, unsuppress } from './commands';
import { createHelpers } from './helpers/index';

const SQL = `
create table customers (id bigint generated always as identity primary key, email text not null);
create table orders (id integer primary key, customer_id bigint, note text);
create table order_items (order_id bigint references orders(id), qty int);
create table tags (id bigint primary key, name text not null unique);
create table post_tags (post_id bigint not null references posts(id), tag_id bigint not null references tags(id));
create table posts (id bigint primary key, title text);
create table import_rows (line text);
`;

let model: SchemaModel;
const tid = (m: SchemaModel, name: string) => Object.values(m.tables).find((t) => t.name === name)!.id;
const cid = (m: SchemaModel, table: string, col: string) => m.tables[tid(m, table)]!.columns.find((c) => c.name === col)!.id;

beforeAll(async () => {
  await initParser();
  model = importSql(SQL).model;
});

describe('helpers', () => {
  it('H2 roles, H5 coverage as a set, H6 partial keys', () => {
    const h = createHelpers(model);
    expect(h.inferRole(model.tables[tid(model, 'post_tags')]!)).toBe('junction');
    expect(h.inferRole(model.tables[tid(model, 'import_rows')]!)).toBe('staging');
    expect(h.inferRole(model.tables[tid(model, 'customers')]!)).toBe('entity');
    const m2 = importSql(`create table x (a int, b int, c int); create index x_ba on x (b, a, c); create unique index x_c on x (c) where c > 0;`).model;
    const x = Object.values(m2.tables)[0]!;
    const [a, b, c] = x.columns.map((col) => col.id) as [string, string, string];
    const h2 = createHelpers(m2);
    expect(h2.isCovered(x, [a, b])).toBe(true);
    expect(h2.isCovered(x, [a, c])).toBe(false);
    expect(h2.candidateKeys(x).find((k) => k.columns[0] === c)?.where).toBeTruthy();
    expect(h2.hasCandidateKey(x, [c])).toBe(false);
  });

  it('H3 finds FK-like columns with compatible types', () => {
    const h = createHelpers(model);
    const fl = h.fkLike(model.tables[tid(model, 'orders')]!);
    expect(fl.map((f) => [f.column.name, f.targets.map((t) => t.table.name)])).toEqual([['customer_id', ['customers']]]);
  });
});

describe('config', () => {
  it('disabled rules are skipped, severities overridden, role overrides applied', () => {
    const base = lintModel(model);
    expect(base.some((f) => f.rule === 'KEY-01' && f.object.table === 'order_items' && f.severity === 'error')).toBe(true);
    const cfg = emptyLintConfig();
    cfg.rules['KEY-01'] = { enabled: false };
    cfg.rules['REL-01'] = { severity: 'error' };
    const r = lintModel(model, cfg);
    expect(r.some((f) => f.rule === 'KEY-01')).toBe(false);
    expect(r.filter((f) => f.rule === 'REL-01').every((f) => f.severity === 'error')).toBe(true);
    const cfg2 = emptyLintConfig();
    cfg2.roles[tid(model, 'order_items')] = 'log';
    expect(lintModel(model, cfg2).find((f) => f.rule === 'KEY-01' && f.object.table === 'order_items')?.severity).toBe('warning');
  });

  it('suppressions by rule, table and column hide findings but keep them countable', () => {
    const all = lintModelDetailed(model);
    const f = all.findings.find((x) => x.rule === 'REL-01')!;
    const cfg = emptyLintConfig();
    cfg.suppressions.push({ id: 's1', rule: 'REL-01', tableId: f.object.tableId, columnId: f.object.columnId, reason: 'legacy import' });
    const r = lintModelDetailed(model, cfg);
    expect(r.findings).not.toContainEqual(f);
    expect(r.suppressed.map((s) => s.finding.rule)).toEqual(['REL-01']);
    expect(r.suppressed[0]!.suppression.reason).toBe('legacy import');
    const byTable = emptyLintConfig();
    byTable.suppressions.push({ id: 's2', rule: 'KEY-01', tableId: tid(model, 'order_items'), reason: 'x' });
    const rt = lintModelDetailed(model, byTable);
    expect(rt.findings.some((x) => x.rule === 'KEY-01' && x.object.table === 'order_items')).toBe(false);
    expect(rt.findings.some((x) => x.rule === 'KEY-01' && x.object.table === 'import_rows')).toBe(true);
    const byRule = emptyLintConfig();
    byRule.suppressions.push({ id: 's3', rule: 'KEY-01', reason: 'x' });
    const rr = lintModelDetailed(model, byRule);
    expect(rr.findings.some((x) => x.rule === 'KEY-01')).toBe(false);
    expect(rr.suppressed.length).toBe(all.findings.filter((x) => x.rule === 'KEY-01').length);
    expect(rr.counts.error + rr.counts.warning + rr.counts.info).toBe(rr.findings.length);
  });

  it('document commands edit doc.lint (created when absent) and are undoable', () => {
    const h = new History();
    let doc: TablewrightDocument = documentFromModel(model);
    const f = lintModel(model).find((x) => x.rule === 'REL-01')!;
    const out: { id?: string } = {};
    doc = h.apply(doc, suppressFinding(f, 'intentional: filled by ETL', out)).doc;
    expect(doc.lint!.suppressions).toEqual([{ id: out.id, rule: 'REL-01', tableId: f.object.tableId, columnId: f.object.columnId, reason: 'intentional: filled by ETL' }]);
    expect(lintModel(doc.schema, doc.lint).some((x) => x.rule === 'REL-01' && x.object.columnId === f.object.columnId)).toBe(false);
    expect(h.apply(doc, addSuppression({ rule: 'KEY-01' }, '  ')).error).toMatch(/reason/);
    doc = h.apply(doc, setRuleConfig('KEY-13', { enabled: false, severity: 'warning' })).doc;
    expect(doc.lint!.rules['KEY-13']).toEqual({ enabled: false, severity: 'warning' });
    doc = h.apply(doc, setRuleConfig('KEY-13', { enabled: true, severity: undefined })).doc;
    expect(doc.lint!.rules['KEY-13']).toBeUndefined();
    doc = h.apply(doc, setTableRole(tid(model, 'orders'), 'lookup')).doc;
    expect(doc.lint!.roles[tid(model, 'orders')]).toBe('lookup');
    doc = h.apply(doc, setTableRole(tid(model, 'orders'), undefined)).doc;
    expect(doc.lint!.roles).toEqual({});
    doc = h.apply(doc, unsuppress(out.id!)).doc;
    expect(doc.lint!.suppressions).toEqual([]);
    while (h.canUndo) doc = h.undo(doc);
    expect(doc.lint).toBeUndefined();
  });
});

describe('incremental checker', () => {
  it('returns the same findings as a full run after each edit, re-checking only what changed', () => {
    const linter = createLinter();
    const h = new History();
    let doc = documentFromModel(model);
    const cfg = emptyLintConfig();
    const same = () => {
      const inc = linter.check(doc.schema, cfg);
      const full = lintModelDetailed(doc.schema, cfg);
      expect(inc.findings.map((f) => [f.rule, f.severity, f.object, f.message])).toEqual(full.findings.map((f) => [f.rule, f.severity, f.object, f.message]));
      return inc;
    };
    const first = same();
    expect(first.stats.tablesChecked).toBe(Object.keys(doc.schema.tables).length);
    expect(linter.check(doc.schema, cfg).stats.tablesChecked).toBe(0);
    const edits = [
      updateColumn(tid(model, 'orders'), cid(model, 'orders', 'note'), { type: 'varchar(20)' }),
      addForeignKey(tid(model, 'orders'), { columns: [cid(model, 'orders', 'customer_id')], refTableId: tid(model, 'customers'), refColumns: [cid(model, 'customers', 'id')] }),
      updateColumn(tid(model, 'orders'), cid(model, 'orders', 'id'), { type: 'bigint' }),
      setPrimaryKey(tid(model, 'post_tags'), [cid(model, 'post_tags', 'post_id'), cid(model, 'post_tags', 'tag_id')]),
      updateColumn(tid(model, 'order_items'), cid(model, 'order_items', 'order_id'), { nullable: false }),
      renameTable(tid(model, 'customers'), 'clients'),
      addColumn(tid(model, 'posts'), { name: 'client_id', type: 'bigint' }),
      addTable({ name: 'audit_log', withId: false }),
      deleteTables([tid(model, 'tags')]),
    ];
    for (const e of edits) {
      const r = h.apply(doc, e);
      expect(r.error).toBeUndefined();
      doc = r.doc;
      const res = same();
      expect(res.stats.tablesChecked).toBeLessThanOrEqual(Object.keys(doc.schema.tables).length);
    }
    // A column edit in one table re-checks that table and its neighbours only.
    const r = h.apply(doc, updateColumn(tid(model, 'posts'), cid(model, 'posts', 'title'), { nullable: false }));
    doc = r.doc;
    expect(same().stats.tablesChecked).toBeLessThanOrEqual(2);
    // Config changes apply too.
    cfg.rules['KEY-01'] = { enabled: false };
    same();
    cfg.roles = { [tid(model, 'posts')]: 'log' };
    same();
    while (h.canUndo) {
      doc = h.undo(doc);
      same();
    }
  });
});
