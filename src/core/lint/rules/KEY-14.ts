import { quoteIdent } from '../../sql/ident';
import type { Rule } from '../types';
import { cref, fix, freshName, mk, newId, qt, tableCmd } from './key-rel-util';

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
    if (ctx.role(t) !== 'entity' || t.partitionOf) return [];
    const pk = t.constraints.find((c) => c.kind === 'primary');
    if (!pk || pk.kind !== 'primary' || pk.columns.length !== 1) return [];
    const keys = ctx.helpers.candidateKeys(t).filter((k) => k.source !== 'primary');
    if (keys.length) return [];
    const fkCols = ctx.helpers.fkColumnIds(t);
    const c = t.columns.find((x) => x.id !== pk.columns[0] && !fkCols.has(x.id) && BUSINESS.test(x.name) && !NOT_BUSINESS.test(x.name));
    if (!c) return [];
    const name = freshName(t, `${t.name}_${c.name}_key`);
    const label = `Add UNIQUE (${c.name})`;
    return [
      mk('KEY-14', 'info', cref(ctx, t, c), `${t.name} has only its surrogate key; ${c.name} looks like a business key but is not unique.`,
        'With only a generated id, nothing stops the same product, code or slug from being entered twice. A unique key on the business value catches the duplicate at insert time.',
        fix(label, `ALTER TABLE ${qt(ctx.model, t)} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE (${quoteIdent(c.name)});`, tableCmd(label, t.id, (tt) => {
          tt.constraints.push({ id: newId('k'), kind: 'unique', name, columns: [c.id] });
        }))),
    ];
  },
};
