/** Layout commands: positions, colours, areas and notes. They never touch the schema. */
import type { Command } from './history';
import type { Id } from '../model/types';
import type { Area, StickyNote } from '../model/layout';
import { newId } from '../util/ids';

/** Move nodes (and the tables inside moved areas). Successive moves of the same selection coalesce into one step. */
export function moveNodes(positions: Record<Id, { x: number; y: number }>): Command {
  const ids = Object.keys(positions).sort();
  return {
    label: ids.length === 1 ? 'Move' : `Move ${ids.length} items`,
    mergeKey: `move:${ids.join(',')}`,
    // A drag is one undo step however slowly it goes; the canvas seals it on pointer up.
    mergeWindowMs: Infinity,
    run(d) {
      for (const [id, p] of Object.entries(positions)) {
        const area = d.layout.areas[id];
        if (area) {
          const dx = p.x - area.x;
          const dy = p.y - area.y;
          area.x = p.x;
          area.y = p.y;
          for (const m of area.members) {
            const n = d.layout.nodes[m];
            if (n && !positions[m]) {
              n.x += dx;
              n.y += dy;
            }
          }
          continue;
        }
        const note = d.layout.notes[id];
        if (note) {
          note.x = p.x;
          note.y = p.y;
          continue;
        }
        const n = d.layout.nodes[id];
        if (n) {
          n.x = p.x;
          n.y = p.y;
        } else d.layout.nodes[id] = { x: p.x, y: p.y };
      }
    },
  };
}

/** Apply an auto-layout result: one undo step. */
export function applyLayout(positions: Record<Id, { x: number; y: number }>, label = 'Auto-layout'): Command {
  return {
    label,
    run(d) {
      for (const [id, p] of Object.entries(positions)) {
        const n = d.layout.nodes[id];
        if (n) {
          n.x = p.x;
          n.y = p.y;
        } else d.layout.nodes[id] = { x: p.x, y: p.y };
      }
    },
  };
}

const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/;

export function setNodeColor(ids: Id[], color: string | undefined): Command {
  if (color !== undefined && !COLOR.test(color)) throw new Error(`Not a colour: ${color}`);
  return {
    label: 'Set colour',
    run(d) {
      for (const id of ids) {
        const n = d.layout.nodes[id];
        if (!n) continue;
        if (color) n.color = color;
        else delete n.color;
      }
    },
  };
}

export function setCollapsed(ids: Id[], collapsed: boolean): Command {
  return {
    label: collapsed ? 'Collapse to keys' : 'Expand',
    run(d) {
      for (const id of ids) {
        const n = d.layout.nodes[id];
        if (n) n.collapsed = collapsed;
      }
    },
  };
}

export function addArea(area: Omit<Area, 'id'>, out: { id?: Id } = {}): Command {
  return {
    label: 'Add area',
    run(d) {
      const id = out.id ?? newId('a');
      out.id = id;
      d.layout.areas[id] = { ...structuredClone(area), id };
    },
  };
}

export function updateArea(id: Id, patch: Partial<Omit<Area, 'id'>>): Command {
  return {
    label: 'Edit area',
    mergeKey: `area:${id}:${Object.keys(patch).sort().join(',')}`,
    run(d) {
      const a = d.layout.areas[id];
      if (!a) throw new Error('No such area');
      Object.assign(a, structuredClone(patch));
    },
  };
}

export function removeArea(id: Id): Command {
  return {
    label: 'Remove area',
    run(d) {
      delete d.layout.areas[id];
    },
  };
}

export function addNote(note: Omit<StickyNote, 'id'>, out: { id?: Id } = {}): Command {
  return {
    label: 'Add note',
    run(d) {
      const id = out.id ?? newId('n');
      out.id = id;
      d.layout.notes[id] = { ...note, id };
    },
  };
}

export function updateNote(id: Id, patch: Partial<Omit<StickyNote, 'id'>>): Command {
  return {
    label: 'Edit note',
    mergeKey: `note:${id}:${Object.keys(patch).sort().join(',')}`,
    run(d) {
      const n = d.layout.notes[id];
      if (!n) throw new Error('No such note');
      Object.assign(n, patch);
    },
  };
}

export function removeNote(id: Id): Command {
  return {
    label: 'Remove note',
    run(d) {
      delete d.layout.notes[id];
    },
  };
}
