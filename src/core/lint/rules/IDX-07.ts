import type { Rule } from '../types';
import { NONE, colName, finding, indexLabel, ref } from './idx-nf-util';

/** IDX-07: a non-unique btree with more than 3 key columns. No one-click fix (INCLUDE or split needs the queries). */
export const rule: Rule = {
  id: 'IDX-07',
  slug: 'wide-non-unique-index',
  group: 'IDX',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A non-unique index with more than three key columns. Wide keys make the index big, and columns that never filter are better in INCLUDE (...).',
  checkTable(t, ctx) {
    let wide = false;
    for (let i = 0; i < t.indexes.length; i++) {
      const ix = t.indexes[i]!;
      if (!ix.unique && (ix.method || 'btree') === 'btree' && ix.elements.length > 3) {
        wide = true;
        break;
      }
    }
    if (!wide) return NONE;
    return t.indexes
      .filter((ix) => !ix.unique && (ix.method || 'btree') === 'btree' && ix.elements.length > 3)
      .map((ix) =>
        finding(
          'IDX-07',
          'info',
          ref(ctx, t, { indexId: ix.id }),
          `Index ${indexLabel(ix, t)} on ${t.name} has ${ix.elements.length} key columns (${ix.elements.map((e) => (e.column ? colName(t, e.column) : `(${e.expr})`)).join(', ')}).`,
          'A btree is only used well from its leading columns; trailing key columns that never filter make every entry larger. Move them to INCLUDE (...) for index-only scans, or split the index. Fine when it is a proven covering index for a hot query.',
        ),
      );
  },
};
export default rule;
