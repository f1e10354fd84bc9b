import type { Column, SchemaModel, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { memoByString, nameCase, toCase, type NameCase } from '../helpers/names';
import { finding, perModel, renameColumnFix, renameConstraintFix, renameIndexFix, renameTableFix, memoByTable } from './support.type-name-aud-sec';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Counts = Map<NameCase, number>;

/** Case of a plain identifier, `other` for anything else (memoized: the same names repeat across tables). */
const caseOf = memoByString((n: string): NameCase => (PLAIN.test(n) ? nameCase(n) : 'other'));

/** Per-table counts: [case, count] pairs in order of first appearance (cheaper than a Map per table and name kind). */
type TableCounts = [NameCase, number][];

function countInto(into: TableCounts, name: string): void {
  const c = caseOf(name);
  // single lowercase words are both snake and camel: count them as snake.
  if (c === 'other') return;
  for (const e of into)
    if (e[0] === c) {
      e[1]++;
      return;
    }
  into.push([c, 1]);
}

function majority(counts: Counts): NameCase {
  let best: NameCase = 'snake';
  let bestN = counts.get('snake') ?? 0;
  for (const [c, n] of counts) if (n > bestN) [best, bestN] = [c, n];
  return best;
}

/** Name-case counts of one table (cached per table object): its name, its columns, its index / constraint names. */
const tableCounts = new WeakMap<Table, { table: TableCounts; columns: TableCounts; others: TableCounts }>();
function countsOf(t: Table) {
  let c = tableCounts.get(t);
  if (!c) {
    c = { table: [], columns: [], others: [] };
    countInto(c.table, t.name);
    for (const x of t.columns) countInto(c.columns, x.name);
    for (const ix of t.indexes) if (ix.name) countInto(c.others, ix.name);
    for (const k of t.constraints) if (k.name) countInto(c.others, k.name);
    tableCounts.set(t, c);
  }
  return c;
}

function add(into: Counts, from: Iterable<[NameCase, number]>): void {
  for (const [k, n] of from) into.set(k, (into.get(k) ?? 0) + n);
}

/** Conventions in use: tables, columns, and index/constraint names (the project's majority, snake_lower by default). */
const conventions = perModel((m: SchemaModel) => {
  const tables: Counts = new Map();
  const columns: Counts = new Map();
  const all: Counts = new Map();
  for (const t of Object.values(m.tables)) {
    const c = countsOf(t);
    add(tables, c.table);
    add(columns, c.columns);
    add(all, c.others);
  }
  add(all, tables);
  add(all, columns);
  return { table: majority(tables), column: majority(columns), other: majority(all) };
});

function fits(name: string, conv: NameCase): boolean {
  const c = caseOf(name);
  if (c === conv) return true;
  // A single lowercase word fits camel as well; a single capitalised word fits pascal.
  if (conv === 'camel' && c === 'snake' && !name.includes('_')) return true;
  return false;
}

/** A plain identifier that does not fit the convention and has a different spelling in it. */
function needsRename(name: string, c: NameCase): boolean {
  return PLAIN.test(name) && !fits(name, c) && toCase(name, c) !== name;
}

function nameFinding(ctx: RuleContext, t: Table, name: string, c: NameCase, what: string, fix: (to: string) => QuickFix | undefined, col?: Column, extra?: Record<string, string>): Finding {
  const to = toCase(name, c);
  const quoted = /[A-Z]/.test(name);
  return finding(rule, ctx, t, col, `${what} ${name} ${quoted && c === 'snake' ? 'has upper-case letters and must always be quoted' : `does not follow the ${c.replace('_', ' ')} convention`}; rename it to ${to}.`, WHY, {
    fix: () => fix(to),
    extra,
  });
}

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
  checkTable: memoByTable(
    (t, ctx): Finding[] => {
      const conv = conventions(ctx.model);
      const out: Finding[] = [];
      // Only names that need a rename get a closure (closures per name are the cost on large schemas).
      if (needsRename(t.name, conv.table)) out.push(nameFinding(ctx, t, t.name, conv.table, 'Table', (to) => renameTableFix(ctx, t, to)));
      for (const c of t.columns) if (!c.inherited && needsRename(c.name, conv.column)) out.push(nameFinding(ctx, t, c.name, conv.column, 'Column', (to) => renameColumnFix(ctx, t, c, to), c));
      for (const ix of t.indexes) if (ix.name && needsRename(ix.name, conv.other)) out.push(nameFinding(ctx, t, ix.name, conv.other, 'Index', (to) => renameIndexFix(ctx, t, ix, to), undefined, { indexId: ix.id }));
      for (const k of t.constraints) if (k.name && needsRename(k.name, conv.other)) out.push(nameFinding(ctx, t, k.name, conv.other, 'Constraint', (to) => renameConstraintFix(ctx, t, k, to), undefined, { constraintId: k.id }));
      return out;
    },
    (t, ctx) => {
      const c = conventions(ctx.model);
      // Quick fixes are built when read, against the latest model (../lazy.ts): only the conventions matter here.
      return [c.table, c.column, c.other];
    },
  ),
};
