import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import type { TypeInfo } from '../helpers/types';
import { addFinding, colInfo, columnKinds, findingFix, K_TIMESTAMP, NONE, qi, retypeFix, toks } from './support.type-name-aud-sec';

const TZ_COLUMN = /^(tz|timezone|time_zone|tzid|tz_name|iana_tz|olson_tz)$|_(tz|timezone|time_zone)$/i;

function hasTzColumn(cols: readonly Column[]): boolean {
  for (let i = 0; i < cols.length; i++) if (TZ_COLUMN.test(cols[i]!.name)) return true;
  return false;
}

/** TYPE-01: `timestamp` without time zone. */
export const rule: Rule = {
  id: 'TYPE-01',
  slug: 'timestamp-without-time-zone',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'A `timestamp` (without time zone) column: the value does not say which instant it is. Use `timestamptz`.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_TIMESTAMP)) return NONE;
    let out: Finding[] | undefined;
    // Whether the table has a time-zone column: computed when a timestamp column needs it.
    let tzColumn: boolean | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.base !== 'timestamp') continue;
      const tk = toks(c.name);
      // Local wall-clock values paired with a time-zone column are deliberate.
      if ((tzColumn ??= hasTzColumn(cols)) || tk[0] === 'local' || tk.includes('wall') || tk.includes('local')) continue;
      out = addFinding(out, report(ctx, t, c, info, tk));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo, tk: readonly string[]): Finding {
  const strong = tk[tk.length - 1] === 'at' || tk.includes('utc') || /^(created|updated|deleted|modified)/.test(tk[0] ?? '');
  const p = info.args[0];
  const to = `timestamptz${p !== undefined ? `(${p})` : ''}${info.array ? '[]' : ''}`;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is a timestamp without time zone${strong ? ' but names a moment in time' : ''}; use timestamptz.`,
    'A timestamp without time zone stores a wall-clock reading, not an instant: the same value means different moments for clients in different time zones, and daylight-saving changes make arithmetic wrong. timestamptz stores the instant and converts on display, at the same size.',
    info.domain ? undefined : () => retypeFix(ctx, t, c, to, { using: `${qi(c.name)} AT TIME ZONE 'UTC'`, label: `Change ${c.name} to ${to} (existing values read as UTC)` }));
}
