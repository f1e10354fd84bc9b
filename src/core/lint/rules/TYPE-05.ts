import type { Column, Table } from '../../model/types';
import type { TypeInfo } from '../helpers/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { addCheckFix, addFinding, checkName, colInfo, columnKinds, compose, findingFix, K_CHAR, NONE, qi, retypeFix } from './support.type-name-aud-sec';

/** TYPE-05: `char(n)` / `character(n)` / `bpchar`. */
export const rule: Rule = {
  id: 'TYPE-05',
  slug: 'char-n',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: '`char(n)` pads values with spaces and compares them ignoring trailing blanks; use text (with a length CHECK if needed).',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_CHAR)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.base !== 'char') continue;
      out = addFinding(out, report(ctx, t, c, info));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo): Finding {
  const n = info.args[0];
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type}; use text${n ? ` with a CHECK on its length` : ''}.`,
    'char(n) is blank-padded: shorter values get trailing spaces that are ignored in some comparisons and kept in others (LIKE, concatenation, clients), and it is no faster than text. Even fixed-length codes are better as text plus a CHECK.',
    info.domain
      ? undefined
      : (): QuickFix | undefined => {
          const f = retypeFix(ctx, t, c, info.array ? 'text[]' : 'text', { keepChecks: true });
          if (!f || n === undefined || n <= 0 || info.array) return f;
          const name = checkName(t, c.name, 'len');
          const expr = `char_length(${qi(c.name)}) ${n <= 3 ? '=' : '<='} ${n}`;
          const chk = addCheckFix(ctx, t, name, expr);
          return { label: `Change ${c.name} to text with CHECK (${expr})`, sql: `${f.sql}\n${chk.sql}`, command: compose(`Change ${c.name} to text`, f.command, chk.command) };
        });
}
