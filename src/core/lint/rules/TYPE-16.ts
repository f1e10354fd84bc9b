import type { Rule } from '../types';
import { dropDefaultFix, finding } from './support.type-name-aud-sec';

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
    const out = [];
    for (const c of t.columns) {
      if (!c.default || !STRING_NULL.test(c.default)) continue;
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} defaults to the string ${c.default.trim()}, not to NULL; drop the default.`,
          "'NULL' in quotes is a four-letter string. Rows inserted without a value get that text, which IS NULL does not find and which looks like a missing value everywhere it is displayed.",
          { fix: () => dropDefaultFix(ctx, t, c) }),
      );
    }
    return out;
  },
};
