import type { Rule } from '../types';
import { colNames, mk, surrogateSwap, tref } from './key-rel-util';

/** KEY-06: a wide composite primary key on a non-junction table. */
export const rule: Rule = {
  id: 'KEY-06',
  slug: 'composite-pk-too-wide',
  group: 'KEY',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A primary key made of many columns: every referencing table must copy all of them.',
  checkTable(t, ctx) {
    const pk = t.constraints.find((c) => c.kind === 'primary');
    if (!pk || pk.kind !== 'primary' || pk.columns.length < 3) return [];
    if (t.partitioning || t.partitionOf) return []; // the PK must include the partition key
    if (ctx.role(t) === 'junction') return [];
    const referenced = ctx.helpers.incoming(t.id).some(([o]) => o.id !== t.id);
    const severity = pk.columns.length > 4 ? 'warning' : referenced ? 'info' : undefined;
    if (!severity) return [];
    const names = colNames(t, pk.columns);
    return [
      mk('KEY-06', severity, tref(ctx, t, { constraintId: pk.id }), `The primary key of ${t.name} has ${pk.columns.length} columns (${names.join(', ')}).`,
        'Every table that references this one must repeat all key columns, joins get long, and changing any part of the key cascades everywhere. A surrogate id with a UNIQUE on the natural columns keeps both properties.',
        surrogateSwap(ctx, t, 'Add a surrogate id primary key, keep the columns UNIQUE')),
    ];
  },
};
