import type { Rule } from '../types';
import { NONE, finding, pkColumns, ref } from './idx-nf-util';

/**
 * NF-11: more than half of the non-PK columns are nullable (all of them: said so). Needs at least 3 non-PK
 * columns (smaller tables say little); staging tables are exempt. No one-click fix (which columns are required is a
 * business decision).
 */
export const rule: Rule = {
  id: 'NF-11',
  slug: 'mostly-nullable-table',
  group: 'NF',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A table where most columns may be NULL. It often mixes several kinds of rows, or misses NOT NULL on required columns.',
  checkTable(t, ctx) {
    if (ctx.role(t) === 'staging') return NONE;
    const pk = pkColumns(t);
    let count = 0;
    let nullableCount = 0;
    for (let i = 0; i < t.columns.length; i++) {
      const c = t.columns[i]!;
      if (c.generated || pk.includes(c.id)) continue;
      count++;
      if (c.nullable) nullableCount++;
    }
    if (count < 3) return NONE;
    if (nullableCount * 2 <= count) return NONE;
    const all = nullableCount === count;
    return [
      finding(
        'NF-11',
        'info',
        ref(ctx, t),
        all ? `Every non-key column of ${t.name} is nullable.` : `${nullableCount} of ${count} non-key columns of ${t.name} are nullable.`,
        'When most columns may be NULL, either required values are not enforced (add NOT NULL), or the table holds several kinds of rows that each fill a different subset (split into subtype tables sharing the key). Sparse optional profile data is a fair exception.',
      ),
    ];
  },
};
export default rule;
