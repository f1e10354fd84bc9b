import { removeIndex } from '../../commands/schema';
import type { Rule } from '../types';
import { NONE, dropIndexSql, finding, indexLabel, ref } from './idx-nf-util';

/**
 * IDX-11: secondary (non-unique) indexes on a lookup table. Fires only on the lookup role (inferred by H2 or set by
 * the user); the model has no row-count estimate yet, so `estimated_rows < 1000` is not available.
 */
export const rule: Rule = {
  id: 'IDX-11',
  slug: 'index-on-tiny-static-table',
  group: 'IDX',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A secondary index on a small, static lookup table. A few hundred rows fit in one or two pages, which PostgreSQL reads faster than any index.',
  checkTable(t, ctx) {
    if (ctx.role(t) !== 'lookup') return NONE;
    return t.indexes
      .filter((ix) => !ix.unique)
      .map((ix) =>
        finding(
          'IDX-11',
          'info',
          ref(ctx, t, { indexId: ix.id }),
          `Lookup table ${t.name} has a secondary index ${indexLabel(ix, t)}.`,
          'A lookup table is small and rarely written; PostgreSQL scans a few pages faster than it walks an index, so the index is unused weight. Keep it if the table is in fact large.',
          { label: `Drop ${indexLabel(ix, t)}`, sql: dropIndexSql(ctx.model, t, ix), command: removeIndex(t.id, ix.id) },
        ),
      );
  },
};
export default rule;
