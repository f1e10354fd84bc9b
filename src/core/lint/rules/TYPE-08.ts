import type { Rule } from '../types';
import { isMoneyOrQuantityName } from '../helpers/names';
import { colInfo, finding, retypeFix, toks } from './support.type-name-aud-sec';

/** TYPE-08: float types for money or quantities. */
export const rule: Rule = {
  id: 'TYPE-08',
  slug: 'float-for-exact-values',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'A money or quantity column typed real / double precision: binary floating point cannot represent 0.10 exactly, so sums drift.',
  checkTable(t, ctx) {
    const out = [];
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if (info.family !== 'float' || !isMoneyOrQuantityName(c.name)) continue;
      const last = toks(c.name).at(-1);
      const to = (last === 'cents' ? 'bigint' : last === 'quantity' || last === 'qty' ? 'numeric' : 'numeric(12,2)') + (info.array ? '[]' : '');
      const fix = info.domain ? undefined : retypeFix(ctx, t, c, to, { keepChecks: true });
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} holds an exact value but is ${c.type}; use ${to}.`,
          'Floating-point types store binary approximations: 0.1 + 0.2 is not 0.3, and totals of many rows drift by cents. Money and counted quantities need exact numeric (or integer cents).',
          { fix }),
      );
    }
    return out;
  },
};
