import type { Rule } from '../types';
import { colNames, mk, surrogateSwap, tref } from './key-rel-util';

const ID_LIKE = /(id|uuid|guid|Id)$/;
const STABLE_CODE = /(^|_)(code|iso|iso2|iso3|alpha2|alpha3|abbr|abbreviation|symbol|currency|country|language|locale|key|slug)$/i;

/** KEY-10: the primary key is a natural (business) value such as email or sku. */
export const rule: Rule = {
  id: 'KEY-10',
  slug: 'natural-key-as-pk',
  group: 'KEY',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'The primary key is a business value (email, username, sku…) rather than an id.',
  checkTable(t, ctx) {
    const pk = t.constraints.find((c) => c.kind === 'primary');
    if (!pk || pk.kind !== 'primary' || !pk.columns.length || t.partitionOf) return [];
    const role = ctx.role(t);
    if (role === 'junction' || role === 'log' || role === 'staging') return [];
    const fkCols = ctx.helpers.fkColumnIds(t);
    const partKeys = new Set((t.partitioning?.keys ?? []).map((k) => k.replace(/"/g, '').trim()));
    const cols = pk.columns.map((id) => t.columns.find((c) => c.id === id)).filter((c) => c !== undefined);
    // Weak entities (a PK that includes an id or an FK) are not "natural keys".
    if (cols.some((c) => ID_LIKE.test(c.name) || fkCols.has(c.id) || partKeys.has(c.name))) return [];
    if (role === 'lookup' && cols.every((c) => STABLE_CODE.test(c.name) || /^(char|character|bpchar)$/.test(ctx.helpers.typeInfo(c.type).base))) return [];
    const names = colNames(t, pk.columns);
    return [
      mk('KEY-10', 'info', tref(ctx, t, { constraintId: pk.id }), `The primary key of ${t.name} is the business value (${names.join(', ')}).`,
        'Business values change (people change email, products get re-coded). When they are the primary key every referencing row must change too. A surrogate id with a UNIQUE on the business value keeps lookups and makes changes cheap.',
        surrogateSwap(ctx, t, 'Add a surrogate id primary key, keep the value UNIQUE')),
    ];
  },
};
