import type { ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { memoByString, rawTokens } from '../helpers/names';
import { finding, fitName, qi, qt, setFkActionCmd } from './support.type-name-aud-sec';
import { add, defaultConstraintName, NONE } from './support-names.type-name-aud-sec';

const FINANCIAL = /^(payment|invoice|transaction|ledger|ledger_entry|receipt|charge|refund|payout|settlement|credit_note|journal|journal_entry|balance_transaction)s?$/;

/** AUD-07: ON DELETE CASCADE that destroys history (log or financial child tables). */
export const rule: Rule = {
  id: 'AUD-07',
  slug: 'history-destroyed-by-cascade',
  group: 'AUD',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A foreign key with ON DELETE CASCADE on a log, audit or financial table: deleting the parent silently erases history.',
  checkTable(t, ctx) {
    if (ctx.role(t) !== 'log' && !historyName(t.name)) return NONE;
    let out: Finding[] | undefined;
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      if (k.kind !== 'foreign' || k.onDelete !== 'cascade') continue;
      out = add(out, cascadeFinding(ctx, t, k));
    }
    return out ?? NONE;
  },
};

/** A financial, audit or history table name (memoized per name: the test builds strings). */
const historyName = memoByString((tableName: string): boolean => {
  const name = tableName.toLowerCase();
  const tk = rawTokens(name);
  return FINANCIAL.test(tk.join('_')) || FINANCIAL.test(tk.slice(-2).join('_')) || FINANCIAL.test(tk[tk.length - 1] ?? '') || /^audit_|_(history|audit|log|logs)$/.test(name);
});

function cascadeFinding(ctx: RuleContext, t: Table, k: ForeignKey): Finding {
  const parent = k.refTableId ? ctx.model.tables[k.refTableId] : undefined;
  const pname = parent?.name ?? k.refTableName?.name ?? 'the parent';
  const cname = qi(k.name ?? fitName(defaultConstraintName(t, k)));
  return finding(rule, ctx, t, undefined, `Deleting a ${pname} row silently deletes its ${t.name} rows (ON DELETE CASCADE); use RESTRICT and soft-delete the parent.`,
      'Logs, audits and financial records must outlive the things they describe. CASCADE erases them as a side effect of an ordinary DELETE; RESTRICT makes the deletion an explicit decision. (For intended GDPR erasure, suppress this finding with the reason.)',
      {
        extra: { constraintId: k.id },
        fix: {
          label: 'ON DELETE RESTRICT',
          sql: parent
            ? `ALTER TABLE ${qt(ctx.model, t)} DROP CONSTRAINT ${cname},\n  ADD CONSTRAINT ${cname} FOREIGN KEY (${k.columns.map((id) => qi(t.columns.find((c) => c.id === id)?.name ?? id)).join(', ')}) REFERENCES ${parent ? qt(ctx.model, parent) : pname}${parent ? ` (${k.refColumns.map((id) => qi(parent.columns.find((c) => c.id === id)?.name ?? id)).join(', ')})` : ''} ON DELETE RESTRICT;`
            : `-- recreate the foreign key of ${t.name} to ${pname} with ON DELETE RESTRICT`,
          command: setFkActionCmd(t.id, k.id, 'restrict'),
        },
      });
}
