import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { constraintName, fix, mk, NONE, qt, tableCmd, tref } from './key-rel-util';

/**
 * Some two FKs could be duplicates: same target table id (or both without one) and as many columns. A necessary
 * condition for equal keys below (ids contain no `|`, `>` or `,`), checked without building the key strings.
 */
function maybeDuplicates(fks: readonly ForeignKey[]): boolean {
  for (let i = 1; i < fks.length; i++) {
    const a = fks[i]!;
    for (let j = 0; j < i; j++) {
      const b = fks[j]!;
      if ((a.refTableId ?? null) === (b.refTableId ?? null) && a.columns.length === b.columns.length) return true;
    }
  }
  return false;
}

/** REL-10: two FKs with the same columns, target table and target columns. */
export const rule: Rule = {
  id: 'REL-10',
  slug: 'duplicate-fk',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'The same foreign key is declared twice.',
  checkTable(t, ctx) {
    const fks = ctx.helpers.outgoing(t);
    return maybeDuplicates(fks) ? duplicates(ctx, t, fks) : NONE;
  },
};

function duplicates(ctx: RuleContext, t: Table, fks: readonly ForeignKey[]): Finding[] {
  const out: Finding[] = [];
  const seen = new Map<string, string>();
  for (const fk of fks) {
    const pairs = fk.columns.map((c, i) => `${c}>${fk.refColumns[i] ?? ''}`).sort().join(',');
    const key = `${fk.refTableId ?? JSON.stringify(fk.refTableName)}|${pairs}`;
    const first = seen.get(key);
    if (!first) {
      seen.set(key, constraintName(t, fk));
      continue;
    }
    const name = constraintName(t, fk);
    const label = `Remove duplicate ${name}`;
    out.push(
      mk('REL-10', 'warning', tref(ctx, t, { constraintId: fk.id }), `Foreign key ${name} on ${t.name} duplicates ${first}.`,
        'Two identical foreign keys check every write twice and clutter the diagram; one of them is enough.',
        fix(label, `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};`, tableCmd(label, t.id, (tt) => {
          tt.constraints = tt.constraints.filter((c) => c.id !== fk.id);
        }))),
    );
  }
  return out.length ? out : NONE;
}
