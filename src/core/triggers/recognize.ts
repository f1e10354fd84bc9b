/**
 * Recognise behaviours in imported DDL: triggers and trigger functions the importer kept verbatim (RawStatement with
 * nodeType CreateTrigStmt / CreateFunctionStmt) become model.behaviors when they match, and those raw statements are
 * removed. Everything else stays verbatim; rawStatementsByTable lists it per table.
 *
 * Matching is deliberately strict, so that exporting the recognised behaviour does what the original SQL did:
 * - updated_at: a row-level BEFORE UPDATE trigger (no WHEN, no arguments, no column list) whose PL/pgSQL function
 *   only does `NEW.<col> := now()` (or CURRENT_TIMESTAMP / transaction_timestamp()) and `RETURN NEW`.
 * - soft delete: a row-level BEFORE DELETE trigger whose function only does `UPDATE <same table> SET <col> = now()
 *   WHERE <key> = OLD.<key> ...` and `RETURN NULL` (optionally behind our hard-delete guard).
 * - audit, counters, search: the trigger and function equal (modulo formatting) what the generator produces for
 *   the behaviour read off them (i.e. Tablewright's own output, pasted back).
 * Needs `await initTriggers()` first.
 */
import { parsePlPgSQLSync, parseSync } from 'libpg-query';
import type { SearchWeight, TableBehaviors } from '../model/behaviors';
import type { ForeignKey, Id, RawStatement, SchemaModel, Table } from '../model/types';
import { type BehaviorKind, generateTriggerSql } from './generate';
import { DEFAULT_NAMES, fitIdent } from './names';

export interface RecognizedBehavior {
  tableId: Id;
  behavior: BehaviorKind;
  /** Raw statements that were turned into the behaviour (and removed from model.raw). */
  rawIds: Id[];
}

interface Fn {
  raw: RawStatement;
  schema: string;
  name: string;
  body: any[];
  norm: string;
}

interface Trig {
  raw: RawStatement;
  table: Table;
  name: string;
  node: any;
  fn: Fn;
}

const ROW = 1;
const BEFORE = 2;
const INSERT = 4;
const DELETE = 8;
const UPDATE = 16;

const sval = (n: any): string => n?.String?.sval ?? '';

/** The PL/pgSQL tree with line numbers dropped and whitespace in embedded SQL collapsed. */
function normalize(tree: unknown): string {
  return JSON.stringify(tree, (k, v) => (k === 'lineno' || k === 'location' ? undefined : typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v));
}

function plpgsql(sql: string): any | undefined {
  try {
    const t = parsePlPgSQLSync(sql) as any;
    return t?.plpgsql_funcs?.length === 1 ? t.plpgsql_funcs[0].PLpgSQL_function : undefined;
  } catch {
    return undefined;
  }
}

function parseOne(sql: string, type: string): any | undefined {
  try {
    const r = parseSync(sql) as any;
    return r?.stmts?.length === 1 ? r.stmts[0].stmt?.[type] : undefined;
  } catch {
    return undefined;
  }
}

function readFunction(r: RawStatement): Fn | undefined {
  const n = parseOne(r.sql, 'CreateFunctionStmt');
  if (!n || (n.parameters ?? []).length) return undefined;
  const ret = (n.returnType?.names ?? []).map(sval);
  if (ret[ret.length - 1] !== 'trigger' || n.returnType?.setof) return undefined;
  const lang = (n.options ?? []).find((o: any) => o.DefElem?.defname === 'language');
  if (sval(lang?.DefElem?.arg).toLowerCase() !== 'plpgsql') return undefined;
  const f = plpgsql(r.sql);
  const body = f?.action?.PLpgSQL_stmt_block?.body;
  if (!Array.isArray(body) || f.action.PLpgSQL_stmt_block.exceptions) return undefined;
  return { raw: r, schema: r.defines?.schema ?? 'public', name: r.defines?.name ?? '', body, norm: normalize(f.action) };
}

