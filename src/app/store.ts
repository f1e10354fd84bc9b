/**
 * App state. The document (schema + layout) is the source of truth; selection, hover, viewport and UI state live
 * beside it, never inside it.
 */
import { create } from 'zustand';
import { produce } from 'immer';
import type { Viewport } from '@xyflow/react';
import type { Diagnostic } from '../core/model/diagnostics';
import type { Id, SchemaModel } from '../core/model/types';
import type { Layout } from '../core/model/layout';
import { emptyLayout } from '../core/model/layout';
import { documentFromModel, newDocument, type TablewrightDocument } from '../core/document/document';
import { createEdgeProjection, createNodeProjection } from './canvas/projection';
import { importSqlInWorker, layoutInWorker } from './workers/clients';
import type { ImportStats } from './workers/protocol';
import { History, applyLayout, moveNodes as moveNodesCmd, type Command } from '../core/commands';
import { quickLayout } from '../core/layout/quick';

/** The one undo history of the open document (patches only; selection and viewport never enter it). */
export const history = new History(500, 1000);

export type ThemeChoice = 'system' | 'light' | 'dark';

export interface ImportReport {
  name: string;
  stats: ImportStats;
  diagnostics: Diagnostic[];
}

export interface AppState {
  doc: TablewrightDocument;
  lastImport: ImportReport | null;
  selection: Id[];
  hover: { tableId: Id | null; edgeId: string | null };
  viewport: Viewport;
  theme: ThemeChoice;
  /** A long-running task in progress ("Importing SQL…"), shown as an overlay. */
  busy: string | null;
  error: string | null;
  /** ELK is still arranging a large diagram drawn with the quick layout (not blocking; shown on the canvas). */
  arranging: string | null;
  /** Incremented to ask the canvas to fit the view (after import / layout / on request). */
  fitRequest: number;
  /** Asks the canvas to bring one table into view (from the inspector). */
  focusRequest: { id: Id; n: number } | null;

  newDiagram(): void;
  importSql(sql: string, name?: string): Promise<{ ok: boolean; error?: string }>;
  loadModel(model: SchemaModel, name: string): Promise<void>;
  /** ELK layout of the whole diagram, or of the given tables only (at least two; the rest stays put). */
  autoLayout(ids?: readonly Id[]): Promise<void>;
  moveNodes(moves: { id: Id; x: number; y: number }[]): void;
  setSelection(ids: Id[]): void;
  /** Select a table and bring it into view. */
  focusTable(id: Id): void;
  setHover(hover: Partial<AppState['hover']>): void;
  setViewport(v: Viewport): void;
  setTheme(t: ThemeChoice): void;
  requestFit(): void;
  dismissError(): void;
  /** Show a stored or opened document as it is (persistence): fresh history, no import, no save triggered here. */
  openDocument(doc: TablewrightDocument): void;
  /** Rename the open diagram (an undoable command). */
  renameDocument(name: string): void;

  /** Bumped on every history change, so undo/redo buttons re-render. */
  historyTick: number;
  /** Apply a named command through History (the only way the editor changes the document). */
  apply(cmd: Command): { changed: boolean; error?: string };
  undo(): void;
  redo(): void;
  /** End the current merge group (drag stop, input blur). */
  seal(): void;
  /** A drag starts: every change until seal() is one undo step. */
  beginGesture(): void;
}

const THEME_KEY = 'tablewright.theme';

/** Id of the document the history belongs to; a different document (new, import, open) starts a fresh history. */
let historyDocId: string | null = null;

/** True when the recorded history belongs to this document (a newly loaded one starts fresh on its first edit). */
export function historyIsLive(docId: string): boolean {
  return historyDocId === docId;
}

function initialTheme(): ThemeChoice {
  try {
    const t = globalThis.localStorage?.getItem(THEME_KEY);
    if (t === 'light' || t === 'dark' || t === 'system') return t;
  } catch {
    /* storage unavailable */
  }
  return 'system';
}

/** Tables (sizes) and relationships for a layout pass; `only`: just these tables and the edges among them. */
function layoutInput(model: SchemaModel, only?: ReadonlySet<Id>) {
  const all = createNodeProjection()(model, emptyLayout());
  const edges = createEdgeProjection()(model, all);
  const nodes = only ? all.filter((n) => only.has(n.id)) : all;
  return {
    nodes: nodes.map((n) => ({ id: n.id, width: n.width ?? 240, height: n.height ?? 100 })),
    edges: edges.filter((e) => !only || (only.has(e.source) && only.has(e.target))).map((e) => ({ id: e.id, source: e.source, target: e.target })),
  };
}

