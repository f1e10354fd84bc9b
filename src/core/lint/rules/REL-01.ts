import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule } from '../types';
import { cref, fix, freshName, mk, newId, qt, tableCmd } from './key-rel-util';

/** REL-01: a column named like a reference (customer_id) with a matching table, but no FK declared. */
export const rule: Rule = {
  id: 'REL-01',
  slug: 'implied-relation-without-fk',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'A column looks like a reference to another table (by name and type) but no foreign key enforces it.',
  checkTable(t, ctx) {
    if (t.partitionOf) return [];
    const role = ctx.role(t);
    if (role === 'log' || role === 'staging') return []; // history copies deliberately keep no FKs
    const fkCols = ctx.helpers.fkColumnIds(t);
    const out: Finding[] = [];
    for (const fl of ctx.helpers.fkLike(t)) {
      if (fl.kind === 'ids' || fl.vendor || fl.polymorphicType || fkCols.has(fl.column.id)) continue;
      if (fl.targets.length !== 1) continue; // unresolved or ambiguous (e.g. *_by with both users and accounts)
      const target = fl.targets[0]!;
      if (target.table.id === t.id && target.column.id === fl.column.id) continue;
      const c = fl.column;
      const parent = target.table;
      const name = freshName(t, `${t.name}_${c.name}_fkey`);
      const q = qt(ctx.model, t);
      const sql =
        `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${quoteIdent(c.name)}) REFERENCES ${qt(ctx.model, parent)} (${quoteIdent(target.column.name)}) ON DELETE RESTRICT NOT VALID;\n` +
        `ALTER TABLE ${q} VALIDATE CONSTRAINT ${quoteIdent(name)};`;
      const label = `Add foreign key ${c.name} → ${parent.name}.${target.column.name}`;
      out.push(
        mk('REL-01', 'warning', cref(ctx, t, c), `${t.name}.${c.name} looks like a reference to ${parent.name}.${target.column.name} but has no foreign key.`,
          'Without a foreign key the database accepts ids that point nowhere, and deleting a parent leaves orphans behind. Tools (and people) reading the schema also cannot see the relationship.',
          fix(label, sql, tableCmd(label, t.id, (tt) => {
            tt.constraints.push({ id: newId('k'), kind: 'foreign', name, columns: [c.id], refTableId: parent.id, refColumns: [target.column.id], onDelete: 'restrict', onUpdate: 'no action', match: 'simple' });
          }))),
      );
    }
    return out;
  },
};
