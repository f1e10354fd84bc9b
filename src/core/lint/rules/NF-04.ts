import { removeColumn } from '../../commands/schema';
import { foreignKeys } from '../../model/query';
import type { Finding, Rule } from '../types';
import { colRef, compatible, compositeKeyForeignKeys, family, finding, fkColumnIds, pkColumnIds, qTable, quoteIdent } from './idx-nf-util';

const SNAPSHOT = /snapshot|at_purchase|at_order|at_time|billing_|shipping_|original_|historical_|_at_sale|^snap_/i;
const FINANCIAL_TABLE = /order|invoice|payment|transaction|receipt|charge|refund|ledger|bill|quote|purchase|sale|line|item/i;

/**
 * NF-04 (3NF, transitive): T has an FK `<role>_id` → P and a non-key column `<role>_<a>` or `<p>_<a>` where P has a
 * column `<a>` of a compatible type (orders.customer_email vs customers.email). Exempt: snapshot-like names
 * (snapshot, at_purchase, at_order, billing_, shipping_, original_, historical_), counters (*_count, NF-15), and FKs
 * inside a composite key (NF-06 reports those). Money columns on log or financial tables: info.
 * Fix: drop the copy (read it through a join or a view); the message offers the snapshot rename instead.
 */
export const rule: Rule = {
  id: 'NF-04',
  slug: 'copied-parent-attribute',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: "A column that copies an attribute of a referenced row (orders.customer_email). It depends on the reference, not on this table's key, and drifts when the parent changes.",
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const fks = foreignKeys(t);
    if (!fks.length) return out;
    const skip = compositeKeyForeignKeys(t);
    const pk = pkColumnIds(t);
    const fkCols = fkColumnIds(t);
    const reported = new Set<string>();
    for (const fk of fks) {
      if (fk.columns.length !== 1 || skip.includes(fk) || !fk.refTableId || fk.refTableId === t.id) continue;
      const p = ctx.model.tables[fk.refTableId];
      const fkCol = t.columns.find((c) => c.id === fk.columns[0]);
      if (!p || !fkCol) continue;
      const prefixes = new Set<string>([ctx.helpers.tableStem(p)]);
      const role = /^(.+?)_?(id|uuid)$/i.exec(fkCol.name)?.[1];
      if (role) prefixes.add(role.toLowerCase().replace(/_$/, ''));
      for (const c of t.columns) {
        if (pk.has(c.id) || fkCols.has(c.id) || reported.has(c.id)) continue;
        const lower = c.name.toLowerCase();
        let exemptTested = false;
        for (const pre of prefixes) {
          if (!lower.startsWith(pre + '_')) continue;
          // Snapshots and counters are exempt (tested only for names that carry a prefix: the regexes are the cost).
          if (!exemptTested) {
            if (SNAPSHOT.test(c.name) || /_count$/i.test(c.name)) break;
            exemptTested = true;
          }
          const a = lower.slice(pre.length + 1);
          if (!a || a === 'id') continue;
          const pc = p.columns.find((x) => x.name.toLowerCase() === a);
          if (!pc || !compatible(ctx.model, c, pc)) continue;
          const money = ['numeric', 'money', 'int'].includes(family(ctx.model, c)) && /price|amount|cost|total|fee|tax|rate|cents/i.test(a);
          const soft = money && (ctx.role(t) === 'log' || FINANCIAL_TABLE.test(t.name));
          reported.add(c.id);
          const qt = qTable(ctx.model, t);
          out.push(
            finding(
              'NF-04',
              soft ? 'info' : 'warning',
              colRef(ctx, t, c, { constraintId: fk.id }),
              `${t.name}.${c.name} copies ${p.name}.${pc.name}, reachable through ${fkCol.name}.`,
              `${c.name} depends on ${fkCol.name}, not on the key of ${t.name}: when ${p.name}.${pc.name} changes, the copy goes stale. Read it through a join (or a view). If it is meant as a value at the time of the ${ctx.helpers.tableStem(t)}, rename it ${c.name}_snapshot and say so in a comment.`,
              {
                label: `Drop ${c.name} (read ${p.name}.${pc.name} through ${fkCol.name})`,
                sql: `ALTER TABLE ${qt} DROP COLUMN ${quoteIdent(c.name)};\n-- read it through the reference instead, e.g.\n-- CREATE VIEW ${t.name}_v AS SELECT x.*, p.${quoteIdent(pc.name)} AS ${quoteIdent(c.name)} FROM ${qt} x JOIN ${qTable(ctx.model, p)} p ON p.<key> = x.${quoteIdent(fkCol.name)};`,
                command: removeColumn(t.id, c.id),
              },
            ),
          );
          break;
        }
      }
    }
    return out;
  },
};
export default rule;