/** Above this many tables a new diagram is drawn at once with the quick layout, and ELK's layout follows. */
const QUICK_FIRST = 80;
let arrangeToken = 0;

function withPositions(base: Layout, ids: readonly { id: Id }[], positions: Record<string, { x: number; y: number }>): Layout {
  return produce(base, (d) => {
    for (const n of ids) {
      const p = positions[n.id] ?? { x: 0, y: 0 };
      const prev = d.nodes[n.id];
      d.nodes[n.id] = prev ? { ...prev, x: p.x, y: p.y } : { x: p.x, y: p.y };
    }
  });
}

/** Positions from the linear-time layered layout (synchronous, for the first frame of a large diagram). */
function quickArrange(model: SchemaModel, base: Layout): Layout {
  const { nodes, edges } = layoutInput(model);
  return withPositions(base, nodes, quickLayout(nodes, edges));
}

/** Positions for every table from ELK (in the layout worker), keeping colours and other layout records. */
async function computeLayout(model: SchemaModel, base: Layout): Promise<Layout> {
  const { nodes, edges } = layoutInput(model);
  if (nodes.length === 0) return base;
  const res = await layoutInWorker(nodes, edges);
  if (!res.ok) throw new Error(`Auto-layout failed: ${res.error}`);
  return withPositions(base, nodes, res.positions);
}

/**
 * A new diagram's layout. Small diagrams wait for ELK. Large ones get the quick layout now (drawn at once) and ELK's
 * result when it arrives — unless the document changed meanwhile (the user's edits and moves win).
 */
async function arrangeNew(model: SchemaModel, install: (layout: Layout) => TablewrightDocument): Promise<void> {
  const count = Object.keys(model.tables).length;
  if (count <= QUICK_FIRST) {
    install(await computeLayout(model, emptyLayout()));
    return;
  }
  const first = install(quickArrange(model, emptyLayout()));
  const token = ++arrangeToken;
  useApp.setState({ arranging: `Arranging ${count.toLocaleString('en-US')} tables…` });
  try {
    const layout = await computeLayout(model, first.layout);
    if (useApp.getState().doc === first) useApp.setState((s) => ({ doc: { ...first, layout }, fitRequest: s.fitRequest + 1 }));
  } catch {
    /* the quick layout stays: it is a complete layout */
  } finally {
    if (token === arrangeToken) useApp.setState({ arranging: null });
  }
}

