import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, columnKinds, findingFix, K_MONEY, NONE, qi, retypeFix } from './support.type-name-aud-sec';

/** TYPE-07: the `money` type. */
export const rule: Rule = {
  id: 'TYPE-07',
  slug: 'money-type',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'The `money` type depends on the lc_monetary setting, has fixed fractional precision and no currency; use numeric plus a currency column.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_MONEY)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.base !== 'money') continue;
      out = addFinding(out, report(ctx, t, c, info));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo): Finding {
  const to = `numeric(12,2)${info.array ? '[]' : ''}`;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} uses the money type; use numeric(12,2) and store the currency separately.`,
    "money is formatted and parsed according to the server's lc_monetary locale, so a dump restored elsewhere can change values; it cannot hold fractions of a cent or a currency. numeric is exact and portable.",
    info.domain ? undefined : () => retypeFix(ctx, t, c, to, { using: `${qi(c.name)}::numeric`, keepChecks: true }));
}
