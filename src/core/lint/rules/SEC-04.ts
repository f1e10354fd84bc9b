import type { Finding, RuleContext } from '../types';
import type { Column, RawStatement, Table } from '../../model/types';
import { newId } from '../../util/ids';
import { colInfo, editTable, finding, fitName, qi, qt, schemaOf, type OptInRule } from './support.type-name-aud-sec';
import { isTenantTable, tenantColumn } from './support-sec.type-name-aud-sec';
import { NONE } from './support-names.type-name-aud-sec';

/** SEC-04 (opt-in): a tenant-scoped table without row-level security. */
export const rule: OptInRule = {
  id: 'SEC-04',
  slug: 'tenant-table-without-rls',
  group: 'SEC',
  defaultSeverity: 'info',
  defaultEnabled: false,
  scope: 'table',
  description: 'A table with a tenant column (tenant_id, organization_id, workspace_id, …) but row-level security off. Off by default.',
  checkTable(t, ctx) {
    if (t.partitionOf || t.rls?.enabled || isTenantTable(t)) return NONE;
    const c = tenantColumn(t);
    if (!c) return NONE;
    return [tenantFinding(ctx, t, c)];
  },
};

function tenantFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  const info = colInfo(ctx, c);
  const cast = info.array ? undefined : info.family === 'uuid' ? 'uuid' : info.family === 'int' ? info.base : info.family === 'string' ? 'text' : undefined;
  const policy = fitName(`${t.name}_tenant_isolation`);
  const using = cast ? `${qi(c.name)} = current_setting('app.tenant_id')::${cast}` : undefined;
  const policySql = using ? `CREATE POLICY ${qi(policy)} ON ${qt(ctx.model, t)}\n  USING (${using})` : undefined;
  return finding(rule, ctx, t, c, `${t.name} is tenant-scoped by ${c.name} but row-level security is off.`,
      'Without RLS, tenant isolation depends on every query remembering WHERE tenant_id = …; one forgotten filter leaks another customer\'s data. A policy makes the database enforce it.',
      {
        fix: policySql
          ? {
              label: 'Enable row-level security with a tenant policy',
              sql: `ALTER TABLE ${qt(ctx.model, t)} ENABLE ROW LEVEL SECURITY;\n${policySql};`,
              command: editTable(`Enable row-level security on ${t.name}`, t.id, (tab, d) => {
                tab.rls = { enabled: true, forced: tab.rls?.forced ?? false };
                const raw: RawStatement = {
                  id: newId('r'),
                  sql: policySql,
                  nodeType: 'CreatePolicyStmt',
                  label: `policy ${policy} on ${schemaOf(d.schema, tab)}.${tab.name}`,
                  target: tab.id,
                  defines: { kind: 'policy', schema: schemaOf(d.schema, tab), name: policy },
                  deps: [tab.id],
                  phase: 'main',
                  seq: d.schema.nextSeq++,
                };
                d.schema.raw[raw.id] = raw;
              }),
            }
          : undefined,
      });
}
