/**
 * Named document commands for schema edits. Each factory returns a Command whose `run` mutates an immer draft;
 * History turns that into patches and inverse patches. Commands validate their input and throw on nonsense
 * (History then leaves the document untouched and reports the message).
 */
import type { Command } from './history';
import type { TablewrightDocument } from '../document/document';
import type { Column, Constraint, ForeignKey, FkAction, Id, Index, SchemaModel, Table } from '../model/types';
import { newId } from '../util/ids';
import { findSchemaByName, incomingForeignKeys, primaryKey, singular, uniqueName } from '../model/query';

function table(doc: TablewrightDocument, id: Id): Table {
  const t = doc.schema.tables[id];
  if (!t) throw new Error(`No table ${id}`);
  return t;
}
function column(t: Table, id: Id): Column {
  const c = t.columns.find((x) => x.id === id);
  if (!c) throw new Error(`No column ${id} in ${t.name}`);
  return c;
}
function nonEmpty(name: string, what: string): string {
  if (!name.trim()) throw new Error(`${what} name cannot be empty`);
  return name;
}
function ensureSchema(model: SchemaModel, name: string): Id {
  const s = findSchemaByName(model, name);
  if (s) return s.id;
  const id = newId('s');
  model.schemas[id] = { id, name, explicit: name !== 'public', seq: model.nextSeq++ };
  return id;
}

export interface NewTableOptions {
  name?: string;
  schema?: string;
  x?: number;
  y?: number;
  /** Add `id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY` (default true). */
  withId?: boolean;
}

export function addTable(opts: NewTableOptions = {}, out: { id?: Id } = {}): Command {
  return {
    label: `Add table ${opts.name ?? ''}`.trim(),
    run(d) {
      const m = d.schema;
      const schemaId = ensureSchema(m, opts.schema ?? 'public');
      const taken = Object.values(m.tables).filter((t) => t.schemaId === schemaId).map((t) => t.name);
      const name = uniqueName(nonEmpty(opts.name ?? 'new_table', 'Table'), taken);
      const id = out.id ?? newId('t');
      out.id = id;
      const t: Table = { id, schemaId, name, columns: [], constraints: [], indexes: [], seq: m.nextSeq++ };
      if (opts.withId !== false) {
        const cid = newId('c');
        t.columns.push({ id: cid, name: 'id', type: 'bigint', nullable: false, identity: { always: true, options: {} } });
        t.constraints.push({ id: newId('k'), kind: 'primary', columns: [cid] });
      }
      m.tables[id] = t;
      d.layout.nodes[id] = { x: opts.x ?? 0, y: opts.y ?? 0 };
    },
  };
}

export function renameTable(tableId: Id, name: string): Command {
  return {
    label: `Rename table to ${name}`,
    mergeKey: `rename-table:${tableId}`,
    run(d) {
      table(d, tableId).name = nonEmpty(name, 'Table');
    },
  };
}

/** What deleting these tables also removes: FKs in other tables that point at them. */
export function deletionImpact(model: SchemaModel, tableIds: Id[]): { table: Table; fk: ForeignKey }[] {
  const set = new Set(tableIds);
  const out: { table: Table; fk: ForeignKey }[] = [];
  for (const id of tableIds) for (const [t, fk] of incomingForeignKeys(model, id)) if (!set.has(t.id)) out.push({ table: t, fk });
  return out;
}

export function deleteTables(tableIds: Id[]): Command {
  return {
    label: tableIds.length === 1 ? 'Delete table' : `Delete ${tableIds.length} tables`,
    run(d) {
      const m = d.schema;
      const set = new Set(tableIds);
      for (const t of Object.values(m.tables)) {
        if (set.has(t.id)) continue;
        // assign only when something goes: an untouched table stays the same object (cheap diffs, small patches)
        if (t.constraints.some((c) => c.kind === 'foreign' && c.refTableId && set.has(c.refTableId))) {
          t.constraints = t.constraints.filter((c) => !(c.kind === 'foreign' && c.refTableId && set.has(c.refTableId)));
        }
      }
      for (const id of tableIds) {
        delete m.tables[id];
        delete d.layout.nodes[id];
      }
      for (const s of Object.values(m.sequences)) if (s.ownedBy && set.has(s.ownedBy.tableId)) delete m.sequences[s.id];
      for (const r of Object.values(m.raw)) if (r.target && set.has(r.target)) delete m.raw[r.id];
      for (const a of Object.values(d.layout.areas)) if (a.members.some((x) => set.has(x))) a.members = a.members.filter((x) => !set.has(x));
    },
  };
}

