import type { Finding, QuickFix, Rule } from '../types';
import { toSnakeCase } from '../helpers/names';
import { finding, renameColumnFix, renameConstraintFix, renameIndexFix, renameTableFix } from './support.type-name-aud-sec';

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
    const out: Finding[] = [];
    const why = 'Such names only work double-quoted; many tools, ORMs, shells and code generators mangle or reject them, and look-alike Unicode characters make two names that read the same but differ.';
    const check = (name: string, what: string, fix: (to: string) => QuickFix | undefined, col?: (typeof t.columns)[number], extra?: Record<string, string>) => {
      const p = problem(name);
      if (!p) return;
      const to = toSnakeCase(name);
      out.push(finding(rule, ctx, t, col, `${what} "${name}" ${p}; rename it to ${to}.`, why, { fix: () => fix(to), extra }));
    };
    check(t.name, 'Table', (to) => renameTableFix(ctx, t, to));
    for (const c of t.columns) if (!c.inherited) check(c.name, 'Column', (to) => renameColumnFix(ctx, t, c, to), c);
    for (const ix of t.indexes) if (ix.name) check(ix.name, 'Index', (to) => renameIndexFix(ctx, t, ix, to), undefined, { indexId: ix.id });
    for (const k of t.constraints) if (k.name) check(k.name, 'Constraint', (to) => renameConstraintFix(ctx, t, k, to), undefined, { constraintId: k.id });
    return out;
  },
};
