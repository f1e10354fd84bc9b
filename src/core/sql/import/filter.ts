/**
 * Import filter for huge dumps: keep only chosen schemas and tables (plus, optionally, their foreign-key
 * neighbourhood) of an imported model, with everything those tables need to be created again: their schemas, the
 * user types their columns use (transitively), the sequences their defaults and identity columns use, partitions and
 * partition parents, inheritance parents, and the verbatim statements (functions, triggers, grants, ...) whose
 * dependencies are all kept. A foreign key that still points outside the selection is dropped with a diagnostic
 * note, never silently. Pure: the input model is not modified.
 */
import type { Diagnostic } from '../../model/diagnostics';
import type { Column, Id, RawStatement, SchemaModel, Table, UserType } from '../../model/types';

export interface ImportFilter {
  /** Schema ids whose tables (and views, types, sequences) are all kept. */
  schemas?: Id[];
  /** Individually chosen table ids. */
  tables?: Id[];
  /**
   * Foreign-key neighbourhood: also keep the tables the chosen ones reference, up to `depth` hops (0 = none).
   * `referencing: true` also follows foreign keys the other way (tables that reference the chosen ones).
   */
  related?: { depth: number; referencing?: boolean };
}

export interface FilterResult {
  model: SchemaModel;
  /** One note per dropped foreign key (and per sequence ownership cut), never silent. */
  diagnostics: Diagnostic[];
  /** What was kept and dropped, for the UI. */
  stats: { tables: number; droppedTables: number; relatedTables: number; droppedForeignKeys: number; views: number; raw: number };
}

/** Per-schema counts of an imported model (for the filter UI). Partitions are counted apart. */
export function schemaSummary(model: SchemaModel): { id: Id; name: string; tables: number; partitions: number }[] {
  const out = new Map<Id, { id: Id; name: string; tables: number; partitions: number }>();
  for (const s of Object.values(model.schemas).sort((a, b) => a.seq - b.seq)) out.set(s.id, { id: s.id, name: s.name, tables: 0, partitions: 0 });
  for (const t of Object.values(model.tables)) {
    const e = out.get(t.schemaId) ?? { id: t.schemaId, name: '?', tables: 0, partitions: 0 };
    if (t.partitionOf) e.partitions++;
    else e.tables++;
    out.set(t.schemaId, e);
  }
  return [...out.values()].filter((e) => e.tables + e.partitions > 0 || model.schemas[e.id]?.explicit);
}

const qname = (model: SchemaModel, schemaId: Id, name: string) => `${model.schemas[schemaId]?.name ?? '?'}.${name}`;

/** Sequence names a default expression calls through nextval('...'), as written (possibly qualified or quoted). */
function nextvalNames(expr: string): string[] {
  const out: string[] = [];
  const re = /nextval\s*\(\s*'((?:[^']|'')+)'/gi;
  for (let m = re.exec(expr); m; m = re.exec(expr)) out.push(m[1]!.replace(/''/g, "'"));
  return out;
}

/** Split `a.b` / `"A"."b"` into unquoted parts (names in nextval literals follow identifier rules). */
function splitQualified(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length) {
        if (text[j] === '"' && text[j + 1] === '"') {
          s += '"';
          j += 2;
        } else if (text[j] === '"') break;
        else s += text[j++];
      }
      parts.push(s);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.') j++;
      parts.push(text.slice(i, j).toLowerCase());
      i = j;
    }
    if (text[i] === '.') i++;
  }
  return parts;
}

function typeRefsOf(t: UserType): Id[] {
  if (t.kind === 'domain') return t.baseTypeRef ? [t.baseTypeRef] : [];
  if (t.kind === 'composite') return t.attributes.map((a) => a.typeRef).filter((x): x is Id => !!x);
  return [];
}

