import type { Finding, Rule } from '../types';
import { mk, tref } from './key-rel-util';

const STANDALONE = /^(_?prisma_migrations|schema_migrations|flyway_schema_history|ar_internal_metadata|knex_migrations(_lock)?|migrations?|goose_db_version|__diesel_schema_migrations|alembic_version|django_migrations|typeorm_metadata|settings|setting|config|configs|configuration|app_settings|app_config|feature_flags|jobs?|.*_jobs?|job_queue|queue|.*_queue|sessions?|cache|.*_cache|spatial_ref_sys|.*_settings)$/i;

/** REL-11: a table with no relationship in a schema of more than 3 tables. */
export const rule: Rule = {
  id: 'REL-11',
  slug: 'island-table',
  group: 'REL',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'A table with no relationship to any other table.',
  checkModel(ctx) {
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
