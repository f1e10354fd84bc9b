import { addIndex } from '../../commands/schema';
import type { Finding, Rule } from '../types';
import { NONE, colNames, colRef, coveredByAny, createIndexSql, finding, freshIndexName, ref } from './idx-nf-util';

/**
 * IDX-01: an FK whose column set no index covers (H5: valid, non-partial btree whose leading keys equal the FK
 * columns as a set; PK and UNIQUE indexes count). Warning, info when the parent is a lookup table.
 */
export const rule: Rule = {
  id: 'IDX-01',
  slug: 'fk-without-covering-index',
  group: 'IDX',
  defaultSeverity: 'warning',
  scope: 'relation',
  description:
    'A foreign key whose columns are not the leading columns of any index. Deleting or updating a parent row then scans the whole child table, and joins from the parent cannot use an index.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let f = 0; f < fks.length; f++) {
      const fk = fks[f]!;
      if (!fk.columns.length || coveredByAny(t, fk.columns)) continue;
      const parentTable = t.partitionOf ? ctx.model.tables[t.partitionOf.parentId] : undefined;
      const names = colNames(t, fk.columns);
      // A partition inherits the indexes of its partitioned parent: match by column names there.
      if (parentTable) {
        const ids = names.map((n) => parentTable.columns.find((c) => c.name === n)?.id);
        if (ids.every((x): x is string => !!x) && coveredByAny(parentTable, ids)) continue;
      }
      const parent = fk.refTableId ? ctx.model.tables[fk.refTableId] : undefined;
      const lookup = parent ? ctx.role(parent) === 'lookup' : false;
      const severity = lookup || ctx.role(t) === 'staging' ? 'info' : 'warning';
      const ix = { name: freshIndexName(ctx.model, t, names), unique: false, method: 'btree', elements: fk.columns.map((column) => ({ column })) };
      const target = parent?.name ?? fk.refTableName?.name ?? '?';
      const first = t.columns.find((c) => c.id === fk.columns[0]);
      const obj = first ? colRef(ctx, t, first, { constraintId: fk.id }) : ref(ctx, t, { constraintId: fk.id });
      (out ??= []).push(
        finding(
          'IDX-01',
          severity,
          obj,
          `Foreign key ${t.name}(${names.join(', ')}) → ${target} has no index on (${names.join(', ')}).`,
          lookup
            ? `${target} looks like a small lookup table; the index only matters if its rows are deleted or you join from it to ${t.name}. Every delete or key update in the parent scans ${t.name} to check this foreign key.`
            : `Every delete or key update in ${target} has to find the matching rows in ${t.name}; without an index that is a full scan of ${t.name} (and a lock held meanwhile). Joins from ${target} to ${t.name} need the index too.`,
          { label: `Add index ${ix.name}`, sql: createIndexSql(ctx.model, t, ix), command: addIndex(t.id, ix) },
        ),
      );
    }
    return out ?? NONE;
  },
};
export default rule;
