/** PostgreSQL's default names for constraints and indexes (`<table>_<cols>_<suffix>`), before truncation. */
import type { Constraint, Index, Table } from '../../model/types';

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
