/**
 * Small shared pieces of the TYPE / NAME / AUD / SEC rules: object refs, findings, SQL snippets and the model edits
 * their quick fixes are made of. Not a rule.
 */
import type { Command } from '../../commands/history';
import type { TablewrightDocument } from '../../document/document';
import type { CheckConstraint, Column, Constraint, FkAction, Id, Index, RawStatement, SchemaModel, Table, UserType } from '../../model/types';
import { quoteIdent, quoteLiteral, utf8Length, MAX_IDENT_BYTES } from '../../sql/ident';
import { newId } from '../../util/ids';
import type { Finding, ObjectRef, QuickFix, Rule, RuleContext, Severity } from '../types';
import { attachFix, lazyFinding, type FixSource } from '../lazy';
import { rawTokens } from '../helpers/names';
import { columnTypeInfo, type TypeInfo } from '../helpers/types';
import { defaultConstraintName } from './support-names.type-name-aud-sec';
export { NONE, addFinding } from './results';

export { quoteIdent as qi, quoteLiteral };

/** A rule that is off unless the project switches it on (NAME-10, SEC-04). */
export type OptInRule = Rule & { defaultEnabled: false };

export function schemaOf(model: SchemaModel, t: Table): string {
  return model.schemas[t.schemaId]?.name ?? 'public';
}

/** Schema-qualified, quoted table name for SQL. */
export function qt(model: SchemaModel, t: Table): string {
  return `${quoteIdent(schemaOf(model, t))}.${quoteIdent(t.name)}`;
}

export function ref(ctx: RuleContext, t: Table, col?: Column, extra?: Partial<ObjectRef>): ObjectRef {
  // Without extra fields: one literal with all fields (the same fields in the same order as below), no later growth.
  if (!extra) return col ? { schema: schemaOf(ctx.model, t), tableId: t.id, table: t.name, columnId: col.id, column: col.name } : { schema: schemaOf(ctx.model, t), tableId: t.id, table: t.name };
  const r: ObjectRef = { schema: schemaOf(ctx.model, t), tableId: t.id, table: t.name, ...extra };
  if (col) {
    r.columnId = col.id;
    r.column = col.name;
  }
  return r;
}

export interface FindingOpts {
  severity?: Severity;
  /** The fix, or (better) a function that builds it: called only when the fix is read (see ../lazy.ts). */
  fix?: FixSource;
  extra?: Partial<ObjectRef>;
}

const NO_OPTS: FindingOpts = Object.freeze({});

export function finding(rule: Rule, ctx: RuleContext, t: Table, col: Column | undefined, message: string, why: string, o: FindingOpts = NO_OPTS): Finding {
  const severity = o.severity ?? rule.defaultSeverity;
  const object = ref(ctx, t, col, o.extra);
  if (typeof o.fix === 'function') return lazyFinding(rule.id, severity, object, message, why, ctx, o.fix);
  return attachFix({ rule: rule.id, severity, object, message, why }, ctx, o.fix);
}

/**
 * `finding(rule, ctx, t, col, message, why, { fix, severity })` without the options object, for a lazy fix or none.
 * Pass the builder inline (`findingFix(…, () => someFix(…))`): under esbuild's keep-names (tsx: tests, bench) an
 * arrow stored in a `const` or an object property is wrapped in a `__name` call, a defineProperty per closure.
 */
export function findingFix(
  rule: Rule,
  ctx: RuleContext,
  t: Table,
  col: Column | undefined,
  message: string,
  why: string,
  fix: (() => QuickFix | undefined) | undefined,
  severity?: Severity,
): Finding {
  const sev = severity ?? rule.defaultSeverity;
  const object = ref(ctx, t, col);
  if (fix) return lazyFinding(rule.id, sev, object, message, why, ctx, fix);
  return { rule: rule.id, severity: sev, object, message, why };
}

export function colInfo(ctx: RuleContext, c: Column): TypeInfo {
  return columnTypeInfo(c, ctx.model);
}

