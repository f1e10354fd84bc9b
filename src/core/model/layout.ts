import type { Id } from './types';

/** Position and appearance of one table or view node, keyed by the table/view id. */
export interface NodeLayout {
  x: number;
  y: number;
  /** Optional header colour (CSS colour string, validated on load). */
  color?: string;
  /** Show only key columns. */
  collapsed?: boolean;
}

/** A coloured group that owns tables and moves with them. */
export interface Area {
  id: Id;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  /** Ids of tables/views inside the area. */
  members: Id[];
}

export interface StickyNote {
  id: Id;
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
}

/** Everything about how the diagram looks; never affects the SQL. */
export interface Layout {
  nodes: Record<Id, NodeLayout>;
  areas: Record<Id, Area>;
  notes: Record<Id, StickyNote>;
}

export function emptyLayout(): Layout {
  return { nodes: {}, areas: {}, notes: {} };
}
