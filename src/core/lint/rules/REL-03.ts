import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { allColumns, colList, colNames, fix, freshName, mk, newId, NONE, qt, tableCmd, tref } from './key-rel-util';

/** REL-03: an FK whose referenced columns are not a primary key or unique key of the parent. */
export const rule: Rule = {
  id: 'REL-03',
  slug: 'fk-target-not-unique',
  group: 'REL',
  defaultSeverity: 'error',
  scope: 'relation',
  description: 'A foreign key points at columns that are not unique in the referenced table; PostgreSQL rejects it.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent || !fk.refColumns.length || !allColumns(parent, fk.refColumns)) continue;
      if (ctx.helpers.hasCandidateKey(parent, fk.refColumns)) continue;
      (out ??= []).push(finding(ctx, t, fk, parent));
    }
    return out ?? NONE;
  },
};

function finding(ctx: RuleContext, t: Table, fk: ForeignKey, parent: Table): Finding {
  const names = colNames(parent, fk.refColumns);
  const name = freshName(parent, `${parent.name}_${names.join('_')}_key`);
  const label = `Add UNIQUE (${names.join(', ')}) to ${parent.name}`;
  return mk('REL-03', 'error', tref(ctx, t, { constraintId: fk.id }), `The foreign key from ${t.name} references ${parent.name} (${names.join(', ')}), which is not a primary or unique key.`,
    'A foreign key must point at exactly one parent row, so PostgreSQL only accepts a referenced column set that has a primary key or unique constraint. This DDL fails as drawn.',
    fix(label, `ALTER TABLE ${qt(ctx.model, parent)} ADD CONSTRAINT ${quoteIdent(name)} UNIQUE (${colList(parent, fk.refColumns)});`, tableCmd(label, parent.id, (pt) => {
      pt.constraints.push({ id: newId('k'), kind: 'unique', name, columns: [...fk.refColumns] });
    })));
}
