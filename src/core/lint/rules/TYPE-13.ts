import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { memoByString, normalizedName } from '../helpers/names';
import type { TypeInfo } from '../helpers/types';
import { colInfo, findingFix, NONE, qi, retypeFix, toks } from './support.type-name-aud-sec';

const GENERIC = new Set(['name', 'value', 'type', 'status', 'description', 'data', 'title', 'label', 'note', 'comment', 'kind', 'key', 'body', 'content', 'text', 'position', 'sort', 'metadata']);

/** The grouping key of a column name: its normalised form (memoised: `normalizedName` joins a new string per call). */
const nameKey = memoByString(normalizedName);

/** The type shape compared across tables (cached per type info object: they are shared per type text). */
const shapeByInfo = new WeakMap<TypeInfo, string>();
function shapeOf(i: TypeInfo): string {
  let s = shapeByInfo.get(i);
  if (s === undefined) {
    const shape = i.family === 'other' || i.family === 'enum' ? i.base : i.family === 'string' || i.family === 'int' || i.family === 'exact' ? `${i.base}(${i.args.join(',')})` : i.family === 'time' ? i.base : i.family;
    shapeByInfo.set(i, (s = (i.array ? '[]' : '') + shape));
  }
  return s;
}

/**
 * Shapes by type text and type ref, for one check: a column's type info depends on its type text, its type ref and the
 * model alone, and `colInfo` of columns outside the table being checked fills a per-column WeakMap (7,000 entries for
 * 1,000 tables) that no table rule needs.
 */
class ShapeCache {
  private readonly plain = new Map<string, string>();
  private readonly byRef = new Map<string, Map<string, string>>();
  constructor(private readonly ctx: RuleContext) {}
  get(c: Column): string {
    let m = this.plain;
    if (c.typeRef) {
      let r = this.byRef.get(c.typeRef);
      if (!r) this.byRef.set(c.typeRef, (r = new Map()));
      m = r;
    }
    let s = m.get(c.type);
    if (s === undefined) m.set(c.type, (s = shapeOf(colInfo(this.ctx, c))));
    return s;
  }
}

interface Group {
  /** Shape of the first column with the name. */
  shape: string;
  /** Another shape occurs too. */
  mixed: boolean;
  /** All columns with the name (mixed groups only, filled by the second pass). */
  items: { t: Table; c: Column; shape: string; type: string }[] | undefined;
}

/** TYPE-13: the same column name with different types across tables. */
export const rule: Rule = {
  id: 'TYPE-13',
  slug: 'same-name-different-type',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'The same column name has different types (or widths) in different tables: joins need casts and values may not fit when copied.',
  checkModel(ctx) {
    // Pass 1, allocation-free per column: per name, its first shape and whether any other shape occurs.
    const groups = new Map<string, Group>();
    const shapes = new ShapeCache(ctx);
    let mixed = 0;
    const tables = ctx.model.tables;
    for (const id in tables) {
      const t = tables[id]!;
      if (t.partitionOf) continue;
      const cols = t.columns;
      for (let i = 0; i < cols.length; i++) {
        const c = cols[i]!;
        if (c.inherited) continue;
        const key = nameKey(c.name);
        if (!key || GENERIC.has(key)) continue;
        const shape = shapes.get(c);
        const g = groups.get(key);
        if (!g) groups.set(key, { shape, mixed: false, items: undefined });
        else if (!g.mixed && g.shape !== shape) {
          g.mixed = true;
          mixed++;
        }
      }
    }
    if (!mixed) return NONE;
    // Pass 2, only when some name has several shapes: the items of those names, in table and column order.
    for (const id in tables) {
      const t = tables[id]!;
      if (t.partitionOf) continue;
      for (const c of t.columns) {
        if (c.inherited) continue;
        const key = nameKey(c.name);
        if (!key || GENERIC.has(key)) continue;
        const g = groups.get(key)!;
        if (!g.mixed) continue;
        (g.items ??= []).push({ t, c, shape: shapes.get(c), type: c.type });
      }
    }
    const out: Finding[] = [];
    for (const [key, g] of groups) {
      if (!g.mixed) continue;
      const items = g.items!;
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
        const fix = tie || majority.usesRef ? undefined : () => retypeFix(ctx, it.t, it.c, majority.type, { using: `${qi(it.c.name)}::${majority.type}` });
        out.push(
          findingFix(rule, ctx, it.t, it.c, tie
            ? `${it.t.name}.${it.c.name} is ${it.c.type}, while other tables use other types for ${key}.`
            : `${it.t.name}.${it.c.name} is ${it.c.type}, while ${bestN} other column${bestN > 1 ? 's' : ''} named ${key} ${bestN > 1 ? 'are' : 'is'} ${majority.type}.`,
            'Columns with the same name usually hold the same thing. Different types force casts in joins (which can stop index use), truncate or reject values copied between tables, and hint that one of them is wrong.',
            fix, important ? 'warning' : 'info'),
        );
      }
    }
    return out;
  },
};
