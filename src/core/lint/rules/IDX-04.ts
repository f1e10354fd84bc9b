import { removeIndex } from '../../commands/schema';
import type { Id, IndexElement } from '../../model/types';
import type { Finding, Rule } from '../types';
import { NONE, candidateKeys, colNames, constraintName, dropIndexSql, finding, indexLabel, ref, type CandidateKey } from './idx-nf-util';

/** Plain column elements only (no expression, opclass or collation). */
function plainElements(els: readonly IndexElement[]): boolean {
  for (let i = 0; i < els.length; i++) {
    const e = els[i]!;
    if (e.column === undefined || e.opclass || e.collation) return false;
  }
  return true;
}

/** `sameSet(key, columns of els)` without building the column list. */
function sameColumns(key: readonly Id[], els: readonly IndexElement[]): boolean {
  if (key.length !== els.length) return false;
  for (let i = 0; i < els.length; i++) if (!key.includes(els[i]!.column!)) return false;
  return true;
}

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
    let out: Finding[] | undefined;
    for (let x = 0; x < t.indexes.length; x++) {
      const ix = t.indexes[x]!;
      if (ix.unique || ix.where || ix.include?.length || (ix.method || 'btree') !== 'btree' || !plainElements(ix.elements)) continue;
      const keys = candidateKeys(t);
      let k: CandidateKey | undefined;
      for (let i = 0; i < keys.length; i++)
        if (sameColumns(keys[i]!.columns, ix.elements)) {
          k = keys[i];
          break;
        }
      if (!k) continue;
      const cols = ix.elements.map((e) => e.column!);
      const what = k.constraint ? `${k.source === 'primary' ? 'primary key' : 'unique constraint'} ${constraintName(t, k.constraint)}` : `unique index ${k.index ? indexLabel(k.index, t) : ''}`;
      (out ??= []).push(
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
    return out ?? NONE;
  },
};
export default rule;
