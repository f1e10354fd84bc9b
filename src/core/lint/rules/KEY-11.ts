import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule } from '../types';
import { colNames, constraintName, fix, indexName, mk, qt, tableCmd, tref } from './key-rel-util';

/** KEY-11: a UNIQUE constraint or unique index on exactly the primary key columns. */
export const rule: Rule = {
  id: 'KEY-11',
  slug: 'unique-duplicates-pk',
  group: 'KEY',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A unique constraint or index repeats the primary key: a second index that enforces nothing new.',
  checkTable(t, ctx) {
    const pk = t.constraints.find((c) => c.kind === 'primary');
    if (!pk || pk.kind !== 'primary') return [];
    const set = new Set(pk.columns);
    const out: Finding[] = [];
    for (const k of ctx.helpers.candidateKeys(t)) {
      if (k.source === 'primary' || k.where || k.exprs.length || k.special) continue;
      if (k.columns.length !== set.size || !k.columns.every((c) => set.has(c))) continue;
      const con = t.constraints.find((c) => c.id === k.id);
      const ix = t.indexes.find((i) => i.id === k.id);
      const name = con ? constraintName(t, con) : ix ? indexName(t, ix) : '?';
      const sql = con ? `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};` : `DROP INDEX ${quoteIdent(name)};`;
      const label = `Drop ${name}`;
      out.push(
        mk('KEY-11', 'warning', tref(ctx, t, con ? { constraintId: k.id } : { indexId: k.id }), `${name} duplicates the primary key of ${t.name} (${colNames(t, pk.columns).join(', ')}).`,
          'The primary key is already unique and indexed. A second unique index on the same columns costs disk space and slows every write for no benefit.',
          fix(label, sql, tableCmd(label, t.id, (tt) => {
            tt.constraints = tt.constraints.filter((c) => c.id !== k.id);
            tt.indexes = tt.indexes.filter((i) => i.id !== k.id);
          }))),
      );
    }
    return out;
  },
};