/** Column kinds present in a table (bits of `columnKinds`): TYPE rules that look for one kind skip tables without it. */
export const K_TIMESTAMP = 1; // base timestamp
export const K_TIMESTAMPTZ = 2; // base timestamptz
export const K_TIMETZ = 4; // base timetz
export const K_ZERO_PRECISION = 8; // timestamp(0) / timestamptz(0)
export const K_CHAR = 16; // base char
export const K_VARCHAR_N = 32; // varchar(n), not through a domain
export const K_MONEY = 64; // base money
export const K_FLOAT = 128; // family float
export const K_JSON = 256; // base json
export const K_REG = 512; // reg* types
export const K_DEFAULT = 1024; // a non-empty DEFAULT
export const K_ANY_DEFAULT = 2048; // a DEFAULT, possibly ''
export const K_ENUM = 4096; // family enum

const REG_BASE = /^reg[a-z]+$/;
let kindsTable: Table | undefined;
let kindsColumns: readonly Column[] | undefined;
/** The column objects seen (compared one by one: an array edited in place is noticed too). */
const kindsSeen: Column[] = [];
let kindsTypes: unknown;
let kindsSchemas: unknown;
let kindsValue = 0;

/**
 * The column kinds of a table (K_* bits), from one pass over its columns; the last table's answer is kept, as the
 * engine runs all rules on one table before the next. Keyed by the table, its column array and column objects, and
 * the model's types and schemas (domains and enums resolve through them).
 */
export function columnKinds(ctx: RuleContext, t: Table): number {
  const cols = t.columns;
  const m = ctx.model;
  if (t === kindsTable && cols === kindsColumns && m.types === kindsTypes && m.schemas === kindsSchemas && sameColumns(cols)) return kindsValue;
  let k = 0;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    const info = colInfo(ctx, c);
    switch (info.base) {
      case 'timestamp':
        k |= K_TIMESTAMP;
        if (info.args[0] === 0) k |= K_ZERO_PRECISION;
        break;
      case 'timestamptz':
        k |= K_TIMESTAMPTZ;
        if (info.args[0] === 0) k |= K_ZERO_PRECISION;
        break;
      case 'timetz':
        k |= K_TIMETZ;
        break;
      case 'char':
        k |= K_CHAR;
        break;
      case 'varchar':
        if (!info.domain && info.args[0] !== undefined) k |= K_VARCHAR_N;
        break;
      case 'money':
        k |= K_MONEY;
        break;
      case 'json':
        k |= K_JSON;
        break;
      default:
        if (REG_BASE.test(info.base)) k |= K_REG;
    }
    if (info.family === 'float') k |= K_FLOAT;
    else if (info.family === 'enum') k |= K_ENUM;
    if (c.default !== undefined) {
      k |= K_ANY_DEFAULT;
      if (c.default) k |= K_DEFAULT;
    }
  }
  kindsTable = t;
  kindsColumns = cols;
  kindsSeen.length = cols.length;
  for (let i = 0; i < cols.length; i++) kindsSeen[i] = cols[i]!;
  kindsTypes = m.types;
  kindsSchemas = m.schemas;
  return (kindsValue = k);
}

function sameColumns(cols: readonly Column[]): boolean {
  if (cols.length !== kindsSeen.length) return false;
  for (let i = 0; i < cols.length; i++) if (cols[i] !== kindsSeen[i]) return false;
  return true;
}

/** Raw tokens of a column name, memo-free (cheap). */
export const toks = rawTokens;

/**
 * The empty result of a table rule that found nothing (shared: no allocation per table). Read-only: a rule with
 * findings returns a fresh array.
 */

/**
 * Append a finding to a rule's result, created on the first finding: `out = addFinding(out, f)`. A one-element array
 * literal instead of `[]` + push (whose first push reserves room for 16 elements): most tables get one finding from a
 * rule, if any.
 */

/** `tokens.some((x) => set.has(x))` without a closure. */
export function someIn(tokens: readonly string[], set: ReadonlySet<string>): boolean {
  for (let i = 0; i < tokens.length; i++) if (set.has(tokens[i]!)) return true;
  return false;
}

export function columnByName(t: Table, name: string): Column | undefined {
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) if (cols[i]!.name === name) return cols[i];
  return undefined;
}

