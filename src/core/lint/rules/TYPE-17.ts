import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, columnKinds, dropDefaultFix, findingFix, K_ANY_DEFAULT, NONE, toks } from './support.type-name-aud-sec';

const IDENTITY_TEXT = /^(name|email|title|username|login|first_name|last_name|full_name|display_name|handle|slug|sku|code|phone)$/;
const EMPTY = /^\s*\(?\s*''\s*\)?\s*(::[a-z ."]+)?$/i;
const ZERO = /^\s*\(?\s*'?0'?\s*\)?\s*(::[a-z ."]+)?$/i;

/** TYPE-17: `NOT NULL DEFAULT ''` on identity-ish text, or `DEFAULT 0` on FK-like columns. */
export const rule: Rule = {
  id: 'TYPE-17',
  slug: 'empty-string-default-masks-missing',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: "NOT NULL DEFAULT '' on a name or e-mail, or DEFAULT 0 on a reference column: the default silently defeats the constraint.",
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_ANY_DEFAULT)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.default === undefined) continue;
      const tk = toks(c.name);
      const fam = colInfo(ctx, c).family;
      if (!c.nullable && fam === 'string' && EMPTY.test(c.default) && (IDENTITY_TEXT.test(tk.join('_')) || IDENTITY_TEXT.test(tk[tk.length - 1] ?? ''))) {
        out = addFinding(out, emptyFinding(ctx, t, c));
        continue;
      }
      // The FK test last: the table's FK column set is only needed for a zero default on a number.
      if ((fam === 'int' || fam === 'exact') && ZERO.test(c.default) && ((tk.length > 1 && (tk[tk.length - 1] === 'id' || tk[tk.length - 1] === 'by')) || ctx.helpers.fkColumnIds(t).has(c.id))) {
        out = addFinding(out, zeroFinding(ctx, t, c));
      }
    }
    return out ?? NONE;
  },
};

// The findings are built outside checkTable, so that it creates no closures (and no context for them) per table.

function emptyFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is NOT NULL DEFAULT ''; drop the default so a missing ${c.name} is an error.`,
    "NOT NULL is there to force a value; DEFAULT '' supplies a meaningless one, so rows without a name or e-mail are accepted and look filled in.",
    () => dropDefaultFix(ctx, t, c));
}

function zeroFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} defaults to 0, which references nothing; drop the default (make the column nullable if the reference is optional).`,
    'Id 0 does not exist: with a foreign key every insert that relies on the default fails, without one the row points at nothing. An optional reference is NULL.',
    () => dropDefaultFix(ctx, t, c));
}
