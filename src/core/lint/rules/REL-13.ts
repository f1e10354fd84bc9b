import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { colNames, column, fkActionFix, cref, fix, mk, NONE, qt, tableCmd } from './key-rel-util';

/** REL-13: a nullable FK in a table that is owned by its parent (order_items.order_id) or in a junction. */
export const rule: Rule = {
  id: 'REL-13',
  slug: 'optional-fk-in-composition',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'A child that only exists as part of its parent (order_items of an order, a link row) has an optional reference to it.',
  checkTable(t, ctx) {
    const fks = ctx.helpers.outgoing(t);
    if (!fks.length) return NONE;
    let out: Finding[] | undefined;
    const junction = ctx.role(t) === 'junction';
    const stem = ctx.helpers.tableStem(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      if (fk.refTableId === t.id) continue;
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent) continue;
      // Owned: a junction, or the child's stem is `<parent stem>_…` (stem.startsWith(pstem + '_') without the concat).
      if (!junction) {
        const pstem = ctx.helpers.tableStem(parent);
        if (!(stem.length > pstem.length && stem.charCodeAt(pstem.length) === 95 && stem.startsWith(pstem))) continue;
      }
      let optional = false;
      for (let k = 0; k < fk.columns.length && !optional; k++) optional = !!column(t, fk.columns[k]!)?.nullable;
      if (!optional) continue;
      (out ??= []).push(finding(ctx, t, fk, parent));
    }
    return out ?? NONE;
  },
};

/** The finding for an owned FK with a nullable column (checked above: `nullable` is not empty). */
function finding(ctx: RuleContext, t: Table, fk: ForeignKey, parent: Table): Finding {
  const nullable = fk.columns.map((id) => t.columns.find((c) => c.id === id)).filter((c) => c !== undefined && c.nullable);
  const names = nullable.map((c) => c!.name);
  const q = qt(ctx.model, t);
  const setNull = names.map((n) => `ALTER TABLE ${q} ALTER COLUMN ${quoteIdent(n)} SET NOT NULL;`).join('\n');
  const label = `Make ${names.join(', ')} NOT NULL`;
  const makeNotNull = (tt: typeof t) => {
    for (const c of tt.columns) if (nullable.some((n) => n!.id === c.id)) c.nullable = false;
  };
  // SET NULL on a required column would fail: switch such an FK to CASCADE (the child belongs to the parent).
  const f = fk.onDelete === 'set null' ? fkActionFix(ctx, t, fk, 'cascade', makeNotNull, setNull + '\n') : fix(label, setNull, tableCmd(label, t.id, makeNotNull));
  return mk('REL-13', 'warning', cref(ctx, t, nullable[0]!, { constraintId: fk.id }), `${t.name}.${names.join(', ')} is optional although ${t.name} rows belong to a row of ${parent.name}.`,
    `A ${t.name} row without its ${parent.name} is an orphan nobody can reach. Making the reference NOT NULL states that the child cannot exist on its own (${colNames(t, fk.columns).join(', ')}).`,
    f);
}