// ------------------------------------------------------------------------------------------------ commands

function tableIn(d: TablewrightDocument, id: Id): Table {
  const t = d.schema.tables[id];
  if (!t) throw new Error(`No table ${id}`);
  return t;
}
function columnIn(t: Table, id: Id): Column {
  const c = t.columns.find((x) => x.id === id);
  if (!c) throw new Error(`No column ${id} in ${t.name}`);
  return c;
}

/** One command made of several edits (one undo step). */
export function compose(label: string, ...cmds: Command[]): Command {
  return { label, run: (d) => cmds.forEach((c) => c.run(d)) };
}

/** A command from a mutation of one table. */
export function editTable(label: string, tableId: Id, fn: (t: Table, d: TablewrightDocument) => void): Command {
  return { label, run: (d) => fn(tableIn(d, tableId), d) };
}

/** A command from a mutation of one column. */
export function editColumn(label: string, tableId: Id, columnId: Id, fn: (c: Column, t: Table, d: TablewrightDocument) => void): Command {
  return editTable(label, tableId, (t, d) => fn(columnIn(t, columnId), t, d));
}

export function renameIndexCmd(tableId: Id, indexId: Id, name: string): Command {
  return editTable(`Rename index to ${name}`, tableId, (t) => {
    const ix = t.indexes.find((i) => i.id === indexId);
    if (!ix) throw new Error('No such index');
    ix.name = name;
  });
}

export function renameConstraintCmd(tableId: Id, constraintId: Id, name: string): Command {
  return editTable(`Rename constraint to ${name}`, tableId, (t) => {
    const c = t.constraints.find((x) => x.id === constraintId);
    if (!c) throw new Error('No such constraint');
    c.name = name;
  });
}

export function setFkActionCmd(tableId: Id, constraintId: Id, onDelete: FkAction): Command {
  return editTable(`ON DELETE ${onDelete.toUpperCase()}`, tableId, (t) => {
    const c = t.constraints.find((x) => x.id === constraintId);
    if (!c || c.kind !== 'foreign') throw new Error('No such foreign key');
    c.onDelete = onDelete;
    delete c.onDeleteColumns;
  });
}

// ------------------------------------------------------------------------------------------------ names

/** Fit a name into 63 bytes by shortening its longest `_` parts, keeping the suffix. */
export function fitName(name: string): string {
  if (utf8Length(name) <= MAX_IDENT_BYTES) return name;
  const parts = name.split('_');
  while (utf8Length(parts.join('_')) > MAX_IDENT_BYTES) {
    let li = 0;
    for (let i = 1; i < parts.length - 1; i++) if (parts[i]!.length > parts[li]!.length) li = i;
    const p = parts[li]!;
    if (p.length <= 1) break;
    parts[li] = p.slice(0, p.length - 1);
  }
  let out = parts.join('_');
  while (utf8Length(out) > MAX_IDENT_BYTES) out = out.slice(0, -1);
  return out;
}

const takenSets = new WeakMap<object, ReadonlySet<string>>();
export function uniqueIn(base: string, taken: Iterable<string>): string {
  let set: ReadonlySet<string> | undefined = taken instanceof Set ? taken : undefined;
  if (!set && Array.isArray(taken) && Object.isFrozen(taken)) {
    set = takenSets.get(taken);
    if (!set) takenSets.set(taken, (set = new Set(taken)));
  }
  set ??= new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) {
    const n = fitName(`${base}_${i}`);
    if (!set.has(n)) return n;
  }
}

