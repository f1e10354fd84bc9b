import type { Finding, Rule } from '../types';
import { rawTokens } from '../helpers/names';
import { finding, renameColumnFix } from './support.type-name-aud-sec';

const REF_SUFFIX = new Set(['id', 'uuid', 'code', 'key', 'ref', 'ids']);

/** NAME-06: FK columns whose name does not say they are a reference, or names another table than the target. */
export const rule: Rule = {
  id: 'NAME-06',
  slug: 'fk-column-name-misleading',
  group: 'NAME',
  defaultSeverity: 'info',
  scope: 'relation',
  description: 'A foreign-key column not named like a reference (`customer` instead of `customer_id`), or named after a different table than the one it references.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    for (const k of t.constraints) {
      if (k.kind !== 'foreign' || k.columns.length !== 1) continue;
      const c = t.columns.find((x) => x.id === k.columns[0]);
      if (!c) continue;
      const target = k.refTableId ? ctx.model.tables[k.refTableId] : undefined;
      const refCol = target?.columns.find((x) => x.id === k.refColumns[0])?.name ?? k.refColumnNames?.[0] ?? 'id';
      const targetName = target?.name ?? k.refTableName?.name ?? '?';
      const tk = rawTokens(c.name);
      const last = tk[tk.length - 1] ?? '';
      if (!REF_SUFFIX.has(last)) {
        const refTk = rawTokens(refCol);
        // `currency_code → currencies(code)`, `email → users(email)`: the name already says what it holds.
        if (refTk.length && tk.slice(-refTk.length).join('_') === refTk.join('_')) continue;
        const first = `${c.name}_${REF_SUFFIX.has(refTk[refTk.length - 1] ?? '') ? refTk[refTk.length - 1] : refCol}`;
        const taken = new Set(t.columns.map((x) => x.name));
        const to = [first, `${c.name}_ref`, `${c.name}_key`, `${c.name}_fk_id`].find((n) => !taken.has(n)) ?? first;
        out.push(
          finding(rule, ctx, t, c, `${t.name}.${c.name} references ${targetName}(${refCol}) but is not named like a reference; rename it to ${to}.`,
            'A reference column named like a plain attribute (customer) reads as if it held the customer itself; `customer_id` tells readers and ORMs that it holds a key, and leaves `customer` free for the joined object.',
            { fix: () => renameColumnFix(ctx, t, c, to) }),
        );
        continue;
      }
      if (!target || (last !== 'id' && last !== 'uuid') || tk.length < 2) continue;
      const stem = ctx.helpers.tokenize(tk.slice(0, -1).join('_')).join('_');
      const named = ctx.helpers.tablesByStem(stem).filter((x) => x.schemaId === t.schemaId || x.schemaId === target.schemaId);
      if (!named.length || named.some((x) => x.id === target.id)) continue;
      const to = `${ctx.helpers.tableStem(target)}_${last}`;
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} references ${target.name}, but its name points at table ${named[0]!.name}; rename it (e.g. ${to}).`,
          'Readers, ORMs and inference tools resolve `<x>_id` to table <x>. When it actually references another table, joins get written against the wrong table.',
          { fix: () => renameColumnFix(ctx, t, c, to) }),
      );
    }
    return out;
  },
};
