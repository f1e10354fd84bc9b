import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule } from '../types';
import { constraintName, fix, mk, qt, tableCmd, tref } from './key-rel-util';

/** REL-10: two FKs with the same columns, target table and target columns. */
export const rule: Rule = {
  id: 'REL-10',
  slug: 'duplicate-fk',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'The same foreign key is declared twice.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const seen = new Map<string, string>();
    for (const fk of ctx.helpers.outgoing(t)) {
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
    return out;
  },
};
