/**
 * Two-way sync between the SQL pane's text and the diagram.
 *
 * SQL → Canvas: edits are debounced (300 ms), parsed in the pane's worker, and applied as one undoable command that
 * keeps the layout of every table it can match (src/core/document/reconcile.ts). When the text has errors and
 * applying it would lose something the diagram shows (a table, a column, a relationship), the last good diagram
 * stays; otherwise everything that parsed is shown.
 * Canvas → SQL: a schema change that did not come from the text regenerates the text (exportDdl) unless the
 * editor has focus or holds unapplied edits; then the pane offers "Update SQL" instead.
 */
import { nextTask } from '../tasks';
import { create } from 'zustand';
import { produce } from 'immer';
import type { Diagnostic } from '../../core/model/diagnostics';
import type { Id, SchemaModel } from '../../core/model/types';
import type { Layout } from '../../core/model/layout';
import type { Command } from '../../core/commands/history';
import { reconcileLayout } from '../../core/document/reconcile';
import { useApp
 } from '../store';
import { createEdgeProjection, createNodeProjection, prewarmCanvas } from '../canvas/projection';
import { countSchema } from '../components/StatusBar';
import { layoutInWorker } from '../workers/clients';
import type { ImportStats } from '../workers/protocol';
import { cancelParse, exportSql, parseSql } from './parser';

export type Direction = 'sql' | 'canvas';
export type SyncStatus = 'idle' | 'parsing' | 'synced' | 'errors' | 'held' | 'cancelled' | 'failed';
export type ImportMode = 'replace' | 'merge';

export interface SqlPaneState {
  open: boolean;
  /** Pane height in px. */
  size: number;
  /** The editor text (Monaco holds the live copy while the pane is open). */
  text: string;
  /** Bumped when the text is replaced from outside the editor (canvas → SQL, file import). */
  textVersion: number;
  direction: Direction | null;
  status: SyncStatus;
  message: string | null;
  /** A parse in progress (for the progress bar). */
  parse: { startedAt: number; bytes: number; label: string } | null;
  diagnostics: Diagnostic[];
  /** null: the diagnostics point into the editor text; else the name of the file they came from. */
  diagSource: string | null;
  /** The text holds edits the diagram does not show (typing not yet applied, or errors). */
  dirty: boolean;
  /** The diagram changed while the editor was busy: "Update SQL" regenerates the text. */
  canvasAhead: boolean;
  /** A dropped / opened file waiting for "replace" or "merge". */
  pendingFile: { name: string; text: string } | null;
}

const SIZE_KEY = 'tablewright.sqlPane.size';
const OPEN_KEY = 'tablewright.sqlPane.open';
const stored = (k: string) => {
  try {
    return globalThis.localStorage?.getItem(k) ?? null;
  } catch {
    return null;
  }
};

export const useSqlPane = create<SqlPaneState>()(() => ({
  open: stored(OPEN_KEY) === '1',
  size: Math.max(160, Number(stored(SIZE_KEY)) || 320),
  text: '',
  textVersion: 0,
  direction: null,
  status: 'idle',
  message: null,
  parse: null,
  diagnostics: [],
  diagSource: null,
  dirty: false,
  canvasAhead: false,
  pendingFile: null,
}));

const setPane = (p: Partial<SqlPaneState>) => useSqlPane.setState(p);

/** What the mounted editor exposes to the sync logic. */
export interface EditorPort {
  getText(): string;
  hasFocus(): boolean;
}
let port: EditorPort | null = null;
export function attachEditor(p: EditorPort): () => void {
  port = p;
  return () => {
    if (port === p) {
      setPane({ text: p.getText() });
      port = null;
    }
  };
}

/** The schema object the text currently describes (set when text was applied or regenerated). */
let appliedSchema: SchemaModel | null = null;
/** exportDdl of the last applied model (from the worker), to skip re-applying text that changes nothing. */
let appliedDdl: string | undefined;
let stale = true;
/** True while the pane itself puts a model on the diagram (not a canvas edit). */
let committing = false;
let debounce: ReturnType<typeof setTimeout> | undefined;
let regenTimer: ReturnType<typeof setTimeout> | undefined;

