import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule, RuleContext } from '../types';
import type { Column, Table } from '../../model/types';
import { cref, fix, freshName, isFkColumn, mk, newId, NONE, primaryKey, qt, tableCmd } from './key-rel-util';

const BUSINESS = /^(code|slug|sku|isbn|ean|upc|gtin|external_id|external_ref|username|user_name|handle|[a-z0-9]+_(number|no|code))$/i;
const NOT_BUSINESS = /^(phone|mobile|fax|street|house|building|apartment|apt|unit|floor|line|version|sequence|seq|zip|postal|post|area|country|currency|language|status|error|response|http|color|colour|discount|promo|coupon|tracking)_/i;

/** KEY-14: an entity with only a surrogate key while it has a business-key-like column. */
export const rule: Rule = {
  id: 'KEY-14',
  slug: 'surrogate-only-entity',
  group: 'KEY',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'Only the surrogate id is unique, although a column looks like a business key (code, sku, slug, …).',
  checkTable(t, ctx) {
    if (ctx.role(t) !== 'entity' || t.partitionOf) return NONE;
    const pk = primaryKey(t);
    if (!pk || pk.columns.length !== 1) return NONE;
    const keys = ctx.helpers.candidateKeys(t);
    for (let i = 0; i < keys.length; i++) if (keys[i]!.source !== 'primary') return NONE;
    let c: Column | undefined;
    for (let i = 0; i < t.columns.length && !c; i++) {
      const x = t.columns[i]!;
      if (x.id !== pk.columns[0] && BUSINESS.test(x.name) && !NOT_BUSINESS.test(x.name) && !isFkColumn(ctx, t, x.id)) c = x;
    }
    return c ? [finding(ctx, t, c)] : NONE;
  },
};

function finding(ctx: RuleContext, t: Table, c: Column): Finding {
  const name = freshName(t, `${t.name}_${c.name}_key`);
  const label = `Add UNIQUE (${c.name})`;
  return mk('KEY-14', 'info', cref(ctx, t, c), `${t.name} has only its surrogate key; ${c.name} looks like a business key but is not unique.`,
    'With only a generated id, nothing stops the same product, code or slug from being entered twice. A unique key on the business value catches the duplicate at insert time.',
    fix(label, `ALTER TABLE ${qt(ctx.model, t)} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE (${quoteIdent(c.name)});`, tableCmd(label, t.id, (tt) => {
      tt.constraints.push({ id: newId('k'), kind: 'unique', name, columns: [c.id] });
    })));
}
