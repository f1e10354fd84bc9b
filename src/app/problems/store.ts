/**
 * Live checker state for the problems panel, the status bar and the table badges. The checker runs on every
 * document change: table rules at once (incremental), global rules debounced (~300 ms after the last edit). When a
 * check takes longer than a frame (~16 ms) the checker moves to a Web Worker; findings then arrive without their
 * quick-fix commands, which are resolved on demand by re-running the one rule (`resolveFix`).
 */
import { nextTask } from '../tasks';
import { create } from 'zustand';
import { createLinter, lintModelDetailed } from '../../core/lint/engine';
import { emptyLintConfig, type LintConfig } from '../../core/lint/config';
import { createHelpers } from '../../core/lint/helpers/index';
import { allRules } from '../../core/lint/rules/index';
import type { Finding, QuickFix, Severity } from '../../core/lint/types';
import type { Id, SchemaModel, Table } from '../../core/model/types';
import type { TablewrightDocument } from '../../core/document/document';
import { useApp } from '../store';
import { findingKey, listed, TABLES_CHUNK, type LintRequest, type LintResponse, type ListedFinding } from './protocol';

export type { ListedFinding } from './protocol';

export interface ProblemsState {
  findings: ListedFinding[];
  counts: Record<Severity, number>;
  suppressed: number;
  /** Last check time (ms) and where it ran. */
  ms: number;
  mode: 'main' | 'worker';
  /** The document version the findings belong to. */
  schema: SchemaModel | null;
  open: boolean;
  setOpen(open: boolean): void;
}

export const useProblems = create<ProblemsState>()((set) => ({
  findings: [],
  counts: { error: 0, warning: 0, info: 0 },
  suppressed: 0,
  ms: 0,
  mode: 'main',
  schema: null,
  open: false,
  setOpen: (open) => set({ open }),
}));

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export interface TableBadge {
  count: number;
  worst: Severity;
}

let badgeCache: { findings: ListedFinding[]; map: Map<Id, TableBadge> } | null = null;
/** Findings per table: count and worst severity (for badges on table nodes). Memoized per findings array. */
export function findingsByTable(s: Pick<ProblemsState, 'findings'>): Map<Id, TableBadge> {
  if (badgeCache && badgeCache.findings === s.findings) return badgeCache.map;
  const map = new Map<Id, TableBadge>();
  for (const f of s.findings) {
    const id = f.object.tableId;
    if (!id) continue;
    const b = map.get(id);
    if (!b) map.set(id, { count: 1, worst: f.severity });
    else {
      b.count++;
      if (SEVERITY_RANK[f.severity] < SEVERITY_RANK[b.worst]) b.worst = f.severity;
    }
  }
  badgeCache = { findings: s.findings, map };
  return map;
}

/** Badge of one table as a primitive (`warning:3`, '' when none), so nodes re-render only when their badge changes. */
export const tableBadge = (id: Id) => (s: ProblemsState): string => {
  const b = findingsByTable(s).get(id);
  return b ? `${b.worst}:${b.count}` : '';
};

/** Parse a `tableBadge` value. */
export function parseBadge(v: string): TableBadge | undefined {
  if (!v) return undefined;
  const [worst, count] = v.split(':');
  return { worst: worst as Severity, count: Number(count) };
}

// ------------------------------------------------------------------------------------------------ checker

const linter = createLinter();
/** Full findings (with commands) of the last main-thread check, by key. */
let fullByKey = new Map<string, Finding>();

function configOf(doc: TablewrightDocument): LintConfig {
  return doc.lint ?? emptyLintConfig();
}

function publish(schema: SchemaModel, findings: Finding[], counts: Record<Severity, number>, suppressed: number, ms: number, mode: 'main' | 'worker') {
  if (mode === 'main') fullByKey = new Map(findings.map((f) => [findingKey(f), f]));
  else fullByKey = new Map();
  useProblems.setState({ findings: findings.map((f) => listed(f)), counts, suppressed, ms, mode, schema });
}

let worker: Worker | null = null;
let workerSeq = 0;
let useWorker = false;
const FRAME_MS = 16;
/** Models this big are checked in the worker from the start (a first check on the page would be a long task). */
const WORKER_TABLES = 200;
/** The tables the worker holds (mirrors its store), to send only what changed. */
let sentTables = new Map<Id, Table>();
/** Findings of the response being received (chunks). */
let incoming: { id: number; findings: ListedFinding[] } | null = null;
let pendingSchema: SchemaModel | null = null;