export function setPaneOpen(open: boolean): void {
  try {
    globalThis.localStorage?.setItem(OPEN_KEY, open ? '1' : '0');
  } catch {
    /* storage unavailable */
  }
  setPane({ open });
  if (open && stale && !useSqlPane.getState().dirty) void regenerate();
}
export const togglePane = () => setPaneOpen(!useSqlPane.getState().open);

export function setPaneSize(size: number): void {
  const s = Math.round(Math.min(Math.max(size, 120), Math.max(200, (globalThis.innerHeight ?? 900) - 160)));
  setPane({ size: s });
  try {
    globalThis.localStorage?.setItem(SIZE_KEY, String(s));
  } catch {
    /* storage unavailable */
  }
}

// ---------------------------------------------------------------------------------------------- canvas → SQL

let regenSeq = 0;
/** Replace the editor text with the DDL of the current diagram (exported in the worker). */
export async function regenerate(): Promise<void> {
  clearTimeout(regenTimer);
  const schema = useApp.getState().doc.schema;
  const my = ++regenSeq;
  const res = await exportSql(schema);
  if (my !== regenSeq) return;
  const st = useSqlPane.getState();
  if (!res.ok || st.dirty || st.parse) {
    setPane({ canvasAhead: true });
    return;
  }
  appliedSchema = schema;
  appliedDdl = res.sql;
  stale = useApp.getState().doc.schema !== schema;
  setPane({ text: res.sql, textVersion: st.textVersion + 1, direction: 'canvas', dirty: false, canvasAhead: stale, diagnostics: [], diagSource: null, status: 'synced', message: null });
}

function onCanvasChanged(): void {
  const st = useSqlPane.getState();
  if (!st.open) {
    stale = true;
    if (st.dirty) setPane({ canvasAhead: true });
    return;
  }
  if (st.dirty || port?.hasFocus() || st.parse) {
    setPane({ canvasAhead: true });
    return;
  }
  clearTimeout(regenTimer);
  regenTimer = setTimeout(() => {
    const s = useSqlPane.getState();
    if (s.dirty || port?.hasFocus() || s.parse) setPane({ canvasAhead: true });
    else void regenerate();
  }, 120);
}

/** The editor lost focus: catch up with canvas edits made meanwhile (when the text has nothing unapplied). */
export function editorBlurred(): void {
  const st = useSqlPane.getState();
  if (st.canvasAhead && !st.dirty && !st.parse) void regenerate();
}

let subscribed = false;
/** Start following the diagram (idempotent). */
export function startSync(): void {
  if (subscribed) return;
  subscribed = true;
  useApp.subscribe((s, prev) => {
    if (s.doc.schema === prev.doc.schema || s.doc.schema === appliedSchema || committing) return;
    onCanvasChanged();
  });
}

// ---------------------------------------------------------------------------------------------- SQL → canvas

/** The user edited the text (`immediate`: a paste, which is one discrete change — no need to wait for more). */
export function textEdited(immediate = false): void {
  if (!useSqlPane.getState().dirty) setPane({ dirty: true });
  if (immediatePending && !immediate) return;
  clearTimeout(debounce);
  immediatePending = immediate;
  debounce = setTimeout(() => {
    immediatePending = false;
    void runTextImport();
  }, immediate ? 0 : 300);
}
let immediatePending = false;

let running = false;
let rerun = false;

async function runTextImport(): Promise<void> {
  if (running) {
    rerun = true;
    return;
  }
  running = true;
  try {
    do {
      rerun = false;
      const text = port?.getText() ?? useSqlPane.getState().text;
      setPane({ text, status: 'parsing', parse: { startedAt: performance.now(), bytes: text.length, label: 'Parsing SQL' } });
      const known = appliedDdl !== undefined && useApp.getState().doc.schema === appliedSchema ? appliedDdl : undefined;
      const res = await parseSql(text, { fingerprint: true, ...(known !== undefined ? { unchangedIf: known } : {}) });
      if (rerun) continue;
      setPane({ parse: null });
      if (!res.ok) {
        setPane('cancelled' in res ? { status: 'cancelled', message: 'Parsing cancelled — the diagram still shows the last applied SQL.' } : { status: 'failed', message: res.error });
        break;
      }
      const errors = res.diagnostics.filter((d) => d.severity === 'error').length;
      setPane({ diagnostics: res.diagnostics, diagSource: null });
      const app = useApp.getState();
      if (res.unchanged || (res.ddl !== undefined && res.ddl === appliedDdl && app.doc.schema === appliedSchema)) {
        if (res.unchanged && app.doc.schema !== appliedSchema) {
          // The diagram moved on while this parse ran: parse again with the full answer.
          rerun = true;
          continue;
        }
        setPane({ dirty: errors > 0, status: errors ? 'errors' : 'synced', message: null, direction: 'sql' });
        continue;
      }
      if (errors && losesContent(app.doc.schema, res.model)) {
        setPane({ status: 'held', message: `${errors === 1 ? '1 error' : `${errors} errors`} — the diagram keeps its last good version until the SQL parses.` });
        continue;
      }
      const ok = await commitModel(res.model, { label: 'Edit SQL', mergeKey: 'sql-pane-text', report: { name: 'SQL pane', stats: res.stats, diagnostics: res.diagnostics } });
      if (ok) {
        appliedDdl = res.ddl;
        setPane({ dirty: errors > 0, direction: 'sql', status: errors ? 'errors' : 'synced', message: errors ? `${errors === 1 ? '1 error' : `${errors} errors`} — everything else is on the diagram.` : null });
      }
    } while (rerun);
  } finally {
    running = false;
  }
}

