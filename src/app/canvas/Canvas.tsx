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
  useUpdateNodeInternals,
  type EdgeMouseHandler,
  type NodeChange,
  type NodeMouseHandler,
  type Viewport,
  type EdgeChange,
} from '@xyflow/react';
import { useApp } from '../store';
import { computeHighlight } from './highlight';
import { createEdgeProjection, createNodeProjection, type RelationEdge as RelationEdgeT, type TableNode as TableNodeT } from './projection';
import { TableNode } from './TableNode';
import { Overview } from './Overview';
import { CrowsFootMarkers, RelationEdge } from './RelationEdge';
import { AreaNode, NoteNode } from './DecorNodes';
import { createDecorProjection, type AreaNode as AreaNodeT, type NoteNode as NoteNodeT } from './decor';
import { setAreaMembers, updateArea, updateNote } from '../../core/commands';
import { useUi } from '../editor/ui';
import { ConnectLine } from '../editor/connect';
import { addTableAt } from '../editor/actions';
import { EditBar } from './EditBar';
import { FarCanvas } from './FarLayer';
import { ZoomBandContext, zoomBandOf, type ZoomBand } from './zoomBand';
import { useMigrationsUi } from '../migrations/store';
import { decodeTableMark } from '../../core/migrate/marks';

type CanvasNode = TableNodeT | AreaNodeT | NoteNodeT;

const nodeTypes = { table: TableNode, area: AreaNode, note: NoteNode };
const NO_EDGES: RelationEdgeT[] = [];
const NO_MARKS: Record<string, string> = {};
const shownMarks = (s: ReturnType<typeof useMigrationsUi.getState>) => (s.open && s.showChanges ? s.marks : NO_MARKS);

/** The migrations panel's table marks as change kinds, for the far-zoom canvas. */
function useFarChanges(): ReadonlyMap<string, 'added' | 'renamed' | 'changed'> {
  const marks = useMigrationsUi(shownMarks);
  return useMemo(() => {
    const out = new Map<string, 'added' | 'renamed' | 'changed'>();
    for (const [id, s] of Object.entries(marks)) {
      const kind = decodeTableMark(s)?.kinds[0];
      if (kind) out.set(id, kind);
    }
    return out;
  }, [marks]);
}
const MULTI_KEYS = ['Shift', 'Meta', 'Control'];

/** Which area (smallest containing the node's centre) owns each table after a drag. */
function areaMembership(doc: ReturnType<typeof useApp.getState>['doc'], nodes: { id: string; position: { x: number; y: number }; width?: number; height?: number }[]): Record<string, string[]> | null {
  const areas = Object.values(doc.layout.areas);
  if (!areas.length) return null;
  const members: Record<string, string[]> = {};
  for (const a of areas) members[a.id] = [...a.members];
  let changed = false;
  for (const n of nodes) {
    if (!doc.schema.tables[n.id]) continue;
    const cx = n.position.x + (n.width ?? 240) / 2;
    const cy = n.position.y + (n.height ?? 100) / 2;
    const owner = areas
      .filter((a) => cx >= a.x && cx <= a.x + a.width && cy >= a.y && cy <= a.y + a.height)
      .sort((a, b) => a.width * a.height - b.width * b.height)[0];
    for (const a of areas) {
      const has = members[a.id]!.includes(n.id);
      if (a === owner && !has) {
        members[a.id]!.push(n.id);
        changed = true;
      } else if (a !== owner && has) {
        members[a.id] = members[a.id]!.filter((x) => x !== n.id);
        changed = true;
      }
    }
  }
  return changed ? members : null;
}
const edgeTypes = { relation: RelationEdge };
const FIT = { padding: 0.12, maxZoom: 1.1 } as const;

/** Adds `selected` to the projected nodes; keeps each decorated object while its base node and flag are unchanged. */
function useDecoratedNodes<N extends CanvasNode>(base: N[], selection: string[]): N[] {
  const cache = useRef(new Map<string, { base: N; selected: boolean; node: N }>());
  return useMemo(() => {
    const sel = new Set(selection);
    const next = new Map<string, { base: N; selected: boolean; node: N }>();
    const out = base.map((n) => {
      const selected = sel.has(n.id);
      const hit = cache.current.get(n.id);
      const entry = hit && hit.base === n && hit.selected === selected ? hit : { base: n, selected, node: selected ? { ...n, selected: true, ...(n.type === 'table' ? { zIndex: 1 } : {}) } : n };
      next.set(n.id, entry);
      return entry.node;
    });
    cache.current = next;
    return out;
  }, [base, selection]);
}

