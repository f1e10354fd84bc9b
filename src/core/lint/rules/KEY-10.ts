import type { Column, Table } from '../../model/types';
import type { Rule, RuleContext } from '../types';
import { colNames, column, isFkColumn, mk, NONE, primaryKey, surrogateSwap, tref } from './key-rel-util';

const ID_LIKE = /(id|uuid|guid|Id)$/;
const STABLE_CODE = /(^|_)(code|iso|iso2|iso3|alpha2|alpha3|abbr|abbreviation|symbol|currency|country|language|locale|key|slug)$/i;
const CHAR = /^(char|character|bpchar)$/;
const QUOTE = /"/g;

/** A PK column that makes the key a weak entity's (an id, an FK column) or that the partitioning requires. */
function notNatural(ctx: RuleContext, t: Table, c: Column): boolean {
  if (ID_LIKE.test(c.name) || isFkColumn(ctx, t, c.id)) return true;
  const keys = t.partitioning?.keys;
  if (keys) for (let i = 0; i < keys.length; i++) if (keys[i]!.replace(QUOTE, '').trim() === c.name) return true;
  return false;
}

/** KEY-10: the primary key is a natural (business) value such as email or sku. */
export const rule: Rule = {
  id: 'KEY-10',
  slug: 'natural-key-as-pk',
  group: 'KEY',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'The primary key is a business value (email, username, sku…) rather than an id.',
  checkTable(t, ctx) {
    const pk = primaryKey(t);
    if (!pk || !pk.columns.length || t.partitionOf) return NONE;
    const role = ctx.role(t);
    if (role === 'junction' || role === 'log' || role === 'staging') return NONE;
    // Weak entities (a PK that includes an id or an FK) are not "natural keys".
    let stable = true;
    for (let i = 0; i < pk.columns.length; i++) {
      const c = column(t, pk.columns[i]!);
      if (!c) continue;
      if (notNatural(ctx, t, c)) return NONE;
      if (stable && role === 'lookup' && !(STABLE_CODE.test(c.name) || CHAR.test(ctx.helpers.typeInfo(c.type).base))) stable = false;
    }
    if (role === 'lookup' && stable) return NONE;
    const names = colNames(t, pk.columns);
    return [
      mk('KEY-10', 'info', tref(ctx, t, { constraintId: pk.id }), `The primary key of ${t.name} is the business value (${names.join(', ')}).`,
        'Business values change (people change email, products get re-coded). When they are the primary key every referencing row must change too. A surrogate id with a UNIQUE on the business value keeps lookups and makes changes cheap.',
        surrogateSwap(ctx, t, 'Add a surrogate id primary key, keep the value UNIQUE')),
    ];
  },
};
