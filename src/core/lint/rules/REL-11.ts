import type { Id, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { allTables, mk, NONE, tref } from './key-rel-util';

const STANDALONE = /^(_?prisma_migrations|schema_migrations|flyway_schema_history|ar_internal_metadata|knex_migrations(_lock)?|migrations?|goose_db_version|__diesel_schema_migrations|alembic_version|django_migrations|typeorm_metadata|settings|setting|config|configs|configuration|app_settings|app_config|feature_flags|jobs?|.*_jobs?|job_queue|queue|.*_queue|sessions?|cache|.*_cache|spatial_ref_sys|.*_settings)$/i;

/** The table has an FK to another table. */
function linksOut(ctx: RuleContext, t: Table): boolean {
  const fks = ctx.helpers.outgoing(t);
  for (let i = 0; i < fks.length; i++) {
    const ref = fks[i]!.refTableId;
    if (ref && ref !== t.id) return true;
  }
  return false;
}

/**
 * Some table may be reported (a quick pre-check, so that most checks build no sets): one without FKs to other
 * tables that no other table references, not exempt by kind, role or name. The schema size test is left to the full
 * check below.
 */
function anyIsland(ctx: RuleContext): boolean {
  const tables = allTables(ctx);
  let lonely: Set<Id> | undefined;
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i]!;
    if (t.partitionOf || t.inherits?.length || linksOut(ctx, t)) continue;
    const role = ctx.role(t);
    if (role === 'log' || role === 'staging' || STANDALONE.test(t.name)) continue;
    (lonely ??= new Set()).add(t.id);
  }
  if (!lonely) return false;
  for (let i = 0; i < tables.length && lonely.size; i++) {
    const o = tables[i]!;
    const fks = ctx.helpers.outgoing(o);
    for (let k = 0; k < fks.length; k++) {
      const ref = fks[k]!.refTableId;
      if (ref && ref !== o.id) lonely.delete(ref);
    }
  }
  return lonely.size > 0;
}

/** REL-11: a table with no relationship in a schema of more than 3 tables. */
export const rule: Rule = {
  id: 'REL-11',
  slug: 'island-table',
  group: 'REL',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'A table with no relationship to any other table.',
  checkModel(ctx) {
    if (!anyIsland(ctx)) return NONE;
    const count = new Map<string, number>();
    const linked = new Set<string>();
    const tables = Object.values(ctx.model.tables).sort((a, b) => a.seq - b.seq);
    for (const t of tables) {
      count.set(t.schemaId, (count.get(t.schemaId) ?? 0) + 1);
      for (const fk of ctx.helpers.outgoing(t)) {
        if (!fk.refTableId || fk.refTableId === t.id) continue;
        linked.add(t.id);
        linked.add(fk.refTableId);
      }
    }
    const out: Finding[] = [];
    for (const t of tables) {
      if (linked.has(t.id) || (count.get(t.schemaId) ?? 0) <= 3 || t.partitionOf || t.inherits?.length) continue;
      const role = ctx.role(t);
      if (role === 'log' || role === 'staging' || STANDALONE.test(t.name)) continue;
      out.push(
        mk('REL-11', 'info', tref(ctx, t), `${t.name} has no relationship to any other table.`,
          'An unconnected table is often a missing foreign key. If it is standalone on purpose (settings, a queue), suppress this with a reason.'),
      );
    }
    return out;
  },
};
