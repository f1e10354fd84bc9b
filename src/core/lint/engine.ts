/**
 * The checker engine: runs the rules over a model and applies the document's LintConfig (rules switched off,
 * severity overrides, suppressions with a reason, table role overrides).
 *
 * `lintModel` is a full run. `createLinter().check` is incremental: models are immutable immer states, so a table
 * whose record is the same object as last time is unchanged. Table-scoped rules (`checkTable`) are re-run only for
 * tables that changed and their neighbours (FK targets and sources, partition parent / children, inheritance), and
 * for every table when something all tables may depend on changed (a table's name, schema or keys; views, types,
 * schemas; the enabled rules or role overrides). Global rules (`checkModel`) run on every call; the UI debounces.
 * Contract for rule authors: a `checkTable` may read its own table, its neighbours and the names / keys of all
 * tables, and the model's views, types, schemas, verbatim statements and behaviours (a change to one of those
 * collections re-checks every table); anything else must set `incremental: false` (re-run for every table each
 * time) or use `checkModel`. Opt-in rules (`defaultEnabled: false`) run only when the config switches them on.
 * Quick fixes are built when a finding's `fix` is read (lazy.ts); a fix may read any part of the model, because the
 * incremental linter's context always points at the latest model.
 */
import type { Id, SchemaModel, Table } from '../model/types';
import { emptyLintConfig, type LintConfig, type LintSuppression } from './config';
import { createHelpers, type LintHelpers } from './helpers/index';
import { allRules } from './rules/index';
import type { Finding, Rule, RuleContext, Severity, TableRole } from './types';
import { withSeverity } from './lazy';
import { focusTable } from './helpers/types';

export interface SuppressedFinding {
  finding: Finding;
  suppression: LintSuppression;
}

export interface LintResult {
  /** Active findings (config applied), tables in document order, then global rules. */
  findings: Finding[];
  /** Findings hidden by a suppression (countable, listable in the UI). */
  suppressed: SuppressedFinding[];
  counts: Record<Severity, number>;
  /** Rules that threw (a bug in a rule must not stop the others). */
  failures: { rule: string; tableId?: Id; message: string }[];
  stats: { ms: number; tablesChecked: number; tables: number; /** Time spent in global rules. */ globalMs: number };
}

/** True when the suppression covers the finding: same rule (or `*`), and the table / column when given. */
export function suppressionMatches(s: LintSuppression, f: Finding): boolean {
  if (s.rule !== '*' && s.rule !== f.rule) return false;
  if (s.tableId && s.tableId !== f.object.tableId) return false;
  if (s.columnId && s.columnId !== f.object.columnId) return false;
  return true;
}

/** A rule runs unless the config switches it off; opt-in rules (`defaultEnabled: false`) only when switched on. */
export function ruleEnabled(r: Rule, config: LintConfig): boolean {
  const on = config.rules[r.id]?.enabled;
  return on === undefined ? r.defaultEnabled !== false : on;
}

function enabledRules(rules: Rule[], config: LintConfig): Rule[] {
  return rules.filter((r) => ruleEnabled(r, config));
}

function makeContext(model: SchemaModel, helpers: LintHelpers, config: LintConfig): RuleContext {
  return { model, helpers, role: (t: Table): TableRole => config.roles[t.id] ?? helpers.inferRole(t) };
}

function runTable(rules: Rule[], t: Table, ctx: RuleContext, failures: LintResult['failures'], out: Finding[] = []): Finding[] {
  focusTable(t);
  for (const r of rules) {
    if (!r.checkTable) continue;
    try {
      const fs = r.checkTable(t, ctx);
      for (let i = 0; i < fs.length; i++) out.push(fs[i]!);
    } catch (e) {
      failures.push({ rule: r.id, tableId: t.id, message: (e as Error).message });
    }
  }
  return out;
}

function runGlobal(rules: Rule[], ctx: RuleContext, failures: LintResult['failures']): Finding[] {
  focusTable(undefined);
  const out: Finding[] = [];
  for (const r of rules) {
    if (!r.checkModel) continue;
    try {
      const fs = r.checkModel(ctx);
      for (let i = 0; i < fs.length; i++) out.push(fs[i]!);
    } catch (e) {
      failures.push({ rule: r.id, message: (e as Error).message });
    }
  }
  return out;
}

function orderedTables(model: SchemaModel): Table[] {
  return Object.values(model.tables).sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function finish(raw: Finding[], config: LintConfig, failures: LintResult['failures'], t0: number, tablesChecked: number, tables: number, globalMs: number): LintResult {
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f0 of raw) {
    const sev = config.rules[f0.rule]?.severity;
    const f = sev && sev !== f0.severity ? withSeverity(f0, sev) : f0;
    const s = config.suppressions.length ? config.suppressions.find((x) => suppressionMatches(x, f)) : undefined;
    if (s) suppressed.push({ finding: f, suppression: s });
    else {
      findings.push(f);
      counts[f.severity]++;
    }
  }
  return { findings, suppressed, counts, failures, stats: { ms: performance.now() - t0, tablesChecked, tables, globalMs } };
}

