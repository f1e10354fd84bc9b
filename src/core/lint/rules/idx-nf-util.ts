/**
 * Private helpers shared by the IDX-* and NF-* rules (index signatures, H5 coverage, candidate keys, name tokens,
 * type families, SQL text for quick fixes). Small on purpose: where the engine's shared helpers (helpers/*.ts) offer
 * the same thing, the rules may move to them; these stay dependency-free so the rules work on their own.
 */
import type { Command } from '../../commands/history';
import type { Column, Constraint, FkAction, ForeignKey, Id, Index, IndexElement, SchemaModel, Table } from '../../model/types';
import { newId } from '../../util/ids';
import { foreignKeys, primaryKey, schemaName, singular } from '../../model/query';
import { quoteIdent, quoteLiteral, utf8Length } from '../../sql/ident';
import type { Finding, ObjectRef, RuleContext, Severity } from '../types';
import { columnTypeInfo, parseTypeText, typeInfo, type TypeInfo } from '../helpers/types';
import { candidateKeys as sharedCandidateKeys, indexCovers, indexLikes, perTable, type CandidateKey, type IndexLike } from '../helpers/keys';
import { attachFix, type FixSource } from '../lazy';
import { memoByString } from '../helpers/names';
export { NONE } from './results';

// ------------------------------------------------------------------ memo (tables are immutable states)

