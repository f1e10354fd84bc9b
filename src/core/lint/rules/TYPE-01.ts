import type { Rule } from '../types';
import { colInfo, finding, qi, retypeFix, toks } from './support.type-name-aud-sec';

const TZ_COLUMN = /^(tz|timezone|time_zone|tzid|tz_name|iana_tz|olson_tz)$|_(tz|timezone|time_zone)$/i;

/** TYPE-01: `timestamp` without time zone. */
export const rule: Rule = {
  id: 'TYPE-01',
  slug: 'timestamp-without-time-zone',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'A `timestamp` (without time zone) column: the value does not say which instant it is. Use `timestamptz`.',
  checkTable(t, ctx) {
    const out = [];
    const hasTzColumn = t.columns.some((c) => TZ_COLUMN.test(c.name));
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if (info.base !== 'timestamp') continue;
      const tk = toks(c.name);
      // Local wall-clock values paired with a time-zone column are deliberate.
      if (hasTzColumn || tk[0] === 'local' || tk.includes('wall') || tk.includes('local')) continue;
      const strong = tk[tk.length - 1] === 'at' || tk.includes('utc') || /^(created|updated|deleted|modified)/.test(tk[0] ?? '');
      const p = info.args[0];
      const to = `timestamptz${p !== undefined ? `(${p})` : ''}${info.array ? '[]' : ''}`;
      const fix = info.domain ? undefined : retypeFix(ctx, t, c, to, { using: `${qi(c.name)} AT TIME ZONE 'UTC'`, label: `Change ${c.name} to ${to} (existing values read as UTC)` });
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} is a timestamp without time zone${strong ? ' but names a moment in time' : ''}; use timestamptz.`,
          'A timestamp without time zone stores a wall-clock reading, not an instant: the same value means different moments for clients in different time zones, and daylight-saving changes make arithmetic wrong. timestamptz stores the instant and converts on display, at the same size.',
          { fix }),
      );
    }
    return out;
  },
};
