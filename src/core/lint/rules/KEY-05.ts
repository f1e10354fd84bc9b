import { quoteIdent } from '../../sql/ident';
import type { PrimaryKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { colList, colNames, fix, freshName, mk, newId, NONE, primaryKey, qt, tableCmd, tref } from './key-rel-util';

const REPEATED_EVENT = /(quantity|qty|amount|price|total|count|purchased|ordered|occurred|happened|visited)/i;

/** KEY-05: a junction table with a surrogate id but no unique key on its FK pair: duplicate links are possible. */
export const rule: Rule = {
  id: 'KEY-05',
  slug: 'junction-without-pair-uniqueness',
  group: 'KEY',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A link (junction) table with a surrogate id and no unique key on the pair it links, so the same link can be stored twice.',
  checkTable(t, ctx) {
    if (ctx.role(t) !== 'junction') return NONE;
    const pk = primaryKey(t);
    return pk && pk.columns.length === 1 ? junction(t, ctx, pk) : NONE;
  },
};

function junction(t: Table, ctx: RuleContext, pk: PrimaryKey): Finding[] {
  const fks = ctx.helpers.outgoing(t).filter((f) => f.refTableId !== t.id).slice(0, 2);
  const pair = [...new Set(fks.flatMap((f) => f.columns))];
  if (pair.length < 2 || pair.includes(pk.columns[0]!)) return NONE;
  // Links that carry attributes of a repeated event (a purchase, a visit) are not really a junction.
  const fkCols = ctx.helpers.fkColumnIds(t);
  if (t.columns.some((c) => !fkCols.has(c.id) && c.id !== pk.columns[0] && REPEATED_EVENT.test(c.name))) return NONE;
  if (ctx.helpers.candidateKeys(t).some((k) => !k.exprs.length && k.columns.length === pair.length && pair.every((x) => k.columns.includes(x)))) return NONE;
  const names = colNames(t, pair);
  const name = freshName(t, `${t.name}_${names.join('_')}_key`);
  const label = `Add UNIQUE (${names.join(', ')})`;
  return [
    mk('KEY-05', 'warning', tref(ctx, t), `Junction table ${t.name} has a surrogate key but nothing stops the same (${names.join(', ')}) pair from being stored twice.`,
      'Duplicate links double-count in joins and make removing a link ambiguous. A unique key on the pair (or the pair as the primary key) prevents them.',
      fix(label, `ALTER TABLE ${qt(ctx.model, t)} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE (${colList(t, pair)});`, tableCmd(label, t.id, (tt) => {
        tt.constraints.push({ id: newId('k'), kind: 'unique', name, columns: [...pair] });
      }))),
  ];
}
