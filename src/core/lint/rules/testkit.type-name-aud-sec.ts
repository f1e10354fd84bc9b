/** Test helpers for the TYPE / NAME / AUD / SEC rule tests (framework-free: no vitest, no PGlite here). */
import { History } from '../../commands/history';
import { documentFromModel } from '../../document/document';
import type { SchemaModel, Table } from '../../model/types';
import { exportDdl } from '../../sql/export/ddl';
import { importSql } from '../../sql/import/index';
import { behaviorRawRecord } from '../../triggers/generate';
import { createHelpers } from '../helpers/index';
import type { Finding, QuickFix, Rule, RuleContext, TableRole } from '../types';

/** Import SQL (the parser must be initialised); throws on import errors. */
export function load(sql: string): SchemaModel {
  const r = importSql(sql);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  return r.model;
}

/** Run one rule over the whole model (table checks then the global check). */
export function run(rule: Rule, model: SchemaModel, roles: Record<string, TableRole> = {}): Finding[] {
  const helpers = createHelpers(model);
  const ctx: RuleContext = { model, helpers, role: (t: Table) => roles[t.name] ?? helpers.inferRole(t) };
  const out: Finding[] = [];
  const tables = Object.values(model.tables).sort((a, b) => a.seq - b.seq);
  if (rule.checkTable) for (const t of tables) out.push(...rule.checkTable(t, ctx));
  if (rule.checkModel) out.push(...rule.checkModel(ctx));
  return out;
}

/** `table.column` (or `table`) of a finding. */
export function where(f: Finding): string {
  return f.object.column ? `${f.object.table}.${f.object.column}` : `${f.object.table}`;
}

/** Apply a quick fix through History; returns the new model (throws when the command fails or changes nothing). */
export function applyFix(model: SchemaModel, fix: QuickFix): SchemaModel {
  const h = new History();
  const r = h.apply(documentFromModel(model), fix.command);
  if (r.error) throw new Error(r.error);
  if (!r.changed) throw new Error(`fix "${fix.label}" changed nothing`);
  return r.doc.schema;
}

/** DDL of a model, behaviour triggers included (initTriggers() must have run). */
export function ddl(model: SchemaModel): string {
  return exportDdl({ ...model, raw: { ...model.raw, ...behaviorRawRecord(model) } }, { header: false }).sql;
}
