import type { Rule } from '../types';
import { colInfo, finding, qi, retypeFix } from './support.type-name-aud-sec';

/** TYPE-02: `time with time zone`. */
export const rule: Rule = {
  id: 'TYPE-02',
  slug: 'timetz',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: '`time with time zone` (timetz) cannot handle daylight saving: a time of day has no date, so the offset is ambiguous.',
  checkTable(t, ctx) {
    const out = [];
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if (info.base !== 'timetz') continue;
      const fix = info.domain ? undefined : retypeFix(ctx, t, c, 'timestamptz', { using: `(current_date + ${qi(c.name)})`, label: `Change ${c.name} to timestamptz` });
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} is time with time zone; use timestamptz, or time plus a time-zone name column.`,
          'A UTC offset without a date is meaningless across daylight-saving changes; PostgreSQL documents timetz as existing only for SQL-standard compliance. Store a full timestamptz, or a local time plus an IANA time-zone name.',
          { fix }),
      );
    }
    return out;
  },
};
