/**
 * H5 (does an index cover a column set, as a SET) and H6 (candidate keys). PRIMARY KEY and UNIQUE constraints are
 * backed by btree indexes, so they count as indexes here too.
 */
import type { Column, Constraint, Id, Index, IndexElement, Table } from '../../model/types';

/** Cache a pure function of one table object (tables are immutable states; results are shared: do not mutate). */
export function perTable<V>(fn: (t: Table) => V): (t: Table) => V {
  const m = new WeakMap<Table, V>();
  // The engine runs every rule on one table before the next: the last table answers most calls without a lookup.
  let lastT: Table | undefined;
  let lastV: V | undefined;
  return (t) => {
    if (t === lastT) return lastV as V;
    let v = m.get(t);
    if (v === undefined) m.set(t, (v = fn(t)));
    lastT = t;
    lastV = v;
    return v;
  };
}

/** An index-like access path: a real index, or the btree behind a PK / UNIQUE constraint. */
export interface IndexLike {
  /** Index id, or the constraint id for PK / UNIQUE. */
  id: Id;
  source: 'index' | 'primary' | 'unique';
  unique: boolean;
  method: string;
  /** Key elements: a column id, or an expression (`expr`) in that position. */
  elements: IndexElement[];
  /** INCLUDE columns (not keys). */
  include: Id[];
  where?: string;
  nullsNotDistinct?: boolean;
  /** The index (source `index`) or the PK / UNIQUE constraint behind it. */
  index?: Index;
  constraint?: Constraint;
}

/** Index-like access paths of a table: PK and UNIQUE constraints first, then the indexes (cached per table object). */
export const indexLikes: (t: Table) => IndexLike[] = perTable((t) => {
  const out: IndexLike[] = [];
  for (const c of t.constraints) {
    if (c.kind === 'primary' || c.kind === 'unique') {
      out.push({
        id: c.id,
        source: c.kind,
        unique: true,
        method: 'btree',
        elements: columnElements(c.columns),
        include: c.include ?? NO_IDS,
        nullsNotDistinct: c.kind === 'unique' ? c.nullsNotDistinct : undefined,
        constraint: c,
      });
    }
  }
  for (const ix of t.indexes) out.push(fromIndex(ix));
  return out;
});

/** Shared empty lists (results are read-only). */
const NO_IDS: Id[] = [];
const NO_STRINGS: string[] = [];

/** `{ column }` elements of a PK / UNIQUE column list (cached per list: constraints are immutable states). */
const elementsCache = new WeakMap<readonly Id[], IndexElement[]>();
function columnElements(cols: readonly Id[]): IndexElement[] {
  let v = elementsCache.get(cols);
  if (!v) elementsCache.set(cols, (v = cols.map((column) => ({ column }))));
  return v;
}

function fromIndex(ix: Index): IndexLike {
  return { id: ix.id, source: 'index', unique: ix.unique, method: (ix.method || 'btree').toLowerCase(), elements: ix.elements, include: ix.include ?? NO_IDS, where: ix.where, nullsNotDistinct: ix.nullsNotDistinct, index: ix };
}

/**
 * H5: the index is not partial, is btree (or hash when |C| = 1), and its first |C| key positions are plain columns
 * that equal C as a set (order does not matter for equality lookups such as FK checks).
 */
export function indexCovers(ix: IndexLike | Index, cols: readonly Id[]): boolean {
  if (ix.where) return false;
  // Distinct columns of C (FK column lists are short: no Set needed).
  const n = distinctCount(cols);
  if (n === 0) return false;
  const method = (ix.method || 'btree').toLowerCase();
  if (!(method === 'btree' || (method === 'hash' && n === 1))) return false;
  const els = ix.elements;
  if (els.length < n) return false;
  // The first n key positions are distinct plain columns of C (n distinct members of C = C itself).
  for (let i = 0; i < n; i++) {
    const e = els[i]!;
    if (e.column === undefined || e.expr || !cols.includes(e.column)) return false;
    for (let j = 0; j < i; j++) if (els[j]!.column === e.column) return false;
  }
  return true;
}

/** H5 over a table: some index, PK or UNIQUE constraint covers the column set. */
export function isCovered(t: Table, cols: readonly Id[]): boolean {
  return indexLikes(t).some((ix) => indexCovers(ix, cols));
}

