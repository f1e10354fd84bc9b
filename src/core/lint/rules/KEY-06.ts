import type { PrimaryKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext, Severity } from '../types';
import { colNames, mk, NONE, primaryKey, surrogateSwap, tref } from './key-rel-util';

/** KEY-06: a wide composite primary key on a non-junction table. */
export const rule: Rule = {
  id: 'KEY-06',
  slug: 'composite-pk-too-wide',
  group: 'KEY',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A primary key made of many columns: every referencing table must copy all of them.',
  checkTable(t, ctx) {
    const pk = primaryKey(t);
    if (!pk || pk.columns.length < 3) return NONE;
    if (t.partitioning || t.partitionOf) return NONE; // the PK must include the partition key
    if (ctx.role(t) === 'junction') return NONE;
    const severity = pk.columns.length > 4 ? 'warning' : referenced(ctx, t) ? 'info' : undefined;
    if (!severity) return NONE;
    return [finding(ctx, t, pk, severity)];
  },
};

/** Some other table references the table. */
function referenced(ctx: RuleContext, t: Table): boolean {
  const refs = ctx.helpers.incoming(t.id);
  for (let i = 0; i < refs.length; i++) if (refs[i]![0].id !== t.id) return true;
  return false;
}

function finding(ctx: RuleContext, t: Table, pk: PrimaryKey, severity: Severity): Finding {
  const names = colNames(t, pk.columns);
  return mk('KEY-06', severity, tref(ctx, t, { constraintId: pk.id }), `The primary key of ${t.name} has ${pk.columns.length} columns (${names.join(', ')}).`,
    'Every table that references this one must repeat all key columns, joins get long, and changing any part of the key cascades everywhere. A surrogate id with a UNIQUE on the natural columns keeps both properties.',
    surrogateSwap(ctx, t, 'Add a surrogate id primary key, keep the columns UNIQUE'));
}
