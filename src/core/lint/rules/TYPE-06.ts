import type { Rule } from '../types';
import { addCheckFix, checkName, checksOn, colInfo, compose, finding, qi, retypeFix } from './support.type-name-aud-sec';

const MAGIC = new Set([255, 256, 100, 50, 500, 1000, 4000, 1024, 2000, 512]);

/** TYPE-06: `varchar(n)` with an arbitrary limit; `varchar(0)` is an error. */
export const rule: Rule = {
  id: 'TYPE-06',
  slug: 'arbitrary-varchar-limit',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: '`varchar(n)` with an arbitrary limit: in PostgreSQL text is just as fast, and changing the limit later needs a migration.',
  checkTable(t, ctx) {
    const out = [];
    for (const c of t.columns) {
      const info = colInfo(ctx, c);
      if (info.base !== 'varchar' || info.domain) continue;
      const n = info.args[0];
      if (n === undefined) continue;
      if (n <= 0) {
        out.push(
          finding(rule, ctx, t, c, `${t.name}.${c.name} is varchar(${n}): PostgreSQL rejects a length below 1.`, 'The CREATE TABLE fails: varchar needs a length of at least 1. Use text.', {
            severity: 'error',
            fix: () => retypeFix(ctx, t, c, info.array ? 'text[]' : 'text'),
          }),
        );
        continue;
      }
      const magic = MAGIC.has(n);
      // A CHECK on the length already states the business rule: the varchar limit is deliberate.
      if (!magic && checksOn(ctx, t, c).some((e) => /length\s*\(/i.test(e))) continue;
      const fix = () => {
        const f = retypeFix(ctx, t, c, info.array ? 'text[]' : 'text', { keepChecks: true, label: `Change ${c.name} to text` });
        if (!f || magic || info.array) return f;
        const expr = `char_length(${qi(c.name)}) <= ${n}`;
        const chk = addCheckFix(ctx, t, checkName(t, c.name, 'len'), expr);
        return { label: `Change ${c.name} to text with CHECK (${expr})`, sql: `${f.sql}\n${chk.sql}`, command: compose(`Change ${c.name} to text`, f.command, chk.command) };
      };
      out.push(
        finding(rule, ctx, t, c, magic ? `${t.name}.${c.name} is varchar(${n}), a habitual rather than a business limit; use text.` : `${t.name}.${c.name} is varchar(${n}); if the limit is a business rule, state it as a CHECK on text.`,
          'In PostgreSQL varchar(n) and text are stored the same way; the limit only adds an error when it is exceeded. Arbitrary limits (255, 100, …) reject real data later and need a table rewrite or migration to raise. A CHECK on text states a real rule and can change cheaply.',
          { fix }),
      );
    }
    return out;
  },
};