export const useApp = create<AppState>()((set, get) => ({
  doc: newDocument(),
  lastImport: null,
  selection: [],
  hover: { tableId: null, edgeId: null },
  viewport: { x: 0, y: 0, zoom: 1 },
  theme: initialTheme(),
  busy: null,
  arranging: null,
  error: null,
  fitRequest: 0,
  focusRequest: null,
  historyTick: 0,

  newDiagram() {
    set({ doc: newDocument(), lastImport: null, selection: [], hover: { tableId: null, edgeId: null }, error: null });
  },

  async importSql(sql, name = 'Imported schema') {
    set({ busy: 'Importing SQL…', error: null });
    try {
      const res = await importSqlInWorker(sql);
      if (!res.ok) {
        set({ busy: null, error: `Import failed: ${res.error}` });
        return { ok: false, error: res.error };
      }
      set({ busy: 'Arranging tables…' });
      await arrangeNew(res.model, (layout) => {
        const doc = documentFromModel(res.model, name, layout);
        set((s) => ({
          doc,
          lastImport: { name, stats: res.stats, diagnostics: res.diagnostics },
          selection: [],
          hover: { tableId: null, edgeId: null },
          busy: null,
          fitRequest: s.fitRequest + 1,
        }));
        return doc;
      });
      return { ok: true };
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      set({ busy: null, error });
      return { ok: false, error };
    }
  },

  async loadModel(model, name) {
    set({ busy: 'Arranging tables…', error: null });
    try {
      await arrangeNew(model, (layout) => {
        const doc = documentFromModel(model, name, layout);
        set((s) => ({ doc, lastImport: null, selection: [], busy: null, fitRequest: s.fitRequest + 1 }));
        return doc;
      });
    } catch (e) {
      set({ busy: null, error: e instanceof Error ? e.message : String(e) });
    }
  },

  async autoLayout(ids) {
    const { doc } = get();
    const only = ids ? new Set(ids.filter((id) => doc.schema.tables[id])) : undefined;
    if (only && only.size < 2) return;
    set({ busy: 'Arranging tables…', error: null });
    try {
      let positions: Record<Id, { x: number; y: number }> = {};
      if (only) {
        // The selection only: laid out on its own, its top-left corner kept where it was.
        const { nodes, edges } = layoutInput(doc.schema, only);
        const res = await layoutInWorker(nodes, edges);
        if (!res.ok) throw new Error(`Auto-layout failed: ${res.error}`);
        let x0 = Infinity;
        let y0 = Infinity;
        let nx = Infinity;
        let ny = Infinity;
        for (const id of only) {
          const l = doc.layout.nodes[id];
          const p = res.positions[id];
          if (l) (x0 = Math.min(x0, l.x)), (y0 = Math.min(y0, l.y));
          if (p) (nx = Math.min(nx, p.x)), (ny = Math.min(ny, p.y));
        }
        if (!Number.isFinite(x0)) (x0 = 0), (y0 = 0);
        for (const [id, p] of Object.entries(res.positions)) positions[id] = { x: Math.round(p.x - nx + x0), y: Math.round(p.y - ny + y0) };
      } else {
        const layout = await computeLayout(doc.schema, doc.layout);
        for (const [id, n] of Object.entries(layout.nodes)) positions[id] = { x: n.x, y: n.y };
      }
      if (get().doc.schema === doc.schema) {
        get().apply(applyLayout(positions, only ? `Arrange ${only.size} tables` : 'Auto-layout'));
        set((s) => ({ busy: null, ...(only ? {} : { fitRequest: s.fitRequest + 1 }) }));
      } else set({ busy: null });
    } catch (e) {
      set({ busy: null, error: e instanceof Error ? e.message : String(e) });
    }
  },

  moveNodes(moves) {
    if (moves.length === 0) return;
    const { doc } = get();
    const positions: Record<Id, { x: number; y: number }> = {};
    for (const m of moves) {
      const prev = doc.layout.nodes[m.id] ?? doc.layout.areas[m.id] ?? doc.layout.notes[m.id];
      if (prev && prev.x === m.x && prev.y === m.y) continue;
      positions[m.id] = { x: m.x, y: m.y };
    }
    if (Object.keys(positions).length) get().apply(moveNodesCmd(positions));
  },

  apply(cmd) {
    const s = get();
    if (historyDocId !== s.doc.id) {
      history.clear();
      historyDocId = s.doc.id;
    }
    const r = history.apply(s.doc, cmd);
    if (r.error) set({ error: r.error });
    else if (r.changed) set((st) => ({ doc: r.doc, historyTick: st.historyTick + 1 }));
    return { changed: r.changed, ...(r.error ? { error: r.error } : {}) };
  },

  undo() {
    const s = get();
    if (historyDocId !== s.doc.id || !history.canUndo) return;
    const doc = history.undo(s.doc);
    set((st) => ({ doc, historyTick: st.historyTick + 1, selection: st.selection.filter((id) => doc.schema.tables[id] || doc.layout.areas[id] || doc.layout.notes[id]) }));
  },

  redo() {
    const s = get();
    if (historyDocId !== s.doc.id || !history.canRedo) return;
    const doc = history.redo(s.doc);
    set((st) => ({ doc, historyTick: st.historyTick + 1, selection: st.selection.filter((id) => doc.schema.tables[id] || doc.layout.areas[id] || doc.layout.notes[id]) }));
  },

  seal() {
    history.seal();
  },

  beginGesture() {
    history.beginGesture();
  },

  setSelection(ids) {
    const cur = get().selection;
    if (cur.length === ids.length && cur.every((x, i) => x === ids[i])) return;
    set({ selection: ids });
  },

  focusTable(id) {
    set((s) => ({ selection: [id], focusRequest: { id, n: (s.focusRequest?.n ?? 0) + 1 } }));
  },

  setHover(hover) {
    const cur = get().hover;
    const next = { ...cur, ...hover };
    if (next.tableId === cur.tableId && next.edgeId === cur.edgeId) return;
    set({ hover: next });
  },

  setViewport(viewport) {
    set({ viewport });
  },

  setTheme(theme) {
    try {
      globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      /* storage unavailable */
    }
    set({ theme });
  },

  requestFit() {
    set((s) => ({ fitRequest: s.fitRequest + 1 }));
  },

  dismissError() {
    set({ error: null });
  },

  openDocument(doc) {
    history.clear();
    historyDocId = doc.id;
    set((s) => ({ doc, lastImport: null, selection: [], hover: { tableId: null, edgeId: null }, error: null, busy: null, historyTick: s.historyTick + 1 }));
  },

  renameDocument(name) {
    get().apply({ label: `Rename diagram → ${name}`, run: (d) => void (d.name = name) });
  },
}));
