/** Areas and sticky notes as React Flow nodes (memoised like tables: unchanged records keep their node object). */
import type { Node } from '@xyflow/react';
import type { Area, Layout, StickyNote } from '../../core/model/layout';

export interface AreaNodeData extends Record<string, unknown> {
  area: Area;
}
export interface NoteNodeData extends Record<string, unknown> {
  note: StickyNote;
}
export type AreaNode = Node<AreaNodeData, 'area'>;
export type NoteNode = Node<NoteNodeData, 'note'>;

export type DecorProjection = (layout: Layout) => { areas: AreaNode[]; notes: NoteNode[] };

export function createDecorProjection(): DecorProjection {
  let areaCache = new Map<string, { rec: Area; node: AreaNode }>();
  let noteCache = new Map<string, { rec: StickyNote; node: NoteNode }>();
  let last: { areas: Layout['areas']; notes: Layout['notes']; out: ReturnType<DecorProjection> } | null = null;
  return (layout) => {
    if (last && last.areas === layout.areas && last.notes === layout.notes) return last.out;
    const nextA = new Map<string, { rec: Area; node: AreaNode }>();
    const areas: AreaNode[] = [];
    for (const a of Object.values(layout.areas)) {
      const hit = areaCache.get(a.id);
      const e =
        hit && hit.rec === a
          ? hit
          : { rec: a, node: { id: a.id, type: 'area' as const, position: { x: a.x, y: a.y }, width: a.width, height: a.height, measured: { width: a.width, height: a.height }, zIndex: -2, data: { area: a } } };
      nextA.set(a.id, e);
      areas.push(e.node);
    }
    const nextN = new Map<string, { rec: StickyNote; node: NoteNode }>();
    const notes: NoteNode[] = [];
    for (const n of Object.values(layout.notes)) {
      const hit = noteCache.get(n.id);
      const e =
        hit && hit.rec === n
          ? hit
          : { rec: n, node: { id: n.id, type: 'note' as const, position: { x: n.x, y: n.y }, width: n.width, height: n.height, measured: { width: n.width, height: n.height }, zIndex: -1, data: { note: n } } };
      nextN.set(n.id, e);
      notes.push(e.node);
    }
    areaCache = nextA;
    noteCache = nextN;
    const out = { areas, notes };
    last = { areas: layout.areas, notes: layout.notes, out };
    return out;
  };
}
