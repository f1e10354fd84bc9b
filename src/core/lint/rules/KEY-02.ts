import { quoteIdent } from '../../sql/ident';
import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { column, cref, fix, mk, NONE, primaryKey, qt, tableCmd } from './key-rel-util';

/** KEY-02: the model marks a primary key column nullable (PostgreSQL silently forces NOT NULL). */
export const rule: Rule = {
  id: 'KEY-02',
  slug: 'nullable-primary-key-column',
  group: 'KEY',
  defaultSeverity: 'error',
  scope: 'column',
  description: 'A primary key column is marked nullable in the diagram; PostgreSQL makes it NOT NULL anyway, so the diagram is wrong.',
  checkTable(t, ctx) {
    const pk = primaryKey(t);
    if (!pk) return NONE;
    let out: Finding[] | undefined;
    for (let i = 0; i < pk.columns.length; i++) {
      const c = column(t, pk.columns[i]!);
      if (c && c.nullable) (out ??= []).push(finding(ctx, t, c));
    }
    return out ?? NONE;
  },
};

function finding(ctx: RuleContext, t: Table, c: Column): Finding {
  const label = `Make ${c.name} NOT NULL`;
  return mk('KEY-02', 'error', cref(ctx, t, c), `Primary key column ${t.name}.${c.name} is marked nullable.`,
    'PostgreSQL forces primary key columns to NOT NULL, so a nullable PK column in the diagram does not match the database and misleads anyone reading it.',
    fix(label, `ALTER TABLE ${qt(ctx.model, t)} ALTER COLUMN ${quoteIdent(c.name)} SET NOT NULL;`, tableCmd(label, t.id, (tt) => {
      const cc = tt.columns.find((x) => x.id === c.id);
      if (!cc) throw new Error('Column is gone');
      cc.nullable = false;
    })));
}