/** Full check with the config applied, including suppressed findings and counts. */
export function lintModelDetailed(model: SchemaModel, config: LintConfig = emptyLintConfig(), rules: Rule[] = allRules): LintResult {
  const t0 = performance.now();
  const helpers = createHelpers(model);
  const ctx = makeContext(model, helpers, config);
  const active = enabledRules(rules, config);
  const failures: LintResult['failures'] = [];
  const raw: Finding[] = [];
  const tables = orderedTables(model);
  const tableRules = active.filter((r) => r.checkTable);
  for (const t of tables) runTable(tableRules, t, ctx, failures, raw);
  const g0 = performance.now();
  raw.push(...runGlobal(active, ctx, failures));
  return finish(raw, config, failures, t0, tables.length, tables.length, performance.now() - g0);
}

/** Full check: the active findings (disabled rules skipped, severities overridden, suppressed findings left out). */
export function lintModel(model: SchemaModel, config?: LintConfig, rules: Rule[] = allRules): Finding[] {
  return lintModelDetailed(model, config, rules).findings;
}

// ------------------------------------------------------------------------------------------------ incremental

/** What every table's checks may depend on: names, schemas and keys of all tables (cached per table object). */
const tableSigCache = new WeakMap<Table, string>();
function tableSignature(t: Table): string {
  let s = tableSigCache.get(t);
  if (s !== undefined) return s;
  const col = (id: Id) => {
    const c = t.columns.find((x) => x.id === id);
    return c ? `${c.name}/${c.type}/${c.serial ?? ''}/${c.nullable ? 1 : 0}` : '?';
  };
  const keys = t.constraints
    .filter((c) => c.kind === 'primary' || c.kind === 'unique')
    .map((c) => `${c.kind}(${'columns' in c ? c.columns.map(col).join(',') : ''})`)
    .concat(t.indexes.filter((i) => i.unique).map((i) => `ux(${i.elements.map((e) => (e.column ? col(e.column) : e.expr)).join(',')})${i.where ?? ''}`));
  const seqs = t.columns.map((c) => (c.default && /nextval/i.test(c.default) ? c.default : '')).filter(Boolean);
  s = `${t.id}|${t.schemaId}|${t.name}|${t.partitionOf?.parentId ?? ''}|${keys.join(';')}|${seqs.join(';')}`;
  tableSigCache.set(t, s);
  return s;
}

function neighbours(t: Table, helpers: LintHelpers): Set<Id> {
  const n = new Set<Id>();
  for (const fk of helpers.outgoing(t)) if (fk.refTableId) n.add(fk.refTableId);
  for (const [o] of helpers.incoming(t.id)) n.add(o.id);
  if (t.partitionOf) n.add(t.partitionOf.parentId);
  for (const p of t.inherits ?? []) n.add(p);
  n.delete(t.id);
  return n;
}

interface CacheEntry {
  table: Table;
  neighbours: Set<Id>;
  findings: Finding[];
}

export interface CheckOptions {
  /**
   * `run` (default): run the global rules. `cached`: reuse the global findings of the previous check (the UI re-checks
   * tables on every edit and runs the globals debounced); the result is then exact except for global rules.
   */
  globals?: 'run' | 'cached';
}

export interface Linter {
  /** Check the model; re-runs table rules only where needed. Equivalent to `lintModelDetailed(model, config)`. */
  check(model: SchemaModel, config?: LintConfig, opts?: CheckOptions): LintResult;
  /** Forget everything (the next check is a full run). */
  reset(): void;
}

