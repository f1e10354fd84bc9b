import { quoteIdent } from '../../sql/ident';
import type { PrimaryKey, Table } from '../../model/types';
import type { CandidateKey } from '../helpers/index';
import type { Finding, Rule, RuleContext } from '../types';
import { colNames, constraintName, distinctCount, fix, indexName, mk, NONE, primaryKey, qt, tableCmd, tref, within } from './key-rel-util';

/** KEY-11: a UNIQUE constraint or unique index on exactly the primary key columns. */
export const rule: Rule = {
  id: 'KEY-11',
  slug: 'unique-duplicates-pk',
  group: 'KEY',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A unique constraint or index repeats the primary key: a second index that enforces nothing new.',
  checkTable(t, ctx) {
    const pk = primaryKey(t);
    if (!pk) return NONE;
    const pkCols = pk.columns;
    const distinct = distinctCount(pkCols);
    let out: Finding[] | undefined;
    const keys = ctx.helpers.candidateKeys(t);
    for (let ki = 0; ki < keys.length; ki++) {
      const k = keys[ki]!;
      if (k.source === 'primary' || k.where || k.exprs.length || k.special) continue;
      if (k.columns.length !== distinct || !within(k.columns, pkCols)) continue;
      (out ??= []).push(finding(ctx, t, pk, k));
    }
    return out ?? NONE;
  },
};

function finding(ctx: RuleContext, t: Table, pk: PrimaryKey, k: CandidateKey): Finding {
  const con = t.constraints.find((c) => c.id === k.id);
  const ix = t.indexes.find((i) => i.id === k.id);
  const name = con ? constraintName(t, con) : ix ? indexName(t, ix) : '?';
  const sql = con ? `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};` : `DROP INDEX ${quoteIdent(name)};`;
  const label = `Drop ${name}`;
  return mk('KEY-11', 'warning', tref(ctx, t, con ? { constraintId: k.id } : { indexId: k.id }), `${name} duplicates the primary key of ${t.name} (${colNames(t, pk.columns).join(', ')}).`,
    'The primary key is already unique and indexed. A second unique index on the same columns costs disk space and slows every write for no benefit.',
    fix(label, sql, tableCmd(label, t.id, (tt) => {
      tt.constraints = tt.constraints.filter((c) => c.id !== k.id);
      tt.indexes = tt.indexes.filter((i) => i.id !== k.id);
    })));
}
