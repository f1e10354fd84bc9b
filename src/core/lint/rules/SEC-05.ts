import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import type { Column, Id, Table } from '../../model/types';
import { rawTokens } from '../helpers/names';
import { editTable, finding, fitName, qi, qt, relationNames, uniqueIn, constraintNames } from './support.type-name-aud-sec';
import { isTenantTable, tenantColumn } from './support-sec.type-name-aud-sec';
import { defaultConstraintName, defaultIndexName, NONE } from './support-names.type-name-aud-sec';

const BUSINESS = /^(email|slug|code|name|username|handle|login|key|title|domain|subdomain|sku|external_id|number|reference)$/;

function scopedFix(ctx: RuleContext, t: Table, keyId: Id, source: 'primary' | 'unique' | 'index', cols: Id[], tenant: Column): QuickFix | undefined {
  if (source === 'primary') return undefined;
  // A key referenced by a foreign key cannot change its columns without changing the FK too.
  if (ctx.helpers.incoming(t.id).some(([, fk]) => fk.refColumns.length === cols.length && fk.refColumns.every((c) => cols.includes(c)))) return undefined;
  const names = (ids: Id[]) => ids.map((id) => t.columns.find((c) => c.id === id)?.name ?? id);
  const newCols = [tenant.id, ...cols];
  const newName = fitName(`${t.name}_${names(newCols).join('_')}_${source === 'unique' ? 'key' : 'idx'}`);
  const tq = qt(ctx.model, t);
  const colSql = names(newCols).map(qi).join(', ');
  if (source === 'unique') {
    const k = t.constraints.find((x) => x.id === keyId);
    if (!k || k.kind !== 'unique') return undefined;
    const name = k.name ?? fitName(defaultConstraintName(t, k));
    const next = k.name && k.name !== fitName(`${t.name}_${names(cols).join('_')}_key`) ? k.name : uniqueIn(newName, [...constraintNames(t), ...relationNames(ctx.model, t.schemaId)].filter((n) => n !== k.name));
    return {
      label: `Make the key unique per ${tenant.name}`,
      sql: `ALTER TABLE ${tq} DROP CONSTRAINT ${qi(name)},\n  ADD CONSTRAINT ${qi(next)} UNIQUE (${colSql});`,
      command: editTable(`Scope unique key to ${tenant.name}`, t.id, (tab) => {
        const x = tab.constraints.find((c) => c.id === keyId);
        if (!x || x.kind !== 'unique') throw new Error('No such constraint');
        x.columns = [...newCols];
        x.name = next;
      }),
    };
  }
  const ix = t.indexes.find((x) => x.id === keyId);
  if (!ix || ix.where) return undefined;
  const next = ix.name && ix.name !== fitName(`${t.name}_${names(cols).join('_')}_idx`) && ix.name !== fitName(`${t.name}_${names(cols).join('_')}_key`) ? ix.name : uniqueIn(newName, relationNames(ctx.model, t.schemaId).filter((n) => n !== ix.name));
  return {
    label: `Make the index unique per ${tenant.name}`,
    sql: `DROP INDEX ${ix.name ? '' : 'IF EXISTS '}${qi(ctx.model.schemas[t.schemaId]?.name ?? 'public')}.${qi(ix.name ?? fitName(defaultIndexName(t, ix)))};\nCREATE UNIQUE INDEX ${qi(next)} ON ${tq} (${colSql}${ix.elements.filter((e) => !e.column).map((e) => `, (${e.expr})`).join('')});`,
    command: editTable(`Scope unique index to ${tenant.name}`, t.id, (tab) => {
      const x = tab.indexes.find((i) => i.id === keyId);
      if (!x) throw new Error('No such index');
      x.elements = [{ column: tenant.id }, ...x.elements];
      x.name = next;
    }),
  };
}

/** SEC-05: a business key that is unique across tenants instead of per tenant. */
export const rule: Rule = {
  id: 'SEC-05',
  slug: 'tenant-scoped-uniqueness',
  group: 'SEC',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'In a tenant-scoped table, a unique key on a business column (email, slug, code, name) that does not include the tenant column.',
  checkTable(t, ctx) {
    if (t.partitionOf || isTenantTable(t)) return NONE;
    const tenant = tenantColumn(t);
    if (!tenant) return NONE;
    const out: Finding[] = [];
    for (const k of ctx.helpers.candidateKeys(t)) {
      if (k.where || k.columns.includes(tenant.id)) continue;
      const colsBiz = [...k.columns, ...k.ciColumns].map((id) => t.columns.find((c) => c.id === id)).filter((c): c is Column => !!c && BUSINESS.test(rawTokens(c.name).join('_')));
      if (!colsBiz.length) continue;
      const keyCols = k.columns.map((id) => t.columns.find((c) => c.id === id)?.name ?? id).concat(k.exprs);
      out.push(
        finding(rule, ctx, t, colsBiz[0], `${t.name}: (${keyCols.join(', ')}) is unique across all tenants; include ${tenant.name} in the key.`,
          'A global unique key on tenant data makes one tenant\'s value block another tenant (two companies cannot both have project "website"), and the resulting error tells a user that the value exists elsewhere, leaking information across tenants.',
          { fix: k.exprs.length && k.source !== 'index' ? undefined : () => scopedFix(ctx, t, k.id, k.source, k.columns, tenant), extra: k.source === 'index' ? { indexId: k.id } : { constraintId: k.id } }),
      );
    }
    return out.length ? out : NONE;
  },
};