/** Simple statements of a body, with the trailing implicit return PL/pgSQL adds dropped. */
function stmts(body: any[]): { kind: string; node: any }[] {
  return body.map((s) => {
    const kind = Object.keys(s)[0] ?? '';
    return { kind, node: s[kind] };
  });
}

const IDENT = String.raw`("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
function ident(s: string): string {
  return s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase();
}
const NOWISH = String.raw`(?:now\(\s*\)|current_timestamp|transaction_timestamp\(\s*\))`;

function returnsNew(s: { kind: string; node: any } | undefined): boolean {
  if (s?.kind !== 'PLpgSQL_stmt_return') return false;
  const q = s.node.expr?.PLpgSQL_expr?.query;
  return q === undefined ? s.node.retvarno === 0 || s.node.retvarno === undefined : /^\s*new\s*$/i.test(q);
}
function returnsNull(s: { kind: string; node: any } | undefined): boolean {
  return s?.kind === 'PLpgSQL_stmt_return' && /^\s*null\s*$/i.test(s.node.expr?.PLpgSQL_expr?.query ?? '');
}

function trigShape(node: any) {
  return {
    row: !!node.row,
    timing: node.timing ?? 0,
    events: node.events ?? 0,
    columns: (node.columns ?? []).map(sval) as string[],
    plain: !node.whenClause && !(node.args ?? []).length && !node.isconstraint && !node.transitionRels,
  };
}

/** Names that differ from the defaults, as the behaviour records them. */
function names(tr: Trig, dfltTrigger: string, dfltFunction: string, dfltSchema: string) {
  const out: { trigger?: string; function?: string; functionSchema?: string } = {};
  if (tr.name !== fitIdent(dfltTrigger)) out.trigger = tr.name;
  if (tr.fn.name !== fitIdent(dfltFunction)) out.function = tr.fn.name;
  if (tr.fn.schema !== dfltSchema) out.functionSchema = tr.fn.schema;
  return out;
}

function schemaOf(model: SchemaModel, t: Table): string {
  return model.schemas[t.schemaId]?.name ?? 'public';
}

/** Does the generator produce exactly this trigger + function for `behaviors` (on `ownerId`)? */
function regenerates(model: SchemaModel, ownerId: Id, b: TableBehaviors, tr: Trig): boolean {
  let gen;
  try {
    gen = generateTriggerSql(model, { [ownerId]: b });
  } catch {
    return false;
  }
  if (gen.diagnostics.some((d) => d.severity === 'error')) return false;
  const fn = gen.statements.find((s) => s.kind === 'function' && s.defines?.schema === tr.fn.schema && s.defines.name === tr.fn.name);
  const trig = gen.statements.find((s) => s.kind === 'trigger' && s.tableId === tr.table.id && s.defines?.name === `${tr.table.name}.${tr.name}`);
  if (!fn || !trig) return false;
  const f = plpgsql(fn.sql);
  const t = parseOne(trig.sql, 'CreateTrigStmt');
  return !!f && !!t && normalize(f.action) === tr.fn.norm && JSON.stringify(trigShape(t)) === JSON.stringify(trigShape(tr.node));
}

function matchUpdatedAt(model: SchemaModel, tr: Trig): TableBehaviors['updatedAt'] | undefined {
  const sh = trigShape(tr.node);
  if (!sh.plain || !sh.row || sh.timing !== BEFORE || sh.events !== UPDATE || sh.columns.length) return undefined;
  const body = stmts(tr.fn.body);
  if (body.length !== 2 || body[0]?.kind !== 'PLpgSQL_stmt_assign' || !returnsNew(body[1])) return undefined;
  const q: string = body[0].node.expr?.PLpgSQL_expr?.query ?? '';
  const m = new RegExp(String.raw`^\s*new\s*\.\s*${IDENT}\s*:?=\s*${NOWISH}\s*$`, 'i').exec(q);
  if (!m) return undefined;
  const column = ident(m[1]!);
  const col = tr.table.columns.find((c) => c.name === column);
  if (!col || !/^timestamp/i.test(col.type)) return undefined;
  return { column, ...names(tr, DEFAULT_NAMES.updatedAtTrigger(tr.table.name, column), DEFAULT_NAMES.updatedAtFunction(column), DEFAULT_NAMES.sharedSchema) };
}

function matchSoftDelete(model: SchemaModel, tr: Trig): TableBehaviors['softDelete'] | undefined {
  const sh = trigShape(tr.node);
  if (!sh.plain || !sh.row || sh.timing !== BEFORE || sh.events !== DELETE) return undefined;
  const body = stmts(tr.fn.body);
  const upd = body.find((s) => s.kind === 'PLpgSQL_stmt_execsql');
  const q: string = upd?.node.sqlstmt?.PLpgSQL_expr?.query ?? '';
  const m = new RegExp(String.raw`^\s*UPDATE\s+(?:(?:ONLY\s+)?${IDENT}\s*\.\s*)?${IDENT}\s+SET\s+${IDENT}\s*=\s*${NOWISH}\s+WHERE\s+([\s\S]+)$`, 'i').exec(q);
  if (!m) return undefined;
  const schema = m[1] ? ident(m[1]) : undefined;
  if (ident(m[2]!) !== tr.table.name || (schema !== undefined && schema !== schemaOf(model, tr.table))) return undefined;
  const column = ident(m[3]!);
  const col = tr.table.columns.find((c) => c.name === column);
  if (!col || !/^timestamp/i.test(col.type)) return undefined;
  const b = {
    column,
    interceptDelete: true,
    ...names(tr, DEFAULT_NAMES.softDeleteTrigger(tr.table.name), DEFAULT_NAMES.softDeleteFunction(tr.table.name), schemaOf(model, tr.table)),
  };
  if (regenerates(model, tr.table.id, { softDelete: b }, tr)) return b;
  // Hand-written form: UPDATE ... SET col = now() WHERE k = OLD.k [AND ...]; RETURN NULL;
  if (body.length !== 2 || body[0] !== upd || !returnsNull(body[1])) return undefined;
  const conds = m[4]!.split(/\s+AND\s+/i).map((c) => c.trim());
  const keyCols = new Set<string>();
  for (const c of conds) {
    const k = new RegExp(String.raw`^${IDENT}\s*=\s*old\s*\.\s*${IDENT}$`, 'i').exec(c);
    if (k && ident(k[1]!) === ident(k[2]!)) keyCols.add(ident(k[1]!));
    else if (!new RegExp(String.raw`^${IDENT}\s+IS\s+NULL$`, 'i').test(c) || ident(c.split(/\s+/)[0]!) !== column) return undefined;
  }
  const pk = tr.table.constraints.find((c) => c.kind === 'primary');
  const pkNames = pk && 'columns' in pk ? pk.columns.map((id) => tr.table.columns.find((c) => c.id === id)?.name) : [];
  if (!pkNames.length || pkNames.length !== keyCols.size || !pkNames.every((n) => n && keyCols.has(n))) return undefined;
  return b;
}

function matchAudit(model: SchemaModel, tr: Trig): TableBehaviors['audit'] | undefined {
  const sh = trigShape(tr.node);
  if (!sh.plain || !sh.row || sh.timing !== 0 || sh.events !== (INSERT | UPDATE | DELETE)) return undefined;
  const schema = schemaOf(model, tr.table);
  const shared = { mode: 'shared' as const, ...names(tr, DEFAULT_NAMES.auditTrigger(tr.table.name), DEFAULT_NAMES.auditFunction, DEFAULT_NAMES.sharedSchema) };
  if (regenerates(model, tr.table.id, { audit: shared }, tr)) return shared;
  const ins = stmts(tr.fn.body).find((s) => s.kind === 'PLpgSQL_stmt_execsql')?.node.sqlstmt?.PLpgSQL_expr?.query ?? '';
  const m = new RegExp(String.raw`^\s*INSERT\s+INTO\s+(?:${IDENT}\s*\.\s*)?${IDENT}`, 'i').exec(ins);
  if (!m) return undefined;
  const table = ident(m[2]!);
  const per = {
    mode: 'per-table' as const,
    ...(table !== fitIdent(DEFAULT_NAMES.historyTable(tr.table.name)) ? { table } : {}),
    ...names(tr, DEFAULT_NAMES.auditTrigger(tr.table.name), DEFAULT_NAMES.historyFunction(tr.table.name), schema),
  };
  return regenerates(model, tr.table.id, { audit: per }, tr) ? per : undefined;
}

function matchCounter(model: SchemaModel, tr: Trig): { parentId: Id; counter: NonNullable<TableBehaviors['counters']>[number] } | undefined {
  const sh = trigShape(tr.node);
  if (!sh.plain || !sh.row || sh.timing !== 0 || sh.events !== (INSERT | UPDATE | DELETE) || !sh.columns.length) return undefined;
  const text = tr.fn.raw.sql;
  const m = new RegExp(String.raw`UPDATE\s+${IDENT}\s*\.\s*${IDENT}\s+AS\s+p\s+SET\s+${IDENT}\s*=\s*p\.`, 'i').exec(text);
  if (!m) return undefined;
  const pschema = ident(m[1]!);
  const parent = Object.values(model.tables).find((t) => t.name === ident(m[2]!) && schemaOf(model, t) === pschema);
  if (!parent) return undefined;
  const column = ident(m[3]!);
  const child = tr.table;
  for (const fk of child.constraints.filter((c): c is ForeignKey => c.kind === 'foreign' && c.refTableId === parent.id)) {
    const counter = {
      id: `bc_${fk.id}_${column}`,
      column,
      childTableId: child.id,
      fkId: fk.id,
      ...names(tr, DEFAULT_NAMES.counterTrigger(child.name, parent.name, column), DEFAULT_NAMES.counterFunction(parent.name, column), schemaOf(model, parent)),
    };
    if (regenerates(model, parent.id, { counters: [counter] }, tr)) return { parentId: parent.id, counter };
  }
  return undefined;
}

function matchSearch(model: SchemaModel, tr: Trig): TableBehaviors['search'] | undefined {
  const sh = trigShape(tr.node);
  if (!sh.plain || !sh.row || sh.timing !== BEFORE || sh.events !== (INSERT | UPDATE) || sh.columns.length < 2) return undefined;
  const body = stmts(tr.fn.body);
  if (body.length !== 2 || body[0]?.kind !== 'PLpgSQL_stmt_assign' || !returnsNew(body[1])) return undefined;
  const q: string = body[0].node.expr?.PLpgSQL_expr?.query ?? '';
  const m = new RegExp(String.raw`^\s*new\.${IDENT}\s*:=\s*(?:setweight\()?to_tsvector\('((?:[^']|'')*)'::regconfig`, 'i').exec(q);
  if (!m) return undefined;
  const column = ident(m[1]!);
  const config = m[2]!.replace(/''/g, "'");
  const t = tr.table;
  const srcNames = sh.columns.slice(0, -1);
  if (sh.columns[sh.columns.length - 1] !== column) return undefined;
  const sources = srcNames.map((n) => t.columns.find((c) => c.name === n)?.id);
  if (sources.some((s) => !s)) return undefined;
  const weights: Record<string, SearchWeight> = {};
  const wre = new RegExp(String.raw`setweight\(to_tsvector\([^,]+,\s*coalesce\(NEW\.${IDENT}(?:::text)?,\s*''\)\),\s*'([ABCD])'\)`, 'gi');
  for (const w of q.matchAll(wre)) {
    const c = t.columns.find((x) => x.name === ident(w[1]!));
    if (c) weights[c.id] = w[2] as SearchWeight;
  }
  const idx = t.indexes.find((ix) => ix.method === 'gin' && ix.elements[0]?.column === t.columns.find((c) => c.name === column)?.id);
  const b: NonNullable<TableBehaviors['search']> = {
    column,
    sources: sources as string[],
    config,
    ...(Object.keys(weights).length ? { weights } : {}),
    ...(idx?.name && idx.name !== fitIdent(DEFAULT_NAMES.searchIndex(t.name, column)) ? { index: idx.name } : {}),
    ...names(tr, DEFAULT_NAMES.searchTrigger(t.name, column), DEFAULT_NAMES.searchFunction(t.name, column), schemaOf(model, t)),
  };
  return regenerates(model, t.id, { search: b }, tr) ? b : undefined;
}