/** Cancel the running parse (terminates the worker). */
export function cancelRunningParse(): void {
  clearTimeout(debounce);
  rerun = false;
  cancelParse();
  setPane({ parse: null });
}

/** Would showing `next` instead of `cur` drop a table, a column or a relationship? */
export function losesContent(cur: SchemaModel, next: SchemaModel): boolean {
  const sig = (m: SchemaModel) => {
    const out = new Map<string, { cols: number; fks: number }>();
    for (const t of Object.values(m.tables)) {
      const key = `${m.schemas[t.schemaId]?.name ?? 'public'}.${t.name}`;
      out.set(key, { cols: t.columns.length, fks: t.constraints.filter((c) => c.kind === 'foreign').length });
    }
    return out;
  };
  const a = sig(cur);
  const b = sig(next);
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.cols < v.cols || w.fks < v.fks) return true;
  }
  return Object.keys(next.views).length < Object.keys(cur.views).length;
}

// ---------------------------------------------------------------------------------------------- commit

export { nextTask };

function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const x of Object.values(v as Record<string, unknown>)) deepFreeze(x);
}

/**
 * Freeze a fresh model from the worker ahead of the commit, a slice of tables per task. The history (immer) freezes
 * what it stores and skips what is already frozen, so the commit task no longer pays for a deep freeze of
 * thousands of tables.
 */
async function prefreeze(model: SchemaModel, budgetMs = 12): Promise<void> {
  let t0 = performance.now();
  for (const key of Object.keys(model) as (keyof SchemaModel)[]) {
    const rec = model[key];
    if (rec === null || typeof rec !== 'object' || Object.isFrozen(rec)) continue;
    for (const v of Object.values(rec as Record<string, unknown>)) {
      deepFreeze(v);
      if (performance.now() - t0 > budgetMs) {
        await nextTask();
        t0 = performance.now();
      }
    }
    Object.freeze(rec);
  }
  Object.freeze(model);
}

function importCommand(schema: SchemaModel, layout: Layout, label: string, mergeKey?: string): Command {
  return {
    label,
    ...(mergeKey ? { mergeKey } : {}),
    run(d) {
      d.schema = schema;
      d.layout = layout;
    },
  };
}

const ARRANGE_BEFORE_COMMIT = 150;

async function elkPositions(model: SchemaModel): Promise<Record<Id, { x: number; y: number }> | null> {
  const layout: Layout = { nodes: {}, areas: {}, notes: {} };
  const nodes = createNodeProjection()(model, layout);
  if (nodes.length === 0) return {};
  const edges = createEdgeProjection()(model, nodes);
  const res = await layoutInWorker(
    nodes.map((n) => ({ id: n.id, width: n.width ?? 240, height: n.height ?? 100 })),
    edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
  );
  return res.ok ? res.positions : null;
}

