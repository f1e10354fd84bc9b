import type { Finding, Rule } from '../types';
import { colInfo, finding, setNotNullFix, toks } from './support.type-name-aud-sec';

const ACCOUNT_TABLE = /^(user|account|customer|member|person|people|employee|profile|contact|admin|client|author|owner)s?$/;
const OPTIONAL = /^(optional|alt|alternate|alternative|secondary|middle|nick|nickname|maybe|extra|other|previous|old|legacy|backup)$/;

/** TYPE-14: a nullable column that is almost always required. */
export const rule: Rule = {
  id: 'TYPE-14',
  slug: 'missing-not-null',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'A nullable column that should almost always have a value (name, status, created_at, amounts, booleans, columns with a default).',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const pk = t.constraints.find((k) => k.kind === 'primary');
    // Table-level inputs, computed only when a column reaches the test that needs them.
    let accountTable: boolean | undefined;
    let fkCascade: Set<string> | undefined;
    for (const c of t.columns) {
      if (!c.nullable || c.generated || c.identity || c.inherited || pk?.columns.includes(c.id)) continue;
      const tk = toks(c.name);
      const last = tk[tk.length - 1] ?? '';
      const info = colInfo(ctx, c);
      let reason: string | undefined;
      let setDefault: string | undefined;
      if (info.family === 'bool' && !info.array) {
        reason = 'a nullable boolean has three states (true, false, unknown)';
        if (c.default === undefined) setDefault = 'false';
      } else if (c.default !== undefined && !/^\s*null\s*(::.*)?$/i.test(c.default)) reason = 'it has a DEFAULT, so NULL only appears when written explicitly';
      else if (c.name === 'status' || last === 'status') reason = 'every row has a status';
      else if (/^(created_at|created_on|inserted_at|createdat)$/.test(tk.join('_'))) reason = 'every row has a creation time';
      else if (/^(amount|price|quantity|qty)$/.test(last)) reason = 'an amount, price or quantity is required for the row to mean anything';
      else if (tk.length === 1 && /^(name|title|email)$/.test(last) && (accountTable ??= toks(t.name).some((s) => ACCOUNT_TABLE.test(s)))) reason = `an account row needs its ${last}`;
      else if ((fkCascade ??= new Set(t.constraints.flatMap((k) => (k.kind === 'foreign' && k.onDelete === 'cascade' && ctx.role(t) !== 'junction' ? k.columns : [])))).has(c.id)) reason = 'the row is a composition child (ON DELETE CASCADE) and cannot exist without its parent';
      if (!reason) continue;
      const optional = tk.some((x) => OPTIONAL.test(x));
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} is nullable, but ${reason}; make it NOT NULL.`,
          'Nullable columns that are always meant to hold a value let incomplete rows in, and every query then has to handle NULL (three-valued logic: NULL = x is neither true nor false). For existing data, backfill first and add the constraint in steps.',
          { severity: optional ? 'info' : undefined, fix: () => setNotNullFix(ctx, t, c, setDefault) }),
      );
    }
    return out;
  },
};
