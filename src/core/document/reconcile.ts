/**
 * Carry a diagram's layout (positions, colours, areas, notes) over to a freshly imported model.
 *
 * Re-importing SQL produces a model with new ids. `reconcileLayout` matches each new table/view to an old one and
 * re-keys the old layout records by the new ids:
 * 1. by schema-qualified name (tables with tables, views with views);
 * 2. a table left over whose columns (names and types, in order) are identical to exactly one left-over old table's
 *    is taken to be a rename of it and keeps its place (same schema preferred when there are several);
 * 3. anything else is new: it gets no layout record and is listed in `fresh` (the caller places it).
 * Pure: the inputs are not modified.
 */
import type { Id, SchemaModel, Table } from '../model/types';
import type { Area, Layout, NodeLayout } from '../model/layout';

export interface ReconcileResult {
  /** The old layout re-keyed to the new model's ids (areas' members remapped, notes unchanged). */
  layout: Layout;
  /** New id → old id for every matched table/view. */
  matched: Record<Id, Id>;
  /** New table/view ids that matched nothing (no layout record yet). */
  fresh: Id[];
  /** Old table/view ids that matched nothing (their layout records are dropped). */
  removed: Id[];
}

interface Obj {
  id: Id;
  key: string;
  schema: string;
  signature?: string;
}

function schemaName(model: SchemaModel, schemaId: Id): string {
  return model.schemas[schemaId]?.name ?? 'public';
}

/** Column names and types in order; undefined for a table with no columns (nothing to recognise it by). */
export function columnSignature(t: Table): string | undefined {
  const cols = t.columns.filter((c) => !c.inherited);
  if (cols.length === 0) return undefined;
  return cols.map((c) => `${c.name}\u0000${c.type}`).join('\u0001');
}

function objects(model: SchemaModel): Obj[] {
  const out: Obj[] = [];
  for (const t of Object.values(model.tables)) {
    const schema = schemaName(model, t.schemaId);
    out.push({ id: t.id, key: `t\u0000${schema}\u0000${t.name}`, schema, signature: columnSignature(t) });
  }
  for (const v of Object.values(model.views)) {
    const schema = schemaName(model, v.schemaId);
    out.push({ id: v.id, key: `v\u0000${schema}\u0000${v.name}`, schema });
  }
  return out;
}

/** Match the new model's tables/views to the old model's; returns new id → old id. */
export function matchObjects(oldModel: SchemaModel, newModel: SchemaModel): Record<Id, Id> {
  const olds = objects(oldModel);
  const news = objects(newModel);
  const matched: Record<Id, Id> = {};
  const byKey = new Map<string, Obj>();
  for (const o of olds) if (!byKey.has(o.key)) byKey.set(o.key, o);
  const usedOld = new Set<Id>();
  const leftNew: Obj[] = [];
  for (const n of news) {
    const o = byKey.get(n.key);
    if (o && !usedOld.has(o.id)) {
      matched[n.id] = o.id;
      usedOld.add(o.id);
    } else leftNew.push(n);
  }
  // Renames: identical column lists among the leftovers.
  const bySig = new Map<string, Obj[]>();
  for (const o of olds) {
    if (usedOld.has(o.id) || o.signature === undefined) continue;
    const list = bySig.get(o.signature);
    if (list) list.push(o);
    else bySig.set(o.signature, [o]);
  }
  const newBySig = new Map<string, number>();
  for (const n of leftNew) if (n.signature !== undefined) newBySig.set(n.signature, (newBySig.get(n.signature) ?? 0) + 1);
  for (const n of leftNew) {
    if (n.signature === undefined) continue;
    const cands = (bySig.get(n.signature) ?? []).filter((o) => !usedOld.has(o.id));
    if (cands.length === 0) continue;
    // Several new tables with the same columns compete for several old ones: only pair them when unambiguous.
    if (cands.length > 1 && (newBySig.get(n.signature) ?? 0) > 1) {
      const same = cands.filter((o) => o.schema === n.schema);
      if (same.length !== 1) continue;
    }
    const pick = cands.find((o) => o.schema === n.schema) ?? cands[0]!;
    matched[n.id] = pick.id;
    usedOld.add(pick.id);
  }
  return matched;
}

export function reconcileLayout(old: { schema: SchemaModel; layout: Layout }, newModel: SchemaModel): ReconcileResult {
  const matched = matchObjects(old.schema, newModel);
  const oldToNew = new Map<Id, Id>();
  for (const [n, o] of Object.entries(matched)) oldToNew.set(o, n);

  const nodes: Record<Id, NodeLayout> = {};
  const fresh: Id[] = [];
  for (const id of [...Object.keys(newModel.tables), ...Object.keys(newModel.views)]) {
    const o = matched[id];
    const rec = o !== undefined ? old.layout.nodes[o] : undefined;
    if (rec) nodes[id] = { ...rec };
    else fresh.push(id);
  }
  const removed = [...Object.keys(old.schema.tables), ...Object.keys(old.schema.views)].filter((id) => !oldToNew.has(id));

  const areas: Record<Id, Area> = {};
  for (const [id, a] of Object.entries(old.layout.areas)) {
    const members: Id[] = [];
    for (const m of a.members) {
      const n = oldToNew.get(m);
      if (n !== undefined) members.push(n);
    }
    areas[id] = { ...a, members };
  }
  const notes = { ...old.layout.notes };
  for (const [k, v] of Object.entries(notes)) notes[k] = { ...v };
  return { layout: { nodes, areas, notes }, matched, fresh, removed };
}
