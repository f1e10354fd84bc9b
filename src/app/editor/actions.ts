/** Editor actions shared by the toolbar, keyboard shortcuts, canvas and inspector. All document edits are commands. */
import {
  addArea,
  addForeignKey,
  addNote,
  addTable,
  connectTables,
  copyTables,
  createJunction,
  deleteTables,
  pasteTables,
  removeArea,
  removeNote,
  setCollapsed,
} from '../../core/commands';
import { primaryKey, isUniqueColumnSet } from '../../core/model/query';
import type { Id } from '../../core/model/types';
import { useApp } from '../store';
import { useUi } from './ui';
import { nodeHeight } from '../canvas/geometry';

const app = () => useApp.getState();

function center(): { x: number; y: number } {
  return useUi.getState().viewCenter?.() ?? { x: 0, y: 0 };
}

/** The free spot nearest to `p` (top-left) for a w×h box, searching outwards so new items never land under tables. */
function freeSpot(p: { x: number; y: number }, w: number, h: number): { x: number; y: number } {
  const { doc } = app();
  const boxes: [number, number, number, number][] = [];
  for (const [id, n] of Object.entries(doc.layout.nodes)) {
    const t = doc.schema.tables[id];
    if (t) boxes.push([n.x - 20, n.y - 20, n.x + 280, n.y + nodeHeight(t.columns.length) + 20]);
  }
  for (const n of Object.values(doc.layout.notes)) boxes.push([n.x - 10, n.y - 10, n.x + n.width + 10, n.y + n.height + 10]);
  const free = (x: number, y: number) => boxes.every(([x0, y0, x1, y1]) => x + w <= x0 || x >= x1 || y + h <= y0 || y >= y1);
  if (free(p.x, p.y)) return p;
  for (let r = 1; r <= 30; r++)
    for (let a = 0; a < 16; a++) {
      const x = Math.round(p.x + Math.cos((a / 16) * Math.PI * 2) * r * 60);
      const y = Math.round(p.y + Math.sin((a / 16) * Math.PI * 2) * r * 45);
      if (free(x, y)) return { x, y };
    }
  return p;
}

/** Add a table; `at` in flow coordinates (its top-left), else the middle of the view. Starts an inline rename. */
export function addTableAt(at?: { x: number; y: number }): Id | undefined {
  const p = at ?? (() => {
    const c = center();
    return freeSpot({ x: c.x - 110, y: c.y - 60 }, 240, 90);
  })();
  const out: { id?: Id } = {};
  const r = app().apply(addTable({ name: 'new_table', x: Math.round(p.x), y: Math.round(p.y) }, out));
  if (!r.changed || !out.id) return undefined;
  app().setSelection([out.id]);
  useUi.setState({ renaming: out.id });
  return out.id;
}

export function addNoteAtCenter(): void {
  const c = center();
  const p = freeSpot({ x: Math.round(c.x - 100), y: Math.round(c.y - 60) }, 200, 120);
  const out: { id?: Id } = {};
  app().apply(addNote({ text: 'Note', x: p.x, y: p.y, width: 200, height: 120, color: '#fef3c7' }, out));
  if (out.id) app().setSelection([out.id]);
}

/** An area around the selected tables (or in the middle of the view), owning them. */
export function addAreaAroundSelection(): void {
  const { doc, selection } = app();
  const members = selection.filter((id) => doc.schema.tables[id]);
  let box = { x: 0, y: 0, width: 480, height: 320 };
  if (members.length) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of members) {
      const n = doc.layout.nodes[id];
      const t = doc.schema.tables[id]!;
      if (!n) continue;
      x0 = Math.min(x0, n.x);
      y0 = Math.min(y0, n.y);
      x1 = Math.max(x1, n.x + 260);
      y1 = Math.max(y1, n.y + nodeHeight(t.columns.length));
    }
    box = { x: x0 - 30, y: y0 - 50, width: x1 - x0 + 60, height: y1 - y0 + 80 };
  } else {
    const c = center();
    box = { x: c.x - 240, y: c.y - 160, width: 480, height: 320 };
  }
  const out: { id?: Id } = {};
  app().apply(addArea({ name: 'Area', ...box, color: '#6366f1', members }, out));
  if (out.id) app().setSelection([out.id]);
}

