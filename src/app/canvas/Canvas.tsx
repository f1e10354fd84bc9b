import { useCallback, useEffect, useMemo, useRef } from 'react';
import {
  Background,
  BackgroundVariant,
  ConnectionMode,
  Controls,
  Panel,
  ReactFlow,
  useStore as useFlowStore,
  type ReactFlowState,
  useReactFlow,
  type EdgeMouseHandler,
  type NodeChange,
  type NodeMouseHandler,
  type Viewport,
  type EdgeChange,
} from '@xyflow/react';
import { useApp } from '../store';
import { computeHighlight } from './highlight';
import { createEdgeProjection, createNodeProjection, type RelationEdge as RelationEdgeT, type TableNode as TableNodeT } from './projection';
import { LOW_ZOOM, TableNode } from './TableNode';
import { Overview } from './Overview';
import { CrowsFootMarkers, RelationEdge } from './RelationEdge';

const nodeTypes = { table: TableNode };
const edgeTypes = { relation: RelationEdge };
const FIT = { padding: 0.12, maxZoom: 1.1 } as const;

/** Adds `selected` to the projected nodes; keeps each decorated object while its base node and flag are unchanged. */
function useDecoratedNodes(base: TableNodeT[], selection: string[]): TableNodeT[] {
  const cache = useRef(new Map<string, { base: TableNodeT; selected: boolean; node: TableNodeT }>());
  return useMemo(() => {
    const sel = new Set(selection);
    const next = new Map<string, { base: TableNodeT; selected: boolean; node: TableNodeT }>();
    const out = base.map((n) => {
      const selected = sel.has(n.id);
      const hit = cache.current.get(n.id);
      const entry = hit && hit.base === n && hit.selected === selected ? hit : { base: n, selected, node: selected ? { ...n, selected: true } : n };
      next.set(n.id, entry);
      return entry.node;
    });
    cache.current = next;
    return out;
  }, [base, selection]);
}

function useDecoratedEdges(base: RelationEdgeT[], active: Set<string>): RelationEdgeT[] {
  const cache = useRef(new Map<string, { base: RelationEdgeT; on: boolean; edge: RelationEdgeT }>());
  return useMemo(() => {
    const next = new Map<string, { base: RelationEdgeT; on: boolean; edge: RelationEdgeT }>();
    const out = base.map((e) => {
      const on = active.has(e.id);
      const hit = cache.current.get(e.id);
      const entry =
        hit && hit.base === e && hit.on === on
          ? hit
          : { base: e, on, edge: { ...e, ariaLabel: e.data?.label, zIndex: on ? 1 : 0, data: { ...e.data!, active: on } } };
      next.set(e.id, entry);
      return entry.edge;
    });
    cache.current = next;
    return out;
  }, [base, active]);
}

/** Zoom bands as classes on the canvas: CSS drops edge markers/dashes when zoomed out (they dominate paint time). */
const zoomBand = (s: ReactFlowState) => (s.transform[2] < 0.15 ? 'far' : s.transform[2] < LOW_ZOOM ? 'low' : 'near');
function ZoomClass() {
  const band = useFlowStore(zoomBand);
  useEffect(() => {
    const el = document.querySelector('.tw-canvas');
    el?.setAttribute('data-zoom', band);
  }, [band]);
  return null;
}

