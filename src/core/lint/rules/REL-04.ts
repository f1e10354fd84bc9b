import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { constraintName, fix, mk, qt, tableCmd, tref } from './key-rel-util';

/** True when an FK with no model target names a view (then REL-15 reports it instead). */
export function targetsView(ctx: RuleContext, fk: ForeignKey): boolean {
  if (fk.refTableId && ctx.model.views[fk.refTableId]) return true;
  if (fk.refTableId || !fk.refTableName) return false;
  const { schema, name } = fk.refTableName;
  return Object.values(ctx.model.views).some((v) => v.name === name && (ctx.model.schemas[v.schemaId]?.name ?? 'public') === (schema || 'public'));
}

function problem(ctx: RuleContext, t: Table, fk: ForeignKey): string | undefined {
  if (!fk.columns.length) return 'it has no columns';
  if (fk.columns.some((id) => !t.columns.some((c) => c.id === id))) return 'one of its own columns no longer exists';
  if (!fk.refTableId) {
    if (targetsView(ctx, fk)) return undefined;
    const n = fk.refTableName ? `${fk.refTableName.schema ? fk.refTableName.schema + '.' : ''}${fk.refTableName.name}` : 'an unknown table';
    return `it references ${n}, which is not in this schema`;
  }
  const parent = ctx.model.tables[fk.refTableId];
  if (!parent) return ctx.model.views[fk.refTableId] ? undefined : 'the referenced table no longer exists';
  if (fk.refColumns.length !== fk.columns.length) return `it has ${fk.columns.length} column(s) but references ${fk.refColumns.length}`;
  if (fk.refColumns.some((id) => !parent.columns.some((c) => c.id === id))) return `a referenced column no longer exists in ${parent.name}`;
  return undefined;
}

/** REL-04: an FK that references a missing table or column, or has a column-count mismatch. */
export const rule: Rule = {
  id: 'REL-04',
  slug: 'dangling-relation',
  group: 'REL',
  defaultSeverity: 'error',
  scope: 'relation',
  description: 'A relationship points at a table or column that does not exist, or its column lists do not match.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    for (const fk of ctx.helpers.outgoing(t)) {
      const p = problem(ctx, t, fk);
      if (!p) continue;
      const name = constraintName(t, fk);
      const label = `Remove foreign key ${name}`;
      out.push(
        mk('REL-04', 'error', tref(ctx, t, { constraintId: fk.id }), `Foreign key ${name} on ${t.name} is broken: ${p}.`,
          'The DDL for this relationship fails, and the diagram shows a relationship that cannot exist. Remove it or point it at an existing table and key.',
          fix(label, `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};`, tableCmd(label, t.id, (tt) => {
            tt.constraints = tt.constraints.filter((c) => c.id !== fk.id);
          }))),
      );
    }
    return out;
  },
};