/** One verbatim trigger that matches a behaviour: what to switch on, and on which table. */
export interface TriggerMatch {
  /** The table that owns the behaviour (for a counter: the parent; the trigger is on the child). */
  tableId: Id;
  behavior: BehaviorKind;
  /** The behaviour to switch on (exactly one key; `counters` has one element). */
  behaviors: TableBehaviors;
  /** The verbatim CREATE TRIGGER. */
  triggerRawId: Id;
  /** The verbatim CREATE FUNCTION it calls. */
  functionRawId: Id;
  /** Table the trigger is on. */
  triggerTableId: Id;
}

function collect(model: SchemaModel): { fns: Map<string, Fn>; trigs: Trig[]; usesOf: Map<Id, RawStatement[]> } {
  const fns = new Map<string, Fn>();
  const ambiguous = new Set<string>();
  for (const r of Object.values(model.raw)) {
    if (r.nodeType !== 'CreateFunctionStmt' || !r.defines || r.defines.kind !== 'function') continue;
    const k = `${r.defines.schema ?? 'public'}.${r.defines.name}`;
    const f = readFunction(r);
    if (!f || fns.has(k) || ambiguous.has(k)) {
      // not a trigger function, or overloads / redefinitions: ambiguous, leave verbatim
      fns.delete(k);
      ambiguous.add(k);
      continue;
    }
    fns.set(k, f);
  }
  const byName = new Map<string, Fn[]>();
  for (const f of fns.values()) byName.set(f.name, [...(byName.get(f.name) ?? []), f]);
  const trigs: Trig[] = [];
  const usesOf = new Map<Id, RawStatement[]>();
  for (const r of Object.values(model.raw).sort((a, b) => a.seq - b.seq)) {
    if (r.nodeType !== 'CreateTrigStmt') continue;
    const node = parseOne(r.sql, 'CreateTrigStmt');
    if (!node) continue;
    const fname = (node.funcname ?? []).map(sval);
    const name = fname[fname.length - 1] ?? '';
    const fn = fname.length > 1 ? fns.get(`${fname[0]}.${name}`) : byName.get(name)?.length === 1 ? byName.get(name)![0] : undefined;
    if (fn) usesOf.set(fn.raw.id, [...(usesOf.get(fn.raw.id) ?? []), r]);
    const table = r.target ? model.tables[r.target] : undefined;
    if (fn && table && !node.isconstraint) trigs.push({ raw: r, table, name: node.trigname ?? '', node, fn });
  }
  return { fns, trigs, usesOf };
}

