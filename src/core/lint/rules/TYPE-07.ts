import type { Rule } from '../types';
import { colInfo, finding, qi, retypeFix } from './support.type-name-aud-sec';

/** TYPE-07: the `money` type. */
export const rule: Rule = {
  id: 'TYPE-07',
  slug: 'money-type',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'The `money` type depends on the lc_monetary setting, has fixed fractional precision and no currency; use numeric plus a currency column.',
  checkTable(t, ctx) {
    const out = [];
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if (info.base !== 'money') continue;
      const to = `numeric(12,2)${info.array ? '[]' : ''}`;
      const fix = info.domain ? undefined : retypeFix(ctx, t, c, to, { using: `${qi(c.name)}::numeric`, keepChecks: true });
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} uses the money type; use numeric(12,2) and store the currency separately.`,
          "money is formatted and parsed according to the server's lc_monetary locale, so a dump restored elsewhere can change values; it cannot hold fractions of a cent or a currency. numeric is exact and portable.",
          { fix }),
      );
    }
    return out;
  },
};
