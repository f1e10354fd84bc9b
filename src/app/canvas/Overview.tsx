/**
 * Minimap. React Flow's MiniMap redraws every node rect on each viewport change (its mask shares the SVG); with
 * 1,000 tables that repaint dominates panning. Here the node rects are a static, memoised layer and only the
 * viewport frame (one div) moves.
 */
import { memo, useCallback, useMemo, useRef } from 'react';
import { useReactFlow, useStore as useFlowStore, type ReactFlowState } from '@xyflow/react';
import type { TableNode } from './projection';

const W = 208;
const H = 148;
const PAD = 6;

interface Bounds {
  x: number;
  y: number;
  w: number;
  h: number;
  scale: number;
  ox: number;
  oy: number;
}

function boundsOf(nodes: TableNode[]): Bounds | null {
  if (nodes.length === 0) return null;
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + (n.width ?? 0));
    y1 = Math.max(y1, n.position.y + (n.height ?? 0));
  }
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const scale = Math.min((W - PAD * 2) / w, (H - PAD * 2) / h);
  return { x: x0, y: y0, w, h, scale, ox: (W - w * scale) / 2, oy: (H - h * scale) / 2 };
}

const NodeRects = memo(function NodeRects({ nodes, b }: { nodes: TableNode[]; b: Bounds }) {
  return (
    <svg className="tw-overview__nodes" width={W} height={H} aria-hidden="true">
      {nodes.map((n) => (
        <rect
          key={n.id}
          x={b.ox + (n.position.x - b.x) * b.scale}
          y={b.oy + (n.position.y - b.y) * b.scale}
          width={Math.max(1.5, (n.width ?? 0) * b.scale)}
          height={Math.max(1.5, (n.height ?? 0) * b.scale)}
          rx={Math.min(3, 10 * b.scale)}
          style={n.data.color ? { fill: n.data.color } : undefined}
        />
      ))}
    </svg>
  );
});

const transformSel = (s: ReactFlowState) => s.transform;
const sizeSel = (s: ReactFlowState) => `${s.width}x${s.height}`;

function ViewportFrame({ b }: { b: Bounds }) {
  const [tx, ty, zoom] = useFlowStore(transformSel);
  const [vw = 0, vh = 0] = useFlowStore(sizeSel).split('x').map(Number);
  // Flow coordinates of the visible area, mapped into the minimap.
  const fx = -tx / zoom;
  const fy = -ty / zoom;
  const left = b.ox + (fx - b.x) * b.scale;
  const top = b.oy + (fy - b.y) * b.scale;
  const width = (vw / zoom) * b.scale;
  const height = (vh / zoom) * b.scale;
  return <div className="tw-overview__frame" style={{ transform: `translate(${left}px, ${top}px)`, width, height }} />;
}

export function Overview({ nodes }: { nodes: TableNode[] }) {
  const b = useMemo(() => boundsOf(nodes), [nodes]);
  const flow = useReactFlow();
  const dragging = useRef(false);
  const centerAt = useCallback(
    (e: React.PointerEvent<HTMLDivElement>) => {
      if (!b) return;
      const r = e.currentTarget.getBoundingClientRect();
      const x = b.x + (e.clientX - r.left - b.ox) / b.scale;
      const y = b.y + (e.clientY - r.top - b.oy) / b.scale;
      void flow.setCenter(x, y, { zoom: flow.getZoom() });
    },
    [b, flow],
  );
  if (!b) return null;
  return (
    <div
      className="tw-overview"
      role="img"
      aria-label={`Diagram overview: ${nodes.length} tables. Click or drag to move the view.`}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        centerAt(e);
      }}
      onPointerMove={(e) => dragging.current && centerAt(e)}
      onPointerUp={() => (dragging.current = false)}
    >
      <NodeRects nodes={nodes} b={b} />
      <ViewportFrame b={b} />
    </div>
  );
}
