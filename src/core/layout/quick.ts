/**
 * A fast layered layout (linear in tables + relationships) for the first frame of a large diagram. ELK's layered
 * algorithm gives the better picture but takes seconds for 1,000 tables on a cold worker; this one places every table
 * at once so the diagram can be drawn immediately, and ELK's result replaces it when it arrives (unless the user has
 * started moving things). It is also the fallback when ELK fails.
 *
 * Same conventions as the ELK pass: referenced (parent) tables left of the tables that point at them, connected
 * groups laid out separately and packed in rows towards a wide aspect ratio.
 */

export interface QuickNode {
  id: string;
  width: number;
  height: number;
}

/** A relationship from `source` (the referencing table) to `target` (the referenced table). */
export interface QuickEdge {
  source: string;
  target: string;
}

export interface QuickOptions {
  /** Horizontal gap between layers. */
  layerGap?: number;
  /** Vertical gap between tables of one layer. */
  nodeGap?: number;
  /** Gap between connected groups. */
  groupGap?: number;
  /** Width : height the packing aims for. */
  aspect?: number;
}

interface Placed {
  x: number;
  y: number;
}

interface Group {
  ids: number[];
  pos: Map<number, Placed>;
  width: number;
  height: number;
}

export function quickLayout(nodes: readonly QuickNode[], edges: readonly QuickEdge[], opts: QuickOptions = {}): Record<string, { x: number; y: number }> {
  const layerGap = opts.layerGap ?? 110;
  const nodeGap = opts.nodeGap ?? 48;
  const groupGap = opts.groupGap ?? 90;
  const aspect = opts.aspect ?? 1.6;
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((nd, i) => index.set(nd.id, i));

  // parents[i]: tables i references; children[i]: tables referencing i (self-references ignored, duplicates kept).
  const parents: number[][] = nodes.map(() => []);
  const children: number[][] = nodes.map(() => []);
  const root = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) i = root[i] = root[root[i]!]!;
    return i;
  };
  for (const e of edges) {
    const c = index.get(e.source);
    const p = index.get(e.target);
    if (c === undefined || p === undefined || c === p) continue;
    parents[c]!.push(p);
    children[p]!.push(c);
    const a = find(c);
    const b = find(p);
    if (a !== b) root[Math.max(a, b)] = Math.min(a, b);
  }

  // Layers: longest path from the tables that reference nothing (Kahn); tables on cycles follow in model order.
  const layer = new Array<number>(n).fill(0);
  const pending = parents.map((ps) => ps.length);
  const queue: number[] = [];
  for (let i = 0; i < n; i++) if (pending[i] === 0) queue.push(i);
  const done = new Array<boolean>(n).fill(false);
  for (let q = 0; q < queue.length; q++) {
    const v = queue[q]!;
    done[v] = true;
    for (const c of children[v]!) {
      layer[c] = Math.max(layer[c]!, layer[v]! + 1);
      if (--pending[c]! === 0) queue.push(c);
    }
  }
  for (let i = 0; i < n; i++) {
    if (done[i]) continue;
    let l = 0;
    for (const p of parents[i]!) if (done[p]) l = Math.max(l, layer[p]! + 1);
    layer[i] = l;
    done[i] = true;
  }

  // Groups in model order of their first table.
  const groupsByRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    let g = groupsByRoot.get(r);
    if (!g) groupsByRoot.set(r, (g = []));
    g.push(i);
  }

  const groups: Group[] = [];
  for (const ids of groupsByRoot.values()) {
    const layers: number[][] = [];
    for (const i of ids) (layers[layer[i]!] ??= []).push(i);
    const order = new Map<number, number>();
    const pos = new Map<number, Placed>();
    let x = 0;
    let height = 0;
    for (const col of layers) {
      if (!col) continue;
      // One barycentre pass: a table sits near the tables it references.
      const key = (i: number) => {
        const ps = parents[i]!.filter((p) => order.has(p));
        return ps.length ? ps.reduce((s, p) => s + order.get(p)!, 0) / ps.length : Number.MAX_SAFE_INTEGER;
      };
      const keyed = col.map((i) => ({ i, k: key(i) }));
      keyed.sort((a, b) => a.k - b.k || a.i - b.i);
      let y = 0;
      let w = 0;
      keyed.forEach(({ i }, k) => {
        order.set(i, k);
        pos.set(i, { x, y });
        y += nodes[i]!.height + nodeGap;
        w = Math.max(w, nodes[i]!.width);
      });
      height = Math.max(height, y - nodeGap);
      x += w + layerGap;
    }
    groups.push({ ids, pos, width: x - layerGap, height });
  }

  // Shelf packing: big groups first, rows no wider than the aspect ratio asks for.
  let area = 0;
  let widest = 0;
  for (const g of groups) {
    area += (g.width + groupGap) * (g.height + groupGap);
    widest = Math.max(widest, g.width);
  }
  const rowWidth = Math.max(widest, Math.sqrt(area * aspect));
  const sorted = groups.map((g, k) => ({ g, k })).sort((a, b) => b.g.height - a.g.height || a.k - b.k);
  const out: Record<string, { x: number; y: number }> = {};
  let cx = 0;
  let cy = 0;
  let rowH = 0;
  for (const { g } of sorted) {
    if (cx > 0 && cx + g.width > rowWidth) {
      cx = 0;
      cy += rowH + groupGap;
      rowH = 0;
    }
    for (const i of g.ids) {
      const p = g.pos.get(i)!;
      out[nodes[i]!.id] = { x: Math.round(cx + p.x), y: Math.round(cy + p.y) };
    }
    cx += g.width + groupGap;
    rowH = Math.max(rowH, g.height);
  }
  return out;
}