export function Canvas({ colorMode }: { colorMode: 'light' | 'dark' }) {
  const schema = useApp((s) => s.doc.schema);
  const layout = useApp((s) => s.doc.layout);
  const selection = useApp((s) => s.selection);
  const hover = useApp((s) => s.hover);
  const fitRequest = useApp((s) => s.fitRequest);
  const focusRequest = useApp((s) => s.focusRequest);
  const { moveNodes, setSelection, setHover, setViewport } = useApp.getState();
  const flow = useReactFlow();

  const projectNodes = useMemo(createNodeProjection, []);
  const projectEdges = useMemo(createEdgeProjection, []);
  const baseNodes = useMemo(() => projectNodes(schema, layout), [projectNodes, schema, layout]);
  const baseEdges = useMemo(() => projectEdges(schema, baseNodes), [projectEdges, schema, baseNodes]);

  const activeTables = useMemo(
    () => (hover.tableId && !selection.includes(hover.tableId) ? [...selection, hover.tableId] : selection),
    [hover.tableId, selection],
  );
  const highlight = useMemo(() => computeHighlight(schema, activeTables, hover.edgeId), [schema, activeTables, hover.edgeId]);
  const nodes = useDecoratedNodes(baseNodes, selection);
  const edges = useDecoratedEdges(baseEdges, highlight.edges);

  const onNodesChange = useCallback(
    (changes: NodeChange<TableNodeT>[]) => {
      const moves: { id: string; x: number; y: number }[] = [];
      let sel: Set<string> | null = null;
      for (const c of changes) {
        if (c.type === 'position' && c.position) moves.push({ id: c.id, x: Math.round(c.position.x), y: Math.round(c.position.y) });
        else if (c.type === 'select') {
          sel ??= new Set(useApp.getState().selection);
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (moves.length) moveNodes(moves);
      if (sel) setSelection([...sel]);
    },
    [moveNodes, setSelection],
  );
  const onEdgesChange = useCallback((_: EdgeChange<RelationEdgeT>[]) => {}, []);
  const onNodeEnter: NodeMouseHandler<TableNodeT> = useCallback((_, n) => setHover({ tableId: n.id }), [setHover]);
  const onNodeLeave: NodeMouseHandler<TableNodeT> = useCallback(() => setHover({ tableId: null }), [setHover]);
  const onEdgeEnter: EdgeMouseHandler<RelationEdgeT> = useCallback((_, e) => setHover({ edgeId: e.id }), [setHover]);
  const onEdgeLeave: EdgeMouseHandler<RelationEdgeT> = useCallback(() => setHover({ edgeId: null }), [setHover]);
  const onEdgeClick: EdgeMouseHandler<RelationEdgeT> = useCallback((_, e) => setSelection([e.source, e.target].filter((v, i, a) => a.indexOf(v) === i)), [setSelection]);
  useEffect(() => {
    if (!focusRequest) return;
    const raf = requestAnimationFrame(() => void flow.fitView({ nodes: [{ id: focusRequest.id }], padding: 0.6, maxZoom: 1, minZoom: 0.5, duration: 300 }));
    return () => cancelAnimationFrame(raf);
  }, [focusRequest, flow]);
  const onMoveEnd = useCallback((_: unknown, v: Viewport) => setViewport(v), [setViewport]);
  const onPaneClick = useCallback(() => setSelection([]), [setSelection]);

  useEffect(() => {
    if (fitRequest === 0) return;
    const raf = requestAnimationFrame(() => void flow.fitView({ ...FIT, duration: 250 }));
    return () => cancelAnimationFrame(raf);
  }, [fitRequest, flow]);

  return (
    <div className="tw-canvas" data-testid="canvas">
      <CrowsFootMarkers />
      <ReactFlow<TableNodeT, RelationEdgeT>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeMouseEnter={onNodeEnter}
        onNodeMouseLeave={onNodeLeave}
        onEdgeMouseEnter={onEdgeEnter}
        onEdgeMouseLeave={onEdgeLeave}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        onMoveEnd={onMoveEnd}
        connectionMode={ConnectionMode.Loose}
        nodesConnectable={false}
        edgesReconnectable={false}
        elevateEdgesOnSelect={false}
        onlyRenderVisibleElements
        colorMode={colorMode}
        minZoom={0.04}
        maxZoom={2}
        fitView
        fitViewOptions={FIT}
        attributionPosition="top-right"
        deleteKeyCode={null}
        aria-label="Schema diagram"
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="var(--tw-dots)" />
        <Panel position="bottom-right">
          <Overview nodes={baseNodes} />
        </Panel>
        <ZoomClass />
        <Controls showInteractive={false} fitViewOptions={FIT} aria-label="Zoom controls" />
      </ReactFlow>
    </div>
  );
}
