/** What the current hover / selection highlights: edges touching the active tables and their endpoint columns. */
import type { Id, SchemaModel } from '../../core/model/types';

export interface Highlight {
  edges: Set<string>;
  /** table id -> highlighted column ids joined by a space (a primitive, so node selectors stay cheap). */
  columns: Map<Id, string>;
  /** Tables at the other end of an active edge. */
  related: Set<Id>;
}

const EMPTY: Highlight = { edges: new Set(), columns: new Map(), related: new Set() };

let memo: { model: SchemaModel; tableIds: string; edgeId: string | null; out: Highlight } | null = null;

export function computeHighlight(model: SchemaModel, activeTables: readonly Id[], hoveredEdge: string | null): Highlight {
  const key = activeTables.join(' ');
  if (memo && memo.model === model && memo.tableIds === key && memo.edgeId === hoveredEdge) return memo.out;
  let out = EMPTY;
  if (activeTables.length > 0 || hoveredEdge) {
    const active = new Set(activeTables);
    const cols = new Map<Id, Set<Id>>();
    const add = (t: Id, c: Id | undefined) => {
      if (!c) return;
      let s = cols.get(t);
      if (!s) cols.set(t, (s = new Set()));
      s.add(c);
    };
    out = { edges: new Set(), columns: new Map(), related: new Set() };
    for (const t of Object.values(model.tables)) {
      for (const c of t.constraints) {
        if (c.kind !== 'foreign' || !c.refTableId) continue;
        if (!(active.has(t.id) || active.has(c.refTableId) || c.id === hoveredEdge)) continue;
        out.edges.add(c.id);
        c.columns.forEach((id) => add(t.id, id));
        c.refColumns.forEach((id) => add(c.refTableId!, id));
        if (!active.has(t.id)) out.related.add(t.id);
        if (!active.has(c.refTableId)) out.related.add(c.refTableId);
      }
    }
    for (const [t, s] of cols) out.columns.set(t, [...s].join(' '));
  }
  memo = { model, tableIds: key, edgeId: hoveredEdge, out };
  return out;
}