export interface NewColumn {
  name: string;
  type: string;
  nullable?: boolean;
  default?: string;
  typeRef?: Id;
}

export function addColumn(tableId: Id, col: NewColumn, at?: number, out: { id?: Id } = {}): Command {
  return {
    label: `Add column ${col.name}`,
    run(d) {
      const t = table(d, tableId);
      const name = uniqueName(nonEmpty(col.name, 'Column'), t.columns.map((c) => c.name));
      const id = out.id ?? newId('c');
      out.id = id;
      const c: Column = { id, name, type: nonEmpty(col.type, 'Type'), nullable: col.nullable ?? true };
      if (col.default !== undefined) c.default = col.default;
      if (col.typeRef) c.typeRef = col.typeRef;
      t.columns.splice(at ?? t.columns.length, 0, c);
    },
  };
}

export type ColumnPatch = Partial<Pick<Column, 'name' | 'type' | 'typeRef' | 'nullable' | 'default' | 'comment' | 'collation' | 'identity' | 'generated'>>;

export function updateColumn(tableId: Id, columnId: Id, patch: ColumnPatch): Command {
  const fields = Object.keys(patch).sort().join(',');
  return {
    label: `Edit column ${fields}`,
    mergeKey: `column:${columnId}:${fields}`,
    run(d) {
      const t = table(d, tableId);
      const c = column(t, columnId);
      if (patch.name !== undefined) nonEmpty(patch.name, 'Column');
      if (patch.type !== undefined) nonEmpty(patch.type, 'Type');
      for (const [k, v] of Object.entries(patch)) {
        if (v === undefined || v === '') delete (c as any)[k];
        else (c as any)[k] = v;
      }
      if (patch.type !== undefined && patch.typeRef === undefined) delete c.typeRef;
      if (patch.nullable === true && primaryKey(t)?.columns.includes(columnId)) throw new Error('A primary key column cannot be nullable');
    },
  };
}

export function removeColumn(tableId: Id, columnId: Id): Command {
  return {
    label: 'Remove column',
    run(d) {
      const t = table(d, tableId);
      column(t, columnId);
      t.columns = t.columns.filter((c) => c.id !== columnId);
      // PostgreSQL drops constraints and indexes that use the column; FKs elsewhere that reference it go too.
      t.constraints = t.constraints.filter((c) => !('columns' in c && c.columns.includes(columnId)));
      t.indexes = t.indexes.filter((ix) => !ix.elements.some((e) => e.column === columnId) && !ix.include?.includes(columnId));
      const refs = (c: Constraint) => c.kind === 'foreign' && c.refTableId === tableId && c.refColumns.includes(columnId);
      for (const o of Object.values(d.schema.tables)) if (o.constraints.some(refs)) o.constraints = o.constraints.filter((c) => !refs(c));
      for (const s of Object.values(d.schema.sequences)) if (s.ownedBy?.columnId === columnId) delete s.ownedBy;
    },
  };
}

export function moveColumn(tableId: Id, columnId: Id, toIndex: number): Command {
  return {
    label: 'Reorder column',
    run(d) {
      const t = table(d, tableId);
      const from = t.columns.findIndex((c) => c.id === columnId);
      if (from < 0) throw new Error('No such column');
      const [c] = t.columns.splice(from, 1);
      t.columns.splice(Math.max(0, Math.min(toIndex, t.columns.length)), 0, c!);
    },
  };
}

