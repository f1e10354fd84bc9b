import type { Rule } from '../types';
import { addCheckFix, checkName, colInfo, compose, finding, qi, retypeFix } from './support.type-name-aud-sec';

/** TYPE-05: `char(n)` / `character(n)` / `bpchar`. */
export const rule: Rule = {
  id: 'TYPE-05',
  slug: 'char-n',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: '`char(n)` pads values with spaces and compares them ignoring trailing blanks; use text (with a length CHECK if needed).',
  checkTable(t, ctx) {
    const out = [];
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if (info.base !== 'char') continue;
      const n = info.args[0];
      let fix = info.domain ? undefined : retypeFix(ctx, t, c, info.array ? 'text[]' : 'text', { keepChecks: true });
      if (fix && n !== undefined && n > 0 && !info.array) {
        const name = checkName(t, c.name, 'len');
        const expr = `char_length(${qi(c.name)}) ${n <= 3 ? '=' : '<='} ${n}`;
        const chk = addCheckFix(ctx, t, name, expr);
        fix = { label: `Change ${c.name} to text with CHECK (${expr})`, sql: `${fix.sql}\n${chk.sql}`, command: compose(`Change ${c.name} to text`, fix.command, chk.command) };
      }
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type}; use text${n ? ` with a CHECK on its length` : ''}.`,
          'char(n) is blank-padded: shorter values get trailing spaces that are ignored in some comparisons and kept in others (LIKE, concatenation, clients), and it is no faster than text. Even fixed-length codes are better as text plus a CHECK.',
          { fix }),
      );
    }
    return out;
  },
};
