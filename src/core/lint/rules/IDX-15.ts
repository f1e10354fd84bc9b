import type { Command } from '../../commands/history';
import type { Id } from '../../model/types';
import type { Finding, Rule } from '../types';
import { NONE, constraintName, hasNotValidConstraint, finding, qTable, quoteIdent, ref } from './idx-nf-util';

function validate(tableId: Id, constraintId: Id): Command {
  return {
    label: 'Validate constraint',
    run(d) {
      const c = d.schema.tables[tableId]?.constraints.find((k) => k.id === constraintId);
      if (!c || (c.kind !== 'foreign' && c.kind !== 'check')) throw new Error('No such constraint');
      delete c.notValid;
    },
  };
}

/**
 * IDX-15: what the model can see of "invalid index or unvalidated constraint": FK and CHECK constraints marked
 * NOT VALID. Invalid indexes (pg_index.indisvalid = false after a failed CREATE INDEX CONCURRENTLY) and domain
 * constraints need the live catalog and are not in the model. Fix: validate (SQL: ALTER TABLE … VALIDATE CONSTRAINT).
 */
export const rule: Rule = {
  id: 'IDX-15',
  slug: 'invalid-index-or-unvalidated-constraint',
  group: 'IDX',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A constraint added NOT VALID and never validated: existing rows were not checked, so the planner cannot trust it and old bad data may remain.',
  checkTable(t, ctx) {
    if (!hasNotValidConstraint(t)) return NONE;
    let out: Finding[] | undefined;
    for (let i = 0; i < t.constraints.length; i++) {
      const k = t.constraints[i]!;
      if ((k.kind !== 'foreign' && k.kind !== 'check') || !k.notValid) continue;
      const name = constraintName(t, k);
      (out ??= []).push(
        finding(
          'IDX-15',
          'warning',
          ref(ctx, t, { constraintId: k.id }),
          `${k.kind === 'foreign' ? 'Foreign key' : 'CHECK'} ${name} on ${t.name} is NOT VALID.`,
          'NOT VALID only checks new and updated rows. Until the constraint is validated, old rows may break it and the planner cannot rely on it. Validating takes a light lock (SHARE UPDATE EXCLUSIVE); it is normal mid-migration.',
          { label: `Validate ${name}`, sql: `ALTER TABLE ${qTable(ctx.model, t)} VALIDATE CONSTRAINT ${quoteIdent(name)};`, command: validate(t.id, k.id) },
        ),
      );
    }
    return out ?? NONE;
  },
};
export default rule;
