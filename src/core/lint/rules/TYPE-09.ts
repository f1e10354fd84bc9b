import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, columnKinds, findingFix, K_JSON, NONE, qi, retypeFix, toks } from './support.type-name-aud-sec';

/** TYPE-09: `json` instead of `jsonb`. */
export const rule: Rule = {
  id: 'TYPE-09',
  slug: 'json-not-jsonb',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: '`json` stores the text as written: no equality operator, no GIN indexing, reparsed on every access. Use jsonb.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_JSON)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.base !== 'json') continue;
      // A raw payload archive must keep key order and duplicate keys.
      if (isArchiveName(toks(c.name))) continue;
      out = addFinding(out, report(ctx, t, c, info));
    }
    return out ?? NONE;
  },
};

function isArchiveName(tk: readonly string[]): boolean {
  for (let i = 0; i < tk.length; i++) {
    const x = tk[i];
    if (x === 'raw' || x === 'original' || x === 'verbatim' || x === 'archive') return true;
  }
  return false;
}

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo): Finding {
  const to = `jsonb${info.array ? '[]' : ''}`;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is json; use jsonb unless the exact text (key order, duplicate keys) must be kept.`,
    'json keeps the input text and reparses it on every operation; it has no equality operator (so no DISTINCT, GROUP BY or UNIQUE) and cannot use GIN indexes. jsonb is parsed once and indexable.',
    info.domain ? undefined : () => retypeFix(ctx, t, c, to, { using: `${qi(c.name)}::${to}` }));
}
