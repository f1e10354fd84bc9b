import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { allColumns, constraintName, fix, mk, NONE, qt, tableCmd, tref } from './key-rel-util';

/** True when an FK with no model target names a view (then REL-15 reports it instead). */
export function targetsView(ctx: RuleContext, fk: ForeignKey): boolean {
  if (fk.refTableId && ctx.model.views[fk.refTableId]) return true;
  if (fk.refTableId || !fk.refTableName) return false;
  return viewNamed(ctx, fk.refTableName);
}
/** Separate from targetsView: its closure's context would be allocated on every call. */
function viewNamed(ctx: RuleContext, { schema, name }: NonNullable<ForeignKey['refTableName']>): boolean {
  return Object.values(ctx.model.views).some((v) => v.name === name && (ctx.model.schemas[v.schemaId]?.name ?? 'public') === (schema || 'public'));
}

function problem(ctx: RuleContext, t: Table, fk: ForeignKey): string | undefined {
  if (!fk.columns.length) return 'it has no columns';
  if (!allColumns(t, fk.columns)) return 'one of its own columns no longer exists';
  if (!fk.refTableId) {
    if (targetsView(ctx, fk)) return undefined;
    const n = fk.refTableName ? `${fk.refTableName.schema ? fk.refTableName.schema + '.' : ''}${fk.refTableName.name}` : 'an unknown table';
    return `it references ${n}, which is not in this schema`;
  }
  const parent = ctx.model.tables[fk.refTableId];
  if (!parent) return ctx.model.views[fk.refTableId] ? undefined : 'the referenced table no longer exists';
  if (fk.refColumns.length !== fk.columns.length) return `it has ${fk.columns.length} column(s) but references ${fk.refColumns.length}`;
  if (!allColumns(parent, fk.refColumns)) return `a referenced column no longer exists in ${parent.name}`;
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
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      const p = problem(ctx, t, fk);
      if (!p) continue;
      (out ??= []).push(finding(ctx, t, fk, p));
    }
    return out ?? NONE;
  },
};

function finding(ctx: RuleContext, t: Table, fk: ForeignKey, p: string): Finding {
  const name = constraintName(t, fk);
  const label = `Remove foreign key ${name}`;
  return mk('REL-04', 'error', tref(ctx, t, { constraintId: fk.id }), `Foreign key ${name} on ${t.name} is broken: ${p}.`,
    'The DDL for this relationship fails, and the diagram shows a relationship that cannot exist. Remove it or point it at an existing table and key.',
    fix(label, `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(name)};`, tableCmd(label, t.id, (tt) => {
      tt.constraints = tt.constraints.filter((c) => c.id !== fk.id);
    })));
}
