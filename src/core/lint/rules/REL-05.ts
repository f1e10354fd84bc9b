import type { Column, ForeignKey, Table } from '../../model/types';
import type { Finding, ObjectRef, Rule, RuleContext } from '../types';
import { colNames, constraintName, fkActionFix, mk, NONE, tref } from './key-rel-util';

const FINANCIAL = new Set(['payment', 'invoice', 'transaction', 'ledger', 'audit', 'charge', 'refund', 'payout', 'receipt', 'transfer', 'settlement', 'billing']);

/** REL-05: ON DELETE policies that fail at runtime, erase history, or were never chosen. */
export const rule: Rule = {
  id: 'REL-05',
  slug: 'on-delete-policy',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'The ON DELETE action of a foreign key fails at runtime, silently erases history, or was left at the default.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      if (fk.onDelete === 'restrict') continue;
      const parent = ctx.helpers.table(fk.refTableId);
      if (!parent) continue;
      // The object and the name are built for reported FKs only (fkObj / constraintName below).
      if (fk.onDelete === 'set null') {
        const notNull = actionColumns(t, fk).filter((c) => !c.nullable);
        if (notNull.length) {
          (out ??= []).push(mk('REL-05', 'error', fkObj(ctx, t, fk), `${constraintName(t, fk)}: ON DELETE SET NULL on NOT NULL ${notNull.map((c) => c.name).join(', ')}; deleting a ${parent.name} row will fail.`,
            'SET NULL cannot store NULL in a NOT NULL column, so every delete of a referenced parent row raises an error. Choose RESTRICT or CASCADE, or make the column nullable.',
            fkActionFix(ctx, t, fk, 'restrict')));
        }
        continue;
      }
      if (fk.onDelete === 'set default') {
        const noDefault = actionColumns(t, fk).filter((c) => c.default === undefined && !c.identity);
        if (noDefault.length) {
          (out ??= []).push(mk('REL-05', 'error', fkObj(ctx, t, fk), `${constraintName(t, fk)}: ON DELETE SET DEFAULT but ${noDefault.map((c) => c.name).join(', ')} has no default; deleting a ${parent.name} row will fail or set NULL.`,
            'SET DEFAULT writes the column default; without one it writes NULL (failing on NOT NULL columns), and the default must itself exist in the parent.',
            fkActionFix(ctx, t, fk, 'restrict')));
        }
        continue;
      }
      if (fk.onDelete === 'cascade') {
        if (ctx.role(t) === 'log' || financial(ctx, t)) {
          (out ??= []).push(mk('REL-05', 'warning', fkObj(ctx, t, fk), `${constraintName(t, fk)}: deleting a ${parent.name} row silently deletes its ${t.name} rows (ON DELETE CASCADE into history / financial data).`,
            'Logs, audit trails and financial records must outlive the rows they describe. CASCADE erases them with one parent delete; RESTRICT makes the delete an explicit decision (or soft-delete the parent).',
            fkActionFix(ctx, t, fk, 'restrict')));
        }
        continue;
      }
      if (fk.onDelete === 'no action') {
        (out ??= []).push(mk('REL-05', 'info', fkObj(ctx, t, fk), `${constraintName(t, fk)}: no ON DELETE action was chosen (defaults to NO ACTION).`,
          'Decide deliberately what happens to these rows when the referenced row is deleted: RESTRICT (refuse), CASCADE (delete them too) or SET NULL (detach). Recording the choice documents the intent.',
          fkActionFix(ctx, t, fk, 'restrict')));
      }
    }
    return out ?? NONE;
  },
};

/** The columns an ON DELETE SET NULL / SET DEFAULT writes (its column list, else all FK columns). */
function actionColumns(t: Table, fk: ForeignKey): Column[] {
  return (fk.onDeleteColumns?.length ? fk.onDeleteColumns : fk.columns).map((id) => t.columns.find((c) => c.id === id)).filter((c) => c !== undefined);
}

function financial(ctx: RuleContext, t: Table): boolean {
  const tokens = ctx.helpers.tokenize(t.name);
  for (let i = 0; i < tokens.length; i++) if (FINANCIAL.has(tokens[i]!)) return true;
  return false;
}

function fkObj(ctx: RuleContext, t: Table, fk: ForeignKey): ObjectRef {
  return tref(ctx, t, { constraintId: fk.id, columnId: fk.columns[0], column: colNames(t, fk.columns.slice(0, 1))[0] });
}
