import type { PrimaryKey, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { enableUpdatedAt } from '../../triggers/commands';
import { AUDIT_COLUMN } from '../helpers/roles';
import { finding } from './support.type-name-aud-sec';
import { isCreatedCol, isDeletedAtCol, isUpdatedCol, updatedAtSql } from './support-aud.type-name-aud-sec';
import { NONE } from './support-names.type-name-aud-sec';

/** AUD-02: mutable entity tables without updated_at. */
export const rule: Rule = {
  id: 'AUD-02',
  slug: 'missing-updated-at-on-mutable-table',
  group: 'AUD',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'An entity table with editable columns but no updated_at: changes leave no trace, and caches and syncs cannot tell what changed.',
  checkTable(t, ctx): Finding[] {
    if (t.partitionOf || ctx.role(t) !== 'entity') return NONE;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) if (isUpdatedCol(cols[i]!)) return NONE;
    if (ctx.model.behaviors?.[t.id]?.updatedAt) return NONE;
    let pk: PrimaryKey | undefined;
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      if (k.kind === 'primary') {
        pk = k;
        break;
      }
    }
    const fkCols = ctx.helpers.fkColumnIds(t);
    // Is any column editable?
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!pk?.columns.includes(c.id) && !fkCols.has(c.id) && !c.identity && !c.generated && !isCreatedCol(c) && !isDeletedAtCol(c) && !AUDIT_COLUMN.test(c.name)) return [updatedAtFinding(ctx, t)];
    }
    return NONE;
  },
};

function updatedAtFinding(ctx: RuleContext, t: Table): Finding {
  return finding(rule, ctx, t, undefined, `${t.name} has editable columns but no updated_at.`,
    'Without a modification time you cannot find recently changed rows for incremental syncs, cache invalidation or support questions. A trigger-maintained updated_at is cheap and cannot be forgotten by a client.',
    { fix: updatedAtFix(ctx, t) });
}

/**
 * The fix, built when first read (most findings on a large schema are never opened). Returned, not written as
 * `fix: () => …`: a function literal in a property is wrapped in a naming call by esbuild's keepNames (tsx), which
 * costs an Object.defineProperty per finding.
 */
function updatedAtFix(ctx: RuleContext, t: Table): () => QuickFix {
  return () => ({ label: 'Add updated_at with its trigger', sql: updatedAtSql(ctx.model, t, 'updated_at', true), command: enableUpdatedAt(t.id) });
}
