import type { Column, Table } from '../../model/types';
import { memoByString } from '../helpers/names';

const TENANT = ['tenant_id', 'organization_id', 'organisation_id', 'org_id', 'workspace_id', 'account_id', 'tenantid', 'organizationid', 'orgid', 'workspaceid', 'accountid'];

/** The tenant column of a table (tenant_id, organization_id, org_id, workspace_id, account_id), if any. */
const RANK = new Map(TENANT.map((n, i) => [n.replace(/_/g, ''), i] as const));

/** Rank of a column name in TENANT (lower is preferred), memoized per name: most names are no tenant column. */
const rankOf = memoByString((name: string): number | undefined => (name.length < 5 || name.length > 16 ? undefined : RANK.get(name.toLowerCase().replace(/_/g, ''))));

export function tenantColumn(t: Table): Column | undefined {
  let best: Column | undefined;
  let bestRank = Infinity;
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i]!;
    const r = rankOf(c.name);
    if (r !== undefined && r < bestRank) {
      best = c;
      bestRank = r;
    }
  }
  return best;
}

const TENANT_TABLE = /^(tenants?|organi[sz]ations?|orgs?|workspaces?|accounts?)$/i;

/** Is this the tenants table itself (whose id is the tenant)? */
export function isTenantTable(t: Table): boolean {
  return TENANT_TABLE.test(t.name);
}
