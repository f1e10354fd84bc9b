/**
 * Name matching for two independently built models (e.g. two imported SQL files): returns a copy of `to` whose ids
 * are those of the matching objects in `from`, so that the id-based planner sees renames (from hints), alterations,
 * additions and drops. Objects are matched by qualified name; constraints and indexes by their effective name (the
 * one PostgreSQL gives them), then by definition; raw statements by text, then by what they define.
 */
import type { Constraint, Id, Index, RawStatement, SchemaModel, Table } from '../model/types';
import { constraintName, indexName } from './names';
import type { RenameHint } from './types';

const ID_FIELDS = new Set(['id', 'schemaId', 'typeRef', 'baseTypeRef', 'refTableId', 'column', 'parentId', 'tableId', 'columnId', 'target']);
const ID_ARRAYS = new Set(['columns', 'refColumns', 'include', 'onDeleteColumns', 'inherits', 'deps']);
const ID_RECORDS = new Set(['schemas', 'extensions', 'types', 'sequences', 'tables', 'views', 'raw', 'behaviors']);

function norm(s: string | undefined): string {
  return (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function alignByName(from: SchemaModel, to: SchemaModel, hints: RenameHint[] = []): SchemaModel {
  const map = new Map<Id, Id>();
  const hint = (kind: RenameHint['kind'], oldKey: string): string | undefined => hints.find((h) => h.kind === kind && h.from === oldKey)?.to;
  const fs = (id: Id) => from.schemas[id]?.name ?? 'public';
  const ts = (id: Id) => to.schemas[id]?.name ?? 'public';

  /** Match lists: key(from) with hinted new name must equal key(to). */
  function match<T extends { id: Id }>(fl: T[], tl: T[], keyF: (x: T) => string | undefined, keyT: (x: T) => string | undefined): [T, T][] {
    const pairs: [T, T][] = [];
    const byKey = new Map<string, T>();
    for (const t of tl) {
      const k = keyT(t);
      if (k !== undefined && !byKey.has(k) && !map.has(t.id)) byKey.set(k, t);
    }
    const used = new Set<Id>();
    for (const f of fl) {
      const k = keyF(f);
      if (k === undefined) continue;
      const t = byKey.get(k);
      if (t && !used.has(t.id)) {
        used.add(t.id);
        map.set(t.id, f.id);
        pairs.push([f, t]);
      }
    }
    return pairs;
  }
  const unmatched = <T extends { id: Id }>(fl: T[], tl: T[], pairs: [T, T][]): [T[], T[]] => {
    const a = new Set(pairs.map((p) => p[0].id));
    const b = new Set(pairs.map((p) => p[1].id));
    return [fl.filter((x) => !a.has(x.id)), tl.filter((x) => !b.has(x.id))];
  };

  // schemas (hint: old → new name)
  match(Object.values(from.schemas), Object.values(to.schemas), (s) => hint('schema', s.name) ?? s.name, (s) => s.name);
  // the to-side schema name expressed in from-side terms
  const schemaKey = (toSchemaId: Id) => {
    const fid = map.get(toSchemaId);
    return fid ? fs(fid) : ts(toSchemaId);
  };
  const topKey = (kind: RenameHint['kind']) => (o: { schemaId: Id; name: string }) => {
    const k = `${fs(o.schemaId)}.${o.name}`;
    const h = hint(kind, k);
    return h !== undefined ? `${fs(o.schemaId)}.${h}` : k;
  };
  const topKeyTo = (o: { schemaId: Id; name: string }) => `${schemaKey(o.schemaId)}.${o.name}`;

  match(Object.values(from.extensions), Object.values(to.extensions), (e) => e.name, (e) => e.name);
  const typePairs = match(Object.values(from.types), Object.values(to.types), topKey('type'), topKeyTo);
  for (const [f, t] of typePairs) {
    if (f.kind === 'enum' && t.kind === 'enum') {
      match(f.values, t.values, (v) => hint('enum-value', `${fs(f.schemaId)}.${f.name}.${v.label}`) ?? v.label, (v) => v.label);
    } else if (f.kind === 'domain' && t.kind === 'domain') {
      const p = match(f.checks, t.checks, (c) => c.name, (c) => c.name);
      const [uf, ut] = unmatched(f.checks, t.checks, p);
      match(uf, ut, (c) => norm(c.expr), (c) => norm(c.expr));
    } else if (f.kind === 'composite' && t.kind === 'composite') {
      match(f.attributes, t.attributes, (a) => a.name, (a) => a.name);
    }
  }
  match(Object.values(from.sequences), Object.values(to.sequences), topKey('sequence'), topKeyTo);
  const tablePairs = match(Object.values(from.tables), Object.values(to.tables), topKey('table'), topKeyTo);
  for (const [f, t] of tablePairs) {
    match(f.columns, t.columns, (c) => hint('column', `${fs(f.schemaId)}.${f.name}.${c.name}`) ?? c.name, (c) => c.name);
  }
  const viewPairs = match(Object.values(from.views), Object.values(to.views), topKey('view'), topKeyTo);

  // constraints / indexes need the column map
  const colMapped = (ids: readonly Id[] | undefined) => (ids ?? []).map((x) => map.get(x) ?? x);
  const conDef = (c: Constraint, remap: boolean) => {
    const r: Record<string, unknown> = { ...c };
    delete r.id;
    delete r.name;
    delete r.comment;
    for (const k of ['columns', 'refColumns', 'include', 'onDeleteColumns']) if (Array.isArray(r[k]) && remap) r[k] = colMapped(r[k] as Id[]);
    if (remap && typeof r.refTableId === 'string') r.refTableId = map.get(r.refTableId) ?? r.refTableId;
    if (typeof r.expr === 'string') r.expr = norm(r.expr);
    return JSON.stringify(r);
  };
  const idxDef = (ix: Index, remap: boolean) => {
    const r: Record<string, unknown> = { ...ix, elements: ix.elements.map((e) => ({ ...e, ...(e.column && remap ? { column: map.get(e.column) ?? e.column } : {}), ...(e.expr ? { expr: norm(e.expr) } : {}) })) };
    delete r.id;
    delete r.name;
    delete r.comment;
    delete r.seq;
    delete r.ifNotExists;
    if (remap && r.include) r.include = colMapped(ix.include);
    if (typeof r.where === 'string') r.where = norm(r.where);
    return JSON.stringify(r);
  };
  const matchSubs = (f: Table, t: Table) => {
    const p1 = match(
      f.constraints,
      t.constraints,
      (c) => {
        const n = constraintName(f, c);
        return n ? `${c.kind}:${hint('constraint', `${fs(f.schemaId)}.${f.name}.${n}`) ?? n}` : undefined;
      },
      (c) => {
        const n = constraintName(t, c);
        return n ? `${c.kind}:${n}` : undefined;
      },
    );
    const [uf, ut] = unmatched(f.constraints, t.constraints, p1);
    match(uf, ut, (c) => conDef(c, false), (c) => conDef(c, true));
    const p2 = match(f.indexes, t.indexes, (ix) => {
      const n = indexName(f, ix);
      return hint('index', `${fs(f.schemaId)}.${n}`) ?? n;
    }, (ix) => indexName(t, ix));
    const [ui, uj] = unmatched(f.indexes, t.indexes, p2);
    match(ui, uj, (ix) => idxDef(ix, false), (ix) => idxDef(ix, true));
  };
  for (const [f, t] of tablePairs) matchSubs(f, t);
  for (const [f, t] of viewPairs) {
    const owner = (v: { name: string }) => ({ name: v.name, columns: [] });
    match(f.indexes, t.indexes, (ix) => indexName(owner(f), ix), (ix) => indexName(owner(t), ix));
  }

  // raw statements: same text, then same defined object, then same label
  const fr = Object.values(from.raw);
  const tr = Object.values(to.raw);
  const p1 = match(fr, tr, (r) => norm(r.sql), (r) => norm(r.sql));
  let [ufr, utr] = unmatched(fr, tr, p1);
  const defKey = (r: RawStatement) => (r.defines && r.defines.kind !== 'other' ? `${r.defines.kind}:${r.defines.schema ?? ''}.${r.defines.name}` : undefined);
  const p2 = match(ufr, utr, defKey, defKey);
  [ufr, utr] = unmatched(ufr, utr, p2);
  match(ufr, utr, (r) => (r.label ? `${r.nodeType}:${r.label}` : undefined), (r) => (r.label ? `${r.nodeType}:${r.label}` : undefined));

  // unmatched to-ids that happen to exist in `from` get fresh ids
  const fromIds = new Set<string>();
  collectIds(from, fromIds);
  const toIds = new Set<string>();
  collectIds(to, toIds);
  const targets = new Set(map.values());
  for (const id of toIds) if (!map.has(id) && (fromIds.has(id) || targets.has(id))) map.set(id, `${id}~new`);

  return remap(structuredClone(to), map) as SchemaModel;
}

function collectIds(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) collectIds(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (k === 'id' && typeof x === 'string') out.add(x);
      else collectIds(x, out);
    }
  }
}

function remap(v: unknown, map: Map<Id, Id>, key = ''): unknown {
  const m = (x: unknown) => (typeof x === 'string' ? map.get(x) ?? x : x);
  if (Array.isArray(v)) {
    if (ID_ARRAYS.has(key) && v.every((x) => typeof x === 'string')) return v.map(m);
    return v.map((x) => remap(x, map));
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (ID_RECORDS.has(key)) out[map.get(k) ?? k] = remap(x, map, '');
      else if (ID_FIELDS.has(k)) out[k] = m(x);
      else out[k] = remap(x, map, k);
    }
    return out;
  }
  return v;
}
