import type { Rule } from '../types';
import { NONE, candidateKeys, finding, ref } from './idx-nf-util';

/**
 * NF-12: a table with no columns (error) or exactly one (info). Exempt: a single-column key table (a lookup of codes
 * such as currencies(code PRIMARY KEY)), partitions and inheritance children (their columns come from the parent).
 */
export const rule: Rule = {
  id: 'NF-12',
  slug: 'degenerate-table',
  group: 'NF',
  defaultSeverity: 'error',
  scope: 'table',
  description: 'A table with no columns, or only one. It stores nothing useful, or belongs folded into another table.',
  checkTable(t, ctx) {
    if (t.partitionOf || t.inherits?.length) return NONE;
    if (t.columns.length === 0)
      return [finding('NF-12', 'error', ref(ctx, t), `Table ${t.name} has no columns.`, 'A table without columns can only count rows; it is almost always unfinished. Add its columns or delete it.')];
    if (t.columns.length === 1) {
      const only = t.columns[0]!;
      if (candidateKeys(t).some((k) => k.columns.length === 1 && k.columns[0] === only.id)) return NONE;
      return [
        finding(
          'NF-12',
          'info',
          ref(ctx, t, { columnId: only.id, column: only.name }),
          `Table ${t.name} has a single column (${only.name}) that is not a key.`,
          'A one-column table without a key can hold duplicates and says little; add the columns it is missing, make the column its primary key if it is a list of codes, or fold it into its parent.',
        ),
      ];
    }
    return NONE;
  },
};
export default rule;
