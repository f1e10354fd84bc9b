import type { Command } from '../../commands/history';
import { addIndex, removeConstraint, removeIndex } from '../../commands/schema';
import { foreignKeys, incomingForeignKeys } from '../../model/query';
import type { Index } from '../../model/types';
import type { Finding, QuickFix, Rule } from '../types';
import {
  NONE,
  candidateKeys,
  colNames,
  compose,
  constraintName,
  covers,
  createIndexSql,
  dropIndexSql,
  elementSig,
  finding,
  freshIndexName,
  indexLabel,
  qTable,
  quoteIdent,
  ref,
  sameSet,
  softDelete,
} from './idx-nf-util';

function mentions(where: string | undefined, col: string): boolean {
  if (!where) return false;
  return new RegExp(`(^|[^a-z0-9_])"?${col.toLowerCase()}"?([^a-z0-9_]|$)`).test(where.toLowerCase());
}

/**
 * IDX-10: tables with deleted_at / archived_at / is_deleted / is_archived.
 * (a) warning: a candidate key other than the PK that is not partial on the live rows (re-creating a soft-deleted
 *     email or slug then fails). Keys that include the soft-delete column, and keys referenced by a foreign key
 *     (PostgreSQL needs a non-partial unique index there), are exempt.
 * (b) info: a secondary non-unique index with no live-rows predicate and no live-rows partial twin. For an index
 *     that backs an FK the fix adds the partial twin and keeps the full index (FK checks scan all rows); other
 *     indexes are replaced.
 */
export const rule: Rule = {
  id: 'IDX-10',
  slug: 'soft-delete-without-partial-indexes',
  group: 'IDX',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A soft-deleted table whose unique keys and indexes also cover deleted rows. Uniqueness should usually hold among live rows only, and queries on live rows want partial indexes.',
  checkTable(t, ctx) {
    const sd = softDelete(ctx.model, t);
    if (!sd) return NONE;
    const out: Finding[] = [];
    const sdName = sd.column.name;
    const incoming = incomingForeignKeys(ctx.model, t.id);
    // (a) keys
    for (const k of candidateKeys(t, true)) {
      if (k.source === 'primary' || k.columns.includes(sd.column.id) || mentions(k.where, sdName)) continue;
      if (incoming.some(([, fk]) => sameSet(fk.refColumns, k.columns))) continue;
      const names = colNames(t, k.columns);
      const where = k.where ? `(${k.where}) AND ${sd.live}` : sd.live;
      const next: Omit<Index, 'id' | 'seq'> = { name: freshIndexName(ctx.model, t, [...names, 'live'], 'key'), unique: true, method: 'btree', elements: k.columns.map((column) => ({ column })), where };
      let drop: string;
      let cmd: Command;
      if (k.constraint) {
        drop = `ALTER TABLE ${qTable(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(constraintName(t, k.constraint))};`;
        cmd = removeConstraint(t.id, k.constraint.id);
      } else {
        drop = dropIndexSql(ctx.model, t, k.index!);
        cmd = removeIndex(t.id, k.index!.id);
      }
      const what = k.constraint ? `unique constraint ${constraintName(t, k.constraint)}` : `unique index ${indexLabel(k.index!, t)}`;
      out.push(
        finding(
          'IDX-10',
          'warning',
          ref(ctx, t, k.constraint ? { constraintId: k.constraint.id } : { indexId: k.index!.id }),
          `${t.name} is soft-deleted (${sdName}) but its ${what} on (${names.join(', ')}) also counts deleted rows.`,
          `A soft-deleted row keeps its value, so re-creating the same ${names.join(', ')} fails. Make the key partial on live rows (${sd.live}); queries must repeat that predicate for the planner to use it.`,
          { label: `Make the key partial on live rows`, sql: `${drop}\n${createIndexSql(ctx.model, t, next).replace(' CONCURRENTLY', '')}`, command: compose('Make unique key partial on live rows', [cmd, addIndex(t.id, next)]) },
        ),
      );
    }
    // (b) secondary indexes
    const fks = foreignKeys(t);
    for (const ix of t.indexes) {
      if (ix.unique || ix.where || ix.elements.some((e) => e.column === sd.column.id) || ix.include?.includes(sd.column.id)) continue;
      const sig = ix.elements.map(elementSig).join(',');
      const twin = t.indexes.some((o) => o !== ix && !o.unique && mentions(o.where, sdName) && o.elements.map(elementSig).join(',') === sig);
      if (twin) continue;
      const backsFk = fks.some((fk) => covers(ix, fk.columns));
      const names = ix.elements.map((e) => (e.column ? colNames(t, [e.column])[0]! : 'expr'));
      const next: Omit<Index, 'id' | 'seq'> = { name: freshIndexName(ctx.model, t, [...names, 'live']), unique: false, method: ix.method || 'btree', elements: structuredClone(ix.elements), where: sd.live };
      if (ix.include?.length) next.include = [...ix.include];
      const fix: QuickFix = backsFk
        ? { label: 'Add a partial index on live rows', sql: createIndexSql(ctx.model, t, next), command: addIndex(t.id, next) }
        : {
            label: 'Replace with a partial index on live rows',
            sql: `${createIndexSql(ctx.model, t, next)}\n${dropIndexSql(ctx.model, t, ix)}`,
            command: compose('Make index partial on live rows', [addIndex(t.id, next), removeIndex(t.id, ix.id)]),
          };
      out.push(
        finding(
          'IDX-10',
          'info',
          ref(ctx, t, { indexId: ix.id }),
          `Index ${indexLabel(ix, t)} on soft-deleted ${t.name} has no live-rows predicate.`,
          backsFk
            ? `Queries on live rows would use a smaller partial index (WHERE ${sd.live}). Keep this full index too: it backs a foreign key, and FK checks look at all rows.`
            : `Deleted rows only bloat this index if queries always filter on live rows; a partial index (WHERE ${sd.live}) is smaller. Queries must repeat the predicate literally.`,
          fix,
        ),
      );
    }
    return out;
  },
};
export default rule;

