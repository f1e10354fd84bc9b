import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule } from '../types';
import { constraintName, fix, mk, qt, tableCmd, tref } from './key-rel-util';

/** REL-07: an FK from the primary key to itself: every row references itself. */
export const rule: Rule = {
  id: 'REL-07',
  slug: 'fk-pk-self-reference',
  group: 'REL',
  defaultSeverity: 'error',
  scope: 'relation',
  description: 'A foreign key from the primary key to the same primary key: it can never fail and means nothing.',
  checkTable(t, ctx) {
    const pk = t.constraints.find((c) => c.kind === 'primary');
    if (!pk || pk.kind !== 'primary') return [];
    const out: Finding[] = [];
    for (const fk of ctx.helpers.outgoing(t)) {
      if (fk.refTableId !== t.id || fk.columns.length !== pk.columns.length) continue;
      if (!fk.columns.every((c, i) => c === fk.refColumns[i]) || !fk.columns.every((c) => pk.columns.includes(c))) continue;
      const name = constraintName(t, fk);
      const label = `Remove foreign key ${name}`;
      out.push(
        mk('REL-07', 'error', tref(ctx, t, { constraintId: fk.id }), `Foreign key ${name} makes the primary key of ${t.name} reference itself.`,
          'Each row trivially references itself, so the constraint checks nothing, costs a trigger on every write, and shows a meaningless loop in the diagram. It is usually a relationship drawn to the wrong column.',
          fix(label, `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};`, tableCmd(label, t.id, (tt) => {
            tt.constraints = tt.constraints.filter((c) => c.id !== fk.id);
          }))),
      );
    }
    return out;
  },
};
