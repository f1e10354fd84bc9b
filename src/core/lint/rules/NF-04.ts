import { removeColumn } from '../../commands/schema';
import type { Column, ForeignKey } from '../../model/types';
import type { Finding, Rule } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, colRef, lowerName, compatible, compositeKeyForeignKeys, family, finding, isFkColumn, isPkColumn, qTable, quoteIdent } from './idx-nf-util';

const SNAPSHOT = /snapshot|at_purchase|at_order|at_time|billing_|shipping_|original_|historical_|_at_sale|^snap_/i;
const FINANCIAL_TABLE = /order|invoice|payment|transaction|receipt|charge|refund|ledger|bill|quote|purchase|sale|line|item/i;
const COUNT = /_count$/i;
const MONEY_NAME = /price|amount|cost|total|fee|tax|rate|cents/i;
const MONEY_FAMILIES: readonly string[] = ['numeric', 'money', 'int'];
const ROLE = /^(.+?)_?(id|uuid)$/i;

/** The role prefix of an FK column name (`customer` of `customer_id`), lower case; cached per name. */
const rolePrefix = memoByString((name: string): string | undefined => {
  const role = ROLE.exec(name)?.[1];
  return role ? role.toLowerCase().replace(/_$/, '') : undefined;
});

/**
 * A necessary condition for `hasPrefix(name.toLowerCase(), pre)` that needs no lower-case copy: the `_` after the
 * prefix. Lower-casing keeps every position except after U+0130 (İ → i + combining dot); names with it always pass.
 */
function mayHavePrefix(name: string, pre: string): boolean {
  return name.charCodeAt(pre.length) === 95 || name.indexOf('\u0130') >= 0;
}

/** `lower` starts with `pre + '_'` (no concatenation). */
function hasPrefix(lower: string, pre: string): boolean {
  return lower.length > pre.length && lower.charCodeAt(pre.length) === 95 && lower.startsWith(pre);
}

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
    const fks = ctx.helpers.outgoing(t);
    if (!fks.length) return NONE;
    let out: Finding[] | undefined;
    let skip: readonly ForeignKey[] | undefined;
    let reported: Set<string> | undefined;
    const cols = t.columns;
    for (let f = 0; f < fks.length; f++) {
      const fk = fks[f]!;
      if (fk.columns.length !== 1 || !fk.refTableId || fk.refTableId === t.id) continue;
      const p = ctx.model.tables[fk.refTableId];
      if (!p) continue;
      const fkId = fk.columns[0];
      let fkCol: Column | undefined;
      for (let i = 0; i < cols.length; i++)
        if (cols[i]!.id === fkId) {
          fkCol = cols[i];
          break;
        }
      if (!fkCol) continue;
      // The prefixes, in order: the parent's stem, then the FK column's role (`customer` of customer_id) if new.
      const pre1 = ctx.helpers.tableStem(p);
      let pre2 = rolePrefix(fkCol.name);
      if (pre2 === pre1) pre2 = undefined;
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i]!;
        const q1 = mayHavePrefix(c.name, pre1);
        const q2 = pre2 !== undefined && mayHavePrefix(c.name, pre2);
        if (!q1 && !q2) continue;
        const lower = lowerName(c.name);
        const m1 = q1 && hasPrefix(lower, pre1);
        const m2 = q2 && hasPrefix(lower, pre2!);
        if (!m1 && !m2) continue;
        if (isPkColumn(t, c.id) || isFkColumn(ctx, t, c.id) || reported?.has(c.id)) continue;
        // Snapshots and counters are exempt (tested only for names that carry a prefix: the regexes are the cost).
        if (SNAPSHOT.test(c.name) || COUNT.test(c.name)) continue;
        skip ??= compositeKeyForeignKeys(t);
        if (skip.includes(fk)) break;
        for (let k = 0; k < 2; k++) {
          const pre = k === 0 ? (m1 ? pre1 : undefined) : m2 ? pre2 : undefined;
          if (pre === undefined) continue;
          // The attribute after `<pre>_`: none, or `id`, is no copy (tested before slicing).
          const rest = lower.length - pre.length - 1;
          if (rest === 0 || (rest === 2 && lower.endsWith('id'))) continue;
          const a = lower.slice(pre.length + 1);
          const pc = p.columns.find((x) => x.name.toLowerCase() === a);
          if (!pc || !compatible(ctx.model, c, pc)) continue;
          const money = MONEY_FAMILIES.includes(family(ctx.model, c)) && MONEY_NAME.test(a);
          const soft = money && (ctx.role(t) === 'log' || FINANCIAL_TABLE.test(t.name));
          (reported ??= new Set()).add(c.id);
          const qt = qTable(ctx.model, t);
          (out ??= []).push(
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
    return out ?? NONE;
  },
};
export default rule;
