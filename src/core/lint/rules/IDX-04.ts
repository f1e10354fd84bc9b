import { removeIndex } from '../../commands/schema';
import type { Finding, Rule } from '../types';
import { candidateKeys, colNames, constraintName, dropIndexSql, finding, indexLabel, ref, sameSet } from './idx-nf-util';

/**
 * IDX-04: a non-unique index whose key columns (plain columns, no opclass/collation/expression, nothing extra)
 * equal the columns of the PK, a UNIQUE constraint or a non-partial unique index. Typical ORM mistakes:
 * `CREATE INDEX ON users (id)`, `CREATE INDEX ON users (email)` beside `UNIQUE (email)`.
 */
export const rule: Rule = {
  id: 'IDX-04',
  slug: 'plain-index-shadowing-constraint',
  group: 'IDX',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A plain index on exactly the columns of a primary key or unique constraint. The constraint already has an index that serves the same lookups.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const keys = candidateKeys(t);
    for (const ix of t.indexes) {
      if (ix.unique || ix.where || ix.include?.length || (ix.method || 'btree') !== 'btree') continue;
      if (ix.elements.some((e) => e.column === undefined || e.opclass || e.collation)) continue;
      const cols = ix.elements.map((e) => e.column!);
      const k = keys.find((key) => sameSet(key.columns, cols));
      if (!k) continue;
      const what = k.constraint ? `${k.source === 'primary' ? 'primary key' : 'unique constraint'} ${constraintName(t, k.constraint)}` : `unique index ${k.index ? indexLabel(k.index, t) : ''}`;
      out.push(
        finding(
          'IDX-04',
          'warning',
          ref(ctx, t, { indexId: ix.id }),
          `Index ${indexLabel(ix, t)} on ${t.name} (${colNames(t, cols).join(', ')}) duplicates the index of the ${what}.`,
          `The ${what} is enforced by a unique index on the same columns, which serves every lookup the plain index would; the plain index only adds write cost.`,
          { label: `Drop ${indexLabel(ix, t)}`, sql: dropIndexSql(ctx.model, t, ix), command: removeIndex(t.id, ix.id) },
        ),
      );
    }
    return out;
  },
};
export default rule;
