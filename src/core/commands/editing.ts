/**
 * Editing commands used by the canvas editor: copy / paste / duplicate of tables, enums, CHECK constraints,
 * index edits and area membership. Framework-free; each returns a named Command for History.
 */
import type { Command } from './history';
import type { CheckConstraint, Column, Constraint, EnumType, Id, Index, Table, UserType } from '../model/types';
import type { NodeLayout } from '../model/layout';
import { newId } from '../util/ids';
import { findSchemaByName, uniqueName } from '../model/query';

/** A self-contained copy of some tables (what the clipboard holds). */
export interface TableClip {
  tables: { table: Table; layout: NodeLayout | undefined; schemaName: string }[];
}

/** Copy tables out of a model (plain data, safe to keep across edits). */
export function copyTables(doc: { schema: { tables: Record<Id, Table>; schemas: Record<Id, { name: string }> }; layout: { nodes: Record<Id, NodeLayout> } }, ids: Id[]): TableClip {
  const tables: TableClip['tables'] = [];
  for (const id of ids) {
    const t = doc.schema.tables[id];
    if (!t) continue;
    tables.push({ table: structuredClone(t), layout: doc.layout.nodes[id] ? structuredClone(doc.layout.nodes[id]) : undefined, schemaName: doc.schema.schemas[t.schemaId]?.name ?? 'public' });
  }
  return { tables };
}

/**
 * Paste copied tables: new ids for tables, columns, constraints and indexes; unique names (`orders_copy`,
 * `orders_copy_2`); positions offset by (dx, dy). FKs among the copied tables point at the copies; FKs to tables
 * outside the clip keep pointing at the originals when those still exist, and are dropped otherwise.
 */
export function pasteTables(clip: TableClip, offset: { dx: number; dy: number } = { dx: 40, dy: 40 }, out: { ids?: Id[] } = {}, label?: string): Command {
  return {
    label: label ?? (clip.tables.length === 1 ? `Paste table ${clip.tables[0]!.table.name}` : `Paste ${clip.tables.length} tables`),
    run(d) {
      if (clip.tables.length === 0) throw new Error('Nothing to paste');
      const m = d.schema;
      const tableMap = new Map<Id, Id>();
      const colMap = new Map<Id, Id>();
      for (const { table: t } of clip.tables) {
        tableMap.set(t.id, newId('t'));
        for (const c of t.columns) colMap.set(c.id, newId('c'));
      }
      const ids: Id[] = [];
      for (const { table: src, layout, schemaName } of clip.tables) {
        let schemaId = findSchemaByName(m, schemaName)?.id;
        if (!schemaId) {
          schemaId = newId('s');
          m.schemas[schemaId] = { id: schemaId, name: schemaName, explicit: schemaName !== 'public', seq: m.nextSeq++ };
        }
        const taken = Object.values(m.tables).filter((t) => t.schemaId === schemaId).map((t) => t.name);
        const id = tableMap.get(src.id)!;
        const mapCol = (c: Id) => colMap.get(c) ?? c;
        const columns: Column[] = src.columns.map((c) => ({ ...structuredClone(c), id: colMap.get(c.id)! }));
        const constraints: Constraint[] = [];
        for (const c of src.constraints) {
          const copy = structuredClone(c);
          copy.id = newId('k');
          delete copy.name; // names are unique per schema in PostgreSQL; let the export choose
          if ('columns' in copy) copy.columns = copy.columns.map(mapCol);
          if ((copy.kind === 'primary' || copy.kind === 'unique') && copy.include) copy.include = copy.include.map(mapCol);
          if (copy.kind === 'foreign') {
            if (copy.onDeleteColumns) copy.onDeleteColumns = copy.onDeleteColumns.map(mapCol);
            if (copy.refTableId && tableMap.has(copy.refTableId)) {
              copy.refTableId = tableMap.get(copy.refTableId)!;
              copy.refColumns = copy.refColumns.map(mapCol);
            } else if (copy.refTableId && !m.tables[copy.refTableId]) continue;
          }
          constraints.push(copy);
        }
        const indexes: Index[] = src.indexes.map((ix) => {
          const copy: Index = { ...structuredClone(ix), id: newId('i'), seq: m.nextSeq++ };
          delete copy.name;
          copy.elements = copy.elements.map((e) => (e.column ? { ...e, column: mapCol(e.column) } : e));
          if (copy.include) copy.include = copy.include.map(mapCol);
          return copy;
        });
        const t: Table = { ...structuredClone(src), id, schemaId, name: uniqueName(src.name.endsWith('_copy') || taken.includes(src.name) ? `${src.name.replace(/_copy(_\d+)?$/, '')}_copy` : src.name, taken), columns, constraints, indexes, seq: m.nextSeq++ };
        delete t.partitionOf;
        delete t.inherits;
        m.tables[id] = t;
        d.layout.nodes[id] = { ...(layout ? structuredClone(layout) : { x: 0, y: 0 }), x: (layout?.x ?? 0) + offset.dx, y: (layout?.y ?? 0) + offset.dy };
        ids.push(id);
      }
      out.ids = ids;
    },
  };
}

