import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, columnKinds, findingFix, K_TIMETZ, NONE, qi, retypeFix } from './support.type-name-aud-sec';

/** TYPE-02: `time with time zone`. */
export const rule: Rule = {
  id: 'TYPE-02',
  slug: 'timetz',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: '`time with time zone` (timetz) cannot handle daylight saving: a time of day has no date, so the offset is ambiguous.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_TIMETZ)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.base !== 'timetz') continue;
      out = addFinding(out, report(ctx, t, c, info));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is time with time zone; use timestamptz, or time plus a time-zone name column.`,
    'A UTC offset without a date is meaningless across daylight-saving changes; PostgreSQL documents timetz as existing only for SQL-standard compliance. Store a full timestamptz, or a local time plus an IANA time-zone name.',
    info.domain ? undefined : () => retypeFix(ctx, t, c, 'timestamptz', { using: `(current_date + ${qi(c.name)})`, label: `Change ${c.name} to timestamptz` }));
}