/**
 * Adds the highlight flag to the projected edges. When every edge object is unchanged (a table dragged without
 * changing which sides its edges use) the previous array is returned: a new array makes React Flow rebuild its
 * connection lookup over all edges, which was most of the main-thread time of a drag in a 1,000-table diagram.
 */
function useDecoratedEdges(base: RelationEdgeT[], active: Set<string>): RelationEdgeT[] {
  const cache = useRef(new Map<string, { base: RelationEdgeT; on: boolean; edge: RelationEdgeT }>());
  const prev = useRef<RelationEdgeT[]>([]);
  return useMemo(() => {
    const next = new Map<string, { base: RelationEdgeT; on: boolean; edge: RelationEdgeT }>();
    const out = base.map((e) => {
      const on = active.has(e.data?.fkId ?? e.id);
      const hit = cache.current.get(e.id);
      const entry =
        hit && hit.base === e && hit.on === on
          ? hit
          : { base: e, on, edge: { ...e, ariaLabel: e.data?.label, zIndex: on ? 1 : 0, data: { ...e.data!, active: on } } };
      next.set(e.id, entry);
      return entry.edge;
    });
    cache.current = next;
    const last = prev.current;
    if (out.length === last.length && out.every((e, i) => e === last[i])) return last;
    prev.current = out;
    return out;
  }, [base, active]);
}

/** Zoom bands as classes on the canvas: CSS drops edge markers/dashes when zoomed out (they dominate paint time). */
const zoomBand = (s: ReactFlowState) => zoomBandOf(s.transform[2]);
function ZoomClass({ band }: { band: ZoomBand }) {
  useEffect(() => {
    const el = document.querySelector('.tw-canvas');
    el?.setAttribute('data-zoom', band);
  }, [band]);
  return null;
}

