/**
 * What a migration's changes mean for the diagram: per table "added" / "renamed" / "changed", per column "added" /
 * "renamed" / "changed", and the tables and columns that were dropped (they are not in the target, so they can only
 * be listed). Pure: the canvas projection and the panel read the result.
 *
 * Each table's mark is also given as one compact string (`encodeTableMark`), so a canvas node can subscribe to its
 * own mark with a selector that returns a primitive and re-render only when that string changes.
 */
import type { Id, SchemaModel } from '../model/types';
import type { Change } from './types';

export type MarkKind = 'added' | 'renamed' | 'changed';

export interface TableMark {
  /** In display order: `added` alone, or `renamed` and / or `changed`. */
  kinds: MarkKind[];
  /** Old name of a renamed table (schema-qualified when the schema changed). */
  renamedFrom?: string;
  /** Marks of the table's columns (columns of an added table are not marked one by one). */
  columns: Record<Id, MarkKind>;
  /** Old names of renamed columns. */
  columnsFrom: Record<Id, string>;
}

export interface DroppedItem {
  kind: 'table' | 'column';
  id: Id;
  /** The change's label, e.g. `table public.orders` or `column public.users.email`. */
  label: string;
  /** For a dropped column: its table (still present in the target). */
  tableId?: Id;
}

export interface ChangeMarks {
  tables: Record<Id, TableMark>;
  dropped: DroppedItem[];
}

const TABLE_KINDS = new Set(['table', 'partition']);
/** Sub-objects whose change changes their table (found through `parentId`). */
const TABLE_PARTS = new Set(['constraint', 'index', 'raw', 'comment', 'column']);

/** The canvas marks for a list of changes from a plan whose target is `to` (the model the canvas shows). */
export function changeMarks(changes: readonly Change[], to: SchemaModel): ChangeMarks {
  const tables: Record<Id, TableMark> = {};
  const dropped: DroppedItem[] = [];
  /** Tables whose only own change may be renamed constraints / indexes (derived names follow a table rename). */
  const renamedParts = new Set<Id>();
  const mark = (id: Id): TableMark | null => {
    if (!to.tables[id]) return null;
    return (tables[id] ??= { kinds: [], columns: {}, columnsFrom: {} });
  };
  const add = (m: TableMark, k: MarkKind) => {
    if (!m.kinds.includes(k)) m.kinds.push(k);
  };
  for (const c of changes) {
    if (TABLE_KINDS.has(c.kind)) {
      if (c.op === 'drop') {
        if (!to.tables[c.id]) dropped.push({ kind: 'table', id: c.id, label: c.label });
        continue;
      }
      const m = mark(c.id);
      if (!m) continue;
      if (c.op === 'add') add(m, 'added');
      else if (c.op === 'rename') {
        add(m, 'renamed');
        if (c.from) m.renamedFrom = c.from;
      } else add(m, 'changed');
      continue;
    }
    // a comment on a table is keyed by the table itself
    if (c.kind === 'comment' && !c.parentId) {
      const m = mark(c.id);
      if (m) add(m, 'changed');
      continue;
    }
    if (!TABLE_PARTS.has(c.kind) || !c.parentId) continue;
    const isColumn = c.kind === 'column' || (c.kind === 'comment' && !!to.tables[c.parentId]?.columns.some((x) => x.id === c.id));
    if (isColumn && c.op === 'drop') dropped.push({ kind: 'column', id: c.id, label: c.label, tableId: c.parentId });
    const m = mark(c.parentId);
    if (!m) continue;
    if (c.op === 'rename' && (c.kind === 'constraint' || c.kind === 'index')) {
      renamedParts.add(c.parentId);
      continue;
    }
    add(m, 'changed');
    if (!isColumn || c.op === 'drop') continue;
    const prev = m.columns[c.id];
    const k: MarkKind = c.op === 'add' ? 'added' : c.op === 'rename' ? 'renamed' : 'changed';
    // added wins over anything; renamed (more telling) over changed
    if (!prev || k === 'added' || (k === 'renamed' && prev === 'changed')) m.columns[c.id] = k;
    if (c.op === 'rename' && c.from) m.columnsFrom[c.id] = c.from;
  }
  for (const id of renamedParts) {
    const m = tables[id]!;
    // a renamed table renames its derived constraint / index names: that alone is no further change
    if (!m.kinds.includes('renamed')) add(m, 'changed');
  }
  for (const m of Object.values(tables)) {
    if (m.kinds.includes('added')) {
      m.kinds = ['added'];
      m.columns = {};
      m.columnsFrom = {};
    } else m.kinds.sort((a, b) => ORDER[a] - ORDER[b]);
  }
  return { tables, dropped };
}

const ORDER: Record<MarkKind, number> = { added: 0, renamed: 1, changed: 2 };

/** One deterministic string per table mark (equal marks give equal strings). */
export function encodeTableMark(m: TableMark): string {
  const cols = Object.keys(m.columns).sort();
  return JSON.stringify([m.kinds, m.renamedFrom ?? null, cols.map((id) => [id, m.columns[id], m.columnsFrom[id] ?? null])]);
}

/** The per-table strings of a ChangeMarks (what the canvas nodes subscribe to). */
export function encodeMarks(marks: ChangeMarks): Record<Id, string> {
  const out: Record<Id, string> = {};
  for (const [id, m] of Object.entries(marks.tables)) out[id] = encodeTableMark(m);
  return out;
}

/** The mark back from its string; an empty or unreadable string gives null. */
export function decodeTableMark(s: string): TableMark | null {
  if (!s) return null;
  try {
    const [kinds, from, cols] = JSON.parse(s) as [MarkKind[], string | null, [Id, MarkKind, string | null][]];
    const m: TableMark = { kinds, columns: {}, columnsFrom: {} };
    if (from !== null) m.renamedFrom = from;
    for (const [id, k, f] of cols) {
      m.columns[id] = k;
      if (f !== null) m.columnsFrom[id] = f;
    }
    return m;
  } catch {
    return null;
  }
}
