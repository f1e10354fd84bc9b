/** OWNED BY resolution shared by CREATE SEQUENCE and ALTER SEQUENCE. */
import type { Sequence } from '../../../model/types';
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { columnByName, listQName } from './shared';

/** The table column an `OWNED BY schema.table.column` names, or undefined (with a warning) if not found. */
export function resolveOwnedBy(items: string[], stmt: StatementInfo, ctx: ImportContext): Sequence['ownedBy'] | undefined {
  const colName = items[items.length - 1] ?? '';
  const q = listQName(items.slice(0, -1));
  const t = ctx.findTable(q.schema, q.name);
  const c = t ? columnByName(t, colName) : undefined;
  if (!t || !c) {
    ctx.diag(stmt, 'warning', 'unresolved', `OWNED BY ${items.join('.')}: column not found; ownership not recorded`);
    return undefined;
  }
  return { tableId: t.id, columnId: c.id };
}
