import type { Rule } from '../types';
import { colNames, fix, mk, NONE, primaryKey, tableCmd, tref } from './key-rel-util';

/** KEY-13: the primary key columns are not the first columns of the table. */
export const rule: Rule = {
  id: 'KEY-13',
  slug: 'pk-not-first',
  group: 'KEY',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'The primary key columns are not the leading columns of the table.',
  checkTable(t, ctx) {
    if (t.partitionOf || t.inherits?.length) return NONE;
    const pk = primaryKey(t);
    if (!pk || !pk.columns.length) return NONE;
    if (leading(t.columns, pk.columns)) return NONE;
    const label = 'Move the primary key columns first';
    return [
      mk('KEY-13', 'info', tref(ctx, t, { constraintId: pk.id }), `The primary key of ${t.name} (${colNames(t, pk.columns).join(', ')}) is not in the first column positions.`,
        'Readers expect the key first, in the diagram and in SELECT *. Only worth changing for new tables: PostgreSQL cannot reorder columns without rebuilding the table.',
        fix(label, '-- Column order: applies to new tables. An existing table must be rebuilt (CREATE TABLE … AS / INSERT … SELECT) to change it.', tableCmd(label, t.id, (tt) => {
          const p = tt.constraints.find((c) => c.kind === 'primary');
          if (!p || p.kind !== 'primary') throw new Error('No primary key');
          const key = p.columns.map((id) => tt.columns.find((c) => c.id === id)).filter((c) => c !== undefined);
          tt.columns = [...key, ...tt.columns.filter((c) => !p.columns.includes(c.id))];
        }))),
    ];
  },
};

/** Every key column is among the first `key.length` columns. */
function leading(columns: readonly { id: string }[], key: readonly string[]): boolean {
  const n = Math.min(key.length, columns.length);
  for (let i = 0; i < key.length; i++) {
    let found = false;
    for (let j = 0; j < n && !found; j++) found = columns[j]!.id === key[i];
    if (!found) return false;
  }
  return true;
}
