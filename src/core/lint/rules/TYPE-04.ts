import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, columnKinds, findingFix, isNowDefault, K_DEFAULT, NONE, qi, retypeFix } from './support.type-name-aud-sec';

const TIME_ONLY_DEFAULT = /\b(current_time|localtime)\b(?!stamp)/i;

/** TYPE-04: `DEFAULT CURRENT_TIME` / `LOCALTIME`, or `DEFAULT now()` on a time column. */
export const rule: Rule = {
  id: 'TYPE-04',
  slug: 'current-time-default',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'A default of CURRENT_TIME / LOCALTIME (or now() on a time column) keeps only the time of day and loses the date.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_DEFAULT)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.default) continue;
      const info = colInfo(ctx, c);
      const timeCol = info.base === 'time' || info.base === 'timetz';
      if (!TIME_ONLY_DEFAULT.test(c.default) && !(timeCol && isNowDefault(c.default))) continue;
      out = addFinding(out, report(ctx, t, c, info, c.default));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo, def: string): Finding {
  const timeCol = info.base === 'time' || info.base === 'timetz';
  const using = timeCol ? `(current_date + ${qi(c.name)})` : undefined;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} defaults to the current time of day only (${def.trim()}); record the full timestamp.`,
    'A time of day without its date cannot be ordered or compared across days, and CURRENT_TIME returns timetz, whose offset is ambiguous. Record a timestamptz with DEFAULT now().',
    info.domain || info.array ? undefined : () => retypeFix(ctx, t, c, 'timestamptz', { using, setDefault: 'now()', label: `Change ${c.name} to timestamptz DEFAULT now()` }));
}
