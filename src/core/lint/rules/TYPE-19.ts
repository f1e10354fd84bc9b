import type { Finding, Rule } from '../types';
import { isRegType } from '../helpers/types';
import { finding, qi, rawByTarget, retypeFix } from './support.type-name-aud-sec';

/** TYPE-19: table inheritance, rules, reg* types. */
export const rule: Rule = {
  id: 'TYPE-19',
  slug: 'legacy-features',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'Legacy features: table INHERITS, CREATE RULE, and reg* types (regclass, regproc, …) in user tables.',
  checkTable:
    (t, ctx): Finding[] => {
      const out: Finding[] = [];
      if (t.inherits?.length) {
        const parents = t.inherits.map((id) => ctx.model.tables[id]?.name ?? id).join(', ');
        out.push(
          finding(rule, ctx, t, undefined, `${t.name} uses table inheritance (INHERITS ${parents}); use declarative partitioning or a foreign key.`,
            'Inherited tables do not share indexes, unique constraints or foreign keys with their parent, so uniqueness and references silently stop working across the hierarchy. Declarative partitioning or an FK to a shared table does what inheritance was used for, correctly.'),
        );
      }
      for (const r of rawByTarget(ctx.model, t.id)) {
        if (r.nodeType !== 'RuleStmt') continue;
        out.push(
          finding(rule, ctx, t, undefined, `${t.name} has a rule (${r.label}); use a trigger instead.`,
            'Rules rewrite queries rather than acting on rows: they fire once per statement with surprising results for INSERT … SELECT, volatile functions and RETURNING. Triggers are predictable.'),
        );
      }
      for (const c of t.columns) {
        if (!isRegType(c.type, ctx.model, c.typeRef)) continue;
        out.push(
          finding(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type}; store the name as text (or oid).`,
            'reg* types store internal OIDs that pg_upgrade cannot carry over, so tables using them block major-version upgrades; the OIDs also change on dump and restore.',
            { fix: () => retypeFix(ctx, t, c, 'text', { using: `${qi(c.name)}::text` }) }),
        );
      }
      return out;
    },
};
