import type { Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addColumn } from '../../commands/schema';
import { colInfo, finding, isNowDefault, qt } from './support.type-name-aud-sec';
import { isCreatedCol } from './support-aud.type-name-aud-sec';
import { NONE } from './support-names.type-name-aud-sec';

/** AUD-01: entity and log tables without created_at. */
export const rule: Rule = {
  id: 'AUD-01',
  slug: 'missing-created-at',
  group: 'AUD',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'An entity or log table without a created_at column: you cannot tell when a row appeared.',
  checkTable(t, ctx) {
    if (t.partitionOf) return NONE;
    const role = ctx.role(t);
    if (role !== 'entity' && role !== 'log') return NONE;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (isCreatedCol(c) || (isNowDefault(c.default) && colInfo(ctx, c).family === 'time')) return NONE;
    }
    return [createdAtFinding(ctx, t)];
  },
};

function createdAtFinding(ctx: RuleContext, t: Table): Finding {
  return finding(rule, ctx, t, undefined, `${t.name} has no created_at column.`,
    'When a row was created is the first question in every support case, data repair and analytics query, and it cannot be recovered afterwards. A timestamptz NOT NULL DEFAULT now() column costs 8 bytes.',
    {
      fix: {
        label: 'Add created_at timestamptz NOT NULL DEFAULT now()',
        sql: `ALTER TABLE ${qt(ctx.model, t)} ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();`,
        command: addColumn(t.id, { name: 'created_at', type: 'timestamptz', nullable: false, default: 'now()' }),
      },
    });
}
