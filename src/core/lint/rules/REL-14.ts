import type { Finding, Rule } from '../types';
import { colName, colNames, mk, NONE, primaryKey, tref, within } from './key-rel-util';

const MUTABLE = /(^|_)(email|e_mail|username|user_name|login|handle|name|title|slug|phone|mobile)$/i;

/** REL-14: an FK references a natural key that tends to change (email, username, name, slug, phone). */
export const rule: Rule = {
  id: 'REL-14',
  slug: 'fk-to-mutable-natural-key',
  group: 'REL',
  defaultSeverity: 'info',
  scope: 'relation',
  description: 'A foreign key references a value that people change (email, username, name…) instead of the primary key.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent) continue;
      const pk = primaryKey(parent);
      if (pk && pk.columns.length === fk.refColumns.length && within(pk.columns, fk.refColumns)) continue;
      let mutable = false;
      for (let k = 0; k < fk.refColumns.length && !mutable; k++) mutable = MUTABLE.test(colName(parent, fk.refColumns[k]!));
      if (!mutable) continue;
      const names = colNames(parent, fk.refColumns);
      (out ??= []).push(
        mk('REL-14', 'info', tref(ctx, t, { constraintId: fk.id }), `${t.name} references ${parent.name} by ${names.join(', ')}, a value that changes.`,
          'When the referenced value changes (a new email, a renamed slug) every referencing row must change with it, or ON UPDATE CASCADE rewrites them all. Reference the surrogate primary key and keep the natural value UNIQUE.'),
      );
    }
    return out ?? NONE;
  },
};
