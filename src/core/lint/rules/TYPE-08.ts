import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, Rule, RuleContext } from '../types';
import { isMoneyOrQuantityName } from '../helpers/names';
import { addFinding, colInfo, columnKinds, findingFix, K_FLOAT, NONE, retypeFix, toks } from './support.type-name-aud-sec';

/** TYPE-08: float types for money or quantities. */
export const rule: Rule = {
  id: 'TYPE-08',
  slug: 'float-for-exact-values',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'A money or quantity column typed real / double precision: binary floating point cannot represent 0.10 exactly, so sums drift.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_FLOAT)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.family !== 'float' || !isMoneyOrQuantityName(c.name)) continue;
      out = addFinding(out, report(ctx, t, c, info));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo): Finding {
  const last = toks(c.name).at(-1);
  const to = (last === 'cents' ? 'bigint' : last === 'quantity' || last === 'qty' ? 'numeric' : 'numeric(12,2)') + (info.array ? '[]' : '');
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} holds an exact value but is ${c.type}; use ${to}.`,
    'Floating-point types store binary approximations: 0.1 + 0.2 is not 0.3, and totals of many rows drift by cents. Money and counted quantities need exact numeric (or integer cents).',
    info.domain ? undefined : () => retypeFix(ctx, t, c, to, { keepChecks: true }));
}
