import type { Rule } from '../types';
import { NONE, finding, pkColumnIds, rawTokens, ref } from './idx-nf-util';

const ANALYTICS = /^(analytics|reporting|report|dw|dwh|warehouse|mart|olap|bi|stats)$/i;

/**
 * NF-10: more than 30 columns (warning) or more than 20 (info). Confidence is called high when there are also 3 or
 * more prefix clusters (NF-05-like) or more than half the non-PK columns are nullable (NF-11). Wide fact tables in
 * analytics schemas (analytics, reporting, dw, warehouse, mart) or named fact_* are exempt. No one-click fix.
 */
export const rule: Rule = {
  id: 'NF-10',
  slug: 'god-table',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A table with very many columns. It usually mixes several concerns that change for different reasons.',
  checkTable(t, ctx) {
    const n = t.columns.length;
    if (n <= 20) return NONE;
    if (ANALYTICS.test(ctx.helpers.schemaName(t)) || /^fact_|_facts?$/i.test(t.name)) return NONE;
    const prefixes = new Map<string, number>();
    for (const c of t.columns) {
      const tk = rawTokens(c.name);
      if (tk.length >= 2) prefixes.set(tk[0]!, (prefixes.get(tk[0]!) ?? 0) + 1);
    }
    const clusters = [...prefixes.values()].filter((v) => v >= 3).length;
    const pk = pkColumnIds(t);
    const nonPk = t.columns.filter((c) => !pk.has(c.id));
    const nullable = nonPk.filter((c) => c.nullable).length;
    const high = clusters >= 3 || nullable * 2 > nonPk.length;
    return [
      finding(
        'NF-10',
        n > 30 ? 'warning' : 'info',
        ref(ctx, t),
        `${t.name} has ${n} columns${high ? ` (high confidence: ${clusters >= 3 ? `${clusters} column-prefix clusters` : `${nullable} of ${nonPk.length} columns nullable`})` : ''}.`,
        'Very wide tables usually hold several concerns: every row carries all of them, updates rewrite the whole row, and the table becomes the place where every feature adds a column. Split it 1:1 by concern (e.g. a <name>_profiles table keyed by the same id).',
      ),
    ];
  },
};
export default rule;
