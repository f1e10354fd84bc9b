import type { Rule } from '../types';
import { colInfo, finding, retypeFix } from './support.type-name-aud-sec';

/** TYPE-03: `timestamp(0)` / `timestamptz(0)`. */
export const rule: Rule = {
  id: 'TYPE-03',
  slug: 'zero-precision-timestamp',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: '`timestamp(0)` rounds fractional seconds instead of truncating them, so stored values can lie up to half a second in the future.',
  checkTable(t, ctx) {
    const out = [];
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if ((info.base !== 'timestamp' && info.base !== 'timestamptz') || info.args[0] !== 0) continue;
      const to = info.base + (info.array ? '[]' : '');
      const fix = info.domain ? undefined : retypeFix(ctx, t, c, to, { label: `Drop the precision of ${c.name}` });
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} is ${info.base}(0): values are rounded to the second, possibly into the future.`,
          "Precision 0 rounds rather than truncates: 12:00:00.7 becomes 12:00:01, later than now(). Keep full precision and use date_trunc('second', …) when displaying.",
          { fix }),
      );
    }
    return out;
  },
};
