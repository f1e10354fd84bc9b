import type { Column, Id, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addFinding, colInfo, columnKinds, findingFix, K_REG, NONE, qi, rawByTarget, retypeFix } from './support.type-name-aud-sec';

const REG_TYPE = /^reg[a-z]+$/;

// The findings are built outside checkTable, so that it creates no closures (and no context for them) per table.

function inheritanceFinding(ctx: RuleContext, t: Table, inherits: Id[]): Finding {
  const parents = inherits.map((id) => ctx.model.tables[id]?.name ?? id).join(', ');
  return findingFix(rule, ctx, t, undefined, `${t.name} uses table inheritance (INHERITS ${parents}); use declarative partitioning or a foreign key.`,
    'Inherited tables do not share indexes, unique constraints or foreign keys with their parent, so uniqueness and references silently stop working across the hierarchy. Declarative partitioning or an FK to a shared table does what inheritance was used for, correctly.', undefined);
}

function regTypeFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type}; store the name as text (or oid).`,
    'reg* types store internal OIDs that pg_upgrade cannot carry over, so tables using them block major-version upgrades; the OIDs also change on dump and restore.',
    () => retypeFix(ctx, t, c, 'text', { using: `${qi(c.name)}::text` }));
}

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
      let out: Finding[] | undefined;
      if (t.inherits?.length) out = addFinding(out, inheritanceFinding(ctx, t, t.inherits));
      const raws = rawByTarget(ctx.model, t.id);
      for (let i = 0; i < raws.length; i++) {
        const r = raws[i]!;
        if (r.nodeType !== 'RuleStmt') continue;
        out = addFinding(out,
          findingFix(rule, ctx, t, undefined, `${t.name} has a rule (${r.label}); use a trigger instead.`,
            'Rules rewrite queries rather than acting on rows: they fire once per statement with surprising results for INSERT … SELECT, volatile functions and RETURNING. Triggers are predictable.', undefined),
        );
      }
      if (!(columnKinds(ctx, t) & K_REG)) return out ?? NONE;
      const cols = t.columns;
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i]!;
        // isRegType(c.type, ctx.model, c.typeRef), from the column's cached type info.
        if (!REG_TYPE.test(colInfo(ctx, c).base)) continue;
        out = addFinding(out, regTypeFinding(ctx, t, c));
      }
      return out ?? NONE;
    },
};
