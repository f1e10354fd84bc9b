import type { Column } from '../../model/types';
import type { Finding, Rule } from '../types';
import { cref, mk } from './key-rel-util';

const GENERIC = /^(target|object|entity|subject|resource|owner|parent|item|record|source|related|reference|ref|[a-z]+able)$/i;

/** REL-06: `<x>_id` + `<x>_type` pointing at "any table": no FK can enforce it. */
export const rule: Rule = {
  id: 'REL-06',
  slug: 'polymorphic-association',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'A polymorphic reference (an id plus a type column naming the table) that no foreign key can enforce.',
  checkTable(t, ctx) {
    const fkCols = ctx.helpers.fkColumnIds(t);
    const severity = ctx.role(t) === 'log' ? 'info' : 'warning';
    const out: Finding[] = [];
    const seen = new Set<string>();
    const report = (idCol: Column, typeCol: Column) => {
      if (fkCols.has(idCol.id) || seen.has(idCol.id)) return;
      seen.add(idCol.id);
      out.push(
        mk('REL-06', severity, cref(ctx, t, idCol), `${t.name}.${idCol.name} with ${typeCol.name} is a polymorphic reference; no foreign key can enforce it.`,
          'An id whose target table is named in another column cannot have a foreign key: orphans and typos in the type column go unnoticed, and joins need one branch per type. Prefer one nullable FK column per parent with CHECK (num_nonnulls(…) = 1) (an exclusive arc), or one link table per parent type. Fine for audit / event logs that reference anything.'),
      );
    };
    for (const fl of ctx.helpers.fkLike(t)) if (fl.kind === 'id' && fl.polymorphicType) report(fl.column, fl.polymorphicType);
    // Generic names: target_id / object_id / entity_id with any *_type column.
    const typeCol = t.columns.find((c) => /(^|_)(type|kind|class|table)$/i.test(c.name) && ctx.helpers.typeInfo(c.type).family !== 'int');
    if (typeCol) {
      for (const c of t.columns) {
        const m = /^(.+?)_?(id|Id)$/.exec(c.name);
        if (m && GENERIC.test(m[1]!) && !/^parent$/i.test(m[1]!)) report(c, typeCol);
      }
    }
    return out;
  },
};
