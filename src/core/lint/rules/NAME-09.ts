import type { Constraint, Index, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { utf8Length, MAX_IDENT_BYTES } from '../../sql/ident';
import { finding, renameConstraintFix, renameIndexFix } from './support.type-name-aud-sec';
import { add, defaultConstraintName, defaultIndexName, nameOf, NONE, SUFFIX } from './support-names.type-name-aud-sec';

const INDEX_SUFFIXES = ['idx', 'key', 'index', 'uidx', 'uniq', 'gin', 'gist', 'brin', 'trgm'];
const CONSTRAINT_SUFFIXES: Record<Constraint['kind'], string[]> = {
  primary: [SUFFIX.primary],
  unique: ['key', 'unique', 'uniq', 'uq'],
  foreign: [SUFFIX.foreign],
  check: ['check', 'chk', 'len'],
  exclude: [SUFFIX.exclude],
};

/**
 * `<table>_…_<suffix><digits>` (case-insensitive). `lower` is the name lowercased, `table` the table name lowercased.
 * Without regular expressions or string building: this runs for every named index and constraint.
 */
function follows(name: string, lower: string, table: string, suffixes: readonly string[]): boolean {
  if (utf8Length(name) >= MAX_IDENT_BYTES) return true; // shortened by PostgreSQL: cannot tell
  if (lower.length <= table.length || lower.charCodeAt(table.length) !== 95 /* _ */ || !lower.startsWith(table)) return false;
  // `_<suffix>\d*$`: the suffix ends where the trailing digits start (a suffix has no digits).
  let end = lower.length;
  while (end > 0) {
    const ch = lower.charCodeAt(end - 1);
    if (ch < 48 || ch > 57) break;
    end--;
  }
  for (let i = 0; i < suffixes.length; i++) {
    const s = suffixes[i]!;
    const at = end - s.length;
    if (at >= 1 && lower.charCodeAt(at - 1) === 95 && lower.startsWith(s, at)) return true;
  }
  return false;
}

/** Lowercased without a new string for names that are lowercase already (the usual case). */
function lowerOf(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if ((ch >= 65 && ch <= 90) || ch > 127) return name.toLowerCase();
  }
  return name;
}

/** NAME-09: index and constraint names not in PostgreSQL's `<table>_<cols>_<suffix>` scheme. */
export const rule: Rule = {
  id: 'NAME-09',
  slug: 'constraint-index-naming',
  group: 'NAME',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'User-supplied index or constraint names that do not follow `<table>_<columns>_{pkey|key|fkey|idx|check|excl}`.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    let table: string | undefined;
    const ixs = t.indexes;
    for (let i = 0; i < ixs.length; i++) {
      const ix = ixs[i]!;
      const name = ix.name;
      if (!name || follows(name, lowerOf(name), (table ??= lowerOf(t.name)), INDEX_SUFFIXES)) continue;
      out = add(out, indexFinding(ctx, t, ix, name));
    }
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const name = nameOf(k);
      if (!name || follows(name, lowerOf(name), (table ??= lowerOf(t.name)), CONSTRAINT_SUFFIXES[k.kind])) continue;
      out = add(out, constraintFinding(ctx, t, k, name));
    }
    return out ?? NONE;
  },
};

const why = 'Predictable names tell you from an error message alone which table and columns a violated constraint or a slow index belongs to, and let migrations refer to them without looking them up.';

function indexFinding(ctx: RuleContext, t: Table, ix: Index, name: string): Finding {
  const to = defaultIndexName(t, ix);
  return finding(rule, ctx, t, undefined, `Index ${name} does not follow the <table>_<columns>_idx scheme; rename it to ${to}.`, why, { fix: () => renameIndexFix(ctx, t, ix, to), extra: { indexId: ix.id } });
}

function constraintFinding(ctx: RuleContext, t: Table, k: Constraint, name: string): Finding {
  const to = defaultConstraintName(t, k);
  return finding(rule, ctx, t, undefined, `Constraint ${name} does not follow the <table>_<columns>_${SUFFIX[k.kind]} scheme; rename it to ${to}.`, why, {
    fix: () => renameConstraintFix(ctx, t, k, to),
    extra: { constraintId: k.id },
  });
}
