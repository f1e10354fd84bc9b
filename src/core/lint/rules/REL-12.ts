import type { Finding, Rule } from '../types';
import { mk, NONE, tref } from './key-rel-util';

const SHARED = /^(auth|identity|iam|shared|common)$/i;

/** REL-12: a foreign key into another schema. */
export const rule: Rule = {
  id: 'REL-12',
  slug: 'fk-crosses-schema',
  group: 'REL',
  defaultSeverity: 'info',
  scope: 'relation',
  description: 'A foreign key references a table in another schema.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      const parent = ctx.helpers.table(fk.refTableId);
      const targetSchema = parent ? ctx.helpers.schemaName(parent) : fk.refTableName?.schema;
      const own = ctx.helpers.schemaName(t);
      if (!targetSchema || targetSchema === own || SHARED.test(targetSchema)) continue;
      (out ??= []).push(
        mk('REL-12', 'info', tref(ctx, t, { constraintId: fk.id }), `${own}.${t.name} references ${targetSchema}.${parent?.name ?? fk.refTableName?.name ?? '?'} in another schema.`,
          'Cross-schema references couple modules that may be deployed, permissioned or dumped separately. Fine when intended; suppress with a reason to record that.'),
      );
    }
    return out ?? NONE;
  },
};
