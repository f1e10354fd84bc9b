import type { Column, Constraint, Index, SchemaModel, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { memoByString, nameCase, toCase, type NameCase } from '../helpers/names';
import { finding, renameColumnFix, renameConstraintFix, renameIndexFix, renameTableFix } from './support.type-name-aud-sec';
import { add, nameOf, NONE, perModelLast } from './support-names.type-name-aud-sec';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Counts = Map<NameCase, number>;

/** Not a plain identifier (never counted, never renamed by this rule). */
const NONPLAIN = 'nonplain';

/** Case of a name: `other` for a plain identifier in no known case, NONPLAIN for anything else (memoized: the same names repeat across tables). */
const kindOf = memoByString((n: string): NameCase | typeof NONPLAIN => (PLAIN.test(n) ? nameCase(n) : NONPLAIN));

function countInto(into: Counts, name: string): void {
  const c = kindOf(name);
  // single lowercase words are both snake and camel: count them as snake.
  if (c === 'other' || c === NONPLAIN) return;
  into.set(c, (into.get(c) ?? 0) + 1);
}

function majority(counts: Counts): NameCase {
  let best: NameCase = 'snake';
  let bestN = counts.get('snake') ?? 0;
  for (const [c, n] of counts) if (n > bestN) [best, bestN] = [c, n];
  return best;
}

function addCounts(into: Counts, from: Counts): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

/** Conventions in use: tables, columns, and index/constraint names (the project's majority, snake_lower by default). */
const conventions = perModelLast((m: SchemaModel) => {
  // Counted straight into the three maps, in table order: each case's place in a map is its first appearance, which
  // decides ties in `majority`.
  const tables: Counts = new Map();
  const columns: Counts = new Map();
  const all: Counts = new Map();
  for (const t of Object.values(m.tables)) {
    countInto(tables, t.name);
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) countInto(columns, cols[i]!.name);
    const ixs = t.indexes;
    for (let i = 0; i < ixs.length; i++) {
      const n = ixs[i]!.name;
      if (n) countInto(all, n);
    }
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const n = nameOf(ks[i]!);
      if (n) countInto(all, n);
    }
  }
  addCounts(all, tables);
  addCounts(all, columns);
  return { table: majority(tables), column: majority(columns), other: majority(all) };
});

/** A plain identifier that does not fit the convention and has a different spelling in it. */
function needsRename(name: string, conv: NameCase): boolean {
  const c = kindOf(name);
  if (c === conv || c === NONPLAIN) return false;
  // A single lowercase word fits camel as well.
  if (conv === 'camel' && c === 'snake' && !name.includes('_')) return false;
  return toCase(name, conv) !== name;
}

function nameFinding(ctx: RuleContext, t: Table, name: string, c: NameCase, what: string, fix: (to: string) => QuickFix | undefined, col?: Column, extra?: Record<string, string>): Finding {
  const to = toCase(name, c);
  const quoted = /[A-Z]/.test(name);
  return finding(rule, ctx, t, col, `${what} ${name} ${quoted && c === 'snake' ? 'has upper-case letters and must always be quoted' : `does not follow the ${c.replace('_', ' ')} convention`}; rename it to ${to}.`, WHY, {
    fix: () => fix(to),
    extra,
  });
}

// Closures are only made for reported names (these run when a finding is emitted).
const tableFinding = (ctx: RuleContext, t: Table, c: NameCase) => nameFinding(ctx, t, t.name, c, 'Table', (to) => renameTableFix(ctx, t, to));
const columnFinding = (ctx: RuleContext, t: Table, col: Column, c: NameCase) => nameFinding(ctx, t, col.name, c, 'Column', (to) => renameColumnFix(ctx, t, col, to), col);
const indexFinding = (ctx: RuleContext, t: Table, ix: Index, c: NameCase) => nameFinding(ctx, t, ix.name!, c, 'Index', (to) => renameIndexFix(ctx, t, ix, to), undefined, { indexId: ix.id });
const constraintFinding = (ctx: RuleContext, t: Table, k: Constraint, c: NameCase) =>
  nameFinding(ctx, t, k.name!, c, 'Constraint', (to) => renameConstraintFix(ctx, t, k, to), undefined, { constraintId: k.id });

const WHY =
  'PostgreSQL folds unquoted identifiers to lower case, so a name with capitals must be double-quoted in every query, forever ("UserProfiles" and UserProfiles are different names). Mixed conventions also make names hard to guess.';

/** NAME-01: identifiers that are not snake_lower (or not the project's majority convention). */
export const rule: Rule = {
  id: 'NAME-01',
  slug: 'non-snake-case-identifier',
  group: 'NAME',
  defaultSeverity: 'warning',
  scope: 'column',
  incremental: false,
  description: 'A table, column, index or constraint name with upper-case letters (it needs quoting) or not in the project naming convention.',
  // Runs on every check (the conventions depend on all names); a table with no misfit name costs a few memo look-ups.
  checkTable(t, ctx): Finding[] {
    const conv = conventions(ctx.model);
    let out: Finding[] | undefined;
    if (needsRename(t.name, conv.table)) out = add(out, tableFinding(ctx, t, conv.table));
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.inherited && needsRename(c.name, conv.column)) out = add(out, columnFinding(ctx, t, c, conv.column));
    }
    const ixs = t.indexes;
    for (let i = 0; i < ixs.length; i++) {
      const ix = ixs[i]!;
      if (ix.name && needsRename(ix.name, conv.other)) out = add(out, indexFinding(ctx, t, ix, conv.other));
    }
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const n = nameOf(k);
      if (n && needsRename(n, conv.other)) out = add(out, constraintFinding(ctx, t, k, conv.other));
    }
    return out ?? NONE;
  },
};