/** Delete the selection: areas and notes go at once; tables ask first (listing what else goes). */
export function requestDelete(ids = app().selection): void {
  const { doc } = app();
  const tables = ids.filter((id) => doc.schema.tables[id]);
  const decor = ids.filter((id) => doc.layout.areas[id] || doc.layout.notes[id]);
  for (const id of decor) app().apply(doc.layout.areas[id] ? removeArea(id) : removeNote(id));
  if (tables.length) useUi.setState({ confirmDelete: tables });
  else if (decor.length) app().setSelection([]);
}

export function confirmDeletion(): void {
  const ids = useUi.getState().confirmDelete;
  useUi.setState({ confirmDelete: null });
  if (!ids?.length) return;
  app().apply(deleteTables(ids));
  app().setSelection([]);
}

export function copySelection(): boolean {
  const { doc, selection } = app();
  const ids = selection.filter((id) => doc.schema.tables[id]);
  if (!ids.length) return false;
  useUi.setState({ clipboard: copyTables(doc, ids), pasteCount: 0 });
  return true;
}

export function paste(): void {
  const { clipboard, pasteCount } = useUi.getState();
  if (!clipboard?.tables.length) return;
  const n = pasteCount + 1;
  const out: { ids?: Id[] } = {};
  app().apply(pasteTables(clipboard, { dx: 40 * n, dy: 40 * n }, out));
  useUi.setState({ pasteCount: n });
  if (out.ids) app().setSelection(out.ids);
}

export function duplicateSelection(): void {
  const { doc, selection } = app();
  const ids = selection.filter((id) => doc.schema.tables[id]);
  if (!ids.length) return;
  const out: { ids?: Id[] } = {};
  app().apply(pasteTables(copyTables(doc, ids), { dx: 40, dy: 40 }, out, ids.length === 1 ? 'Duplicate table' : `Duplicate ${ids.length} tables`));
  if (out.ids) app().setSelection(out.ids);
}

/** Many-to-many between the two selected tables: a junction table placed between them. */
export function manyToMany(): void {
  const { doc, selection } = app();
  const ids = selection.filter((id) => doc.schema.tables[id]);
  if (ids.length !== 2) return;
  const [a, b] = ids as [Id, Id];
  const la = doc.layout.nodes[a] ?? { x: 0, y: 0 };
  const lb = doc.layout.nodes[b] ?? { x: 0, y: 0 };
  const out: { id?: Id } = {};
  app().apply(createJunction(a, b, { x: Math.round((la.x + lb.x) / 2), y: Math.round(Math.max(la.y, lb.y) + 260) }, out));
  if (out.id) app().setSelection([out.id]);
}

export function toggleCollapseSelection(): void {
  const { doc, selection } = app();
  const ids = selection.filter((id) => doc.layout.nodes[id]);
  if (!ids.length) return;
  const collapse = !ids.every((id) => doc.layout.nodes[id]?.collapsed);
  app().apply(setCollapsed(ids, collapse));
}

/**
 * A relationship drawn with the mouse from column `src` (table `srcTable`).
 * - onto a column: the FK column references the key column. When the drag starts on a key (PK / unique) and ends on
 *   a non-key column, the drop target is the referencing side; otherwise the drag start is.
 * - onto a table header: from a key column, the dropped-on table gets a `<singular>_id` column referencing this
 *   table (connectTables); from any other column, the column references the dropped-on table's primary key.
 */
export function connectByDrag(srcTable: Id, srcCol: Id, dst: { table: Id; column?: Id }): void {
  const { doc } = app();
  const st = doc.schema.tables[srcTable];
  const dt = doc.schema.tables[dst.table];
  if (!st || !dt) return;
  const srcIsKey = isUniqueColumnSet(st, [srcCol]) || !!primaryKey(st)?.columns.includes(srcCol);
  if (dst.column) {
    if (dst.table === srcTable && dst.column === srcCol) return;
    const dstIsKey = isUniqueColumnSet(dt, [dst.column]) || !!primaryKey(dt)?.columns.includes(dst.column);
    if (srcIsKey && !dstIsKey) app().apply(addForeignKey(dst.table, { columns: [dst.column], refTableId: srcTable, refColumns: [srcCol] }));
    else app().apply(addForeignKey(srcTable, { columns: [srcCol], refTableId: dst.table, refColumns: [dst.column] }));
    return;
  }
  if (srcIsKey) {
    if (dst.table === srcTable) return;
    app().apply(connectTables(dst.table, srcTable));
  } else {
    const pk = primaryKey(dt);
    if (pk && pk.columns.length === 1) app().apply(addForeignKey(srcTable, { columns: [srcCol], refTableId: dst.table, refColumns: [...pk.columns] }));
    else app().apply(connectTables(srcTable, dst.table));
  }
}