/** Fresh tables in a grid to the right of (or, on an empty diagram, at) the existing ones. */
function gridPositions(model: SchemaModel, layout: Layout, fresh: Id[]): Record<Id, { x: number; y: number }> {
  let maxX = -Infinity;
  let minY = Infinity;
  for (const n of Object.values(layout.nodes)) {
    maxX = Math.max(maxX, n.x + 280);
    minY = Math.min(minY, n.y);
  }
  const x0 = Number.isFinite(maxX) ? maxX + 120 : 0;
  const y0 = Number.isFinite(minY) ? minY : 0;
  const perCol = Math.max(4, Math.ceil(Math.sqrt(fresh.length) * 0.8));
  const out: Record<Id, { x: number; y: number }> = {};
  let col = 0;
  let y = y0;
  let i = 0;
  for (const id of fresh) {
    // Partitions are drawn inside their parent's node, not as nodes of their own.
    const t = model.tables[id];
    if (t?.partitionOf && model.tables[t.partitionOf.parentId]) continue;
    if (i > 0 && i % perCol === 0) {
      col++;
      y = y0;
    }
    out[id] = { x: x0 + col * 340, y };
    const cols = model.tables[id]?.columns.length ?? 3;
    y += 56 + Math.min(cols, 30) * 26 + 48;
    i++;
  }
  return out;
}

/**
 * Put `model` on the diagram as one undo step, keeping the layout of every table that matches one already there.
 * Tables with no match are placed by ELK (small imports: before the commit; large ones: just after, so the
 * diagram appears at once).
 */
export async function commitModel(
  model: SchemaModel,
  opts: { label: string; mergeKey?: string; report?: { name: string; stats: ImportStats; diagnostics: Diagnostic[] } },
): Promise<boolean> {
  const big = Object.keys(model.tables).length > ARRANGE_BEFORE_COMMIT;
  if (big) {
    await nextTask();
    await prefreeze(model);
  }
  const before = useApp.getState().doc;
  const pre = reconcileLayout(before, model);
  const emptyMatch = Object.keys(pre.matched).length === 0;
  let positions: Record<Id, { x: number; y: number }> | null = null;
  if (pre.fresh.length && emptyMatch && pre.fresh.length <= ARRANGE_BEFORE_COMMIT) positions = await elkPositions(model).catch(() => null);
  let app = useApp.getState();
  let r = app.doc === before ? pre : reconcileLayout(app.doc, model);
  const placeLater = r.fresh.length > 0 && !positions && Object.keys(r.matched).length === 0;
  const place = (rr: typeof r) => {
    const grid = gridPositions(model, rr.layout, rr.fresh.filter((id) => !positions?.[id]));
    for (const id of rr.fresh) {
      const p = positions?.[id] ?? grid[id];
      if (p) rr.layout.nodes[id] = { x: p.x, y: p.y };
    }
  };
  place(r);
  if (big) {
    // Nodes built ahead in slices; the commit (and the canvas render it triggers) gets a task of its own.
    await prewarmCanvas(model, r.layout, nextTask);
    countSchema(model);
    await nextTask();
    app = useApp.getState();
    if (app.doc.schema !== before.schema || app.doc.layout !== before.layout) {
      r = reconcileLayout(app.doc, model);
      place(r);
    }
  }
  const layout = r.layout;
  committing = true;
  let res: ReturnType<typeof app.apply>;
  try {
    res = app.apply(importCommand(model, layout, opts.label, opts.mergeKey));
  } finally {
    committing = false;
  }
  if (res.error) {
    setPane({ status: 'failed', message: res.error });
    return false;
  }
  const doc = useApp.getState().doc;
  appliedSchema = doc.schema;
  const oldToNew = new Map<Id, Id>();
  for (const [n, o] of Object.entries(r.matched)) oldToNew.set(o, n);
  useApp.setState((s) => ({
    selection: s.selection.map((id) => oldToNew.get(id) ?? (doc.layout.areas[id] || doc.layout.notes[id] ? id : '')).filter(Boolean),
    hover: { tableId: null, edgeId: null },
    ...(opts.report ? { lastImport: opts.report } : {}),
    // A large import is fitted once ELK has placed it (fitting the interim grid would draw every node twice).
    ...(emptyMatch && r.fresh.length && !placeLater ? { fitRequest: s.fitRequest + 1 } : {}),
  }));
  if (placeLater) setTimeout(() => void arrangeLater(doc.schema), 50);
  return true;
}

