/**
 * The far-zoom rendering of the diagram. Below FAR_ZOOM a table is a few pixels wide: its rows, handles and text cost
 * paint time on every frame of a pan while nobody can read them. There each table is a single transparent DOM element
 * (still a React Flow node, so hover, selection, dragging and box-select keep working) and what you see — the boxes
 * and the relationships as straight lines — is drawn on one screen-sized <canvas>, redrawn from the viewport
 * transform outside React. Painting 1,000 DOM boxes per frame in software was the cost; the canvas draws only what
 * is on screen.
 */
import { memo, useEffect, useRef } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { RelationEdge, TableNode as TableNodeType } from './projection';
import { FAR_ZOOM } from './zoomBand';

export { FAR_ZOOM };



interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  active: boolean;
}

/** One straight segment per foreign key (multi-column FKs once), between the facing sides of the two tables. */
export function farSegments(nodes: readonly TableNodeType[], edges: readonly RelationEdge[], active: ReadonlySet<string>): Segment[] {
  const byId = new Map<string, TableNodeType>();
  for (const n of nodes) byId.set(n.id, n);
  const out: Segment[] = [];
  for (const e of edges) {
    if (e.data && e.data.pair > 0) continue;
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t) continue;
    const sw = s.width ?? 0;
    const tw = t.width ?? 0;
    const sy = s.position.y + Math.min(40, (s.height ?? 0) / 2);
    const ty = t.position.y + Math.min(40, (t.height ?? 0) / 2);
    const on = active.has(e.data?.fkId ?? e.id);
    if (s === t) {
      out.push({ x1: s.position.x + sw, y1: sy, x2: s.position.x + sw + 60, y2: sy + 30, active: on });
      continue;
    }
    const sRight = s.position.x + sw <= t.position.x;
    const tRight = t.position.x + tw <= s.position.x;
    const x1 = sRight ? s.position.x + sw : tRight ? s.position.x : s.position.x + sw / 2;
    const x2 = sRight ? t.position.x : tRight ? t.position.x + tw : t.position.x + tw / 2;
    out.push({ x1, y1: sy, x2, y2: ty, active: on });
  }
  return out;
}

/** Theme colours for the canvas, read once per colour mode (reading computed style forces a style recalc). */
const colourCache = new Map<string, { edge: string; active: string; box: string; added: string; renamed: string; changed: string }>();
function colours(el: Element, colorMode: string) {
  let c = colourCache.get(colorMode);
  if (!c) {
    const cs = getComputedStyle(el);
    const v = (name: string, fallback: string) => cs.getPropertyValue(name).trim() || fallback;
    c = {
      edge: v('--tw-edge', '#98a1b0'),
      active: v('--tw-edge-active', '#4f46e5'),
      box: v('--tw-minimap-node', '#c3c9d3'),
      added: v('--tw-chg-added', '#15803d'),
      renamed: v('--tw-chg-renamed', '#1d4ed8'),
      changed: v('--tw-chg-changed', '#b45309'),
    };
    colourCache.set(colorMode, c);
  }
  return c;
}

interface FarCanvasProps {
  nodes: readonly TableNodeType[];
  edges: readonly RelationEdge[];
  /** Highlighted relationships (FK ids). */
  active: ReadonlySet<string>;
  selection: readonly string[];
  /** Migration change kind per table id (the migrations panel's canvas marks), drawn as an outline. */
  changes: ReadonlyMap<string, 'added' | 'renamed' | 'changed'>;
  colorMode: string;
}

/** Tables and relationships for far zoom on one canvas in screen space. Draws nothing at FAR_ZOOM and above. */
export const FarCanvas = memo(function FarCanvas({ nodes, edges, active, selection, changes, colorMode }: FarCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    // Desynchronized: the canvas is not copied into every compositor commit (that copy was ~13 ms per frame of a pan
    // in software compositing); it only draws lines and boxes, so tearing is not a concern.
    const ctx = canvas.getContext('2d', { desynchronized: true });
    if (!ctx) return;
    const segments = farSegments(nodes, edges, active);
    const palette = colours(canvas, colorMode);
    const { edge: colour, active: activeColour, box: boxColour } = palette;
    const selected = new Set(selection);
    let raf = 0;
    const draw = () => {
      raf = 0;
      const { transform, width, height } = store.getState();
      const [tx, ty, zoom] = transform;
      const dpr = globalThis.devicePixelRatio || 1;
      const w = Math.max(1, Math.round(width * dpr));
      const h = Math.max(1, Math.round(height * dpr));
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      if (zoom >= FAR_ZOOM) return;
      ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, dpr * tx, dpr * ty);
      // Cull in flow coordinates: the visible rectangle with a margin.
      const x0 = -tx / zoom - 50;
      const y0 = -ty / zoom - 50;
      const x1 = (width - tx) / zoom + 50;
      const y1 = (height - ty) / zoom + 50;
      const visible = (s: Segment) => !((s.x1 < x0 && s.x2 < x0) || (s.x1 > x1 && s.x2 > x1) || (s.y1 < y0 && s.y2 < y0) || (s.y1 > y1 && s.y2 > y1));
      for (const pass of [false, true]) {
        ctx.beginPath();
        for (const s of segments) {
          if (s.active !== pass || !visible(s)) continue;
          ctx.moveTo(s.x1, s.y1);
          ctx.lineTo(s.x2, s.y2);
        }
        ctx.strokeStyle = pass ? activeColour : colour;
        ctx.lineWidth = (pass ? 2.5 : 1.25) / zoom;
        ctx.stroke();
      }
      // Boxes: the plain ones in one path, coloured and selected ones on top.
      const onScreen = (n: TableNodeType) => n.position.x + (n.width ?? 0) >= x0 && n.position.x <= x1 && n.position.y + (n.height ?? 0) >= y0 && n.position.y <= y1;
      ctx.beginPath();
      for (const n of nodes) if (!n.data.color && !selected.has(n.id) && onScreen(n)) ctx.rect(n.position.x, n.position.y, n.width ?? 0, n.height ?? 0);
      ctx.fillStyle = boxColour;
      ctx.fill();
      for (const n of nodes) {
        const sel = selected.has(n.id);
        if ((!n.data.color && !sel) || !onScreen(n)) continue;
        ctx.fillStyle = sel ? activeColour : n.data.color!;
        ctx.fillRect(n.position.x, n.position.y, n.width ?? 0, n.height ?? 0);
      }
      // Migration changes: a thick outline in the change colour (readable at any far zoom: 3 screen pixels).
      if (changes.size) {
        ctx.lineWidth = 3 / zoom;
        for (const n of nodes) {
          const kind = changes.get(n.id);
          if (!kind || !onScreen(n)) continue;
          ctx.strokeStyle = palette[kind];
          ctx.strokeRect(n.position.x, n.position.y, n.width ?? 0, n.height ?? 0);
        }
      }
    };
    const schedule = () => {
      if (!raf) raf = requestAnimationFrame(draw);
    };
    draw();
    let last = store.getState();
    const unsubscribe = store.subscribe((s) => {
      if (s.transform !== last.transform || s.width !== last.width || s.height !== last.height) schedule();
      last = s;
    });
    return () => {
      unsubscribe();
      if (raf) cancelAnimationFrame(raf);
    };
  }, [nodes, edges, active, selection, changes, store, colorMode]);
  return <canvas ref={ref} className="tw-far-canvas" aria-hidden="true" />;
});
