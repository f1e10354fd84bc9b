import type { Rule } from '../types';
import { NONE, finding, ref } from './idx-nf-util';

/**
 * IDX-05: a table with no primary key, no unique constraint and no index at all (KEY-01 reports the missing PK;
 * this rule adds that nothing can be looked up without a full scan). Staging tables, partitions (they inherit their
 * parent's indexes) and tables without columns (NF-12) are exempt. No quick fix: see KEY-01.
 */
export const rule: Rule = {
  id: 'IDX-05',
  slug: 'table-without-index',
  group: 'IDX',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A table without any index, not even a primary key. Every lookup, update and delete reads the whole table.',
  checkTable(t, ctx) {
    if (t.indexes.length || t.partitionOf || !t.columns.length) return NONE;
    for (let i = 0; i < t.constraints.length; i++) {
      const k = t.constraints[i]!.kind;
      if (k === 'primary' || k === 'unique' || k === 'exclude') return NONE;
    }
    if (ctx.role(t) === 'staging') return NONE;
    return [
      finding(
        'IDX-05',
        'info',
        ref(ctx, t),
        `Table ${t.name} has no index at all.`,
        'Without any index every query, update and delete on this table is a sequential scan, and rows cannot be identified reliably; start with a primary key (KEY-01).',
      ),
    ];
  },
};
export default rule;
