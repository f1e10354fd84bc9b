/**
 * The part of the model the behaviours worker needs for one table, so an edit does not copy a 1,000-table model to
 * the worker: the table, the tables its foreign keys connect it to (counters, recognised counter triggers), the
 * audit / history tables the generator may find by name, every verbatim CREATE FUNCTION (recognition needs them all
 * to spot overloads), the table's verbatim triggers, schemas and views. analyseBehaviors gives the same answer on
 * the subset as on the whole model (tested).
 */
import type { Id, SchemaModel, Table } from '../../core/model/types';
import { DEFAULT_NAMES, fitIdent } from '../../core/triggers/names';

export function behaviorSubset(model: SchemaModel, tableId: Id): SchemaModel {
  const t = model.tables[tableId];
  if (!t) return { ...model, tables: {}, raw: {}, types: {}, sequences: {}, extensions: {}, behaviors: {} };
  const b = model.behaviors?.[tableId];
  const tables: Record<Id, Table> = { [tableId]: t };
  for (const k of t.constraints) if (k.kind === 'foreign' && k.refTableId && model.tables[k.refTableId]) tables[k.refTableId] = model.tables[k.refTableId]!;
  for (const c of b?.counters ?? []) if (model.tables[c.childTableId]) tables[c.childTableId] = model.tables[c.childTableId]!;
  const names = new Set<string>([DEFAULT_NAMES.auditTable, fitIdent(DEFAULT_NAMES.historyTable(t.name))]);
  if (b?.audit?.table) names.add(fitIdent(b.audit.table));
  for (const x of Object.values(model.tables)) {
    if (names.has(x.name)) tables[x.id] = x;
    else if (x.constraints.some((k) => k.kind === 'foreign' && k.refTableId === tableId)) tables[x.id] = x;
  }
  const raw: SchemaModel['raw'] = {};
  for (const r of Object.values(model.raw)) {
    if (r.nodeType === 'CreateFunctionStmt' || (r.nodeType === 'CreateTrigStmt' && r.target === tableId)) raw[r.id] = r;
  }
  const out: SchemaModel = { ...model, tables, raw, types: {}, sequences: {}, extensions: {} };
  if (b) out.behaviors = { [tableId]: b };
  else delete out.behaviors;
  return out;
}
