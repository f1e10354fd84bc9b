import type { Column, Constraint, Index, SchemaModel, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { memoByString, nameCase, toCase, type NameCase } from '../helpers/names';
import { finding, memoByTable, perModel, renameColumnFix, renameConstraintFix, renameIndexFix, renameTableFix } from './support.type-name-aud-sec';
import { add, nameOf, NONE } from './support-names.type-name-aud-sec';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Not a plain identifier (never counted, never renamed by this rule). */
const NONPLAIN = 'nonplain';

/** Case of a name: `other` for a plain identifier in no known case, NONPLAIN for anything else (memoized: the same names repeat across tables). */
const kindOf = memoByString((n: string): NameCase | typeof NONPLAIN => (PLAIN.test(n) ? nameCase(n) : NONPLAIN));

/** The counted cases (`other` is not counted). */
const CASES: readonly NameCase[] = ['snake', 'camel', 'pascal', 'upper_snake'];

/**
 * Name-case counts: `n[i]` for CASES[i], and `order` the cases in order of first appearance (which decides ties in
 * `majority`, as the insertion order of a Map did).
 */
interface Counts {
  n: number[];
  order: number[];
}
const newCounts = (): Counts => ({ n: [0, 0, 0, 0], order: [] });

function caseIndex(c: NameCase | typeof NONPLAIN): number {
  switch (c) {
    case 'snake':
      return 0;
    case 'camel':
      return 1;
    case 'pascal':
      return 2;
    case 'upper_snake':
      return 3;
    default:
      // single lowercase words are both snake and camel: they are counted as snake (nameCase says snake).
      return -1;
  }
}

function countInto(into: Counts, name: string): void {
  const i = caseIndex(kindOf(name));
  if (i < 0) return;
  const n = into.n[i]!;
  into.n[i] = n + 1;
  if (n === 0) into.order.push(i);
}

function majority(counts: Counts): NameCase {
  let best = 0;
  let bestN = counts.n[0]!;
  for (const i of counts.order) if (counts.n[i]! > bestN) [best, bestN] = [i, counts.n[i]!];
  return CASES[best]!;
}

function addCounts(into: Counts, from: Counts): void {
  for (const i of from.order) {
    if (into.n[i] === 0) into.order.push(i);
    into.n[i]! += from.n[i]!;
  }
}

/** Name-case counts of one table (cached per table object): its name, its columns, its index / constraint names. */
const tableCounts = new WeakMap<Table, { table: Counts; columns: Counts; others: Counts }>();
function countsOf(t: Table): { table: Counts; columns: Counts; others: Counts } {
  let c = tableCounts.get(t);
  if (c) return c;
  c = { table: newCounts(), columns: newCounts(), others: newCounts() };
  countInto(c.table, t.name);
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) countInto(c.columns, cols[i]!.name);
  const ixs = t.indexes;
  for (let i = 0; i < ixs.length; i++) {
    const n = ixs[i]!.name;
    if (n) countInto(c.others, n);
  }
  const ks = t.constraints;
  for (let i = 0; i < ks.length; i++) {
    const n = nameOf(ks[i]!);
    if (n) countInto(c.others, n);
  }
  tableCounts.set(t, c);
  return c;
}

/**
 * Conventions in use: tables, columns, and index/constraint names (the project's majority, snake_lower by default).
 * Recounted for every model state from per-table counts, so an edit recounts only the edited table's names.
 */
const conventions = perModel((m: SchemaModel) => {
  const tables = newCounts();
  const columns = newCounts();
  const all = newCounts();
  for (const t of Object.values(m.tables)) {
    const c = countsOf(t);
    addCounts(tables, c.table);
    addCounts(columns, c.columns);
    addCounts(all, c.others);
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
  // Runs on every check (the conventions depend on all names): findings are cached per table object and conventions,
  // so an edit re-checks only the edited table unless the majority convention changed.
  checkTable: memoByTable(check, (_t, ctx) => {
    const c = conventions(ctx.model);
    return [c.table, c.column, c.other];
  }),
};

function check(t: Table, ctx: RuleContext): Finding[] {
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
}