/** ELK for a large import that was committed with grid positions; skipped when the diagram changed meanwhile. */
async function arrangeLater(schema: SchemaModel): Promise<void> {
  const positions = await elkPositions(schema).catch(() => null);
  if (!positions) return;
  const s = useApp.getState();
  if (s.doc.schema !== schema) return;
  // Part of the import (not a separate undo step): undoing the import restores the previous layout wholesale.
  const place = (layout: Layout) =>
    produce(layout, (d) => {
      for (const [id, p] of Object.entries(positions)) {
        const prev = d.nodes[id];
        d.nodes[id] = prev ? { ...prev, x: p.x, y: p.y } : { x: p.x, y: p.y };
      }
    });
  const layout = place(s.doc.layout);
  // Every node moves: build them in slices first, so the render that shows them is short.
  await prewarmCanvas(schema, layout, nextTask);
  const cur = useApp.getState().doc;
  if (cur.schema !== schema) return;
  // Something else of the document may have changed meanwhile (a saved version): keep it.
  const doc = Object.freeze({ ...cur, layout: cur.layout === s.doc.layout ? layout : place(cur.layout) });
  useApp.setState((st) => ({ doc, fitRequest: st.fitRequest + 1 }));
}

// ---------------------------------------------------------------------------------------------- files

export function offerFile(name: string, text: string): void {
  setPane({ pendingFile: { name, text } });
}

export async function readAndOfferFile(file: File): Promise<void> {
  const text = await file.text();
  offerFile(file.name, text);
}

/** Import a file's SQL: replace the diagram (the text goes into the pane) or merge it into the diagram. */
export async function importFile(name: string, text: string, mode: ImportMode): Promise<boolean> {
  cancelRunningParse();
  setPane({ pendingFile: null, open: true, status: 'parsing', parse: { startedAt: performance.now(), bytes: text.length, label: `Importing ${name}` } });
  const into = mode === 'merge' ? useApp.getState().doc.schema : undefined;
  const res = await parseSql(text, { fingerprint: true, ...(into ? { into } : {}) });
  setPane({ parse: null });
  if (!res.ok) {
    setPane('cancelled' in res ? { status: 'cancelled', message: `Import of ${name} cancelled.` } : { status: 'failed', message: res.error });
    return false;
  }
  const ok = await commitModel(res.model, { label: `${mode === 'merge' ? 'Merge' : 'Import'} ${name}`, report: { name, stats: res.stats, diagnostics: res.diagnostics } });
  if (!ok) return false;
  const errors = res.diagnostics.filter((d) => d.severity === 'error').length;
  if (mode === 'replace') {
    appliedDdl = res.ddl;
    stale = false;
    const st = useSqlPane.getState();
    setPane({ text, textVersion: st.textVersion + 1, direction: 'sql', dirty: errors > 0, canvasAhead: false, diagnostics: res.diagnostics, diagSource: null, status: errors ? 'errors' : 'synced', message: null });
  } else {
    setPane({ dirty: false });
    await regenerate();
    setPane({ diagnostics: res.diagnostics, diagSource: res.diagnostics.length ? name : null });
  }
  return true;
}

/**
 * Put an already parsed (and possibly filtered) model on the diagram from the import dialog: `replace` swaps the
 * diagram's schema for it, `merge` adds its DDL on top of the diagram (parsed in the worker). One undo step either
 * way; the SQL pane then shows the diagram's DDL.
 */
export async function importModel(model: SchemaModel, opts: { name: string; mode: ImportMode; stats: ImportStats; diagnostics: Diagnostic[] }): Promise<{ ok: boolean; error?: string }> {
  cancelRunningParse();
  let next = model;
  let diagnostics = opts.diagnostics;
  if (opts.mode === 'merge') {
    const ddl = await exportSql(model);
    if (!ddl.ok) return { ok: false, error: ddl.error };
    const merged = await parseSql(ddl.sql, { into: useApp.getState().doc.schema });
    if (!merged.ok) return { ok: false, error: merged.error };
    next = merged.model;
    diagnostics = [...diagnostics, ...merged.diagnostics.filter((d) => d.severity === 'error')];
  }
  const ok = await commitModel(next, { label: `${opts.mode === 'merge' ? 'Merge' : 'Import'} ${opts.name}`, report: { name: opts.name, stats: opts.stats, diagnostics } });
  if (!ok) return { ok: false, error: useSqlPane.getState().message ?? 'Import failed' };
  setPane({ dirty: false });
  if (useSqlPane.getState().open) await regenerate();
  else stale = true;
  return { ok: true };
}
