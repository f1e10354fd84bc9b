import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, columnKinds, findingFix, K_ZERO_PRECISION, NONE, retypeFix } from './support.type-name-aud-sec';

/** TYPE-03: `timestamp(0)` / `timestamptz(0)`. */
export const rule: Rule = {
  id: 'TYPE-03',
  slug: 'zero-precision-timestamp',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: '`timestamp(0)` rounds fractional seconds instead of truncating them, so stored values can lie up to half a second in the future.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_ZERO_PRECISION)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if ((info.base !== 'timestamp' && info.base !== 'timestamptz') || info.args[0] !== 0) continue;
      out = addFinding(out, report(ctx, t, c, info));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo): Finding {
  const to = info.base + (info.array ? '[]' : '');
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is ${info.base}(0): values are rounded to the second, possibly into the future.`,
    "Precision 0 rounds rather than truncates: 12:00:00.7 becomes 12:00:01, later than now(). Keep full precision and use date_trunc('second', …) when displaying.",
    info.domain ? undefined : () => retypeFix(ctx, t, c, to, { label: `Drop the precision of ${c.name}` }));
}
