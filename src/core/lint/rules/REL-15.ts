import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { constraintName, fix, mk, NONE, qt, tableCmd, tref } from './key-rel-util';
import { targetsView } from './REL-04';

/** REL-15: a relationship drawn to a view or materialized view, which PostgreSQL cannot enforce. */
export const rule: Rule = {
  id: 'REL-15',
  slug: 'fk-to-view-or-missing-kind',
  group: 'REL',
  defaultSeverity: 'error',
  scope: 'relation',
  description: 'A foreign key points at a view; PostgreSQL only accepts tables as foreign key targets.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      if (!targetsView(ctx, fk)) continue;
      (out ??= []).push(finding(ctx, t, fk));
    }
    return out ?? NONE;
  },
};

function finding(ctx: RuleContext, t: Table, fk: ForeignKey): Finding {
  const v = fk.refTableId ? ctx.model.views[fk.refTableId] : Object.values(ctx.model.views).find((x) => x.name === fk.refTableName?.name);
  const vname = v?.name ?? fk.refTableName?.name ?? '?';
  // Re-target to the view's single base table when it has the referenced columns.
  const bases = (v?.deps ?? []).map((id) => ctx.model.tables[id]).filter((x) => x !== undefined);
  const base = bases.length === 1 ? bases[0]! : undefined;
  const refNames = fk.refColumnNames ?? [];
  const baseCols = base ? refNames.map((n) => base.columns.find((c) => c.name === n)) : [];
  const name = constraintName(t, fk);
  let f;
  if (base && refNames.length === fk.columns.length && baseCols.every((c) => c !== undefined)) {
    const ids = baseCols.map((c) => c!.id);
    const label = `Point ${name} at table ${base.name}`;
    const cols = fk.columns.map((id) => quoteIdent(t.columns.find((c) => c.id === id)?.name ?? '?')).join(', ');
    f = fix(label, `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)},\n  ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${cols}) REFERENCES ${qt(ctx.model, base)} (${refNames.map(quoteIdent).join(', ')});`,
      tableCmd(label, t.id, (tt) => {
        const c = tt.constraints.find((x) => x.id === fk.id);
        if (!c || c.kind !== 'foreign') throw new Error('No such foreign key');
        c.refTableId = base.id;
        c.refColumns = ids;
        delete c.refTableName;
        delete c.refColumnNames;
      }));
  } else {
    const label = `Remove foreign key ${name}`;
    f = fix(label, `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};`, tableCmd(label, t.id, (tt) => {
      tt.constraints = tt.constraints.filter((x) => x.id !== fk.id);
    }));
  }
  return mk('REL-15', 'error', tref(ctx, t, { constraintId: fk.id }), `Foreign key ${name} on ${t.name} references the view ${vname}.`,
    'PostgreSQL can only enforce foreign keys to tables; a view has no rows of its own to lock or check. Point the relationship at the base table.',
    f);
}
