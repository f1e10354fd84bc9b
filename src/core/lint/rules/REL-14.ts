import type { Finding, Rule } from '../types';
import { colNames, mk, tref } from './key-rel-util';

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
    const out: Finding[] = [];
    for (const fk of ctx.helpers.outgoing(t)) {
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent) continue;
      const pk = parent.constraints.find((c) => c.kind === 'primary');
      if (pk && pk.kind === 'primary' && pk.columns.length === fk.refColumns.length && pk.columns.every((c) => fk.refColumns.includes(c))) continue;
      const names = colNames(parent, fk.refColumns);
      if (!names.some((n) => MUTABLE.test(n))) continue;
      out.push(
        mk('REL-14', 'info', tref(ctx, t, { constraintId: fk.id }), `${t.name} references ${parent.name} by ${names.join(', ')}, a value that changes.`,
          'When the referenced value changes (a new email, a renamed slug) every referencing row must change with it, or ON UPDATE CASCADE rewrites them all. Reference the surrogate primary key and keep the natural value UNIQUE.'),
      );
    }
    return out;
  },
};
