import type { Command } from '../../commands/history';
import { removeColumn } from '../../commands/schema';
import type { Column, Id, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, colRef, lowerName, family, finding, qTable, quoteIdent } from './idx-nf-util';

function makeGenerated(tableId: Id, columnId: Id, expr: string): Command {
  return {
    label: 'Make column generated',
    run(d) {
      const c = d.schema.tables[tableId]?.columns.find((x) => x.id === columnId);
      if (!c) throw new Error('No such column');
      delete c.default;
      delete c.identity;
      c.generated = { expr, kind: 'stored' };
    },
  };
}

function generatedFix(ctx: RuleContext, t: Table, c: Column, expr: string): QuickFix {
  const q = qTable(ctx.model, t);
  return {
    label: `Compute ${c.name} as a generated column`,
    sql: `ALTER TABLE ${q} DROP COLUMN ${quoteIdent(c.name)},\n  ADD COLUMN ${quoteIdent(c.name)} ${c.type} GENERATED ALWAYS AS (${expr}) STORED;`,
    command: makeGenerated(t.id, c.id, expr),
  };
}

function by(t: Table, re: RegExp): Column | undefined {
  return t.columns.find((c) => re.test(c.name));
}

const WHY = 'Two sources of the same fact disagree as soon as one is updated without the other. Compute it (a generated column, a view), or keep it on purpose with a trigger and a documented reason.';
const AGE = 1;
const FULL_NAME = 2;
const TOTAL = 3;
const COUNT = 4;
const FLAG = 5;
const TOTAL_NAME = /^(line_total|total|subtotal|sub_total|line_amount|total_price|extended_price)$/;
const COUNT_NAME = /_count$/;
/** Which branch a lower-case column name takes (0: none); cached per name. */
const nameKind = memoByString((n: string): number =>
  n === 'age' ? AGE : n === 'full_name' || n === 'fullname' ? FULL_NAME : TOTAL_NAME.test(n) ? TOTAL : COUNT_NAME.test(n) ? COUNT : n === 'is_deleted' || n === 'is_archived' ? FLAG : 0,
);

/**
 * NF-15: a stored value derivable from other columns: age next to a birth date; full_name next to first_name and
 * last_name; line_total / total / subtotal next to quantity and unit_price (or price); *_count on a parent with a
 * child table of that name (posts.comments_count); is_deleted next to deleted_at. Generated columns and counters
 * kept by a counter behaviour are exempt. Fixes: generated columns (full_name, totals, is_deleted), drop age
 * (not immutable, so not a generated column); counters are kept (document them).
 */
export const rule: Rule = {
  id: 'NF-15',
  slug: 'stored-derived-value',
  group: 'NF',
  defaultSeverity: 'info',
  scope: 'relation',
  description: 'A column whose value can be computed from other columns. Stored copies drift unless something keeps them in sync.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.generated) continue;
      const n = lowerName(c.name);
      const kind = nameKind(n);
      if (kind === 0) continue;
      out ??= [];
      if (kind === AGE) {
        const dob = by(t, /^(birth_?date|date_of_birth|dob|birthday|born_on)$/i);
        if (dob)
          out.push(
            finding('NF-15', 'info', colRef(ctx, t, c), `${t.name}.age can be computed from ${dob.name}.`, `${WHY} Age changes every year without any update; compute it in a view with age(${dob.name}) (it is not immutable, so it cannot be a generated column).`, {
              label: 'Drop age',
              sql: `ALTER TABLE ${qTable(ctx.model, t)} DROP COLUMN age;`,
              command: removeColumn(t.id, c.id),
            }),
          );
      } else if (kind === FULL_NAME) {
        const f = by(t, /^first_?name$/i);
        const l = by(t, /^last_?name$/i);
        if (f && l)
          out.push(
            finding('NF-15', 'info', colRef(ctx, t, c), `${t.name}.${c.name} repeats ${f.name} and ${l.name}.`, WHY, family(ctx.model, c) === 'string' ? generatedFix(ctx, t, c, `${quoteIdent(f.name)} || ' ' || ${quoteIdent(l.name)}`) : undefined),
          );
      } else if (kind === TOTAL) {
        const q = by(t, /^(quantity|qty)$/i);
        const p = by(t, /^(unit_price|price|unit_cost)$/i);
        if (q && p) {
          const numeric = ['numeric', 'int', 'float', 'money'].includes(family(ctx.model, c));
          out.push(
            finding('NF-15', 'info', colRef(ctx, t, c), `${t.name}.${c.name} can be computed as ${q.name} * ${p.name}.`, WHY, numeric ? generatedFix(ctx, t, c, `${quoteIdent(q.name)} * ${quoteIdent(p.name)}`) : undefined),
          );
        }
      } else if (kind === COUNT && !(ctx.model.behaviors?.[t.id]?.counters ?? []).some((k) => k.column.toLowerCase() === n)) {
        const child = n.replace(/_count$/, '');
        const stem = ctx.helpers.tokenize(child).join('_');
        const ct = ctx.helpers.tablesByStem(stem).find((x) => x.id !== t.id && ctx.helpers.outgoing(x).some((fk) => fk.refTableId === t.id));
        if (ct)
          out.push(
            finding(
              'NF-15',
              'info',
              colRef(ctx, t, c),
              `${t.name}.${c.name} stores a count of ${ct.name} rows.`,
              `${WHY} A counter cache is a fair performance choice: keep it with a trigger (the counter behaviour in the inspector) and suppress this finding with the reason.`,
            ),
          );
      } else if (kind === FLAG) {
        const at = by(t, new RegExp(`^${n.slice(3)}_at$`, 'i'));
        if (at && family(ctx.model, c) === 'bool')
          out.push(finding('NF-15', 'info', colRef(ctx, t, c), `${t.name}.${c.name} repeats whether ${at.name} is set.`, WHY, generatedFix(ctx, t, c, `${quoteIdent(at.name)} IS NOT NULL`)));
      }
    }
    return out && out.length ? out : NONE;
  },
};
export default rule;
