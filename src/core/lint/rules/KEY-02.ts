import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule } from '../types';
import { cref, fix, mk, qt, tableCmd } from './key-rel-util';

/** KEY-02: the model marks a primary key column nullable (PostgreSQL silently forces NOT NULL). */
export const rule: Rule = {
  id: 'KEY-02',
  slug: 'nullable-primary-key-column',
  group: 'KEY',
  defaultSeverity: 'error',
  scope: 'column',
  description: 'A primary key column is marked nullable in the diagram; PostgreSQL makes it NOT NULL anyway, so the diagram is wrong.',
  checkTable(t, ctx) {
    const pk = t.constraints.find((c) => c.kind === 'primary');
    if (!pk || pk.kind !== 'primary') return [];
    const out: Finding[] = [];
    for (const id of pk.columns) {
      const c = t.columns.find((x) => x.id === id);
      if (!c || !c.nullable) continue;
      const label = `Make ${c.name} NOT NULL`;
      out.push(
        mk('KEY-02', 'error', cref(ctx, t, c), `Primary key column ${t.name}.${c.name} is marked nullable.`,
          'PostgreSQL forces primary key columns to NOT NULL, so a nullable PK column in the diagram does not match the database and misleads anyone reading it.',
          fix(label, `ALTER TABLE ${qt(ctx.model, t)} ALTER COLUMN ${quoteIdent(c.name)} SET NOT NULL;`, tableCmd(label, t.id, (tt) => {
            const cc = tt.columns.find((x) => x.id === c.id);
            if (!cc) throw new Error('Column is gone');
            cc.nullable = false;
          }))),
      );
    }
    return out;
  },
};