export function setPrimaryKey(tableId: Id, columnIds: Id[]): Command {
  return {
    label: columnIds.length ? 'Set primary key' : 'Remove primary key',
    run(d) {
      const t = table(d, tableId);
      columnIds.forEach((c) => column(t, c));
      const existing = primaryKey(t);
      if (!columnIds.length) {
        t.constraints = t.constraints.filter((c) => c.kind !== 'primary');
        return;
      }
      if (existing) existing.columns = [...columnIds];
      else t.constraints.unshift({ id: newId('k'), kind: 'primary', columns: [...columnIds] });
      for (const c of t.columns) if (columnIds.includes(c.id)) c.nullable = false;
    },
  };
}

export function toggleUnique(tableId: Id, columnId: Id): Command {
  return {
    label: 'Toggle unique',
    run(d) {
      const t = table(d, tableId);
      column(t, columnId);
      const i = t.constraints.findIndex((c) => c.kind === 'unique' && c.columns.length === 1 && c.columns[0] === columnId);
      if (i >= 0) t.constraints.splice(i, 1);
      else t.constraints.push({ id: newId('k'), kind: 'unique', columns: [columnId] });
    },
  };
}

export interface NewForeignKey {
  columns: Id[];
  refTableId: Id;
  refColumns: Id[];
  onDelete?: FkAction;
  onUpdate?: FkAction;
  name?: string;
}

export function addForeignKey(tableId: Id, fk: NewForeignKey, out: { id?: Id } = {}): Command {
  return {
    label: 'Add relationship',
    run(d) {
      const t = table(d, tableId);
      const rt = table(d, fk.refTableId);
      if (fk.columns.length === 0 || fk.columns.length !== fk.refColumns.length) throw new Error('A foreign key needs the same number of columns on both sides');
      fk.columns.forEach((c) => column(t, c));
      fk.refColumns.forEach((c) => column(rt, c));
      const id = out.id ?? newId('k');
      out.id = id;
      const c: ForeignKey = { id, kind: 'foreign', columns: [...fk.columns], refTableId: fk.refTableId, refColumns: [...fk.refColumns], onDelete: fk.onDelete ?? 'no action', onUpdate: fk.onUpdate ?? 'no action', match: 'simple' };
      if (fk.name) c.name = fk.name;
      t.constraints.push(c);
    },
  };
}

/**
 * Drop a relationship on a table header: create `<referenced singular>_<key>` columns typed like the referenced
 * key (identity/serial become plain integer types) and the FK.
 */
export function connectTables(tableId: Id, refTableId: Id, out: { fkId?: Id; columnIds?: Id[] } = {}): Command {
  return {
    label: 'Add relationship',
    run(d) {
      const t = table(d, tableId);
      const rt = table(d, refTableId);
      const pk = primaryKey(rt);
      if (!pk) throw new Error(`${rt.name} has no primary key to reference`);
      const colIds: Id[] = [];
      for (const refColId of pk.columns) {
        const rc = column(rt, refColId);
        const base = `${singular(rt.name)}_${rc.name}`;
        const name = uniqueName(base, t.columns.map((c) => c.name));
        const id = newId('c');
        const col: Column = { id, name, type: rc.type, nullable: true };
        if (rc.typeRef) col.typeRef = rc.typeRef;
        t.columns.push(col);
        colIds.push(id);
      }
      const fkId = newId('k');
      t.constraints.push({ id: fkId, kind: 'foreign', columns: colIds, refTableId, refColumns: [...pk.columns], onDelete: 'no action', onUpdate: 'no action', match: 'simple' });
      t.indexes.push({ id: newId('i'), unique: false, method: 'btree', elements: colIds.map((c) => ({ column: c })), seq: d.schema.nextSeq++ });
      out.fkId = fkId;
      out.columnIds = colIds;
    },
  };
}

