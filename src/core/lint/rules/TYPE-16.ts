import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, columnKinds, dropDefaultFix, findingFix, K_DEFAULT, NONE } from './support.type-name-aud-sec';

const STRING_NULL = /^\s*\(?\s*'null'\s*\)?\s*(::[^']*)?$/i;

/** TYPE-16: `DEFAULT 'NULL'` (a string, not NULL). */
export const rule: Rule = {
  id: 'TYPE-16',
  slug: 'default-string-null',
  group: 'TYPE',
  defaultSeverity: 'error',
  scope: 'column',
  description: "A DEFAULT of the string 'NULL': rows get the four letters N-U-L-L instead of a missing value.",
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_DEFAULT)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.default || !STRING_NULL.test(c.default)) continue;
      out = addFinding(out, report(ctx, t, c, c.default));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, def: string): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} defaults to the string ${def.trim()}, not to NULL; drop the default.`,
    "'NULL' in quotes is a four-letter string. Rows inserted without a value get that text, which IS NULL does not find and which looks like a missing value everywhere it is displayed.",
    () => dropDefaultFix(ctx, t, c));
}