/** A bounded string-keyed memo (H1's, names.ts). */
const perString = memoByString;
/** A free name: `base`, else `base_2`, `base_3`, … (no copy of the taken set). */
function freeName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}_${i}`)) return `${base}_${i}`;
}

// ------------------------------------------------------------------ findings

export function ref(ctx: RuleContext, t: Table, extra: Partial<ObjectRef> = {}): ObjectRef {
  const o: ObjectRef = { schema: schemaName(ctx.model, t.schemaId), table: t.name, tableId: t.id };
  return Object.assign(o, extra);
}

export function colRef(ctx: RuleContext, t: Table, c: Column, extra: Partial<ObjectRef> = {}): ObjectRef {
  return ref(ctx, t, { columnId: c.id, column: c.name, ...extra });
}

/** `fix`: the fix, or a function that builds it when it is read (pass `ctx` then, see ../lazy.ts). */
export function finding(rule: string, severity: Severity, object: ObjectRef, message: string, why: string, fix?: FixSource, ctx?: RuleContext): Finding {
  const f: Finding = { rule, severity, object, message, why };
  return attachFix(f, ctx ?? ONCE, fix);
}
/** A context whose model never changes: a lazy fix without a context is built once. */
const ONCE = { model: undefined } as unknown as RuleContext;

/** One undoable step made of several commands. */
export function compose(label: string, cmds: Command[]): Command {
  return {
    label,
    run(d) {
      for (const c of cmds) c.run(d);
    },
  };
}

// ------------------------------------------------------------------ names

export function colName(t: Table, id: Id): string {
  return t.columns.find((c) => c.id === id)?.name ?? '?';
}

export function colNames(t: Table, ids: readonly Id[]): string[] {
  return ids.map((id) => colName(t, id));
}

/** `name.toLowerCase()`, cached per name (toLowerCase allocates a new string even when nothing changes). */
export const lowerName: (name: string) => string = memoByString((name: string) => name.toLowerCase());

/** H1-style tokens: split on `_`, `-`, camel humps and digit runs; lower case; not singularised. */
const rawTokensM = perString(rawTokensUncached);
export function rawTokens(name: string): string[] {
  return rawTokensM(name).slice();
}
/** `rawTokens` without the copy: the cached array, shared (do not mutate it). */
export function rawTokensShared(name: string): readonly string[] {
  return rawTokensM(name);
}
function rawTokensUncached(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[_\-\s]+/)
    .filter(Boolean);
}

/** Singular tokens of a table name (`order_items` → [order, item]). */
export function stemTokens(name: string): string[] {
  return rawTokens(name).map((w) => singular(w));
}

/** Singular form of a whole table name (`order_items` → `order_item`). */
export function tableStem(name: string): string {
  const tk = rawTokens(name);
  if (!tk.length) return name.toLowerCase();
  tk[tk.length - 1] = singular(tk[tk.length - 1]!);
  return tk.join('_');
}

/** Table and constraint/index names used in a schema (relation names share one namespace). */
const relNamesCache = new WeakMap<object, { views: unknown; sequences: unknown; bySchema: Map<Id, Set<string>> }>();
/** Cached per model state (do not mutate the result). */
export function relationNames(model: SchemaModel, schemaId: Id): ReadonlySet<string> {
  let c = relNamesCache.get(model.tables);
  if (!c || c.views !== model.views || c.sequences !== model.sequences) relNamesCache.set(model.tables, (c = { views: model.views, sequences: model.sequences, bySchema: new Map() }));
  let v = c.bySchema.get(schemaId);
  if (!v) c.bySchema.set(schemaId, (v = relationNamesUncached(model, schemaId)));
  return v;
}
function relationNamesUncached(model: SchemaModel, schemaId: Id): Set<string> {
  const out = new Set<string>();
  for (const t of Object.values(model.tables)) {
    if (t.schemaId !== schemaId) continue;
    out.add(t.name);
    for (const ix of t.indexes) if (ix.name) out.add(ix.name);
    for (const c of t.constraints) if (c.name) out.add(c.name);
  }
  for (const v of Object.values(model.views)) if (v.schemaId === schemaId) out.add(v.name);
  for (const s of Object.values(model.sequences)) if (s.schemaId === schemaId) out.add(s.name);
  return out;
}

/** A fresh index name `<table>_<cols>_<suffix>`, within 63 bytes and not yet used in the schema. */
export function freshIndexName(model: SchemaModel, t: Table, parts: string[], suffix = 'idx'): string {
  let base = [t.name, ...parts].join('_');
  const room = 63 - utf8Length(suffix) - 4;
  while (utf8Length(base) > room) base = base.slice(0, -1);
  return freeName(`${base}_${suffix}`, relationNames(model, t.schemaId));
}

export function qTable(model: SchemaModel, t: Table): string {
  return `${quoteIdent(schemaName(model, t.schemaId))}.${quoteIdent(t.name)}`;
}

export function qIndex(model: SchemaModel, t: Table, name: string): string {
  return `${quoteIdent(schemaName(model, t.schemaId))}.${quoteIdent(name)}`;
}

export function indexLabel(ix: Index, t: Table): string {
  return ix.name ?? `(unnamed index on ${t.name} (${ix.elements.map((e) => (e.column ? colName(t, e.column) : e.expr)).join(', ')}))`;
}

// ------------------------------------------------------------------ SQL for fixes

function elementSql(t: Table, e: IndexElement): string {
  let s = e.column !== undefined ? quoteIdent(colName(t, e.column)) : `(${e.expr ?? ''})`;
  if (e.collation) s += ` COLLATE ${e.collation}`;
  if (e.opclass) s += ` ${e.opclass}${e.opclassParams ?? ''}`;
  if (e.order === 'desc') s += ' DESC';
  if (e.nulls) s += ` NULLS ${e.nulls.toUpperCase()}`;
  return s;
}

/** `CREATE INDEX CONCURRENTLY IF NOT EXISTS …;` (no CONCURRENTLY on partitioned tables, where PG refuses it). */
export function createIndexSql(model: SchemaModel, t: Table, ix: Omit<Index, 'id' | 'seq'>): string {
  const conc = t.partitioning ? '' : 'CONCURRENTLY ';
  let sql = `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX ${conc}IF NOT EXISTS ${quoteIdent(ix.name ?? 'new_idx')} ON ${qTable(model, t)}`;
  if (ix.method && ix.method !== 'btree') sql += ` USING ${ix.method}`;
  sql += ` (${ix.elements.map((e) => elementSql(t, e)).join(', ')})`;
  if (ix.include?.length) sql += ` INCLUDE (${colNames(t, ix.include).map(quoteIdent).join(', ')})`;
  if (ix.where) sql += ` WHERE ${ix.where}`;
  return sql + ';';
}

export function dropIndexSql(model: SchemaModel, t: Table, ix: Index): string {
  if (!ix.name) return `-- DROP INDEX of ${indexLabel(ix, t)} (PostgreSQL chose its name; look it up with \\d ${t.name})`;
  return `DROP INDEX ${t.partitioning ? '' : 'CONCURRENTLY '}IF EXISTS ${qIndex(model, t, ix.name)};`;
}

/** The name PostgreSQL gives an unnamed constraint (`<table>_<col>_<suffix>`, first column only for brevity). */
export function constraintName(t: Table, c: Constraint): string {
  if (c.name) return c.name;
  const suffix = { primary: 'pkey', unique: 'key', foreign: 'fkey', check: 'check', exclude: 'excl' }[c.kind];
  if (c.kind === 'primary') return `${t.name}_pkey`;
  const cols = 'columns' in c ? colNames(t, c.columns) : [];
  return [t.name, ...cols, suffix].join('_');
}

export { quoteIdent, quoteLiteral };

// ------------------------------------------------------------------ type families (H4: helpers/types.ts)

/** The IDX / NF rules' family names: H4 families, with numeric / money, inet / other network types, tsvector and hstore told apart. */
export type Family = 'int' | 'numeric' | 'float' | 'string' | 'time' | 'uuid' | 'bool' | 'json' | 'bytea' | 'inet' | 'tsvector' | 'enum' | 'hstore' | 'money' | 'other';

/** Array type text (`int[]`, `text ARRAY`, internal `_int4`). */
export function isArrayType(type: string): boolean {
  // An array type text ends with `]` or `array` (after trimming) or starts with `_`: texts whose ends are other
  // printable ASCII characters are answered without the cached parse (one string-keyed lookup less per column).
  const n = type.length;
  if (n > 0) {
    const first = type.charCodeAt(0);
    const last = type.charCodeAt(n - 1);
    if (first > 32 && first < 127 && first !== 95 && last > 32 && last < 127 && last !== 93 && last !== 121 && last !== 89) return false;
  }
  return isArrayTypeM(type);
}
const isArrayTypeM = memoByString((type) => parseTypeText(type).array || /^\s*_/.test(type));

function familyOf(i: TypeInfo): Family {
  switch (i.family) {
    case 'exact':
      return i.base === 'money' ? 'money' : 'numeric';
    case 'net':
      return i.base === 'inet' || i.base === 'cidr' ? 'inet' : 'other';
    case 'other':
      if (i.base === 'tsvector') return 'tsvector';
      if (/(^|\.)hstore$/.test(i.base)) return 'hstore';
      return 'other';
    default:
      return i.family;
  }
}

/** Family of a column (H4, domains resolved; arrays: the element's family, check `isArrayType` separately). */
export function family(model: SchemaModel, c: Pick<Column, 'type' | 'typeRef'>): Family {
  return familyOf(info(model, c));
}
/** H4 of a column (cached per column object) or of a bare type text. */
function info(model: SchemaModel, c: Pick<Column, 'type' | 'typeRef'>): TypeInfo {
  // Without a typeRef, H4's per-model cache keyed by the type text answers (the same object columnTypeInfo returns)
  // without a per-column cache entry; with one, the key would be a new string per call.
  return 'id' in c && c.typeRef ? columnTypeInfo(c as Column, model) : typeInfo(c.type, model, c.typeRef);
}

/** The canonical base type name (H4): lower case, without modifiers or array brackets (`numeric(10,2)[]` → `numeric`). */
export const bareType: (type: string) => string = memoByString((type) => parseTypeText(type).base);

export function isTimestampType(model: SchemaModel, c: Column): boolean {
  const i = info(model, c);
  return i.base === 'timestamp' || i.base === 'timestamptz';
}

export function compatible(model: SchemaModel, a: Column, b: Column): boolean {
  const ia = info(model, a);
  const ib = info(model, b);
  const fa = familyOf(ia);
  const fb = familyOf(ib);
  if (isArrayType(a.type) !== isArrayType(b.type)) return false;
  if (fa === 'other' || fb === 'other') return ia.base === ib.base;
  if (fa === 'enum' || fb === 'enum') return fa === fb && (a.typeRef === b.typeRef || ia.base === ib.base);
  return fa === fb;
}

// ------------------------------------------------------------------ indexes (H5, H6: helpers/keys.ts)

export type { IndexLike };
/** Index-like access paths of a table (H5; cached per table object; do not mutate). */
export { indexLikes };
/** H5: the index covers column set `cols` (valid, not partial, btree or single-column hash, first |C| keys = C as a set). */
export { indexCovers as covers };

/** How a message names an index-like: `primary key x_pkey`, `unique constraint x_code_key`, `index x_idx`. */
export function likeLabel(t: Table, ix: IndexLike): string {
  if (ix.index) return `index ${indexLabel(ix.index, t)}`;
  return `${ix.source === 'primary' ? 'primary key' : 'unique constraint'} ${ix.constraint ? constraintName(t, ix.constraint) : ix.id}`;
}

export function normExpr(s: string | undefined): string {
  if (!s) return '';
  return s.toLowerCase().replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/^\((.*)\)$/, '$1').trim();
}

/** Signature of one key element: column or expression, collation, opclass, order, nulls placement. */
export function elementSig(e: IndexElement): string {
  const key = e.column !== undefined ? `c:${e.column}` : `e:${normExpr(e.expr)}`;
  const nulls = e.nulls ?? (e.order === 'desc' ? 'first' : 'last');
  return [key, (e.collation ?? '').toLowerCase(), (e.opclass ?? '').toLowerCase() + (e.opclassParams ?? ''), e.order ?? 'asc', nulls].join('|');
}

export function coveredByAny(t: Table, cols: readonly Id[]): boolean {
  // isCovered without its closure; H5 is asked only about index-likes whose first key is a plain column of `cols`
  // (a necessary condition: most index-likes fail it without any work).
  const ils = indexLikes(t);
  for (let i = 0; i < ils.length; i++) {
    const ix = ils[i]!;
    const first = ix.elements[0]?.column;
    if (first === undefined || ix.where || !cols.includes(first)) continue;
    if (indexCovers(ix, cols)) return true;
  }
  return false;
}

export type { CandidateKey };

/** H6 without expression keys: PK, UNIQUE constraints, unique indexes over plain columns (partial ones only when asked, with their predicate). */
const plainKeys = perTable((t: Table) => sharedCandidateKeys(t).filter((k) => !k.exprs.length && !k.where));
const plainKeysPartial = perTable((t: Table) => sharedCandidateKeys(t).filter((k) => !k.exprs.length));
/** Cached per table object (do not mutate). */
export function candidateKeys(t: Table, includePartial = false): CandidateKey[] {
  // Most tables have plain keys only: then H6's own (cached, shared) array is the answer, with no copy.
  const all = sharedCandidateKeys(t);
  let plain = true;
  for (let i = 0; i < all.length; i++) {
    const k = all[i]!;
    if (k.exprs.length || (!includePartial && k.where)) {
      plain = false;
      break;
    }
  }
  if (plain) return all;
  return includePartial ? plainKeysPartial(t) : plainKeys(t);
}

export function sameSet(a: readonly Id[], b: readonly Id[]): boolean {
  if (a.length !== b.length) return false;
  // Key column lists are short: a scan, no set.
  for (let i = 0; i < b.length; i++) if (!a.includes(b[i]!)) return false;
  return true;
}

/** Cached per table object (do not mutate). */
export const fkColumnIds: (t: Table) => ReadonlySet<Id> = perTable(fkColumnIdsUncached);
function fkColumnIdsUncached(t: Table): Set<Id> {
  const s = new Set<Id>();
  for (const fk of foreignKeys(t)) for (const c of fk.columns) s.add(c);
  return s;
}

// Constraint objects come in many shapes (reading them is slow): PK and FK columns are read from H6's candidate keys
// and H3's outgoing FKs, which the engine's helpers cache per table object and most rules read anyway.
const NO_IDS: readonly Id[] = Object.freeze([]);

/** Columns of the table's primary key (shared, do not mutate). */
export function pkColumns(t: Table): readonly Id[] {
  const keys = sharedCandidateKeys(t);
  for (let i = 0; i < keys.length; i++) if (keys[i]!.source === 'primary') return keys[i]!.columns;
  return NO_IDS;
}

/** The column is in the table's primary key (no set built). */
export function isPkColumn(t: Table, id: Id): boolean {
  return pkColumns(t).includes(id);
}

// The FK columns of the last table asked about (rules run table by table; tables are immutable states): one read of
// the FK objects per table, a merged list only for tables with several FKs.
let fkColsT: Table | undefined;
let fkColsV: readonly Id[] = NO_IDS;
/** Columns of the table's FKs, in FK order (shared, do not mutate). */
export function fkColumns(ctx: RuleContext, t: Table): readonly Id[] {
  if (t === fkColsT) return fkColsV;
  const fks = ctx.helpers.outgoing(t);
  let v: readonly Id[] = NO_IDS;
  for (let i = 0; i < fks.length; i++) v = i === 0 ? fks[i]!.columns : v.concat(fks[i]!.columns);
  fkColsT = t;
  fkColsV = v;
  return v;
}

/** The column is in some FK of the table (no set built). */
export function isFkColumn(ctx: RuleContext, t: Table, id: Id): boolean {
  return fkColumns(ctx, t).includes(id);
}

// One read of the last table's constraint objects for IDX-09 and IDX-15 (rules run table by table; tables are
// immutable states). Plain variables; an array only for tables with a CHECK that may list values.
const NO_EXPRS: readonly string[] = Object.freeze([]);
let consT: Table | undefined;
let consNotValid = false;
let consListChecks: readonly string[] = NO_EXPRS;
function readConstraints(t: Table): void {
  let notValid = false;
  let lists: string[] | undefined;
  const cs = t.constraints;
  for (let i = 0; i < cs.length; i++) {
    const k = cs[i]!;
    if (k.kind === 'check') {
      if (k.notValid) notValid = true;
      if (mayListValues(k.expr)) (lists ??= []).push(k.expr);
    } else if (k.kind === 'foreign' && k.notValid) notValid = true;
  }
  consT = t;
  consNotValid = notValid;
  consListChecks = lists ?? NO_EXPRS;
}

/** Some FK or CHECK constraint of the table is NOT VALID. */
export function hasNotValidConstraint(t: Table): boolean {
  if (t !== consT) readConstraints(t);
  return consNotValid;
}

/** CHECK expressions of the table that may hold an `IN (…)` / `= ANY (ARRAY[…])` list, in constraint order. */
function listChecks(t: Table): readonly string[] {
  if (t !== consT) readConstraints(t);
  return consListChecks;
}

/** Cached per table object (do not mutate). */
export const pkColumnIds: (t: Table) => ReadonlySet<Id> = perTable((t: Table) => new Set(primaryKey(t)?.columns ?? []));

/** FKs whose columns all lie inside a composite candidate key that holds at least 2 such FKs (NF-06's situation). */
const NO_FKS: ForeignKey[] = Object.freeze([]) as unknown as ForeignKey[];
/** Shared result (do not mutate); an empty one when the table has no composite plain key (most tables: no allocation). */
export function compositeKeyForeignKeys(t: Table): ForeignKey[] {
  const all = sharedCandidateKeys(t);
  let composite = false;
  for (let i = 0; i < all.length; i++) {
    const k = all[i]!;
    if (k.columns.length >= 2 && !k.exprs.length && !k.where) {
      composite = true;
      break;
    }
  }
  if (!composite) return NO_FKS;
  return compositeKeyForeignKeysM(t);
}
const compositeKeyForeignKeysM = perTable(compositeKeyForeignKeysUncached);
function compositeKeyForeignKeysUncached(t: Table): ForeignKey[] {
  const fks = foreignKeys(t);
  for (const k of candidateKeys(t)) {
    if (k.columns.length < 2) continue;
    const inside = fks.filter((fk) => fk.columns.every((c) => k.columns.includes(c)));
    if (inside.length >= 2) return inside;
  }
  return NO_FKS;
}

// ------------------------------------------------------------------ column classes

export const AUDIT_COLUMNS = new Set([
  'created_at', 'updated_at', 'modified_at', 'inserted_at', 'created_on', 'updated_on', 'created', 'updated', 'modified',
  'created_by', 'updated_by', 'modified_by', 'deleted_by', 'created_by_id', 'updated_by_id', 'version', 'lock_version', 'row_version',
  'createdat', 'updatedat', 'createdby', 'updatedby',
]);
export const SOFT_DELETE_COLUMNS = new Set(['deleted_at', 'archived_at', 'is_deleted', 'is_archived', 'deleted', 'archived']);
export const TENANCY_COLUMNS = new Set(['tenant_id', 'org_id', 'organization_id', 'organisation_id', 'workspace_id', 'account_id', 'company_id']);

export function isAuditName(name: string): boolean {
  const n = lowerName(name);
  return AUDIT_COLUMNS.has(n) || SOFT_DELETE_COLUMNS.has(n);
}

/** The soft-delete column of a table and the live-rows predicate for it, if the table has one. */
export function softDelete(model: SchemaModel, t: Table): { column: Column; live: string } | undefined {
  // The first name of SOFT_DELETE_NAMES that some column has (its first such column); one pass, names of other
  // lengths are not even lowercased.
  const cols = t.columns;
  let best = SOFT_DELETE_NAMES.length;
  let c: Column | undefined;
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i]!;
    const len = x.name.length;
    if (len !== 10 && len !== 11) continue;
    const k = SOFT_DELETE_NAMES.indexOf(lowerName(x.name));
    if (k >= 0 && k < best) {
      best = k;
      c = x;
    }
  }
  if (!c) return undefined;
  const live = family(model, c) === 'bool' ? `NOT ${quoteIdent(c.name)}` : `${quoteIdent(c.name)} IS NULL`;
  return { column: c, live };
}
/** Soft-delete column names, by preference (all 10 or 11 characters long). */
const SOFT_DELETE_NAMES: readonly string[] = ['deleted_at', 'archived_at', 'is_deleted', 'is_archived'];

/** Labels of an enum column, or the values of a `col IN (...)` / `col = ANY (ARRAY[...])` CHECK, if any. */
export function closedValueCount(model: SchemaModel, t: Table, c: Column): number | undefined {
  if (c.typeRef) {
    const ut = model.types[c.typeRef];
    if (ut?.kind === 'enum') return ut.values.length;
  }
  const exprs = listChecks(t);
  if (!exprs.length) return undefined;
  const re = closedValueRe(c.name);
  for (let i = 0; i < exprs.length; i++) {
    const m = re.exec(exprs[i]!);
    if (m && m[5] !== undefined) return m[5].split(',').filter((s) => s.trim()).length;
  }
  return undefined;
}

/** A necessary condition for `closedValueRe` to match (`in (` or `any (`), cached per CHECK text. */
const MAY_LIST = /in\s*\(|any\s*\(/i;
const mayListValues = perString((expr: string) => MAY_LIST.test(expr));

/** `col IN (` / `col = ANY (ARRAY[` for a column name (compiled once per name). */
const closedValueRe = perString((colName: string) => {
  const name = colName.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9_"])"?${name}"?\\s*(::\\s*[a-z ]+)?\\s*(in\\s*\\(|=\\s*any\\s*\\(\\s*(\\(\\s*)?array\\s*\\[)([^\\])]*)`, 'i');
});

// ------------------------------------------------------------------ new tables (NF fixes)

export interface NewTableSpec {
  schemaId: Id;
  name: string;
  /** Place the new node near this table on the canvas. */
  near?: Id;
  columns: { name: string; type: string; nullable: boolean; typeRef?: Id }[];
  /** Indexes into `columns`. */
  primaryKey: number[];
  foreignKeys: { columns: number[]; refTableId: Id; refColumns: Id[]; onDelete: FkAction }[];
  /** Plain btree indexes (column positions). */
  indexes?: number[][];
}

/** A command that adds a fully formed table (columns, PK, FKs, indexes) to the diagram. */
export function createTableCommand(spec: NewTableSpec, out: { id?: Id } = {}): Command {
  return {
    label: `Add table ${spec.name}`,
    run(d) {
      const m = d.schema;
      const id = out.id ?? newId('t');
      out.id = id;
      const cols: Column[] = spec.columns.map((c) => {
        const col: Column = { id: newId('c'), name: c.name, type: c.type, nullable: c.nullable };
        if (c.typeRef) col.typeRef = c.typeRef;
        return col;
      });
      const at = (i: number) => cols[i]!.id;
      const t: Table = { id, schemaId: spec.schemaId, name: spec.name, columns: cols, constraints: [], indexes: [], seq: m.nextSeq++ };
      t.constraints.push({ id: newId('k'), kind: 'primary', columns: spec.primaryKey.map(at) });
      for (const fk of spec.foreignKeys) {
        if (!m.tables[fk.refTableId]) throw new Error('Referenced table is gone');
        t.constraints.push({ id: newId('k'), kind: 'foreign', columns: fk.columns.map(at), refTableId: fk.refTableId, refColumns: [...fk.refColumns], onDelete: fk.onDelete, onUpdate: 'no action', match: 'simple' });
      }
      for (const ix of spec.indexes ?? []) t.indexes.push({ id: newId('i'), name: `${spec.name}_${ix.map((i) => cols[i]!.name).join('_')}_idx`, unique: false, method: 'btree', elements: ix.map((i) => ({ column: at(i) })), seq: m.nextSeq++ });
      m.tables[id] = t;
      const near = spec.near ? d.layout.nodes[spec.near] : undefined;
      d.layout.nodes[id] = { x: (near?.x ?? 0) + 320, y: (near?.y ?? 0) + 40 };
    },
  };
}

/** A column type usable for a reference to `c` (identity and serial become the plain integer type). */
export function referenceType(c: Column): string {
  if (c.serial === 'bigserial') return 'bigint';
  if (c.serial === 'serial') return 'integer';
  if (c.serial === 'smallserial') return 'smallint';
  return c.type;
}

/** Is the name free for a new table in the schema? Returns a free variant. */
export function freshTableName(model: SchemaModel, schemaId: Id, base: string): string {
  let b = base;
  while (utf8Length(b) > 59) b = b.slice(0, -1);
  return freeName(b, relationNames(model, schemaId));
}

// ------------------------------------------------------------------ clone tables (NF-07, NF-08)

const MONTHS = 'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const CLONE_SUFFIX = new RegExp(
  [
    `_(19|20)\\d{2}(_?(0[1-9]|1[0-2]|q[1-4]|h[12]|w\\d{1,2}|${MONTHS}))?$`,
    `_(q[1-4]|h[12]|${MONTHS})_?(19|20)\\d{2}$`,
    `_y(19|20)\\d{2}(m\\d{2})?$`,
    `_(p|part|shard|s)_?\\d+$`,
    `_\\d{1,3}$`,
    `_(eu|us|uk|apac|emea|asia|latam|na|au|ca|de|fr|jp|cn|br|mena|intl)$`,
  ].join('|'),
  'i',
);

/** The base of a table name with a numeric, year, period or shard suffix (`sales_2024` → `sales`); else undefined. */
export const cloneBase: (name: string) => string | undefined = memoByString((name: string) => {
  const m = CLONE_SUFFIX.exec(name);
  if (!m || m.index === 0) return undefined;
  return name.slice(0, m.index).toLowerCase();
});
