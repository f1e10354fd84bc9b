import type { Column, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { addCheckFix, addFinding, checkName, colInfo, columnKinds, compose, findingFix, hasCheckOn, K_VARCHAR_N, NONE, qi, retypeFix } from './support.type-name-aud-sec';

const MAGIC = new Set([255, 256, 100, 50, 500, 1000, 4000, 1024, 2000, 512]);
const LENGTH_CALL = /length\s*\(/i;

/** varchar(n) → text, with a CHECK on the length when the limit is not a habitual one. */
function toTextFix(ctx: RuleContext, t: Table, c: Column, array: boolean, n: number, magic: boolean): QuickFix | undefined {
  const f = retypeFix(ctx, t, c, array ? 'text[]' : 'text', { keepChecks: true, label: `Change ${c.name} to text` });
  if (!f || magic || array) return f;
  const expr = `char_length(${qi(c.name)}) <= ${n}`;
  const chk = addCheckFix(ctx, t, checkName(t, c.name, 'len'), expr);
  return { label: `Change ${c.name} to text with CHECK (${expr})`, sql: `${f.sql}\n${chk.sql}`, command: compose(`Change ${c.name} to text`, f.command, chk.command) };
}

// The findings are built outside checkTable, so that it creates no closures (and no context for them) per table.

function invalidFinding(ctx: RuleContext, t: Table, c: Column, array: boolean, n: number): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is varchar(${n}): PostgreSQL rejects a length below 1.`, 'The CREATE TABLE fails: varchar needs a length of at least 1. Use text.',
    () => retypeFix(ctx, t, c, array ? 'text[]' : 'text'), 'error');
}

function limitFinding(ctx: RuleContext, t: Table, c: Column, array: boolean, n: number, magic: boolean): Finding {
  return findingFix(rule, ctx, t, c, magic ? `${t.name}.${c.name} is varchar(${n}), a habitual rather than a business limit; use text.` : `${t.name}.${c.name} is varchar(${n}); if the limit is a business rule, state it as a CHECK on text.`,
    'In PostgreSQL varchar(n) and text are stored the same way; the limit only adds an error when it is exceeded. Arbitrary limits (255, 100, …) reject real data later and need a table rewrite or migration to raise. A CHECK on text states a real rule and can change cheaply.',
    () => toTextFix(ctx, t, c, array, n, magic));
}

/** TYPE-06: `varchar(n)` with an arbitrary limit; `varchar(0)` is an error. */
export const rule: Rule = {
  id: 'TYPE-06',
  slug: 'arbitrary-varchar-limit',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: '`varchar(n)` with an arbitrary limit: in PostgreSQL text is just as fast, and changing the limit later needs a migration.',
  checkTable(t, ctx) {
    // One pass over the columns per table, shared by the TYPE rules: most tables have no such column.
    if (!(columnKinds(ctx, t) & K_VARCHAR_N)) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.base !== 'varchar' || info.domain) continue;
      const n = info.args[0];
      if (n === undefined) continue;
      if (n <= 0) {
        out = addFinding(out, invalidFinding(ctx, t, c, info.array, n));
        continue;
      }
      const magic = MAGIC.has(n);
      // A CHECK on the length already states the business rule: the varchar limit is deliberate.
      if (!magic && hasCheckOn(ctx, t, c, LENGTH_CALL)) continue;
      out = addFinding(out, limitFinding(ctx, t, c, info.array, n, magic));
    }
    return out ?? NONE;
  },
};
