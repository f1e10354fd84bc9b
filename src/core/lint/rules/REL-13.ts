import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule } from '../types';
import { colNames, fkActionFix, cref, fix, mk, qt, tableCmd } from './key-rel-util';

/** REL-13: a nullable FK in a table that is owned by its parent (order_items.order_id) or in a junction. */
export const rule: Rule = {
  id: 'REL-13',
  slug: 'optional-fk-in-composition',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'A child that only exists as part of its parent (order_items of an order, a link row) has an optional reference to it.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const junction = ctx.role(t) === 'junction';
    const stem = ctx.helpers.tableStem(t);
    for (const fk of ctx.helpers.outgoing(t)) {
      if (fk.refTableId === t.id) continue;
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent) continue;
      const pstem = ctx.helpers.tableStem(parent);
      const owned = junction || (stem !== pstem && stem.startsWith(pstem + '_'));
      if (!owned) continue;
      const nullable = fk.columns.map((id) => t.columns.find((c) => c.id === id)).filter((c) => c !== undefined && c.nullable);
      if (!nullable.length) continue;
      const names = nullable.map((c) => c!.name);
      const q = qt(ctx.model, t);
      const setNull = names.map((n) => `ALTER TABLE ${q} ALTER COLUMN ${quoteIdent(n)} SET NOT NULL;`).join('\n');
      const label = `Make ${names.join(', ')} NOT NULL`;
      const makeNotNull = (tt: typeof t) => {
        for (const c of tt.columns) if (nullable.some((n) => n!.id === c.id)) c.nullable = false;
      };
      // SET NULL on a required column would fail: switch such an FK to CASCADE (the child belongs to the parent).
      const f = fk.onDelete === 'set null' ? fkActionFix(ctx, t, fk, 'cascade', makeNotNull, setNull + '\n') : fix(label, setNull, tableCmd(label, t.id, makeNotNull));
      out.push(
        mk('REL-13', 'warning', cref(ctx, t, nullable[0]!, { constraintId: fk.id }), `${t.name}.${names.join(', ')} is optional although ${t.name} rows belong to a row of ${parent.name}.`,
          `A ${t.name} row without its ${parent.name} is an orphan nobody can reach. Making the reference NOT NULL states that the child cannot exist on its own (${colNames(t, fk.columns).join(', ')}).`,
          f),
      );
    }
    return out;
  },
};