export function filterModel(model: SchemaModel, filter: ImportFilter): FilterResult {
  const chosenSchemas = new Set(filter.schemas ?? []);
  const depth = Math.max(0, Math.floor(filter.related?.depth ?? 0));
  const referencing = !!filter.related?.referencing;
  const tables = model.tables;

  // 1. Chosen tables, then the FK neighbourhood (breadth first, `depth` hops).
  const keep = new Set<Id>();
  for (const t of Object.values(tables)) if (chosenSchemas.has(t.schemaId)) keep.add(t.id);
  for (const id of filter.tables ?? []) if (tables[id]) keep.add(id);
  const chosenCount = keep.size;
  const referencedBy = new Map<Id, Id[]>();
  if (referencing) {
    for (const t of Object.values(tables))
      for (const c of t.constraints)
        if (c.kind === 'foreign' && c.refTableId && c.refTableId !== t.id) {
          const l = referencedBy.get(c.refTableId) ?? [];
          l.push(t.id);
          referencedBy.set(c.refTableId, l);
        }
  }
  let frontier = [...keep];
  for (let d = 0; d < depth && frontier.length; d++) {
    const next: Id[] = [];
    const add = (id: Id) => {
      if (!tables[id] || keep.has(id)) return;
      keep.add(id);
      next.push(id);
    };
    for (const id of frontier) {
      // A partition's foreign keys are its parent's: step from the parent.
      for (const c of tables[id]!.constraints) if (c.kind === 'foreign' && c.refTableId) add(tables[c.refTableId]?.partitionOf?.parentId ?? c.refTableId);
      if (referencing) for (const src of referencedBy.get(id) ?? []) add(tables[src]?.partitionOf?.parentId ?? src);
    }
    frontier = next;
  }

  // 2. Structural needs: partition parents and children, inheritance parents (to a fixpoint).
  const children = new Map<Id, Id[]>();
  for (const t of Object.values(tables))
    if (t.partitionOf) {
      const l = children.get(t.partitionOf.parentId) ?? [];
      l.push(t.id);
      children.set(t.partitionOf.parentId, l);
    }
  const stack = [...keep];
  while (stack.length) {
    const t = tables[stack.pop()!]!;
    const needs = [...(t.partitionOf ? [t.partitionOf.parentId] : []), ...(t.inherits ?? []), ...(children.get(t.id) ?? [])];
    for (const id of needs)
      if (tables[id] && !keep.has(id)) {
        keep.add(id);
        stack.push(id);
      }
  }
  const relatedTables = keep.size - chosenCount;

  // 3. Types: those the kept tables' columns use, and everything in a chosen schema, transitively.
  const keepTypes = new Set<Id>();
  const typeStack: Id[] = [];
  const needType = (id: Id | undefined) => {
    if (id && model.types[id] && !keepTypes.has(id)) {
      keepTypes.add(id);
      typeStack.push(id);
    }
  };
  for (const id of keep) for (const c of tables[id]!.columns) needType(c.typeRef);
  for (const t of Object.values(model.types)) if (chosenSchemas.has(t.schemaId)) needType(t.id);
  while (typeStack.length) for (const r of typeRefsOf(model.types[typeStack.pop()!]!)) needType(r);

  // 4. Sequences: owned by a kept table, named in a kept default, or in a chosen schema.
  const seqByName = new Map<string, Id[]>();
  for (const s of Object.values(model.sequences)) {
    const sch = model.schemas[s.schemaId]?.name ?? 'public';
    for (const key of [`${sch}.${s.name}`, s.name]) {
      const l = seqByName.get(key) ?? [];
      l.push(s.id);
      seqByName.set(key, l);
    }
  }
  const keepSeqs = new Set<Id>();
  const defaultSeqs = (c: Column) => {
    for (const n of nextvalNames(c.default ?? '')) {
      const parts = splitQualified(n);
      for (const id of seqByName.get(parts.join('.')) ?? []) keepSeqs.add(id);
    }
  };
  for (const id of keep) for (const c of tables[id]!.columns) defaultSeqs(c);
  for (const s of Object.values(model.sequences)) {
    if (chosenSchemas.has(s.schemaId)) keepSeqs.add(s.id);
    if (s.ownedBy && keep.has(s.ownedBy.tableId)) keepSeqs.add(s.id);
  }

  // 5. Schemas: chosen ones and those holding a kept object (views add theirs below).
  const keepSchemas = new Set<Id>(chosenSchemas);
  for (const id of keep) keepSchemas.add(tables[id]!.schemaId);
  for (const id of keepTypes) keepSchemas.add(model.types[id]!.schemaId);
  for (const id of keepSeqs) keepSchemas.add(model.sequences[id]!.schemaId);

  // 6. Views and verbatim statements (functions, triggers, grants, ...), to a fixpoint: kept when everything they
  // depend on is kept (and, for a statement, the object it touches). A view outside the chosen schemas is kept only
  // when it reads kept objects.
  const keepViews = new Set<Id>();
  const keepRaw = new Set<Id>();
  const known = (id: Id) =>
    !!(model.tables[id] || model.types[id] || model.sequences[id] || model.views[id] || model.schemas[id] || model.extensions[id] || model.raw[id]);
  const kept = (id: Id) =>
    !known(id) || keep.has(id) || keepTypes.has(id) || keepSeqs.has(id) || keepViews.has(id) || keepSchemas.has(id) || !!model.extensions[id] || keepRaw.has(id);
  const schemaByName = new Map<string, Id>();
  for (const sc of Object.values(model.schemas)) schemaByName.set(sc.name, sc.id);
  // Expression text of what is kept, to find the functions it calls (lower case).
  let usedCache: string | null = null;
  const usedText = (): string => {
    if (usedCache !== null) return usedCache;
    const parts: string[] = [];
    for (const id of keep) {
      const t = tables[id]!;
      for (const c of t.columns) parts.push(c.default ?? '', c.generated?.expr ?? '');
      for (const c of t.constraints) if (c.kind === 'check') parts.push(c.expr);
      else if (c.kind === 'exclude') parts.push(c.definition);
      for (const ix of t.indexes) parts.push(ix.where ?? '', ...ix.elements.map((e) => e.expr ?? ''));
    }
    for (const id of keepTypes) {
      const ty = model.types[id]!;
      if (ty.kind === 'domain') parts.push(ty.default ?? '', ...ty.checks.map((c) => c.expr));
    }
    for (const id of keepViews) parts.push(model.views[id]!.query);
    for (const id of keepRaw) parts.push(model.raw[id]!.sql);
    usedCache = parts.join('\n').toLowerCase();
    return usedCache;
  };
  const views = Object.values(model.views).sort((a, b) => a.seq - b.seq);
  const raws: RawStatement[] = Object.values(model.raw).sort((a, b) => a.seq - b.seq);
  for (let changed = true; changed; ) {
    changed = false;
    for (const v of views) {
      if (keepViews.has(v.id)) continue;
      if (!chosenSchemas.has(v.schemaId) && !v.deps.some((d) => !model.raw[d] && known(d))) continue;
      if (!v.deps.every(kept)) continue;
      keepViews.add(v.id);
      keepSchemas.add(v.schemaId);
      usedCache = null;
      changed = true;
    }
    for (const r of raws) {
      if (keepRaw.has(r.id)) continue;
      if (r.target && !kept(r.target)) continue;
      if (!r.deps.every(kept)) continue;
      const home = r.defines?.schema !== undefined ? schemaByName.get(r.defines.schema) : undefined;
      if (home && !keepSchemas.has(home)) {
        // A function (or other object) of a schema that is not imported: only when something kept calls it.
        if (!usedText().includes(r.defines!.name.toLowerCase())) continue;
        keepSchemas.add(home);
      }
      keepRaw.add(r.id);
      usedCache = null;
      changed = true;
    }
  }

  // 8. Build the filtered model; foreign keys to dropped tables are left out with a note.
  const diagnostics: Diagnostic[] = [];
  let droppedForeignKeys = 0;
  const out: SchemaModel = {
    schemas: {},
    extensions: { ...model.extensions },
    types: {},
    sequences: {},
    tables: {},
    views: {},
    raw: {},
    nextSeq: model.nextSeq,
  };
  for (const id of keepSchemas) if (model.schemas[id]) out.schemas[id] = model.schemas[id]!;
  for (const id of keepTypes) out.types[id] = model.types[id]!;
  for (const id of keepViews) out.views[id] = model.views[id]!;
  for (const id of keepRaw) out.raw[id] = model.raw[id]!;
  for (const id of keepSeqs) {
    const s = model.sequences[id]!;
    if (s.ownedBy && !keep.has(s.ownedBy.tableId)) {
      const { ownedBy, ...rest } = s;
      diagnostics.push({
        severity: 'info',
        code: 'filtered-out',
        message: `Sequence ${qname(model, s.schemaId, s.name)} is kept without its OWNED BY: table ${tables[ownedBy.tableId] ? qname(model, tables[ownedBy.tableId]!.schemaId, tables[ownedBy.tableId]!.name) : '?'} is not imported.`,
      });
      out.sequences[id] = rest;
    } else out.sequences[id] = s;
  }
  const sortedKeep = [...keep].sort((a, b) => tables[a]!.seq - tables[b]!.seq);
  for (const id of sortedKeep) {
    const t = tables[id]!;
    const outside = t.constraints.filter((c) => c.kind === 'foreign' && c.refTableId !== null && !keep.has(c.refTableId));
    if (outside.length === 0) {
      out.tables[id] = t;
      continue;
    }
    for (const c of outside) {
      if (c.kind !== 'foreign') continue;
      droppedForeignKeys++;
      const ref = tables[c.refTableId!];
      diagnostics.push({
        severity: 'info',
        code: 'filtered-out',
        message: `Foreign key ${c.name ?? '(unnamed)'} of ${qname(model, t.schemaId, t.name)} is left out: it references ${ref ? qname(model, ref.schemaId, ref.name) : 'a table'}, which is not imported.`,
      });
    }
    const drop = new Set(outside.map((c) => c.id));
    const next: Table = { ...t, constraints: t.constraints.filter((c) => !drop.has(c.id)) };
    out.tables[id] = next;
  }
  if (model.behaviors) {
    const b: NonNullable<SchemaModel['behaviors']> = {};
    for (const [id, v] of Object.entries(model.behaviors)) if (keep.has(id)) b[id] = v;
    out.behaviors = b;
  }
  return {
    model: out,
    diagnostics,
    stats: {
      tables: keep.size,
      droppedTables: Object.keys(tables).length - keep.size,
      relatedTables,
      droppedForeignKeys,
      views: keepViews.size,
      raw: keepRaw.size,
    },
  };
}

/** Tables whose schema-qualified name contains `query` (case-insensitive), partitions left out, by name. */
export function searchTables(model: SchemaModel, query: string, limit = 50): { id: Id; label: string }[] {
  const q = query.trim().toLowerCase();
  const out: { id: Id; label: string }[] = [];
  for (const t of Object.values(model.tables)) {
    if (t.partitionOf) continue;
    const label = qname(model, t.schemaId, t.name);
    if (!q || label.toLowerCase().includes(q)) out.push({ id: t.id, label });
  }
  out.sort((a, b) => a.label.localeCompare(b.label));
  return out.slice(0, limit);
}
