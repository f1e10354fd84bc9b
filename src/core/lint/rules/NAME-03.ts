import type { Column, Constraint, Index, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { toSnakeCase } from '../helpers/names';
import { finding, renameColumnFix, renameConstraintFix, renameIndexFix, renameTableFix } from './support.type-name-aud-sec';
import { add, nameOf, NONE } from './support-names.type-name-aud-sec';

const OK = /^[A-Za-z_][A-Za-z0-9_]*$/;

function problem(name: string): string | undefined {
  if (OK.test(name)) return undefined;
  if (/^[0-9]/.test(name)) return 'starts with a digit';
  if (/\s/.test(name)) return 'contains spaces';
  if (/[^\x00-\x7f]/.test(name)) return 'contains non-ASCII characters';
  return 'contains special characters';
}

/** NAME-03: names with spaces, dashes, dots, non-ASCII characters or a leading digit. */
export const rule: Rule = {
  id: 'NAME-03',
  slug: 'special-characters',
  group: 'NAME',
  defaultSeverity: 'error',
  scope: 'column',
  description: 'A name with spaces, dashes, dots, non-ASCII characters or a leading digit: it must be quoted everywhere and breaks tools.',
  checkTable(t, ctx) {
    // `OK` first: closures, messages and the fix are only made for reported names (in module-level functions, so that
    // no closure context is allocated per call).
    let out: Finding[] | undefined;
    if (!OK.test(t.name)) out = add(out, tableFinding(ctx, t));
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.inherited && !OK.test(c.name)) out = add(out, columnFinding(ctx, t, c));
    }
    const ixs = t.indexes;
    for (let i = 0; i < ixs.length; i++) {
      const ix = ixs[i]!;
      if (ix.name && !OK.test(ix.name)) out = add(out, indexFinding(ctx, t, ix));
    }
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const n = nameOf(k);
      if (n && !OK.test(n)) out = add(out, constraintFinding(ctx, t, k));
    }
    return out ?? NONE;
  },
};

const why = 'Such names only work double-quoted; many tools, ORMs, shells and code generators mangle or reject them, and look-alike Unicode characters make two names that read the same but differ.';

function tableFinding(ctx: RuleContext, t: Table): Finding {
  return nameFinding(ctx, t, t.name, 'Table', (to) => renameTableFix(ctx, t, to));
}
function indexFinding(ctx: RuleContext, t: Table, ix: Index): Finding {
  return nameFinding(ctx, t, ix.name!, 'Index', (to) => renameIndexFix(ctx, t, ix, to), undefined, { indexId: ix.id });
}
function constraintFinding(ctx: RuleContext, t: Table, k: Constraint): Finding {
  return nameFinding(ctx, t, k.name!, 'Constraint', (to) => renameConstraintFix(ctx, t, k, to), undefined, { constraintId: k.id });
}
function columnFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  return nameFinding(ctx, t, c.name, 'Column', (to) => renameColumnFix(ctx, t, c, to), c);
}

/** The finding for a name that fails `OK`. */
function nameFinding(ctx: RuleContext, t: Table, name: string, what: string, fix: (to: string) => QuickFix | undefined, col?: Column, extra?: Record<string, string>): Finding {
  const p = problem(name)!;
  const to = toSnakeCase(name);
  return finding(rule, ctx, t, col, `${what} "${name}" ${p}; rename it to ${to}.`, why, { fix: () => fix(to), extra });
}