function enumType(d: { schema: { types: Record<Id, UserType> } }, id: Id): EnumType {
  const t = d.schema.types[id];
  if (!t || t.kind !== 'enum') throw new Error(`No enum ${id}`);
  return t;
}

const LABEL_OK = (l: string) => l.length > 0 && l.length <= 63;

export function addEnum(name: string, labels: string[], schema = 'public', out: { id?: Id } = {}): Command {
  return {
    label: `Add enum ${name}`,
    run(d) {
      const m = d.schema;
      if (!name.trim()) throw new Error('Enum name cannot be empty');
      if (!labels.every(LABEL_OK)) throw new Error('Enum labels must be 1–63 characters');
      if (new Set(labels).size !== labels.length) throw new Error('Enum labels must be unique');
      let schemaId = findSchemaByName(m, schema)?.id;
      if (!schemaId) {
        schemaId = newId('s');
        m.schemas[schemaId] = { id: schemaId, name: schema, explicit: schema !== 'public', seq: m.nextSeq++ };
      }
      const taken = Object.values(m.types).filter((t) => t.schemaId === schemaId).map((t) => t.name);
      const id = out.id ?? newId('y');
      out.id = id;
      m.types[id] = { kind: 'enum', id, schemaId, name: uniqueName(name, taken), values: labels.map((label) => ({ id: newId('v'), label })), seq: m.nextSeq++ };
    },
  };
}

/**
 * Rename an enum and/or replace its labels. Labels are matched by position to keep their ids (a changed label at the
 * same position is a rename). Columns typed with the enum follow a rename (their `type` text is updated).
 */
export function updateEnum(id: Id, patch: { name?: string; labels?: string[]; comment?: string }): Command {
  return {
    label: 'Edit enum',
    mergeKey: `enum:${id}:${Object.keys(patch).sort().join(',')}`,
    run(d) {
      const e = enumType(d, id);
      const m = d.schema;
      if (patch.name !== undefined) {
        if (!patch.name.trim()) throw new Error('Enum name cannot be empty');
        const schemaName = m.schemas[e.schemaId]?.name ?? 'public';
        const oldText = `${schemaName}.${e.name}`;
        const newText = `${schemaName}.${patch.name}`;
        e.name = patch.name;
        for (const t of Object.values(m.tables))
          for (const c of t.columns)
            if (c.typeRef === id) c.type = c.type.startsWith(oldText) ? newText + c.type.slice(oldText.length) : c.type === e.name ? patch.name : newText;
      }
      if (patch.labels !== undefined) {
        if (!patch.labels.every(LABEL_OK)) throw new Error('Enum labels must be 1–63 characters');
        if (new Set(patch.labels).size !== patch.labels.length) throw new Error('Enum labels must be unique');
        const labels = patch.labels;
        e.values = labels.map((label, i) => {
          const same = e.values.find((v) => v.label === label);
          if (same) return same;
          const at = e.values[i];
          return at && !labels.includes(at.label) ? { id: at.id, label } : { id: newId('v'), label };
        });
      }
      if (patch.comment !== undefined) {
        if (patch.comment) e.comment = patch.comment;
        else delete e.comment;
      }
    },
  };
}