function spawnWorker(): Worker {
  const w = new Worker(new URL('./lint.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-lint' });
  sentTables = new Map();
  incoming = null;
  w.onmessage = (ev: MessageEvent<LintResponse>) => {
    const r = ev.data;
    if (r.id !== workerSeq || !r.ok || !r.findings) return; // a newer request is on its way
    if (!incoming || incoming.id !== r.id) incoming = { id: r.id, findings: [] };
    for (const f of r.findings) incoming.findings.push(f);
    if (!r.done) return;
    const findings = incoming.findings;
    incoming = null;
    fullByKey = new Map();
    useProblems.setState({ findings, counts: r.counts!, suppressed: r.suppressed ?? 0, ms: r.ms ?? 0, mode: 'worker', schema: pendingSchema });
  };
  w.onerror = () => {
    w.terminate();
    if (worker === w) worker = null;
    useWorker = false;
  };
  return w;
}

/** Send the changed tables in slices (one clone per task), then ask for the check. */
async function checkInWorker(doc: TablewrightDocument) {
  worker ??= spawnWorker();
  const w = worker;
  const id = ++workerSeq;
  const { tables, ...rest } = doc.schema;
  const changed: Table[] = [];
  for (const t of Object.values(tables)) if (sentTables.get(t.id) !== t) changed.push(t);
  for (let i = 0; i < changed.length; i += TABLES_CHUNK) {
    const slice = changed.slice(i, i + TABLES_CHUNK);
    w.postMessage({ kind: 'tables', id, tables: slice } satisfies LintRequest);
    for (const t of slice) sentTables.set(t.id, t);
    if (i + TABLES_CHUNK < changed.length) {
      await nextTask();
      if (id !== workerSeq || worker !== w) return; // superseded: the next check sends what is still missing
    }
  }
  sentTables = new Map(Object.values(tables).map((t) => [t.id, t]));
  pendingSchema = doc.schema;
  w.postMessage({ kind: 'check', id, tableIds: Object.keys(tables), rest, config: configOf(doc) } satisfies LintRequest);
}

let globalsTimer: ReturnType<typeof setTimeout> | undefined;

/** Check the document now (table rules) and schedule the global rules. */
function onDocument(doc: TablewrightDocument) {
  clearTimeout(globalsTimer);
  if (!useWorker && typeof Worker !== 'undefined' && Object.keys(doc.schema.tables).length > WORKER_TABLES) useWorker = true;
  if (useWorker) {
    globalsTimer = setTimeout(() => void checkInWorker(useApp.getState().doc), 120);
    return;
  }
  const config = configOf(doc);
  const r = linter.check(doc.schema, config, { globals: 'cached' });
  publish(doc.schema, r.findings, r.counts, r.suppressed.length, r.stats.ms, 'main');
  if (r.stats.ms > FRAME_MS && typeof Worker !== 'undefined') useWorker = true;
  globalsTimer = setTimeout(() => {
    const cur = useApp.getState().doc;
    if (useWorker) return void checkInWorker(cur);
    const g = linter.check(cur.schema, configOf(cur));
    publish(cur.schema, g.findings, g.counts, g.suppressed.length, g.stats.ms, 'main');
    if (g.stats.ms - g.stats.globalMs > FRAME_MS && typeof Worker !== 'undefined') useWorker = true;
  }, 300);
}

let stop: (() => void) | null = null;
/** Start the live checker (idempotent). */
export function startProblems(): () => void {
  if (stop) return stop;
  let last: TablewrightDocument | null = null;
  const run = () => {
    const { doc } = useApp.getState();
    if (doc === last || (last && doc.schema === last.schema && doc.lint === last.lint)) {
      last = doc;
      return;
    }
    last = doc;
    onDocument(doc);
  };
  const unsub = useApp.subscribe(run);
  run();
  stop = () => {
    unsub();
    clearTimeout(globalsTimer);
    stop = null;
  };
  return stop;
}

/**
 * The full finding (with its quick-fix command) for a listed one: from the last main-thread check, else by
 * re-running its rule on its table (or the model) now.
 */
export function resolveFinding(f: ListedFinding): Finding | undefined {
  const hit = fullByKey.get(f.key);
  if (hit) return hit;
  const doc = useApp.getState().doc;
  const rule = allRules.find((r) => r.id === f.rule);
  if (!rule) return undefined;
  const config = configOf(doc);
  const helpers = createHelpers(doc.schema);
  const ctx = { model: doc.schema, helpers, role: (t: Table) => config.roles[t.id] ?? helpers.inferRole(t) };
  const t = f.object.tableId ? doc.schema.tables[f.object.tableId] : undefined;
  const out = t && rule.checkTable ? rule.checkTable(t, ctx) : rule.checkModel ? rule.checkModel(ctx) : [];
  return out.find((x) => findingKey(x) === f.key);
}

export function resolveFix(f: ListedFinding): QuickFix | undefined {
  return resolveFinding(f)?.fix;
}

/** A one-off full check (tests, tools). */
export function checkDocument(doc: TablewrightDocument) {
  return lintModelDetailed(doc.schema, configOf(doc));
}
