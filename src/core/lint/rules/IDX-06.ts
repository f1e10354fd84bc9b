import type { Rule } from '../types';
import { NONE, finding, ref } from './idx-nf-util';

/**
 * IDX-06: more non-constraint indexes than max(6, columns / 2). Applies to entity, junction and log tables
 * (logs are write-heavy, so extra indexes hurt most there); lookup tables (read-mostly) and staging tables are exempt.
 * No quick fix: review, drop redundant indexes (IDX-02/03/04), merge into composites.
 */
export const rule: Rule = {
  id: 'IDX-06',
  slug: 'too-many-indexes',
  group: 'IDX',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A table with many secondary indexes. Each index adds write amplification and can block HOT updates.',
  checkTable(t, ctx) {
    const limit = Math.max(6, Math.floor(t.columns.length / 2));
    const n = t.indexes.length;
    if (n <= limit) return NONE;
    const role = ctx.role(t);
    if (role === 'lookup' || role === 'staging') return NONE;
    return [
      finding(
        'IDX-06',
        'warning',
        ref(ctx, t),
        `Table ${t.name} has ${n} indexes besides its constraints (more than ${limit}).`,
        'Each index adds write amplification and can block HOT updates: every insert and most updates must change every index. Drop redundant ones (IDX-02, IDX-03, IDX-04) and merge the rest into composites. Read-mostly reporting tables may accept this.',
      ),
    ];
  },
};
export default rule;
