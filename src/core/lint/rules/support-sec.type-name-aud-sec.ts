import type { Column, Table } from '../../model/types';

const TENANT = ['tenant_id', 'organization_id', 'organisation_id', 'org_id', 'workspace_id', 'account_id', 'tenantid', 'organizationid', 'orgid', 'workspaceid', 'accountid'];

/** The tenant column of a table (tenant_id, organization_id, org_id, workspace_id, account_id), if any. */
const RANK = new Map(TENANT.map((n, i) => [n.replace(/_/g, ''), i] as const));

export function tenantColumn(t: Table): Column | undefined {
  let best: Column | undefined;
  let bestRank = Infinity;
  for (const c of t.columns) {
    if (c.name.length < 5 || c.name.length > 16) continue;
    const r = RANK.get(c.name.toLowerCase().replace(/_/g, ''));
    if (r !== undefined && r < bestRank) [best, bestRank] = [c, r];
  }
  return best;
}

/** Is this the tenants table itself (whose id is the tenant)? */
export function isTenantTable(t: Table): boolean {
  return /^(tenants?|organi[sz]ations?|orgs?|workspaces?|accounts?)$/i.test(t.name);
}
