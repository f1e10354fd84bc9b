import { quoteIdent } from '../../sql/ident';
import type { Finding, Rule, Severity } from '../types';
import { cref, fix, mk, plainIntType, qt, tableCmd } from './key-rel-util';

/** REL-02: an FK column whose type differs from the referenced column. */
export const rule: Rule = {
  id: 'REL-02',
  slug: 'fk-type-mismatch',
  group: 'REL',
  defaultSeverity: 'error',
  scope: 'relation',
  description: 'A foreign key column and the column it references have different types.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    for (const fk of ctx.helpers.outgoing(t)) {
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent || fk.columns.length !== fk.refColumns.length) continue;
      fk.columns.forEach((cid, i) => {
        const c = t.columns.find((x) => x.id === cid);
        const rc = parent.columns.find((x) => x.id === fk.refColumns[i]);
        if (!c || !rc) return;
        const a = ctx.helpers.typeInfo(c.type);
        const b = ctx.helpers.typeInfo(plainIntType(rc));
        let severity: Severity | undefined;
        let detail = '';
        if (a.array !== b.array || a.family !== b.family || ((a.family === 'other' || a.family === 'enum') && a.base !== b.base)) {
          severity = 'error';
          detail = 'different kinds of type';
        } else if (a.base !== b.base || (a.typmod ?? '') !== (b.typmod ?? '')) {
          severity = 'warning';
          detail = 'same kind, different width';
        } else if ((c.collation ?? '') !== (rc.collation ?? '')) {
          severity = 'warning';
          detail = 'different collations';
        }
        if (!severity) return;
        const newType = plainIntType(rc);
        const label = `Change ${c.name} to ${newType}`;
        out.push(
          mk('REL-02', severity, cref(ctx, t, c, { constraintId: fk.id }), `${t.name}.${c.name} (${c.type}) references ${parent.name}.${rc.name} (${newType}): ${detail}.`,
            severity === 'error'
              ? 'PostgreSQL refuses a foreign key between incompatible types, or compares them through casts that cannot use indexes.'
              : 'Mismatched widths fail later: a bigint parent id that no longer fits an integer column breaks inserts, and comparisons may need casts.',
            fix(label, `ALTER TABLE ${qt(ctx.model, t)} ALTER COLUMN ${quoteIdent(c.name)} TYPE ${newType};`, tableCmd(label, t.id, (tt) => {
              const cc = tt.columns.find((x) => x.id === c.id);
              if (!cc) throw new Error('Column is gone');
              cc.type = newType;
              if (rc.typeRef) cc.typeRef = rc.typeRef;
              else delete cc.typeRef;
              if (rc.collation) cc.collation = rc.collation;
              else delete cc.collation;
            }))),
        );
      });
    }
    return out;
  },
};
