import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, Rule, RuleContext } from '../types';
import { expectedType } from '../helpers/names';
import { addFinding, colInfo, columnKinds, findingFix, K_TIMESTAMP, K_TIMESTAMPTZ, NONE, qi, retypeFix, toks } from './support.type-name-aud-sec';

/** TYPE-11: a calendar date stored as a timestamp. */
export const rule: Rule = {
  id: 'TYPE-11',
  slug: 'date-semantics-as-timestamp',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: 'A birth date, due date or other `*_date` / `*_on` column typed as a timestamp: the time part is noise that shifts the date across time zones.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & (K_TIMESTAMP | K_TIMESTAMPTZ))) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if ((info.base !== 'timestamp' && info.base !== 'timestamptz') || info.array) continue;
      const tk = toks(c.name);
      if (expectedType(c.name)?.kind !== 'date' && !(tk.length === 1 && tk[0] === 'dob')) continue;
      out = addFinding(out, report(ctx, t, c, info));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} names a calendar date but is ${c.type}; use date.`,
    'A timestamp for a calendar date invites a time-of-day and, with timestamptz, shifts the day for users in other time zones (a birthday at 00:00 UTC is the previous day in New York). date stores the day itself in 4 bytes.',
    info.domain ? undefined : () => retypeFix(ctx, t, c, 'date', { using: `${qi(c.name)}::date` }));
}