export function createLinter(rules: Rule[] = allRules): Linter {
  let cache = new Map<Id, CacheEntry>();
  let lastGlobal: string[] | undefined;
  let lastParts: { views?: unknown; types?: unknown; schemas?: unknown; raw?: unknown; behaviors?: unknown; roles?: string; enabled?: string } = {};
  let lastModel: SchemaModel | undefined;
  let lastGlobalFindings: Finding[] | undefined;
  // One context for the linter's lifetime, pointed at the latest model: lazy fixes of findings kept for unchanged
  // tables are then built against the model of the latest check (see lazy.ts).
  let liveConfig: LintConfig = emptyLintConfig();
  const ctx: RuleContext = {
    model: undefined as unknown as SchemaModel,
    helpers: undefined as unknown as LintHelpers,
    role: (t: Table): TableRole => liveConfig.roles[t.id] ?? ctx.helpers.inferRole(t),
  };

  return {
    reset() {
      cache = new Map();
      lastGlobal = undefined;
      lastParts = {};
      lastModel = undefined;
      lastGlobalFindings = undefined;
    },
    check(model, config = emptyLintConfig(), opts = {}) {
      const t0 = performance.now();
      const helpers = createHelpers(model);
      ctx.model = model;
      ctx.helpers = helpers;
      liveConfig = config;
      const active = enabledRules(rules, config);
      const failures: LintResult['failures'] = [];
      const tables = orderedTables(model);

      const enabled = active.map((r) => r.id).join(',');
      const roles = JSON.stringify(Object.entries(config.roles).sort());
      const globalSig = tables.map(tableSignature);
      const sameSigs = !!lastGlobal && lastGlobal.length === globalSig.length && globalSig.every((x, i) => x === lastGlobal![i]);
      // Rules may read verbatim statements and behaviours of any table (as they do views and types): when one of
      // these collections changes, every table is re-checked; otherwise such rules stay table-scoped.
      const everything =
        !sameSigs ||
        !samePart(lastParts.views, model.views) ||
        !samePart(lastParts.types, model.types) ||
        !samePart(lastParts.schemas, model.schemas) ||
        !samePart(lastParts.raw, model.raw) ||
        !samePart(lastParts.behaviors, model.behaviors) ||
        lastParts.roles !== roles ||
        lastParts.enabled !== enabled;

      const dirty = new Set<Id>();
      if (everything) for (const t of tables) dirty.add(t.id);
      else if (lastModel !== model) {
        for (const t of tables) {
          const e = cache.get(t.id);
          if (e && e.table === t) continue;
          dirty.add(t.id);
          for (const n of neighbours(t, helpers)) dirty.add(n);
          if (e) for (const n of e.neighbours) dirty.add(n);
        }
        for (const [id, e] of cache) {
          if (model.tables[id]) continue;
          for (const n of e.neighbours) dirty.add(n);
        }
      }
      const incRules = active.filter((r) => r.checkTable && r.incremental !== false);
      const alwaysRules = active.filter((r) => r.checkTable && r.incremental === false);
      const order = alwaysRules.length ? new Map(active.map((r, i) => [r.id, i])) : undefined;
      const next = new Map<Id, CacheEntry>();
      const raw: Finding[] = [];
      const extra: Finding[] = [];
      let checked = 0;
      for (const t of tables) {
        let e = cache.get(t.id);
        if (!e || dirty.has(t.id)) {
          checked++;
          e = { table: t, neighbours: neighbours(t, helpers), findings: runTable(incRules, t, ctx, failures) };
        }
        next.set(t.id, e);
        // Rules that read arbitrary tables run every time; merge in rule order.
        if (order) {
          extra.length = 0;
          runTable(alwaysRules, t, ctx, failures, extra);
          if (extra.length) {
            for (const f of mergeInRuleOrder(order, e.findings, extra)) raw.push(f);
            continue;
          }
        }
        for (const f of e.findings) raw.push(f);
      }
      const g0 = performance.now();
      const enabledIds = new Set(active.map((r) => r.id));
      const globalFindings = opts.globals === 'cached' && lastGlobalFindings ? lastGlobalFindings.filter((f) => enabledIds.has(f.rule)) : runGlobal(active, ctx, failures);
      const globalMs = performance.now() - g0;
      if (opts.globals !== 'cached' || !lastGlobalFindings) lastGlobalFindings = globalFindings;
      for (const f of globalFindings) raw.push(f);
      cache = next;
      lastGlobal = globalSig;
      lastParts = { views: model.views, types: model.types, schemas: model.schemas, raw: model.raw, behaviors: model.behaviors, roles, enabled };
      lastModel = model;
      return finish(raw, config, failures, t0, checked, tables.length, globalMs);
    },
  };
}

/**
 * Same model part: the same object (immer keeps unchanged parts), or equal content — a model that crossed a worker
 * boundary is a structured clone, with new objects for unchanged parts; comparing them by identity would re-check
 * every table on every edit. The JSON text is computed once per object.
 */
const partText = new WeakMap<object, string>();
function textOf(x: object): string {
  let s = partText.get(x);
  if (s === undefined) partText.set(x, (s = JSON.stringify(x)));
  return s;
}
function samePart(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  return textOf(a) === textOf(b);
}

function mergeInRuleOrder(order: Map<string, number>, a: Finding[], b: Finding[]): Finding[] {
  return [...a, ...b].map((f, i) => [f, i] as const).sort((x, y) => (order.get(x[0].rule) ?? 0) - (order.get(y[0].rule) ?? 0) || x[1] - y[1]).map((x) => x[0]);
}