/** The behaviour one verbatim trigger (with its function) amounts to, if any. Does not modify the model. */
function matchTrigger(model: SchemaModel, tr: Trig): TriggerMatch | undefined {
  const base = { triggerRawId: tr.raw.id, functionRawId: tr.fn.raw.id, triggerTableId: tr.table.id };
  const ua = matchUpdatedAt(model, tr);
  if (ua) return { tableId: tr.table.id, behavior: 'updatedAt', behaviors: { updatedAt: ua }, ...base };
  const sd = matchSoftDelete(model, tr);
  if (sd) {
    // A view of the live rows already in the model (e.g. our own `<table>_live`, pasted back) is the live view.
    const schema = schemaOf(model, tr.table);
    const vname = fitIdent(DEFAULT_NAMES.liveView(tr.table.name));
    const view = Object.values(model.views).find((v) => v.name === vname && schemaOf(model, { schemaId: v.schemaId } as Table) === schema);
    const cond = new RegExp(String.raw`\bFROM\s+(?:${IDENT}\s*\.\s*)?${IDENT}\s+WHERE\s+\(?\s*(?:${IDENT}\s*\.\s*)?${IDENT}\s+IS\s+NULL\s*\)?\s*$`, 'i').exec(view?.query ?? '');
    if (view && !view.materialized && cond && ident(cond[2]!) === tr.table.name && ident(cond[4]!) === sd.column) sd.liveView = true;
    return { tableId: tr.table.id, behavior: 'softDelete', behaviors: { softDelete: sd }, ...base };
  }
  const au = matchAudit(model, tr);
  if (au) return { tableId: tr.table.id, behavior: 'audit', behaviors: { audit: au }, ...base };
  const se = matchSearch(model, tr);
  if (se) return { tableId: tr.table.id, behavior: 'search', behaviors: { search: se }, ...base };
  const co = matchCounter(model, tr);
  if (co) return { tableId: co.parentId, behavior: 'counter', behaviors: { counters: [co.counter] }, ...base };
  return undefined;
}