export interface CandidateKey {
  /** Constraint or index id. */
  id: Id;
  /** The PK / UNIQUE constraint, or the unique index. */
  constraint?: Constraint;
  index?: Index;
  source: 'primary' | 'unique' | 'index';
  /** Plain key columns (expression elements are listed in `exprs`). */
  columns: Id[];
  /** Expression elements as written, e.g. `lower(email)`. */
  exprs: string[];
  /** Columns an expression element is a `lower()` / `upper()` of (case-insensitive key on that column). */
  ciColumns: Id[];
  /** A partial unique index: a conditional key; its predicate. */
  where?: string;
  nullsNotDistinct?: boolean;
  /** Some element has a non-default opclass or collation. */
  special: boolean;
}

/** H6: PK, UNIQUE constraints and unique indexes (partial ones flagged with `where`); cached per table object. */
export const candidateKeys: (t: Table) => CandidateKey[] = perTable(candidateKeysUncached);
function candidateKeysUncached(t: Table): CandidateKey[] {
  const out: CandidateKey[] = [];
  for (const ix of indexLikes(t)) {
    if (!ix.unique) continue;
    if (ix.source === 'index' && ix.method !== 'btree' && ix.method !== 'hash') continue;
    let columns: Id[] = NO_IDS;
    let exprs: string[] = NO_STRINGS;
    let ciColumns: Id[] = NO_IDS;
    let special = false;
    // PK / UNIQUE constraints: plain columns only (their column list is the key).
    if (ix.source !== 'index' && ix.constraint && 'columns' in ix.constraint) columns = ix.constraint.columns;
    else for (const e of ix.elements) {
      if (e.opclass || e.collation) special = true;
      if (e.column && !e.expr) (columns === NO_IDS ? (columns = []) : columns).push(e.column);
      else if (e.expr) {
        (exprs === NO_STRINGS ? (exprs = []) : exprs).push(e.expr);
        const m = /^\s*\(?\s*(?:lower|upper)\s*\(\s*("?)([^")\s]+)\1(?:\s*::\s*text)?\s*\)\s*\)?\s*$/i.exec(e.expr);
        const col = m ? t.columns.find((c) => c.name === m[2] || c.name.toLowerCase() === m[2]!.toLowerCase()) : undefined;
        if (col) (ciColumns === NO_IDS ? (ciColumns = []) : ciColumns).push(col.id);
      }
    }
    const k: CandidateKey = { id: ix.id, source: ix.source, columns, exprs, ciColumns, special };
    if (ix.constraint) k.constraint = ix.constraint;
    if (ix.index) k.index = ix.index;
    if (ix.where) k.where = ix.where;
    if (ix.nullsNotDistinct) k.nullsNotDistinct = true;
    out.push(k);
  }
  return out;
}

/** Number of distinct ids in a short list (no Set: key and FK column lists are short). */
export function distinctCount(ids: readonly Id[]): number {
  let n = 0;
  for (let i = 0; i < ids.length; i++) if (ids.indexOf(ids[i]!) === i) n++;
  return n;
}

/** True when the key is exactly the given plain column set (order-insensitive, no expressions, not partial). */
export function keyIsExactly(k: CandidateKey, cols: readonly Id[], opts?: { allowPartial?: boolean }): boolean {
  if (k.where && !opts?.allowPartial) return false;
  if (k.exprs.length) return false;
  if (k.columns.length !== distinctCount(cols)) return false;
  for (let j = 0; j < k.columns.length; j++) if (!cols.includes(k.columns[j]!)) return false;
  return true;
}

/** Some non-partial candidate key equals the column set exactly (what PostgreSQL requires of an FK target). */
export function hasCandidateKey(t: Table, cols: readonly Id[]): boolean {
  const keys = candidateKeys(t);
  for (let i = 0; i < keys.length; i++) if (keyIsExactly(keys[i]!, cols)) return true;
  return false;
}

/** Single plain-column, non-partial candidate keys of a table, in the order PK first (cached per table object). */
export const singleColumnKeys: (t: Table) => Column[] = perTable(singleColumnKeysUncached);
function singleColumnKeysUncached(t: Table): Column[] {
  const out: Column[] = [];
  for (const k of candidateKeys(t)) {
    if (k.where || k.exprs.length || k.columns.length !== 1) continue;
    const c = t.columns.find((x) => x.id === k.columns[0]);
    if (c && !out.includes(c)) out.push(c);
  }
  return out;
}
