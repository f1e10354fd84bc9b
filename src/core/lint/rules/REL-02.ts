import { quoteIdent } from '../../sql/ident';
import type { Column, ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext, Severity } from '../types';
import { column, cref, fix, mk, NONE, plainIntType, qt, tableCmd } from './key-rel-util';

/** REL-02: an FK column whose type differs from the referenced column. */
export const rule: Rule = {
  id: 'REL-02',
  slug: 'fk-type-mismatch',
  group: 'REL',
  defaultSeverity: 'error',
  scope: 'relation',
  description: 'A foreign key column and the column it references have different types.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let fi = 0; fi < fks.length; fi++) {
      const fk = fks[fi]!;
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent || fk.columns.length !== fk.refColumns.length) continue;
      for (let i = 0; i < fk.columns.length; i++) {
        const c = column(t, fk.columns[i]!);
        const rc = column(parent, fk.refColumns[i]!);
        if (!c || !rc) continue;
        const f = mismatch(ctx, t, fk, parent, c, rc);
        if (f) (out ??= []).push(f);
      }
    }
    return out ?? NONE;
  },
};

/** The finding when the FK column `c` and the referenced column `rc` differ in type, width or collation. */
function mismatch(ctx: RuleContext, t: Table, fk: ForeignKey, parent: Table, c: Column, rc: Column): Finding | undefined {
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
  return severity ? finding(ctx, t, fk, parent, c, rc, severity, detail) : undefined;
}

function finding(ctx: RuleContext, t: Table, fk: ForeignKey, parent: Table, c: Column, rc: Column, severity: Severity, detail: string): Finding {
  const newType = plainIntType(rc);
  const label = `Change ${c.name} to ${newType}`;
  return mk('REL-02', severity, cref(ctx, t, c, { constraintId: fk.id }), `${t.name}.${c.name} (${c.type}) references ${parent.name}.${rc.name} (${newType}): ${detail}.`,
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
    })));
}