/** ELK is still working on a large diagram that is already drawn (quick layout): a quiet, non-blocking note. */
function Arranging() {
  const arranging = useApp((s) => s.arranging);
  if (!arranging) return null;
  return (
    <Panel position="top-right" style={{ marginTop: 28 }}>
      <div className="tw-arranging" role="status">
        <span className="tw-spinner" aria-hidden="true" />
        {arranging}
      </div>
    </Panel>
  );
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
  const projectDecor = useMemo(createDecorProjection, []);
  const decor = useMemo(() => projectDecor(layout), [projectDecor, layout]);

  const activeTables = useMemo(
    () => (hover.tableId && !selection.includes(hover.tableId) ? [...selection, hover.tableId] : selection),
    [hover.tableId, selection],
  );
  const highlight = useMemo(() => computeHighlight(schema, activeTables, hover.edgeId), [schema, activeTables, hover.edgeId]);
  const band = useFlowStore(zoomBand);
  const far = band === 'far';
  const farChanges = useFarChanges();
  const updateNodeInternals = useUpdateNodeInternals();
  const wasFar = useRef(far);
  useEffect(() => {
    // Leaving far zoom: the table nodes get their handle elements back; measure them (one batched update).
    if (wasFar.current && !far) {
      const raf = requestAnimationFrame(() => updateNodeInternals(useApp.getState().doc ? Object.keys(useApp.getState().doc.schema.tables) : []));
      wasFar.current = far;
      return () => cancelAnimationFrame(raf);
    }
    wasFar.current = far;
  }, [far, updateNodeInternals]);
  const tableNodes = useDecoratedNodes(baseNodes, selection);
  const areaNodes = useDecoratedNodes(decor.areas, selection);
  const noteNodes = useDecoratedNodes(decor.notes, selection);
  const nodes = useMemo<CanvasNode[]>(
    () => (areaNodes.length || noteNodes.length ? [...areaNodes, ...noteNodes, ...tableNodes] : tableNodes),
    [areaNodes, noteNodes, tableNodes],
  );
  useEffect(() => {
    useUi.setState({
      toFlow: (p) => flow.screenToFlowPosition(p),
      viewCenter: () => {
        const r = document.querySelector('.tw-canvas')?.getBoundingClientRect();
        return r ? flow.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
      },
    });
  }, [flow]);
  const edges = useDecoratedEdges(baseEdges, highlight.edges);

  // The drag in progress: where each dragged area and the tables it owns started (document positions).
  const drag = useRef<{ dragged: Set<string>; start: Map<string, { x: number; y: number }> } | null>(null);
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const moves: { id: string; x: number; y: number }[] = [];
      const d = drag.current;
      let sel: Set<string> | null = null;
      const { doc, apply } = useApp.getState();
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          const p = { x: Math.round(c.position.x), y: Math.round(c.position.y) };
          const decor = doc.layout.areas[c.id] ? 'area' : doc.layout.notes[c.id] ? 'note' : null;
          // The resizer moves the top-left corner and sends no `dragging` flag: that is a resize, not a move of the
          // members. A drag always carries `dragging` (false on its last change, which must still move the members).
          if (decor && c.dragging === undefined) apply(decor === 'area' ? updateArea(c.id, p) : updateNote(c.id, p));
          else {
            moves.push({ id: c.id, ...p });
            // An area's tables follow it from where they were when the drag started: absolute positions, so a
            // skipped or batched frame under load cannot leave them behind.
            const area = decor === 'area' ? doc.layout.areas[c.id] : undefined;
            const from = d?.start.get(c.id);
            if (area && from && d) {
              for (const m of area.members) {
                const ms = d.start.get(m);
                if (ms && !d.dragged.has(m)) moves.push({ id: m, x: ms.x + p.x - from.x, y: ms.y + p.y - from.y });
              }
            }
          }
        } else if (c.type === 'dimensions' && c.resizing && c.dimensions) {
          const dims = { width: Math.round(c.dimensions.width), height: Math.round(c.dimensions.height) };
          if (doc.layout.areas[c.id]) apply(updateArea(c.id, dims));
          else if (doc.layout.notes[c.id]) apply(updateNote(c.id, dims));
        } else if (c.type === 'select') {
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
  const onNodeDragStart = useCallback((_: unknown, __: CanvasNode, dragged: CanvasNode[]) => {
    const { doc, beginGesture, seal } = useApp.getState();
    // Everything until the pointer is released is one undo step (History gesture), whatever moves.
    beginGesture();
    const start = new Map<string, { x: number; y: number }>();
    for (const n of dragged) {
      const a = doc.layout.areas[n.id];
      if (!a) continue;
      start.set(a.id, { x: a.x, y: a.y });
      for (const m of a.members) {
        const p = doc.layout.nodes[m];
        if (p) start.set(m, { x: p.x, y: p.y });
      }
    }
    drag.current = { dragged: new Set(dragged.map((n) => n.id)), start };
    // Never leave a gesture open (it would swallow later edits into the drag's undo step).
    // After React Flow's own pointer-up handling (its drag end comes on mouseup, after pointerup).
    globalThis.addEventListener(
      'pointerup',
      () =>
        setTimeout(() => {
          if (!drag.current) return;
          drag.current = null;
          seal();
        }, 0),
      { once: true },
    );
  }, []);
  const onNodeDragStop = useCallback((_: unknown, __: CanvasNode, dragged: CanvasNode[]) => {
    const { doc, apply, seal } = useApp.getState();
    const members = areaMembership(doc, dragged);
    if (members) apply(setAreaMembers(members, `move:${dragged.map((n) => n.id).sort().join(',')}`));
    drag.current = null;
    seal();
  }, []);
  const onDoubleClick = useCallback((e: React.MouseEvent) => {
    const t = e.target as HTMLElement;
    if (!t.classList.contains('react-flow__pane')) return;
    const toFlow = useUi.getState().toFlow;
    const p = toFlow ? toFlow({ x: e.clientX, y: e.clientY }) : { x: 0, y: 0 };
    addTableAt({ x: p.x - 20, y: p.y - 20 });
  }, []);
  const onEdgesChange = useCallback((_: EdgeChange<RelationEdgeT>[]) => {}, []);
  const onNodeEnter: NodeMouseHandler<CanvasNode> = useCallback((_, n) => n.type === 'table' && setHover({ tableId: n.id }), [setHover]);
  const onNodeLeave: NodeMouseHandler<CanvasNode> = useCallback(() => setHover({ tableId: null }), [setHover]);
  const onEdgeEnter: EdgeMouseHandler<RelationEdgeT> = useCallback((_, e) => setHover({ edgeId: e.data?.fkId ?? e.id }), [setHover]);
  const onEdgeLeave: EdgeMouseHandler<RelationEdgeT> = useCallback(() => setHover({ edgeId: null }), [setHover]);
  const onEdgeClick: EdgeMouseHandler<RelationEdgeT> = useCallback((_, e) => setSelection([e.source, e.target].filter((v, i, a) => a.indexOf(v) === i)), [setSelection]);
  useEffect(() => {
    if (!focusRequest) return;
    const raf = requestAnimationFrame(() => void flow.fitView({ nodes: [{ id: focusRequest.id }], padding: 0.6, maxZoom: 1, minZoom: 0.5, duration: 300 }));
    return () => cancelAnimationFrame(raf);
  }, [focusRequest, flow]);
  // While the view pans or zooms, the far-zoom hit boxes are skipped by rendering and hit testing (CSS
  // content-visibility): what you see there is the canvas layer, and 2,000 boxes cost ~10 ms a frame.
  const root = useRef<HTMLDivElement>(null);
  const onMoveStart = useCallback(() => root.current?.setAttribute('data-moving', ''), []);
  const onMoveEnd = useCallback(
    (_: unknown, v: Viewport) => {
      root.current?.removeAttribute('data-moving');
      setViewport(v);
    },
    [setViewport],
  );
  const onPaneClick = useCallback(() => setSelection([]), [setSelection]);

  useEffect(() => {
    if (fitRequest === 0) return;
    const raf = requestAnimationFrame(() => void flow.fitView({ ...FIT, duration: 250 }));
    return () => cancelAnimationFrame(raf);
  }, [fitRequest, flow]);

  return (
    <div className="tw-canvas" data-testid="canvas" onDoubleClick={onDoubleClick} ref={root}>
      <CrowsFootMarkers />
      <ConnectLine />
      <ZoomBandContext.Provider value={band}>
      <ReactFlow<CanvasNode, RelationEdgeT>
        nodes={nodes}
        edges={far ? NO_EDGES : edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStart={onNodeDragStart}
        onNodeDragStop={onNodeDragStop}
        zoomOnDoubleClick={false}
        multiSelectionKeyCode={MULTI_KEYS}
        selectionKeyCode="Shift"
        elevateNodesOnSelect={false}
        onEdgesChange={onEdgesChange}
        onNodeMouseEnter={onNodeEnter}
        onNodeMouseLeave={onNodeLeave}
        onEdgeMouseEnter={onEdgeEnter}
        onEdgeMouseLeave={onEdgeLeave}
        onEdgeClick={onEdgeClick}
        onPaneClick={onPaneClick}
        onMoveStart={onMoveStart}
        onMoveEnd={onMoveEnd}
        connectionMode={ConnectionMode.Loose}
        nodesConnectable={false}
        edgesReconnectable={false}
        elevateEdgesOnSelect={false}
        onlyRenderVisibleElements
        colorMode={colorMode}
        minZoom={0.02}
        maxZoom={2}
        fitView
        fitViewOptions={FIT}
        attributionPosition="top-right"
        deleteKeyCode={null}
        aria-label="Schema diagram"
      >
        {far ? null : <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} color="var(--tw-dots)" />}
        {far ? <FarCanvas nodes={baseNodes} edges={baseEdges} active={highlight.edges} selection={selection} changes={farChanges} colorMode={colorMode} /> : null}
        <Panel position="top-left">
          <EditBar />
        </Panel>
        <Arranging />
        <Panel position="bottom-right">
          <Overview nodes={baseNodes} />
        </Panel>
        <ZoomClass band={band} />
        <Controls showInteractive={false} fitViewOptions={FIT} aria-label="Zoom controls" />
      </ReactFlow>
      </ZoomBandContext.Provider>
    </div>
  );
}