/** Names in one schema that share the relation namespace (tables, views, indexes, sequences). */
const relNamesCache = new WeakMap<object, { views: unknown; sequences: unknown; bySchema: Map<Id, readonly string[]> }>();
/** Cached per model state; the result is frozen (do not mutate). */
export function relationNames(model: SchemaModel, schemaId: Id): string[] {
  let c = relNamesCache.get(model.tables);
  if (!c || c.views !== model.views || c.sequences !== model.sequences) relNamesCache.set(model.tables, (c = { views: model.views, sequences: model.sequences, bySchema: new Map() }));
  let v = c.bySchema.get(schemaId);
  if (!v) c.bySchema.set(schemaId, (v = Object.freeze(relationNamesUncached(model, schemaId))));
  return v as string[];
}
function relationNamesUncached(model: SchemaModel, schemaId: Id): string[] {
  const out: string[] = [];
  for (const t of Object.values(model.tables)) {
    if (t.schemaId !== schemaId) continue;
    out.push(t.name);
    for (const ix of t.indexes) if (ix.name) out.push(ix.name);
    for (const c of t.constraints) if ((c.kind === 'primary' || c.kind === 'unique' || c.kind === 'exclude') && c.name) out.push(c.name);
  }
  for (const v of Object.values(model.views)) if (v.schemaId === schemaId) out.push(v.name);
  for (const s of Object.values(model.sequences)) if (s.schemaId === schemaId) out.push(s.name);
  return out;
}

export function constraintNames(t: Table): string[] {
  return t.constraints.map((c) => c.name).filter((n): n is string => !!n);
}

/** A fresh CHECK constraint name `<table>_<col>_<suffix>` not used on the table. */
export function checkName(t: Table, col: string, suffix = 'check'): string {
  return uniqueIn(fitName(`${t.name}_${col}_${suffix}`), constraintNames(t));
}

