import { quoteIdent } from '../../sql/ident';
import type { Column, Index, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { cref, fix, freshName, mk, newId, NONE, qt, tableCmd } from './key-rel-util';

const ACCOUNT_TOKENS = new Set(['user', 'account', 'customer', 'member', 'person', 'profile', 'subscriber']);
const LOGIN_COLUMNS = /^(email|email_address|username|user_name|login|handle|slug)$/i;
const TENANT = /^(tenant|organization|organisation|org|workspace|company|team|project|account|site|shop|store)_id$/i;

/** KEY-03: an account-like table whose email / username is not unique. */
export const rule: Rule = {
  id: 'KEY-03',
  slug: 'account-email-not-unique',
  group: 'KEY',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A users / accounts table whose login column (email, username, handle, slug) is not unique.',
  checkTable(t, ctx) {
    if (ctx.role(t) !== 'entity') return NONE;
    const tokens = ctx.helpers.tokenize(t.name);
    let account = false;
    for (let i = 0; i < tokens.length && !account; i++) account = ACCOUNT_TOKENS.has(tokens[i]!);
    return account ? accountTable(t, ctx) : NONE;
  },
};

/** The login columns of an account table that no key makes unique. */
function accountTable(t: Table, ctx: RuleContext): Finding[] {
  const keys = ctx.helpers.candidateKeys(t);
  let out: Finding[] | undefined;
  for (const c of t.columns) {
    if (!LOGIN_COLUMNS.test(c.name)) continue;
    const ok = keys.some((k) => {
      const plain = k.columns.filter((x) => x !== c.id);
      const hasCol = k.columns.includes(c.id) || k.ciColumns.includes(c.id);
      if (!hasCol) return false;
      const otherExprs = k.exprs.length - (k.ciColumns.includes(c.id) ? 1 : 0);
      if (otherExprs > 0) return false;
      if (plain.length === 0) return true;
      // (tenant, email) is an accepted multi-tenant key.
      return plain.length === 1 && (TENANT.test(t.columns.find((x) => x.id === plain[0])?.name ?? '') || ctx.helpers.fkColumnIds(t).has(plain[0]!));
    });
    if (ok) continue;
    (out ??= []).push(
      mk('KEY-03', 'warning', cref(ctx, t, c), `${t.name}.${c.name} is not unique: two ${t.name} rows can share the same ${c.name}.`,
        'Sign-in and lookups assume one account per email or username. Without a unique key, a race or a bug creates duplicate accounts that are painful to merge later.',
        fixFor(ctx, t, c)),
    );
  }
  return out ?? NONE;
}

function fixFor(ctx: RuleContext, t: Table, c: Column): QuickFix {
  const fam = ctx.helpers.typeInfo(c.type);
  const ci = fam.family === 'string' && fam.base !== 'citext' && !/slug/i.test(c.name);
  const soft = t.columns.find((x) => x.name === 'deleted_at');
  const name = freshName(t, `${t.name}_${c.name}${ci ? '_lower' : ''}_key`);
  const where = soft ? `${quoteIdent(soft.name)} IS NULL` : undefined;
  const elem = ci ? `lower(${quoteIdent(c.name)})` : quoteIdent(c.name);
  const sql = `CREATE UNIQUE INDEX ${quoteIdent(name)} ON ${qt(ctx.model, t)} (${ci ? elem : elem})${where ? ` WHERE ${where}` : ''};`;
  const label = ci ? `Add a case-insensitive unique index on ${c.name}` : `Add a unique index on ${c.name}`;
  return fix(label, sql, tableCmd(label, t.id, (tt, d) => {
    const ix: Index = { id: newId('i'), name, unique: true, method: 'btree', elements: [ci ? { expr: `lower(${quoteIdent(c.name)})` } : { column: c.id }], seq: d.schema.nextSeq++ };
    if (where) ix.where = where;
    tt.indexes.push(ix);
  }));
}
