import { quoteIdent } from '../../sql/ident';
import type { Column, Table } from '../../model/types';
import type { FkLikeTarget } from '../helpers/index';
import type { Finding, Rule, RuleContext } from '../types';
import { cref, fix, freshName, isFkColumn, mk, newId, NONE, qt, tableCmd } from './key-rel-util';

/** REL-01: a column named like a reference (customer_id) with a matching table, but no FK declared. */
export const rule: Rule = {
  id: 'REL-01',
  slug: 'implied-relation-without-fk',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'A column looks like a reference to another table (by name and type) but no foreign key enforces it.',
  checkTable(t, ctx) {
    if (t.partitionOf) return NONE;
    const role = ctx.role(t);
    if (role === 'log' || role === 'staging') return NONE; // history copies deliberately keep no FKs
    let out: Finding[] | undefined;
    const fls = ctx.helpers.fkLike(t);
    for (let i = 0; i < fls.length; i++) {
      const fl = fls[i]!;
      // targets: unresolved or ambiguous (e.g. *_by with both users and accounts)
      if (fl.targets.length !== 1 || fl.kind === 'ids' || fl.vendor || fl.polymorphicType || isFkColumn(ctx, t, fl.column.id)) continue;
      const target = fl.targets[0]!;
      if (target.table.id === t.id && target.column.id === fl.column.id) continue;
      (out ??= []).push(finding(ctx, t, fl.column, target));
    }
    return out ?? NONE;
  },
};

function finding(ctx: RuleContext, t: Table, c: Column, target: FkLikeTarget): Finding {
  const parent = target.table;
  const name = freshName(t, `${t.name}_${c.name}_fkey`);
  const q = qt(ctx.model, t);
  const sql =
    `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${quoteIdent(c.name)}) REFERENCES ${qt(ctx.model, parent)} (${quoteIdent(target.column.name)}) ON DELETE RESTRICT NOT VALID;\n` +
    `ALTER TABLE ${q} VALIDATE CONSTRAINT ${quoteIdent(name)};`;
  const label = `Add foreign key ${c.name} → ${parent.name}.${target.column.name}`;
  return mk('REL-01', 'warning', cref(ctx, t, c), `${t.name}.${c.name} looks like a reference to ${parent.name}.${target.column.name} but has no foreign key.`,
    'Without a foreign key the database accepts ids that point nowhere, and deleting a parent leaves orphans behind. Tools (and people) reading the schema also cannot see the relationship.',
    fix(label, sql, tableCmd(label, t.id, (tt) => {
      tt.constraints.push({ id: newId('k'), kind: 'foreign', name, columns: [c.id], refTableId: parent.id, refColumns: [target.column.id], onDelete: 'restrict', onUpdate: 'no action', match: 'simple' });
    })));
}
