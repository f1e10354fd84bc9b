/** PostgreSQL's default names for constraints and indexes (`<table>_<cols>_<suffix>`), before truncation. */
import type { Constraint, Index, Table } from '../../model/types';
import type { Finding } from '../types';
export { NONE, addFinding as add } from './results';


export const SUFFIX: Record<Constraint['kind'], string> = { primary: 'pkey', unique: 'key', foreign: 'fkey', check: 'check', exclude: 'excl' };

function colName(t: Table, id: string): string {
  return t.columns.find((c) => c.id === id)?.name ?? id;
}

const checkNameCache = new WeakMap<Table, Map<string, string>>();
function checkConstraintName(t: Table, expr: string): string {
  const first = t.columns.find((c) => new RegExp(`(^|[^A-Za-z0-9_])"?${c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?([^A-Za-z0-9_]|$)`).test(expr));
  return first ? `${t.name}_${first.name}_check` : `${t.name}_check`;
}

/** The name PostgreSQL would generate for the constraint (without its 63-byte shortening). */
export function defaultConstraintName(t: Table, k: Constraint): string {
  switch (k.kind) {
    case 'primary':
      return `${t.name}_pkey`;
    case 'unique':
    case 'foreign':
      return `${t.name}_${k.columns.map((c) => colName(t, c)).join('_')}_${SUFFIX[k.kind]}`;
    case 'check': {
      let m = checkNameCache.get(t);
      if (!m) checkNameCache.set(t, (m = new Map()));
      const key = `${k.id}\u0000${k.expr}`;
      let n = m.get(key);
      if (n === undefined) m.set(key, (n = checkConstraintName(t, k.expr)));
      return n;
    }
    case 'exclude': {
      const m = /\(\s*"?([A-Za-z_][A-Za-z0-9_]*)"?/.exec(k.definition);
      return `${t.name}_${m?.[1] ?? 'expr'}_excl`;
    }
  }
}

/** The name PostgreSQL would generate for the index. */
export function defaultIndexName(t: Table, ix: Index): string {
  const cols = ix.elements.map((e) => (e.column ? colName(t, e.column) : 'expr'));
  return `${t.name}_${cols.join('_')}_${ix.unique ? 'idx' : 'idx'}`;
}

/**
 * A constraint's own name, or undefined. Reading the absent `name` of an unnamed constraint directly (`k.name`) costs
 * an allocation per read in V8 (a missing-property load on the constraint shapes misses the inline cache); an `in`
 * test first does not.
 */
export function nameOf(k: Constraint): string | undefined {
  return 'name' in k ? k.name : undefined;
}

/** True for undefined, '' and whitespace-only text (as `!s?.trim()`), without making a trimmed copy in the usual cases. */
export function blank(s: string | undefined): boolean {
  if (!s) return true;
  const a = s.charCodeAt(0);
  const b = s.charCodeAt(s.length - 1);
  // Not JS white space or a line terminator at both ends (those are <= 32, 160 or >= U+1680): not blank.
  if (a > 32 && a !== 160 && a < 0x1680) return false;
  if (b > 32 && b !== 160 && b < 0x1680) return false;
  return !s.trim();
}

/** Options for `finding` with nothing set (shared, so that a finding without options does not allocate them). */
export const NO_OPTS: { severity: undefined; fix: undefined; extra: undefined } = Object.freeze({ severity: undefined, fix: undefined, extra: undefined });

