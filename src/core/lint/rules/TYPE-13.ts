import type { Column, Table } from '../../model/types';
import type { Finding, Rule } from '../types';
import { normalizedName } from '../helpers/names';
import { colInfo, finding, qi, retypeFix, toks } from './support.type-name-aud-sec';

const GENERIC = new Set(['name', 'value', 'type', 'status', 'description', 'data', 'title', 'label', 'note', 'comment', 'kind', 'key', 'body', 'content', 'text', 'position', 'sort', 'metadata']);

/** TYPE-13: the same column name with different types across tables. */
export const rule: Rule = {
  id: 'TYPE-13',
  slug: 'same-name-different-type',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'The same column name has different types (or widths) in different tables: joins need casts and values may not fit when copied.',
  checkModel(ctx) {
    const groups = new Map<string, { t: Table; c: Column; shape: string; type: string }[]>();
    for (const t of Object.values(ctx.model.tables)) {
      if (t.partitionOf) continue;
      for (const c of t.columns) {
        if (c.inherited) continue;
        const key = normalizedName(c.name);
        if (!key || GENERIC.has(key)) continue;
        const i = colInfo(ctx, c);
        const shape = i.family === 'other' || i.family === 'enum' ? i.base : i.family === 'string' || i.family === 'int' || i.family === 'exact' ? `${i.base}(${i.args.join(',')})` : i.family === 'time' ? i.base : i.family;
        const type = c.type;
        const l = groups.get(key);
        const item = { t, c, shape: (i.array ? '[]' : '') + shape, type };
        if (l) l.push(item);
        else groups.set(key, [item]);
      }
    }
    const out: Finding[] = [];
    for (const [key, items] of groups) {
      if (items.length < 2) continue;
      const counts = new Map<string, { n: number; type: string; usesRef: boolean }>();
      for (const it of items) {
        const e = counts.get(it.shape);
        if (e) e.n++;
        else counts.set(it.shape, { n: 1, type: it.type, usesRef: !!it.c.typeRef });
      }
      if (counts.size < 2) continue;
      let best: string | undefined;
      let bestN = 0;
      let tie = false;
      for (const [s, e] of counts) {
        if (e.n > bestN) {
          best = s;
          bestN = e.n;
          tie = false;
        } else if (e.n === bestN) tie = true;
      }
      const majority = counts.get(best!)!;
      const tk = toks(key);
      const important = key === 'id' || ['id', 'uuid'].includes(tk[tk.length - 1] ?? '');
      for (const it of items) {
        if (it.shape === best) continue;
        const fix = tie || majority.usesRef ? undefined : retypeFix(ctx, it.t, it.c, majority.type, { using: `${qi(it.c.name)}::${majority.type}` });
        out.push(
          finding(rule, ctx, it.t, it.c, tie
            ? `${it.t.name}.${it.c.name} is ${it.c.type}, while other tables use other types for ${key}.`
            : `${it.t.name}.${it.c.name} is ${it.c.type}, while ${bestN} other column${bestN > 1 ? 's' : ''} named ${key} ${bestN > 1 ? 'are' : 'is'} ${majority.type}.`,
            'Columns with the same name usually hold the same thing. Different types force casts in joins (which can stop index use), truncate or reject values copied between tables, and hint that one of them is wrong.',
            { severity: important ? 'warning' : 'info', fix }),
        );
      }
    }
    return out;
  },
};
