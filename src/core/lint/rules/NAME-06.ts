import type { Column, ForeignKey, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { memoByString, rawTokens, tokenize } from '../helpers/names';
import { finding, renameColumnFix } from './support.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

const REF_SUFFIX = new Set(['id', 'uuid', 'code', 'key', 'ref', 'ids']);

/** The table stem a `<x>_id` name points at (`billing_customer_id` → `billing_customer`), memoized per name. */
const pointedStem = memoByString((name: string) => tokenize(rawTokens(name).slice(0, -1).join('_')).join('_'));

function columnById(t: Table, id: string | undefined): Column | undefined {
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) if (cols[i]!.id === id) return cols[i];
  return undefined;
}

/** NAME-06: FK columns whose name does not say they are a reference, or names another table than the target. */
export const rule: Rule = {
  id: 'NAME-06',
  slug: 'fk-column-name-misleading',
  group: 'NAME',
  defaultSeverity: 'info',
  scope: 'relation',
  description: 'A foreign-key column not named like a reference (`customer` instead of `customer_id`), or named after a different table than the one it references.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      if (k.kind !== 'foreign' || k.columns.length !== 1) continue;
      const c = columnById(t, k.columns[0]);
      if (!c) continue;
      const tk = rawTokens(c.name);
      const last = tk[tk.length - 1] ?? '';
      if (!REF_SUFFIX.has(last)) {
        const f = notReferenceFinding(ctx, t, k, c, tk);
        if (f) out = add(out, f);
        continue;
      }
      const target = k.refTableId ? ctx.model.tables[k.refTableId] : undefined;
      if (!target || (last !== 'id' && last !== 'uuid') || tk.length < 2) continue;
      // The first table of that stem in the schema of either side, unless the target is one of them.
      const byStem = ctx.helpers.tablesByStem(pointedStem(c.name));
      let named: Table | undefined;
      let isTarget = false;
      for (let j = 0; j < byStem.length; j++) {
        const x = byStem[j]!;
        if (x.schemaId !== t.schemaId && x.schemaId !== target.schemaId) continue;
        named ??= x;
        if (x.id === target.id) {
          isTarget = true;
          break;
        }
      }
      if (!named || isTarget) continue;
      out = add(out, wrongTableFinding(ctx, t, c, target, named, last));
    }
    return out ?? NONE;
  },
};

/** A reference column not named like one (undefined when its name already says what it holds). */
function notReferenceFinding(ctx: RuleContext, t: Table, k: ForeignKey, c: Column, tk: string[]): Finding | undefined {
  const target = k.refTableId ? ctx.model.tables[k.refTableId] : undefined;
  const refCol = target?.columns.find((x) => x.id === k.refColumns[0])?.name ?? k.refColumnNames?.[0] ?? 'id';
  const targetName = target?.name ?? k.refTableName?.name ?? '?';
  const refTk = rawTokens(refCol);
  // `currency_code → currencies(code)`, `email → users(email)`: the name already says what it holds.
  if (refTk.length && tk.slice(-refTk.length).join('_') === refTk.join('_')) return undefined;
  const first = `${c.name}_${REF_SUFFIX.has(refTk[refTk.length - 1] ?? '') ? refTk[refTk.length - 1] : refCol}`;
  const taken = new Set(t.columns.map((x) => x.name));
  const to = [first, `${c.name}_ref`, `${c.name}_key`, `${c.name}_fk_id`].find((n) => !taken.has(n)) ?? first;
  return finding(rule, ctx, t, c, `${t.name}.${c.name} references ${targetName}(${refCol}) but is not named like a reference; rename it to ${to}.`,
    'A reference column named like a plain attribute (customer) reads as if it held the customer itself; `customer_id` tells readers and ORMs that it holds a key, and leaves `customer` free for the joined object.',
    { fix: () => renameColumnFix(ctx, t, c, to) });
}

function wrongTableFinding(ctx: RuleContext, t: Table, c: Column, target: Table, named: Table, last: string): Finding {
  const to = `${ctx.helpers.tableStem(target)}_${last}`;
  return finding(rule, ctx, t, c, `${t.name}.${c.name} references ${target.name}, but its name points at table ${named.name}; rename it (e.g. ${to}).`,
    'Readers, ORMs and inference tools resolve `<x>_id` to table <x>. When it actually references another table, joins get written against the wrong table.',
    { fix: () => renameColumnFix(ctx, t, c, to) });
}
