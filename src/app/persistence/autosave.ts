/**
 * Autosave: the open document is written to IndexedDB ~500 ms after the last change and immediately when the page
 * is hidden; the viewport is stored beside it. Tabs announce their writes on a BroadcastChannel, and every write
 * carries the revision it was based on, so a diagram changed elsewhere is reported (never silently overwritten).
 * Big documents are written by a worker (save.worker.ts), their tables sent in slices and only when changed, so a
 * save never blocks the page for long.
 */
import { nextTask } from '../tasks';
import { create } from 'zustand';
import type { Viewport } from '@xyflow/react';
import type { TablewrightDocument } from '../../core/document/document';
import { newId } from '../../core/util/ids';
import { addTable } from '../../core/commands/schema';
import { useApp } from '../store';
import * as repo from './repository';
import { MIRROR_SLICE, TableMirror } from '../workers/mirror';
import type { SaveWorkerRequest, SaveWorkerResponse } from '../workers/save.worker';

export const SAVE_DELAY_MS = 500;
const CHANNEL = 'tablewright';
const SESSION_KEY = 'tablewright.current';
const LAST_KEY = 'tablewright.last';

export type SaveStatus = 'off' | 'idle' | 'saving' | 'saved' | 'error' | 'conflict';

export interface Conflict {
  id: string;
  kind: 'changed' | 'deleted';
}

export interface PersistState {
  status: SaveStatus;
  message: string | null;
  conflict: Conflict | null;
  /** Asks the canvas to show a stored viewport (after opening a stored diagram). */
  viewportRequest: { viewport: Viewport; n: number } | null;
  /** Bumped when the stored list changes (here or in another tab). */
  listVersion: number;
}

export const usePersist = create<PersistState>()(() => ({ status: 'off', message: null, conflict: null, viewportRequest: null, listVersion: 0 }));

type Message = { type: 'saved'; id: string; rev: number; tab: string } | { type: 'deleted'; id: string; tab: string } | { type: 'list'; tab: string };

const tabId = newId('tab');
let started = false;
let currentId: string | null = null;
let baseRev = 0;
let lastSavedDoc: TablewrightDocument | null = null;
let lastSavedViewport: Viewport | null = null;
let docTimer: ReturnType<typeof setTimeout> | null = null;
let viewTimer: ReturnType<typeof setTimeout> | null = null;
let chain: Promise<unknown> = Promise.resolve();
let channel: BroadcastChannel | null = null;

const storage = (kind: 'session' | 'local'): Storage | null => {
  try {
    return kind === 'session' ? globalThis.sessionStorage : globalThis.localStorage;
  } catch {
    return null;
  }
};

function remember(id: string) {
  try {
    storage('session')?.setItem(SESSION_KEY, id);
    storage('local')?.setItem(LAST_KEY, id);
  } catch {
    /* storage full or unavailable */
  }
}

function post(m: Message) {
  try {
    channel?.postMessage(m);
  } catch {
    /* channel closed */
  }
}

const bumpList = () => usePersist.setState((s) => ({ listVersion: s.listVersion + 1 }));

/** Serialise all writes: two overlapping saves would otherwise race on the revision. */
function queue<T>(job: () => Promise<T>): Promise<T> {
  const p = chain.then(job, job);
  chain = p.catch(() => undefined);
  return p;
}

function setError(e: unknown) {
  usePersist.setState({ status: 'error', message: `Autosave failed: ${e instanceof Error ? e.message : String(e)}` });
}

// ------------------------------------------------------------------------------------------- save worker

/** Documents with more tables than this are written by a worker (the page's IndexedDB clone would be a long task). */
export const WORKER_SAVE_TABLES = 200;
let saveWorker: Worker | null = null;
let saveSeq = 0;
const savePending = new Map<number, (r: SaveWorkerResponse) => void>();
const mirror = new TableMirror();
let leaving = false;


function spawnSaveWorker(): Worker {
  const w = new Worker(new URL('../workers/save.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-save' });
  mirror.reset();
  w.onmessage = (ev: MessageEvent<SaveWorkerResponse>) => {
    const done = savePending.get(ev.data.id);
    savePending.delete(ev.data.id);
    done?.(ev.data);
  };
  w.onerror = (ev) => {
    w.terminate();
    if (saveWorker === w) saveWorker = null;
    const all = [...savePending];
    savePending.clear();
    for (const [id, done] of all) done({ id, ok: false, error: ev.message || 'save worker failed' });
  };
  return w;
}

