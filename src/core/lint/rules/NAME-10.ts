import type { Table } from '../../model/types';
import type { Finding } from '../types';
import { colInfo, finding, toks, type OptInRule } from './support.type-name-aud-sec';
import { add, blank, NO_OPTS, NONE } from './support-names.type-name-aud-sec';

const UNIT = /^(ms|msec|millis|milliseconds|s|sec|secs|seconds|min|mins|minutes|h|hours|days|weeks|months|years|cents|bytes|kb|mb|gb|pct|percent|kg|g|m|km|cm|mm)$/;

/** NAME-10 (opt-in): tables, and columns whose meaning is not obvious, without a COMMENT. */
export const rule: OptInRule = {
  id: 'NAME-10',
  slug: 'missing-comments',
  group: 'NAME',
  defaultSeverity: 'info',
  defaultEnabled: false,
  scope: 'table',
  description: 'Tables without a COMMENT, and enum-like, amount or duration columns whose meaning or unit is not documented. Off by default.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    if (blank(t.comment) && !t.partitionOf) out = add(out, finding(rule, ctx, t, undefined, `Table ${t.name} has no comment.`, why, NO_OPTS));
    let hasCurrency: boolean | undefined; // computed when first needed
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!blank(c.comment) || c.inherited) continue;
      const tk = toks(c.name);
      const last = tk[tk.length - 1] ?? '';
      const info = colInfo(ctx, c);
      let what: string | undefined;
      if (info.family === 'enum') what = 'its values are coded';
      else if (last === 'amount' || last === 'price' || last === 'total') {
        if (!(hasCurrency ??= mentionsCurrency(t)) && !tk.includes('cents')) what = 'the currency and whether it is gross or net are not stated';
      } else if ((last === 'duration' || last === 'timeout' || last === 'interval' || last === 'delay' || last === 'ttl') && info.base !== 'interval' && !hasUnit(tk)) what = 'its unit is not stated';
      if (what) out = add(out, finding(rule, ctx, t, c, `Column ${t.name}.${c.name} has no comment and ${what}.`, why, NO_OPTS));
    }
    return out ?? NONE;
  },
};

const why = 'Comments travel with the schema into every tool (psql \\d+, ORMs, documentation generators); the unit of an amount or duration and the meaning of coded values are exactly what readers cannot guess.';

function mentionsCurrency(t: Table): boolean {
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) if (toks(cols[i]!.name).includes('currency')) return true;
  return false;
}

function hasUnit(tk: readonly string[]): boolean {
  for (let i = 0; i < tk.length; i++) if (UNIT.test(tk[i]!)) return true;
  return false;
}