/**
 * Every verbatim trigger that matches a behaviour (optionally only the triggers on `onTableId`), without changing
 * anything: the inspector offers each as a one-click conversion (see convertTriggerToBehavior in ./convert).
 */
export function recognizeTriggerMatches(model: SchemaModel, onTableId?: Id): TriggerMatch[] {
  const { trigs } = collect(model);
  const out: TriggerMatch[] = [];
  for (const tr of trigs) {
    if (onTableId !== undefined && tr.table.id !== onTableId) continue;
    const m = matchTrigger(model, tr);
    if (m) out.push(m);
  }
  return out;
}

/**
 * Turn matching verbatim triggers (and their functions, when nothing else uses them) into behaviours. Returns a new
 * model (the argument is not modified) and what was recognised.
 */
export function recognizeBehaviors(input: SchemaModel): { model: SchemaModel; recognized: RecognizedBehavior[] } {
  const model = structuredClone(input);
  const { fns, trigs, usesOf } = collect(model);

  const recognized: RecognizedBehavior[] = [];
  const done = new Set<Id>();
  for (const tr of trigs) {
    const m = matchTrigger(model, tr);
    if (!m) continue;
    model.behaviors ??= {};
    const b = (model.behaviors[m.tableId] ??= {});
    let ok: boolean;
    if (m.behaviors.counters) {
      const c = m.behaviors.counters[0]!;
      ok = !b.counters?.some((x) => x.column === c.column);
      if (ok) (b.counters ??= []).push(c);
    } else {
      const key = Object.keys(m.behaviors)[0] as 'updatedAt' | 'softDelete' | 'audit' | 'search';
      ok = !b[key];
      if (ok) Object.assign(b, m.behaviors);
    }
    if (!ok) {
      if (!Object.keys(b).length) delete model.behaviors[m.tableId];
      continue;
    }
    done.add(tr.raw.id);
    recognized.push({ tableId: m.tableId, behavior: m.behavior, rawIds: [tr.raw.id] });
  }
  if (model.behaviors && !Object.keys(model.behaviors).length) delete model.behaviors;

  // Remove recognised triggers; remove a function when every trigger using it was recognised and nothing else needs it.
  for (const id of done) delete model.raw[id];
  for (const f of fns.values()) {
    const uses = usesOf.get(f.raw.id) ?? [];
    if (!uses.length || !uses.every((u) => done.has(u.id))) continue;
    if (Object.values(model.raw).some((r) => r.deps.includes(f.raw.id))) continue;
    delete model.raw[f.raw.id];
    for (const rec of recognized) if (uses.some((u) => rec.rawIds.includes(u.id))) rec.rawIds.push(f.raw.id);
  }
  return { model, recognized };
}

/**
 * Verbatim statements per table: everything whose `target` is the table (triggers, policies, grants, ...) plus the
 * functions its triggers call. Sorted by source order.
 */
export function rawStatementsByTable(model: SchemaModel): Record<Id, RawStatement[]> {
  const out: Record<Id, RawStatement[]> = {};
  for (const r of Object.values(model.raw)) {
    if (!r.target || !model.tables[r.target]) continue;
    const list = (out[r.target] ??= []);
    list.push(r);
    if (r.nodeType === 'CreateTrigStmt') {
      for (const d of r.deps) {
        const f = model.raw[d];
        if (f && f.defines?.kind === 'function' && !list.includes(f)) list.push(f);
      }
    }
  }
  for (const list of Object.values(out)) list.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
  return out;
}