const wordReCache = new Map<string, RegExp>();
function wordRe(name: string): RegExp {
  let re = wordReCache.get(name);
  if (!re) {
    if (wordReCache.size > 20000) wordReCache.clear();
    wordReCache.set(name, (re = makeWordRe(name)));
  }
  return re;
}
function makeWordRe(name: string): RegExp {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^A-Za-z0-9_$"])("${esc.replace(/"/g, '""')}"|${esc})(?![A-Za-z0-9_$])`, /^[a-z_][a-z0-9_$]*$/.test(name) ? 'i' : '');
}

/** True when `expr` mentions the identifier `name` (plain or quoted). */
export function mentions(expr: string | undefined, name: string): boolean {
  if (!expr) return false;
  // Fast path: the name (as written, any case) must occur in the text at all.
  if (!name.includes('"') && !includesLower(expr, name)) return false;
  return wordRe(name).test(expr);
}

/**
 * `s.toLowerCase().includes(part.toLowerCase())`, without the lowercase copies in the usual case of a lowercase ASCII
 * name: then a plain match is a match (ASCII letters lowercase alone, whatever surrounds them), and a text without
 * upper-case or non-ASCII characters is its own lowercase.
 */
function includesLower(s: string, part: string): boolean {
  if (!UPPER_OR_NON_ASCII.test(part)) {
    if (s.includes(part)) return true;
    if (!UPPER_OR_NON_ASCII.test(s)) return false;
  }
  return s.toLowerCase().includes(part.toLowerCase());
}
const UPPER_OR_NON_ASCII = /[A-Z\u0080-\uffff]/;

/**
 * `checksOn(ctx, t, c).some((e) => !test || test.test(e))` without building the list. `test` must not be a global
 * (`g` / `y`) regex.
 */
export function hasCheckOn(ctx: RuleContext, t: Table, c: Column, test?: RegExp): boolean {
  const ks = t.constraints;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    if (k.kind === 'check' && (!test || test.test(k.expr)) && mentions(k.expr, c.name)) return true;
  }
  const info = colInfo(ctx, c);
  let dom = info.domain;
  if (!dom && info.userType?.kind === 'domain') dom = info.userType;
  const ut = c.typeRef ? ctx.model.types[c.typeRef] : info.userType;
  return domainCheckMatches(ut, test) || domainCheckMatches(dom, test);
}
function domainCheckMatches(d: UserType | undefined, test: RegExp | undefined): boolean {
  if (d?.kind !== 'domain') return false;
  if (!test) return d.checks.length > 0;
  for (let i = 0; i < d.checks.length; i++) if (test.test(d.checks[i]!.expr)) return true;
  return false;
}

/** Table CHECK constraints (and the column's domain checks) that mention the column. */
export function checksOn(ctx: RuleContext, t: Table, c: Column): string[] {
  const out: string[] = [];
  for (const k of t.constraints) if (k.kind === 'check' && mentions(k.expr, c.name)) out.push(k.expr);
  const info = colInfo(ctx, c);
  let dom = info.domain;
  if (!dom && info.userType?.kind === 'domain') dom = info.userType;
  const ut = c.typeRef ? ctx.model.types[c.typeRef] : info.userType;
  for (const d of [ut, dom]) if (d?.kind === 'domain') for (const ch of d.checks) out.push(ch.expr);
  return out;
}

/**
 * True when a rename of this column (or table) would leave SQL text behind that still uses the old name: CHECK
 * and index expressions, defaults, generated columns, views and verbatim statements. Quick fixes that rename skip
 * such objects (the edit would break the schema).
 */
export function nameUsedInText(model: SchemaModel, t: Table, name: string, isTable = false): boolean {
  if (isTable) {
    for (const v of Object.values(model.views)) if (v.deps.includes(t.id) || mentions(v.query, name)) return true;
    for (const r of Object.values(model.raw)) if (r.target === t.id || r.deps.includes(t.id) || mentions(r.sql, name)) return true;
    for (const o of Object.values(model.tables)) {
      for (const c of o.columns) if (mentions(c.default, name) || mentions(c.generated?.expr, name)) return true;
      for (const k of o.constraints) if (k.kind === 'check' && mentions(k.expr, name)) return true;
    }
    if (model.behaviors?.[t.id]) return true;
    return false;
  }
  for (const k of t.constraints) if ((k.kind === 'check' && mentions(k.expr, name)) || (k.kind === 'exclude' && mentions(k.definition, name))) return true;
  for (const ix of t.indexes) if (mentions(ix.where, name) || ix.elements.some((e) => mentions(e.expr, name))) return true;
  for (const c of t.columns) if (mentions(c.default, name) || mentions(c.generated?.expr, name)) return true;
  if (t.partitioning?.keys.some((k) => mentions(k, name))) return true;
  for (const v of Object.values(model.views)) if (v.deps.includes(t.id) && mentions(v.query, name)) return true;
  for (const r of Object.values(model.raw)) if ((r.target === t.id || r.deps.includes(t.id)) && mentions(r.sql, name)) return true;
  const b = model.behaviors?.[t.id];
  if (b && JSON.stringify(b).includes(JSON.stringify(name))) return true;
  return false;
}

/** FKs (in any table) that use this column on either side. */
export function columnInForeignKey(model: SchemaModel, t: Table, c: Column): boolean {
  for (const k of t.constraints) if (k.kind === 'foreign' && k.columns.includes(c.id)) return true;
  return referencedColumns(model).get(t.id)?.has(c.id) ?? false;
}

/** Referenced column ids per table (cached per `model.tables`). */
const referencedColumns = perModel((m: SchemaModel) => {
  const out = new Map<Id, Set<Id>>();
  for (const o of Object.values(m.tables))
    for (const k of o.constraints) {
      if (k.kind !== 'foreign' || !k.refTableId) continue;
      let s = out.get(k.refTableId);
      if (!s) out.set(k.refTableId, (s = new Set()));
      for (const id of k.refColumns) s.add(id);
    }
  return out;
});

// ------------------------------------------------------------------------------------------------ quick fixes

/** Rename a column: the model edit plus `ALTER TABLE … RENAME COLUMN`. Undefined when SQL text uses the name. */
export function renameColumnFix(ctx: RuleContext, t: Table, c: Column, to: string, extraComment?: string): QuickFix | undefined {
  if (to === c.name) return undefined;
  if (nameUsedInText(ctx.model, t, c.name)) return undefined;
  const name = uniqueIn(fitName(to), t.columns.map((x) => x.name));
  let sql = `ALTER TABLE ${qt(ctx.model, t)} RENAME COLUMN ${quoteIdent(c.name)} TO ${quoteIdent(name)};`;
  if (extraComment !== undefined) sql += `\nCOMMENT ON COLUMN ${qt(ctx.model, t)}.${quoteIdent(name)} IS ${quoteLiteral(extraComment)};`;
  return {
    label: `Rename ${c.name} to ${name}`,
    sql,
    command: editColumn(`Rename column ${c.name} to ${name}`, t.id, c.id, (col) => {
      col.name = name;
      if (extraComment !== undefined) col.comment = extraComment;
    }),
  };
}

export function renameTableFix(ctx: RuleContext, t: Table, to: string): QuickFix | undefined {
  if (to === t.name || nameUsedInText(ctx.model, t, t.name, true)) return undefined;
  const name = uniqueIn(fitName(to), relationNames(ctx.model, t.schemaId));
  return {
    label: `Rename table ${t.name} to ${name}`,
    sql: `ALTER TABLE ${qt(ctx.model, t)} RENAME TO ${quoteIdent(name)};`,
    command: editTable(`Rename table ${t.name} to ${name}`, t.id, (x) => {
      x.name = name;
    }),
  };
}

export function renameIndexFix(ctx: RuleContext, t: Table, ix: Index, to: string): QuickFix {
  const name = uniqueIn(fitName(to), relationNames(ctx.model, t.schemaId).filter((n) => n !== ix.name));
  return {
    label: `Rename index to ${name}`,
    sql: ix.name ? `ALTER INDEX ${quoteIdent(schemaOf(ctx.model, t))}.${quoteIdent(ix.name)} RENAME TO ${quoteIdent(name)};` : `-- name the index ${quoteIdent(name)} (CREATE INDEX ${quoteIdent(name)} ON ${qt(ctx.model, t)} ...)`,
    command: renameIndexCmd(t.id, ix.id, name),
  };
}

export function renameConstraintFix(ctx: RuleContext, t: Table, k: Constraint, to: string): QuickFix {
  const others = k.kind === 'check' || k.kind === 'foreign' ? constraintNames(t) : [...constraintNames(t), ...relationNames(ctx.model, t.schemaId)];
  const name = uniqueIn(fitName(to), others.filter((n) => n !== k.name));
  return {
    label: `Rename constraint to ${name}`,
    sql: k.name
      ? `ALTER TABLE ${qt(ctx.model, t)} RENAME CONSTRAINT ${quoteIdent(k.name)} TO ${quoteIdent(name)};`
      : `-- name the constraint explicitly: ALTER TABLE ${qt(ctx.model, t)} ADD CONSTRAINT ${quoteIdent(name)} ...`,
    command: renameConstraintCmd(t.id, k.id, name),
  };
}

const NOW_DEFAULT = /^\s*\(?\s*(now\s*\(\s*\)|current_timestamp(\s*\(\s*\d*\s*\))?|transaction_timestamp\s*\(\s*\)|statement_timestamp\s*\(\s*\)|clock_timestamp\s*\(\s*\)|localtimestamp(\s*\(\s*\d*\s*\))?)\s*\)?\s*(::\s*[a-z ]+)?\s*$/i;
export function isNowDefault(expr: string | undefined): boolean {
  return !!expr && NOW_DEFAULT.test(expr);
}

const TRUE_WORDS = /^'?(1|t|true|y|yes|on)'?(::[a-z ]+)?$/i;
const FALSE_WORDS = /^'?(0|f|false|n|no|off)'?(::[a-z ]+)?$/i;

/**
 * Change a column's type: the model edit plus `ALTER TABLE … ALTER COLUMN … TYPE … USING …`. When the H4 family
 * changes, a DEFAULT that cannot follow is converted (booleans) or dropped, and CHECKs on the column are dropped
 * (they were written for the old type). Undefined when the column takes part in a foreign key (both sides must
 * change together) and the family changes.
 */
export function retypeFix(
  ctx: RuleContext,
  t: Table,
  c: Column,
  newType: string,
  opts: { using?: string; label?: string; setDefault?: string; setNotNull?: boolean; keepChecks?: boolean } = {},
): QuickFix | undefined {
  const model = ctx.model;
  const oldInfo = colInfo(ctx, c);
  const newFam = columnTypeInfo({ ...c, type: newType, typeRef: undefined }, model).family;
  const familyChanges = oldInfo.family !== newFam || oldInfo.array;
  if (familyChanges && columnInForeignKey(model, t, c)) return undefined;
  const q = quoteIdent(c.name);
  const tq = qt(model, t);
  const actions: string[] = [];
  let newDefault: string | undefined | null = null; // null = keep
  if (opts.setDefault !== undefined) newDefault = opts.setDefault;
  else if (familyChanges && c.default !== undefined) {
    if (newFam === 'bool') newDefault = TRUE_WORDS.test(c.default.trim()) ? 'true' : FALSE_WORDS.test(c.default.trim()) ? 'false' : undefined;
    else if (newFam === 'time' && isNowDefault(c.default)) newDefault = null;
    else newDefault = undefined;
  }
  if (newDefault !== null && c.default !== undefined && newDefault !== c.default) actions.push(`ALTER COLUMN ${q} DROP DEFAULT`);
  actions.push(`ALTER COLUMN ${q} TYPE ${newType}${opts.using ? ` USING ${opts.using}` : ''}`);
  if (newDefault !== null && newDefault !== undefined && newDefault !== c.default) actions.push(`ALTER COLUMN ${q} SET DEFAULT ${newDefault}`);
  if (opts.setNotNull && c.nullable) actions.push(`ALTER COLUMN ${q} SET NOT NULL`);
  const dropChecks = familyChanges && !opts.keepChecks ? t.constraints.filter((k): k is CheckConstraint => k.kind === 'check' && mentions(k.expr, c.name)) : [];
  const pre = dropChecks.map((k) => `ALTER TABLE ${tq} DROP CONSTRAINT ${quoteIdent(k.name ?? fitName(defaultConstraintName(t, k)))};`);
  const sql = [...pre, `ALTER TABLE ${tq}\n  ${actions.join(',\n  ')};`].join('\n');
  const dropIds = new Set(dropChecks.map((k) => k.id));
  return {
    label: opts.label ?? `Change ${c.name} to ${newType}`,
    sql,
    command: editColumn(`Change type of ${c.name} to ${newType}`, t.id, c.id, (col, tab) => {
      col.type = newType;
      delete col.typeRef;
      if (newDefault === undefined) delete col.default;
      else if (newDefault !== null) col.default = newDefault;
      if (opts.setNotNull) col.nullable = false;
      if (dropIds.size) tab.constraints = tab.constraints.filter((k) => !dropIds.has(k.id));
    }),
  };
}

/** Add a CHECK constraint: the model edit plus `ADD CONSTRAINT … CHECK (…) NOT VALID; VALIDATE …`. */
export function addCheckFix(ctx: RuleContext, t: Table, name: string, expr: string, label?: string): QuickFix {
  const tq = qt(ctx.model, t);
  return {
    label: label ?? `Add CHECK (${expr})`,
    sql: `ALTER TABLE ${tq} ADD CONSTRAINT ${quoteIdent(name)} CHECK (${expr}) NOT VALID;\nALTER TABLE ${tq} VALIDATE CONSTRAINT ${quoteIdent(name)};`,
    command: editTable(`Add CHECK ${name}`, t.id, (x) => {
      x.constraints.push({ id: newId('k'), kind: 'check', name, expr });
    }),
  };
}

export function setNotNullFix(ctx: RuleContext, t: Table, c: Column, setDefault?: string): QuickFix {
  const q = quoteIdent(c.name);
  const parts = [];
  if (setDefault !== undefined) parts.push(`ALTER COLUMN ${q} SET DEFAULT ${setDefault}`);
  parts.push(`ALTER COLUMN ${q} SET NOT NULL`);
  return {
    label: setDefault !== undefined ? `Default ${setDefault} and NOT NULL` : `Make ${c.name} NOT NULL`,
    sql: `ALTER TABLE ${qt(ctx.model, t)}\n  ${parts.join(',\n  ')};`,
    command: editColumn(`Make ${c.name} NOT NULL`, t.id, c.id, (col) => {
      col.nullable = false;
      if (setDefault !== undefined) col.default = setDefault;
    }),
  };
}

export function dropDefaultFix(ctx: RuleContext, t: Table, c: Column): QuickFix {
  return {
    label: `Drop the default of ${c.name}`,
    sql: `ALTER TABLE ${qt(ctx.model, t)} ALTER COLUMN ${quoteIdent(c.name)} DROP DEFAULT;`,
    command: editColumn(`Drop default of ${c.name}`, t.id, c.id, (col) => {
      delete col.default;
    }),
  };
}

/** Memoise a model-wide computation per model object (models are immutable states). */
export function perModel<V>(fn: (m: SchemaModel) => V): (m: SchemaModel) => V {
  const cache = new WeakMap<object, V>();
  // Rules ask once per table about the same model: the last model answers without a lookup.
  let lastKey: object | undefined;
  let lastV: V | undefined;
  return (m) => {
    const key = m.tables;
    if (key === lastKey) return lastV as V;
    let v = cache.get(key);
    if (v === undefined) {
      v = fn(m);
      cache.set(key, v);
    }
    lastKey = key;
    lastV = v;
    return v;
  };
}

const rawCache = new WeakMap<object, Map<string, import('../../model/types').RawStatement[]>>();
/** Verbatim statements per target table id (cached per `model.raw` object). */
export function rawByTarget(model: SchemaModel, tableId: Id): import('../../model/types').RawStatement[] {
  let m = rawCache.get(model.raw);
  if (!m) {
    m = new Map();
    for (const r of Object.values(model.raw)) {
      if (!r.target) continue;
      const l = m.get(r.target);
      if (l) l.push(r);
      else m.set(r.target, [r]);
    }
    rawCache.set(model.raw, m);
  }
  return m.get(tableId) ?? NO_RAW;
}
const NO_RAW: RawStatement[] = [];

/** Drop a column (and the constraints and indexes that use it, as PostgreSQL does). */
export function removeColumnFix(ctx: RuleContext, t: Table, c: Column): QuickFix | undefined {
  if (columnInForeignKey(ctx.model, t, c) || nameUsedInText(ctx.model, t, c.name)) return undefined;
  return {
    label: `Drop column ${c.name}`,
    sql: `ALTER TABLE ${qt(ctx.model, t)} DROP COLUMN ${quoteIdent(c.name)};`,
    command: editTable(`Drop column ${c.name}`, t.id, (tab) => {
      tab.columns = tab.columns.filter((x) => x.id !== c.id);
      tab.constraints = tab.constraints.filter((k) => !('columns' in k && k.columns.includes(c.id)) && !(k.kind === 'check' && mentions(k.expr, c.name)));
      tab.indexes = tab.indexes.filter((ix) => !ix.elements.some((e) => e.column === c.id) && !ix.include?.includes(c.id));
    }),
  };
}

/**
 * Cache a table rule's findings per table object and a list of extra inputs (compared by identity). For rules that
 * must run on every check (`incremental: false`) because they read model parts the engine does not track (verbatim
 * statements, behaviours, all names): an unchanged table with unchanged inputs costs one lookup.
 */
export function memoByTable(fn: (t: Table, ctx: RuleContext) => Finding[], deps: (t: Table, ctx: RuleContext) => unknown[]): (t: Table, ctx: RuleContext) => Finding[] {
  // By table id (the entry keeps its table object to compare): cheaper than a WeakMap on large schemas. Two
  // generations, rotated when a new check starts (a new helpers instance): entries of tables not seen in the last two
  // checks are dropped, so findings (whose lazy fixes hold a model) of replaced models do not pile up.
  let cur = new Map<Id, { table: Table; deps: unknown[]; out: Finding[] }>();
  let prev = cur;
  let gen: unknown;
  return (t, ctx) => {
    if (ctx.helpers !== gen) {
      gen = ctx.helpers;
      prev = cur;
      cur = new Map();
    }
    const d = deps(t, ctx);
    const c = cur.get(t.id) ?? prev.get(t.id);
    if (c && c.table === t && c.deps.length === d.length && c.deps.every((x, i) => x === d[i])) {
      cur.set(t.id, c);
      return c.out;
    }
    const out = fn(t, ctx);
    cur.set(t.id, { table: t, deps: d, out });
    return out;
  };
}
