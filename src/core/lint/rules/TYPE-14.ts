import type { Column, PrimaryKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, findingFix, NONE, setNotNullFix, toks } from './support.type-name-aud-sec';

const ACCOUNT_TABLE = /^(user|account|customer|member|person|people|employee|profile|contact|admin|client|author|owner)s?$/;
const NULL_DEFAULT = /^\s*null\s*(::.*)?$/i;
const AMOUNT = /^(amount|price|quantity|qty)$/;
const ACCOUNT_FIELD = /^(name|title|email)$/;
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
    let out: Finding[] | undefined;
    const pk = primaryKey(t);
    // Table-level inputs, computed only when a column reaches the test that needs them.
    let accountTable: boolean | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.nullable || c.generated || c.identity || c.inherited || pk?.columns.includes(c.id)) continue;
      const tk = toks(c.name);
      const last = tk[tk.length - 1] ?? '';
      const info = colInfo(ctx, c);
      let reason: string | undefined;
      let setDefault: string | undefined;
      if (info.family === 'bool' && !info.array) {
        reason = 'a nullable boolean has three states (true, false, unknown)';
        if (c.default === undefined) setDefault = 'false';
      } else if (c.default !== undefined && !NULL_DEFAULT.test(c.default)) reason = 'it has a DEFAULT, so NULL only appears when written explicitly';
      else if (c.name === 'status' || last === 'status') reason = 'every row has a status';
      else if (isCreatedAt(tk)) reason = 'every row has a creation time';
      else if (AMOUNT.test(last)) reason = 'an amount, price or quantity is required for the row to mean anything';
      else if (tk.length === 1 && ACCOUNT_FIELD.test(last) && (accountTable ??= isAccountTable(t.name))) reason = `an account row needs its ${last}`;
      else if (inCascadeFk(t, c, ctx)) reason = 'the row is a composition child (ON DELETE CASCADE) and cannot exist without its parent';
      if (!reason) continue;
      out = addFinding(out, report(ctx, t, c, tk, reason, setDefault));
    }
    return out ?? NONE;
  },
};

/** The finding (built only when there is one: checkTable itself creates no closures). */
function report(ctx: RuleContext, t: Table, c: Column, tk: readonly string[], reason: string, setDefault: string | undefined): Finding {
  const optional = anyOptional(tk);
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is nullable, but ${reason}; make it NOT NULL.`,
    'Nullable columns that are always meant to hold a value let incomplete rows in, and every query then has to handle NULL (three-valued logic: NULL = x is neither true nor false). For existing data, backfill first and add the constraint in steps.',
    () => setNotNullFix(ctx, t, c, setDefault), optional ? 'info' : undefined);
}

function primaryKey(t: Table): PrimaryKey | undefined {
  const ks = t.constraints;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    if (k.kind === 'primary') return k;
  }
  return undefined;
}

/** The tokens joined with `_` are created_at, created_on, inserted_at or createdat (tokens hold no `_`). */
function isCreatedAt(tk: readonly string[]): boolean {
  if (tk.length === 1) return tk[0] === 'createdat';
  if (tk.length !== 2) return false;
  const a = tk[0];
  const b = tk[1];
  return (a === 'created' && (b === 'at' || b === 'on')) || (a === 'inserted' && b === 'at');
}

function isAccountTable(name: string): boolean {
  const tk = toks(name);
  for (let i = 0; i < tk.length; i++) if (ACCOUNT_TABLE.test(tk[i]!)) return true;
  return false;
}

function anyOptional(tk: readonly string[]): boolean {
  for (let i = 0; i < tk.length; i++) if (OPTIONAL.test(tk[i]!)) return true;
  return false;
}

/** The column is in an ON DELETE CASCADE foreign key of a table that is not a junction. */
function inCascadeFk(t: Table, c: Column, ctx: RuleContext): boolean {
  const ks = t.constraints;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    if (k.kind === 'foreign' && k.onDelete === 'cascade' && k.columns.includes(c.id) && ctx.role(t) !== 'junction') return true;
  }
  return false;
}
