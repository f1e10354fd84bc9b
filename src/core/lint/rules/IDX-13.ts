import { addIndex } from '../../commands/schema';
import type { Index } from '../../model/types';
import type { Finding, Rule } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, colRef, createIndexSql, finding, freshIndexName, isArrayType } from './idx-nf-util';

const IDS = /_ids$|Ids$/;
const idsName = memoByString((name: string) => IDS.test(name));

/** IDX-13: an `*_ids` array column that no GIN index contains. Secondary to NF-02 (prefer a junction table). */
export const rule: Rule = {
  id: 'IDX-13',
  slug: 'fk-array-without-gin',
  group: 'IDX',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'An array of ids without a GIN index: finding the rows that contain a given id scans the whole table.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    for (let i = 0; i < t.columns.length; i++) {
      const c = t.columns[i]!;
      if (!idsName(c.name) || !isArrayType(c.type)) continue;
      if (t.indexes.some((ix) => /^gin$/i.test(ix.method) && !ix.where && ix.elements.some((e) => e.column === c.id))) continue;
      const ix: Omit<Index, 'id' | 'seq'> = { name: freshIndexName(ctx.model, t, [c.name], 'gin'), unique: false, method: 'gin', elements: [{ column: c.id }] };
      (out ??= []).push(
        finding(
          'IDX-13',
          'info',
          colRef(ctx, t, c),
          `Array column ${t.name}.${c.name} has no GIN index.`,
          `Queries such as WHERE ${c.name} @> ARRAY[42] or 42 = ANY(${c.name}) scan every row without a GIN index. Better still, replace the array with a junction table (NF-02), which also gives you foreign keys.`,
          { label: `Add GIN index ${ix.name}`, sql: createIndexSql(ctx.model, t, ix), command: addIndex(t.id, ix) },
        ),
      );
    }
    return out ?? NONE;
  },
};
export default rule;
