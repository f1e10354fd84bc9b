import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { constraintName, fix, mk, NONE, primaryKey, qt, tableCmd, tref, within } from './key-rel-util';

/** REL-07: an FK from the primary key to itself: every row references itself. */
export const rule: Rule = {
  id: 'REL-07',
  slug: 'fk-pk-self-reference',
  group: 'REL',
  defaultSeverity: 'error',
  scope: 'relation',
  description: 'A foreign key from the primary key to the same primary key: it can never fail and means nothing.',
  checkTable(t, ctx) {
    const pk = primaryKey(t);
    if (!pk) return NONE;
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      if (fk.refTableId !== t.id || fk.columns.length !== pk.columns.length) continue;
      if (!samePositions(fk.columns, fk.refColumns) || !within(fk.columns, pk.columns)) continue;
      (out ??= []).push(finding(ctx, t, fk));
    }
    return out ?? NONE;
  },
};

/** Column i of the FK references column i of the same table, for every i. */
function samePositions(cols: readonly string[], refs: readonly string[]): boolean {
  for (let i = 0; i < cols.length; i++) if (cols[i] !== refs[i]) return false;
  return true;
}

function finding(ctx: RuleContext, t: Table, fk: ForeignKey): Finding {
  const name = constraintName(t, fk);
  const label = `Remove foreign key ${name}`;
  return mk('REL-07', 'error', tref(ctx, t, { constraintId: fk.id }), `Foreign key ${name} makes the primary key of ${t.name} reference itself.`,
    'Each row trivially references itself, so the constraint checks nothing, costs a trigger on every write, and shows a meaningless loop in the diagram. It is usually a relationship drawn to the wrong column.',
    fix(label, `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};`, tableCmd(label, t.id, (tt) => {
      tt.constraints = tt.constraints.filter((c) => c.id !== fk.id);
    })));
}
