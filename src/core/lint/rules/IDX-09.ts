import { removeIndex } from '../../commands/schema';
import type { Column } from '../../model/types';
import type { Finding, Rule } from '../types';
import { NONE, closedValueCount, dropIndexSql, family, finding, indexLabel, quoteIdent, ref, softDelete } from './idx-nf-util';

const FLAG_NAME = /^(is|has)_|^(status|state|type|kind|gender|deleted)$/i;

/**
 * IDX-09: a single-column, non-unique, non-partial btree on a low-cardinality column: boolean, enum with ≤ 5 labels,
 * CHECK IN list with ≤ 5 values, or a name like is_*, has_*, status, state, type, kind, gender, deleted.
 * Fix: drop it; the message suggests the partial index on the rare value instead (skewed data is the legit case).
 */
export const rule: Rule = {
  id: 'IDX-09',
  slug: 'low-cardinality-single-column-index',
  group: 'IDX',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'An index on a column with only a few distinct values. PostgreSQL rarely uses it, except for a rare value, where a partial index is smaller and better.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    for (let x = 0; x < t.indexes.length; x++) {
      const ix = t.indexes[x]!;
      if (ix.unique || ix.where || ix.elements.length !== 1 || (ix.method || 'btree') !== 'btree') continue;
      const id = ix.elements[0]!.column;
      if (!id) continue;
      let c: Column | undefined;
      for (let i = 0; i < t.columns.length; i++)
        if (t.columns[i]!.id === id) {
          c = t.columns[i];
          break;
        }
      if (!c) continue;
      const f = family(ctx.model, c);
      const n = f === 'bool' ? undefined : closedValueCount(ctx.model, t, c);
      const reason =
        f === 'bool'
          ? 'a boolean'
          : n !== undefined && n <= 5
            ? `limited to ${n} values`
            : FLAG_NAME.test(c.name)
              ? 'named like a flag or category'
              : undefined;
      if (!reason) continue;
      const sd = softDelete(ctx.model, t);
      const example = f === 'bool' ? `WHERE ${quoteIdent(c.name)}` : `WHERE ${quoteIdent(c.name)} = '<rare value>'`;
      (out ??= []).push(
        finding(
          'IDX-09',
          'info',
          ref(ctx, t, { indexId: ix.id, columnId: c.id, column: c.name }),
          `Index ${indexLabel(ix, t)} on ${t.name}.${c.name} indexes a column that is ${reason}.`,
          `With only a few distinct values each one matches a large share of the rows, and a sequential scan beats the index. If you query a rare value, a partial index such as CREATE INDEX … ON ${t.name} (${sd ? 'created_at' : 'id'}) ${example} is smaller and faster.`,
          { label: `Drop ${indexLabel(ix, t)}`, sql: dropIndexSql(ctx.model, t, ix), command: removeIndex(t.id, ix.id) },
        ),
      );
    }
    return out ?? NONE;
  },
};
export default rule;
