import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { cref, isFkColumn, mk, NONE } from './key-rel-util';

const GENERIC = /^(target|object|entity|subject|resource|owner|parent|item|record|source|related|reference|ref|[a-z]+able)$/i;
const TYPE_COLUMN = /(^|_)(type|kind|class|table)$/i;
const ID_COLUMN = /^(.+?)_?(id|Id)$/;
const PARENT = /^parent$/i;

/** Adds the finding unless the id column has a real FK or was reported already; returns the (new) list. */
function report(ctx: RuleContext, t: Table, out: Finding[] | undefined, idCol: Column, typeCol: Column): Finding[] | undefined {
  if (isFkColumn(ctx, t, idCol.id)) return out;
  if (out) for (let i = 0; i < out.length; i++) if (out[i]!.object.columnId === idCol.id) return out;
  const severity = ctx.role(t) === 'log' ? 'info' : 'warning';
  (out ??= []).push(
    mk('REL-06', severity, cref(ctx, t, idCol), `${t.name}.${idCol.name} with ${typeCol.name} is a polymorphic reference; no foreign key can enforce it.`,
      'An id whose target table is named in another column cannot have a foreign key: orphans and typos in the type column go unnoticed, and joins need one branch per type. Prefer one nullable FK column per parent with CHECK (num_nonnulls(…) = 1) (an exclusive arc), or one link table per parent type. Fine for audit / event logs that reference anything.'),
  );
  return out;
}

/** REL-06: `<x>_id` + `<x>_type` pointing at "any table": no FK can enforce it. */
export const rule: Rule = {
  id: 'REL-06',
  slug: 'polymorphic-association',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'A polymorphic reference (an id plus a type column naming the table) that no foreign key can enforce.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fls = ctx.helpers.fkLike(t);
    for (let i = 0; i < fls.length; i++) {
      const fl = fls[i]!;
      if (fl.kind === 'id' && fl.polymorphicType) out = report(ctx, t, out, fl.column, fl.polymorphicType);
    }
    // Generic names: target_id / object_id / entity_id with any *_type column.
    const cols = t.columns;
    let typeCol: Column | undefined;
    for (let i = 0; i < cols.length && !typeCol; i++) {
      const c = cols[i]!;
      if (TYPE_COLUMN.test(c.name) && ctx.helpers.typeInfo(c.type).family !== 'int') typeCol = c;
    }
    if (typeCol) {
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i]!;
        const m = ID_COLUMN.exec(c.name);
        if (m && GENERIC.test(m[1]!) && !PARENT.test(m[1]!)) out = report(ctx, t, out, c, typeCol);
      }
    }
    return out ?? NONE;
  },
};