/** Remove an enum; columns typed with it fall back to `text` (PostgreSQL would refuse; the designer keeps going). */
export function removeEnum(id: Id): Command {
  return {
    label: 'Remove enum',
    run(d) {
      enumType(d, id);
      for (const t of Object.values(d.schema.tables))
        for (const c of t.columns)
          if (c.typeRef === id) {
            c.type = 'text';
            delete c.typeRef;
            delete c.default;
          }
      delete d.schema.types[id];
    },
  };
}

export function addCheck(tableId: Id, expr: string, name?: string, out: { id?: Id } = {}): Command {
  return {
    label: 'Add check constraint',
    run(d) {
      const t = d.schema.tables[tableId];
      if (!t) throw new Error(`No table ${tableId}`);
      if (!expr.trim()) throw new Error('A CHECK needs an expression');
      const id = out.id ?? newId('k');
      out.id = id;
      const c: CheckConstraint = { id, kind: 'check', expr: expr.trim() };
      if (name?.trim()) c.name = name.trim();
      t.constraints.push(c);
    },
  };
}

/** Edit a constraint's name or a CHECK's expression (typing bursts coalesce). */
export function updateConstraint(tableId: Id, constraintId: Id, patch: { name?: string; expr?: string; onDelete?: import('../model/types').FkAction; onUpdate?: import('../model/types').FkAction }): Command {
  return {
    label: 'Edit constraint',
    mergeKey: `constraint:${constraintId}:${Object.keys(patch).sort().join(',')}`,
    run(d) {
      const t = d.schema.tables[tableId];
      const c = t?.constraints.find((x) => x.id === constraintId);
      if (!t || !c) throw new Error('No such constraint');
      if (patch.name !== undefined) {
        if (patch.name.trim()) c.name = patch.name;
        else delete c.name;
      }
      if (patch.expr !== undefined) {
        if (c.kind !== 'check') throw new Error('Only a CHECK has an expression');
        if (!patch.expr.trim()) throw new Error('A CHECK needs an expression');
        c.expr = patch.expr;
      }
      if (patch.onDelete !== undefined || patch.onUpdate !== undefined) {
        if (c.kind !== 'foreign') throw new Error('Only a foreign key has actions');
        if (patch.onDelete) c.onDelete = patch.onDelete;
        if (patch.onUpdate) c.onUpdate = patch.onUpdate;
      }
    },
  };
}

/** Edit an index: name, uniqueness, method, key columns, predicate. */
export function updateIndex(tableId: Id, indexId: Id, patch: { name?: string; unique?: boolean; method?: string; columns?: Id[]; where?: string }): Command {
  return {
    label: 'Edit index',
    mergeKey: `index:${indexId}:${Object.keys(patch).sort().join(',')}`,
    run(d) {
      const t = d.schema.tables[tableId];
      const ix = t?.indexes.find((x) => x.id === indexId);
      if (!t || !ix) throw new Error('No such index');
      if (patch.name !== undefined) {
        if (patch.name.trim()) ix.name = patch.name;
        else delete ix.name;
      }
      if (patch.unique !== undefined) ix.unique = patch.unique;
      if (patch.method !== undefined) ix.method = patch.method || 'btree';
      if (patch.columns !== undefined) {
        if (patch.columns.length === 0) throw new Error('An index needs at least one column');
        for (const c of patch.columns) if (!t.columns.some((x) => x.id === c)) throw new Error('No such column');
        ix.elements = patch.columns.map((c) => ix.elements.find((e) => e.column === c) ?? { column: c });
      }
      if (patch.where !== undefined) {
        if (patch.where.trim()) ix.where = patch.where;
        else delete ix.where;
      }
    },
  };
}

/**
 * Set which areas own which tables (after a drag ends). `mergeKey` lets the caller fold this into the drag's undo
 * step (pass the same key the move used).
 */
export function setAreaMembers(members: Record<Id, Id[]>, mergeKey?: string): Command {
  return {
    label: 'Move',
    // Joins the drag it ends (same key), however long the drag took.
    ...(mergeKey ? { mergeKey, mergeWindowMs: Infinity } : {}),
    run(d) {
      for (const [areaId, ids] of Object.entries(members)) {
        const a = d.layout.areas[areaId];
        if (!a) continue;
        const same = a.members.length === ids.length && a.members.every((x, i) => x === ids[i]);
        if (!same) a.members = [...ids];
      }
    },
  };
}
