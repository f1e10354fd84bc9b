import type { Rule } from '../types';
import { colInfo, finding, qi, retypeFix, toks } from './support.type-name-aud-sec';

/** TYPE-09: `json` instead of `jsonb`. */
export const rule: Rule = {
  id: 'TYPE-09',
  slug: 'json-not-jsonb',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: '`json` stores the text as written: no equality operator, no GIN indexing, reparsed on every access. Use jsonb.',
  checkTable(t, ctx) {
    const out = [];
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if (info.base !== 'json') continue;
      // A raw payload archive must keep key order and duplicate keys.
      const tk = toks(c.name);
      if (tk.some((x) => x === 'raw' || x === 'original' || x === 'verbatim' || x === 'archive')) continue;
      const to = `jsonb${info.array ? '[]' : ''}`;
      const fix = info.domain ? undefined : retypeFix(ctx, t, c, to, { using: `${qi(c.name)}::${to}` });
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} is json; use jsonb unless the exact text (key order, duplicate keys) must be kept.`,
          'json keeps the input text and reparses it on every operation; it has no equality operator (so no DISTINCT, GROUP BY or UNIQUE) and cannot use GIN indexes. jsonb is parsed once and indexable.',
          { fix }),
      );
    }
    return out;
  },
};
