import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { enableUpdatedAt } from '../../triggers/commands';
import { finding, rawByTarget } from './support.type-name-aud-sec';
import { hasUpdateTrigger, isUpdatedCol, updatedAtSql } from './support-aud.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

/** AUD-03: updated_at without a BEFORE UPDATE trigger. */
export const rule: Rule = {
  id: 'AUD-03',
  slug: 'updated-at-without-trigger',
  group: 'AUD',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'An updated_at (modified_at, last_update) column that no BEFORE UPDATE trigger maintains. Switch the rule off when the application (ORM timestamps) maintains it.',
  checkTable(t, ctx): Finding[] {
    if (t.partitionOf) return NONE;
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!isUpdatedCol(c) || hasUpdateTrigger(ctx.model, t, c.name)) continue;
      out = add(out, triggerFinding(ctx, t, c));
    }
    return out ?? NONE;
  },
};

function triggerFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  return finding(rule, ctx, t, c, `${t.name}.${c.name} is not maintained by a trigger; add a BEFORE UPDATE trigger that sets it to now().`,
    'Unless a trigger sets it, updated_at only changes when every writer remembers to set it: bulk UPDATEs, psql sessions and other services forget, and the column then lies. (If your ORM maintains it and nothing else writes, switch this rule off.)',
    { fix: () => ({ label: `Keep ${c.name} current with a trigger`, sql: updatedAtSql(ctx.model, t, c.name, false), command: enableUpdatedAt(t.id, { column: c.name }) }) });
}
