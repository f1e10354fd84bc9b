import type { Finding, Rule } from '../types';
import { enableUpdatedAt } from '../../triggers/commands';
import { AUDIT_COLUMN } from '../helpers/roles';
import { finding } from './support.type-name-aud-sec';
import { isCreatedCol, isDeletedAtCol, isUpdatedCol, updatedAtSql } from './support-aud.type-name-aud-sec';

/** AUD-02: mutable entity tables without updated_at. */
export const rule: Rule = {
  id: 'AUD-02',
  slug: 'missing-updated-at-on-mutable-table',
  group: 'AUD',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'An entity table with editable columns but no updated_at: changes leave no trace, and caches and syncs cannot tell what changed.',
  checkTable:
    (t, ctx): Finding[] => {
      if (t.partitionOf || ctx.role(t) !== 'entity') return [];
      if (t.columns.some(isUpdatedCol) || ctx.model.behaviors?.[t.id]?.updatedAt) return [];
      const pk = t.constraints.find((k) => k.kind === 'primary');
      const fkCols = ctx.helpers.fkColumnIds(t);
      const mutable = t.columns.filter((c) => !pk?.columns.includes(c.id) && !fkCols.has(c.id) && !c.identity && !c.generated && !isCreatedCol(c) && !isDeletedAtCol(c) && !AUDIT_COLUMN.test(c.name));
      if (!mutable.length) return [];
      return [
        finding(rule, ctx, t, undefined, `${t.name} has editable columns but no updated_at.`,
          'Without a modification time you cannot find recently changed rows for incremental syncs, cache invalidation or support questions. A trigger-maintained updated_at is cheap and cannot be forgotten by a client.',
          {
            // Built on first access: on a large schema most findings are never opened.
            fix: {
              label: 'Add updated_at with its trigger',
              get sql() {
                return updatedAtSql(ctx.model, t, 'updated_at', true);
              },
              get command() {
                return enableUpdatedAt(t.id);
              },
            },
          }),
      ];
    },
};