/** Many-to-many helper: a junction table with FKs to both sides, their composite PK and an index for the second FK. */
export function createJunction(aId: Id, bId: Id, opts: { x?: number; y?: number } = {}, out: { id?: Id } = {}): Command {
  return {
    label: 'Add many-to-many',
    run(d) {
      const a = table(d, aId);
      const b = table(d, bId);
      const pa = primaryKey(a);
      const pb = primaryKey(b);
      if (!pa || !pb) throw new Error('Both tables need a primary key');
      const m = d.schema;
      const taken = Object.values(m.tables).filter((t) => t.schemaId === a.schemaId).map((t) => t.name);
      const id = newId('t');
      out.id = id;
      const jt: Table = { id, schemaId: a.schemaId, name: uniqueName(`${singular(a.name)}_${b.name}`, taken), columns: [], constraints: [], indexes: [], seq: m.nextSeq++ };
      const side = (src: Table, key: Id[]) => {
        const cols: Id[] = [];
        for (const k of key) {
          const rc = column(src, k);
          const cid = newId('c');
          const name = uniqueName(`${singular(src.name)}_${rc.name}`, jt.columns.map((c) => c.name));
          const col: Column = { id: cid, name, type: rc.type, nullable: false };
          if (rc.typeRef) col.typeRef = rc.typeRef;
          jt.columns.push(col);
          cols.push(cid);
        }
        jt.constraints.push({ id: newId('k'), kind: 'foreign', columns: cols, refTableId: src.id, refColumns: [...key], onDelete: 'cascade', onUpdate: 'no action', match: 'simple' });
        return cols;
      };
      const ca = side(a, pa.columns);
      const cb = side(b, pb.columns);
      jt.constraints.unshift({ id: newId('k'), kind: 'primary', columns: [...ca, ...cb] });
      // The PK covers lookups by the first side; the second side needs its own index.
      jt.indexes.push({ id: newId('i'), unique: false, method: 'btree', elements: cb.map((c) => ({ column: c })), seq: m.nextSeq++ });
      m.tables[id] = jt;
      d.layout.nodes[id] = { x: opts.x ?? 0, y: opts.y ?? 0 };
    },
  };
}

export function removeConstraint(tableId: Id, constraintId: Id): Command {
  return {
    label: 'Remove constraint',
    run(d) {
      const t = table(d, tableId);
      const before = t.constraints.length;
      t.constraints = t.constraints.filter((c) => c.id !== constraintId);
      if (t.constraints.length === before) throw new Error('No such constraint');
    },
  };
}

export function addConstraint(tableId: Id, c: Constraint): Command {
  return {
    label: `Add ${c.kind} constraint`,
    run(d) {
      table(d, tableId).constraints.push(structuredClone(c));
    },
  };
}

export function addIndex(tableId: Id, ix: Omit<Index, 'id' | 'seq'>, out: { id?: Id } = {}): Command {
  return {
    label: 'Add index',
    run(d) {
      const t = table(d, tableId);
      for (const e of ix.elements) if (e.column) column(t, e.column);
      const id = out.id ?? newId('i');
      out.id = id;
      t.indexes.push({ ...structuredClone(ix), id, seq: d.schema.nextSeq++ });
    },
  };
}

export function removeIndex(tableId: Id, indexId: Id): Command {
  return {
    label: 'Remove index',
    run(d) {
      const t = table(d, tableId);
      t.indexes = t.indexes.filter((i) => i.id !== indexId);
    },
  };
}

export function setTableComment(tableId: Id, comment: string): Command {
  return {
    label: 'Edit table comment',
    mergeKey: `table-comment:${tableId}`,
    run(d) {
      const t = table(d, tableId);
      if (comment) t.comment = comment;
      else delete t.comment;
    },
  };
}

/** Replace the whole schema (an import): one undo step. Layout entries of tables that still exist are kept. */
export function replaceSchema(schema: SchemaModel, layoutNodes: TablewrightDocument['layout']['nodes'] = {}, label = 'Import SQL'): Command {
  return {
    label,
    run(d) {
      d.schema = structuredClone(schema);
      d.layout.nodes = structuredClone(layoutNodes);
    },
  };
}