/** saveDiagram in the worker: tables in slices (one clone per task), then the write. */
async function saveInWorker(doc: TablewrightDocument, rev: number): Promise<repo.SaveResult> {
  saveWorker ??= spawnSaveWorker();
  const w = saveWorker;
  const enc = mirror.encode(doc);
  for (let i = 0; i < enc.missing.length; i += MIRROR_SLICE) {
    if (i > 0) await nextTask();
    w.postMessage({ kind: 'tables', tables: enc.missing.slice(i, i + MIRROR_SLICE) } satisfies SaveWorkerRequest);
  }
  const id = ++saveSeq;
  const answer = new Promise<SaveWorkerResponse>((resolve) => savePending.set(id, resolve));
  w.postMessage({ kind: 'save', id, doc: enc.doc, baseRev: rev } satisfies SaveWorkerRequest);
  enc.commit();
  const r = await answer;
  if (r.ok) return r.result;
  // The worker could not write (or died): start over with a fresh one next time, and write from the page now.
  w.terminate();
  if (saveWorker === w) saveWorker = null;
  return repo.saveDiagram(doc, rev);
}

function saveDoc(doc: TablewrightDocument, rev: number): Promise<repo.SaveResult> {
  // Leaving the page: write from the page itself (a worker's write could be cut off with the page).
  const big = !leaving && Object.keys(doc.schema.tables).length > WORKER_SAVE_TABLES;
  return big && typeof Worker !== 'undefined' && typeof MessageChannel !== 'undefined' ? saveInWorker(doc, rev) : repo.saveDiagram(doc, rev);
}

/** Write the open document now (if it changed and no conflict is pending). */
export function flushDocument(): Promise<void> {
  if (docTimer) clearTimeout(docTimer);
  docTimer = null;
  return queue(async () => {
    const doc = useApp.getState().doc;
    if (!started || doc === lastSavedDoc || doc.id !== currentId) return;
    if (usePersist.getState().conflict?.id === doc.id) return;
    usePersist.setState({ status: 'saving' });
    try {
      const res = await saveDoc(doc, baseRev);
      if (res.ok) {
        baseRev = res.rev;
        lastSavedDoc = doc;
        usePersist.setState({ status: 'saved', message: null });
        post({ type: 'saved', id: doc.id, rev: res.rev, tab: tabId });
        bumpList();
      } else {
        usePersist.setState({ status: 'conflict', conflict: { id: doc.id, kind: res.deleted ? 'deleted' : 'changed' } });
      }
    } catch (e) {
      setError(e);
    }
  });
}

function flushViewport(): Promise<void> {
  if (viewTimer) clearTimeout(viewTimer);
  viewTimer = null;
  return queue(async () => {
    const { viewport, doc } = useApp.getState();
    if (!started || viewport === lastSavedViewport || doc.id !== currentId || lastSavedDoc?.id !== doc.id) return;
    try {
      await repo.saveViewport(doc.id, viewport);
      lastSavedViewport = viewport;
    } catch (e) {
      setError(e);
    }
  });
}

export function flushAll(): Promise<void> {
  return Promise.all([flushDocument(), flushViewport()]).then(() => undefined);
}

function scheduleDoc() {
  if (docTimer) clearTimeout(docTimer);
  docTimer = setTimeout(() => void flushDocument(), SAVE_DELAY_MS);
}

function scheduleViewport() {
  if (viewTimer) clearTimeout(viewTimer);
  viewTimer = setTimeout(() => void flushViewport(), SAVE_DELAY_MS);
}

/** Show a stored diagram: no save is triggered (it is what is stored), the viewport comes back. */
function show(stored: repo.StoredDiagram) {
  currentId = stored.doc.id;
  baseRev = stored.meta.rev;
  lastSavedDoc = stored.doc;
  remember(stored.doc.id);
  usePersist.setState((s) => ({
    conflict: null,
    status: 'saved',
    message: null,
    viewportRequest: stored.viewport ? { viewport: stored.viewport, n: (s.viewportRequest?.n ?? 0) + 1 } : null,
  }));
  useApp.getState().openDocument(stored.doc);
  if (!stored.viewport) useApp.getState().requestFit();
}

function onDocChange(doc: TablewrightDocument) {
  if (doc.id !== currentId) {
    // A different document arrived (new diagram, SQL import, opened file): it becomes a new stored entry.
    if (docTimer) clearTimeout(docTimer);
    currentId = doc.id;
    baseRev = 0;
    lastSavedDoc = null;
    lastSavedViewport = null;
    remember(doc.id);
    usePersist.setState({ conflict: null });
    // Save a new diagram at once, so it is in the list and survives an immediate reload.
    void flushDocument();
    return;
  }
  if (doc !== lastSavedDoc) scheduleDoc();
}

function onMessage(m: Message) {
  if (m.tab === tabId) return;
  bumpList();
  if (m.type === 'list' || m.id !== currentId) return;
  if (m.type === 'saved' && m.rev === baseRev) return;
  usePersist.setState({ status: 'conflict', conflict: { id: m.id, kind: m.type === 'deleted' ? 'deleted' : 'changed' } });
}

/**
 * Start persistence: open the diagram this tab had (after a reload), else the last one used, else the most recent;
 * when nothing is stored, run `firstStart` (the sample). Resolves false when IndexedDB is unavailable.
 */
export async function startPersistence(firstStart: () => void | Promise<unknown>): Promise<boolean> {
  if (started) return true;
  installHook();
  let list: repo.DiagramMeta[];
  try {
    list = await repo.listDiagrams();
  } catch (e) {
    usePersist.setState({ status: 'off', message: `Diagrams are not saved in this browser: ${e instanceof Error ? e.message : String(e)}` });
    await firstStart();
    return false;
  }
  started = true;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (ev: MessageEvent<Message>) => onMessage(ev.data);
  }
  useApp.subscribe((s, prev) => {
    if (s.doc !== prev.doc) onDocChange(s.doc);
    if (s.viewport !== prev.viewport) scheduleViewport();
  });
  const flush = () => void flushAll();
  globalThis.addEventListener?.('pagehide', () => {
    leaving = true;
    flush();
  });
  globalThis.addEventListener?.('pageshow', () => {
    leaving = false;
  });
  globalThis.document?.addEventListener('visibilitychange', () => {
    if (globalThis.document.visibilityState === 'hidden') flush();
  });
  usePersist.setState({ status: 'idle' });

  const wanted = [storage('session')?.getItem(SESSION_KEY), storage('local')?.getItem(LAST_KEY), list[0]?.id].filter((x): x is string => !!x);
  for (const id of wanted) {
    if (!list.some((m) => m.id === id)) continue;
    const got = await repo.getDiagram(id).catch(() => null);
    if (got && 'doc' in got) {
      show(got);
      return true;
    }
  }
  await firstStart();
  return true;
}

export const persistenceStarted = () => started;
export const currentDiagramId = () => currentId;

/** Open a stored diagram (saving the current one first). */
export async function openStored(id: string): Promise<{ ok: boolean; error?: string }> {
  await flushAll();
  const got = await repo.getDiagram(id);
  if (!got) return { ok: false, error: 'This diagram no longer exists.' };
  if ('error' in got) return { ok: false, error: `This stored diagram is damaged: ${got.error}` };
  show(got);
  return { ok: true };
}

/** Conflict: discard this tab's version and show the stored one. */
export async function reloadFromStore(): Promise<void> {
  if (docTimer) clearTimeout(docTimer);
  const id = currentId;
  if (!id) return;
  const got = await queue(() => repo.getDiagram(id));
  if (got && 'doc' in got) show(got);
  else usePersist.setState({ conflict: null, status: 'idle' });
}

/** Conflict: keep this tab's version; it overwrites the stored one (knowingly). */
export async function keepMine(): Promise<void> {
  const id = currentId;
  if (!id) return;
  const meta = await queue(() => repo.getMeta(id));
  baseRev = meta?.rev ?? 0;
  lastSavedDoc = null;
  usePersist.setState({ conflict: null });
  await flushDocument();
}

export async function renameStored(id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) return;
  if (id === currentId) {
    const s = useApp.getState();
    if (s.doc.name !== trimmed) s.renameDocument(trimmed);
    await flushDocument();
    return;
  }
  const rev = await queue(() => repo.renameDiagram(id, trimmed));
  if (rev !== null) post({ type: 'saved', id, rev, tab: tabId });
  bumpList();
}

export async function duplicateStored(id: string): Promise<repo.DiagramMeta | null> {
  if (id === currentId) await flushDocument();
  const copy = await queue(() => repo.duplicateDiagram(id));
  post({ type: 'list', tab: tabId });
  bumpList();
  return copy;
}

/** Delete a stored diagram; deleting the open one opens the most recent other (or a new empty diagram). */
export async function deleteStored(id: string): Promise<void> {
  await queue(() => repo.deleteDiagram(id));
  post({ type: 'deleted', id, tab: tabId });
  bumpList();
  if (id !== currentId) return;
  const rest = await repo.listDiagrams();
  const next = rest[0];
  if (next && (await openStored(next.id)).ok) return;
  useApp.getState().newDiagram();
}

/** For a file being opened: a fresh id when the file's id is already taken by a stored diagram. */
export async function adoptDocument(doc: TablewrightDocument): Promise<TablewrightDocument> {
  if (!started) return doc;
  const taken = doc.id === currentId || (await repo.getMeta(doc.id).catch(() => null)) !== null;
  return taken ? { ...doc, id: newId('doc') } : doc;
}

/** Test and bench hook (no secrets here: the page's own state). */
export interface PersistHook {
  flush(): Promise<void>;
  addTable(name: string, x?: number, y?: number): boolean;
  tableNames(): string[];
  docId(): string;
}

export function installHook(): void {
  const hook: PersistHook = {
    flush: flushAll,
    addTable: (name, x = 0, y = 0) => useApp.getState().apply(addTable({ name, x, y })).changed,
    tableNames: () => Object.values(useApp.getState().doc.schema.tables).map((t) => t.name).sort(),
    docId: () => useApp.getState().doc.id,
  };
  (globalThis as unknown as { __twPersist?: PersistHook }).__twPersist = hook;
}
