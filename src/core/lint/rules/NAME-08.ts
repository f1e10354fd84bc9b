import type { Column, Table } from '../../model/types';
import type { Finding, Rule } from '../types';
import { rawTokens, singular } from '../helpers/names';
import { finding, renameColumnFix } from './support.type-name-aud-sec';
import { NONE } from './support-names.type-name-aud-sec';

type Style = 'id' | 'table_id';

function pkColumn(t: Table): Column | undefined {
  const ks = t.constraints;
  for (let i = 0; i < ks.length; i++) {
    const pk = ks[i]!;
    if (pk.kind !== 'primary') continue;
    if (pk.columns.length !== 1) return undefined;
    const id = pk.columns[0];
    const cols = t.columns;
    for (let j = 0; j < cols.length; j++) if (cols[j]!.id === id) return cols[j];
    return undefined;
  }
  return undefined;
}

function styleOf(t: Table, c: Column): Style | undefined {
  if (c.name === 'id' || (c.name.length === 2 && c.name.toLowerCase() === 'id')) return 'id';
  const tk = rawTokens(t.name);
  const s = tk.map(singular).join('_');
  const variants = new Set([`${s}_id`, `${tk.join('_')}_id`, `${tk[tk.length - 1] ? singular(tk[tk.length - 1]!) : s}_id`]);
  if (variants.has(rawTokens(c.name).join('_'))) return 'table_id';
  return undefined;
}

/** NAME-08: some tables name their surrogate key `id`, others `<table>_id`. */
export const rule: Rule = {
  id: 'NAME-08',
  slug: 'pk-naming-inconsistent',
  group: 'NAME',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'Primary key columns are named `id` in some tables and `<table>_id` in others; use one style (the majority here).',
  checkModel(ctx) {
    // Counted first; the findings (and their rows) are only made when the styles are mixed.
    const tables = Object.values(ctx.model.tables);
    let nId = 0;
    let nT = 0;
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i]!;
      if (t.partitionOf) continue;
      const c = pkColumn(t);
      const s = c && styleOf(t, c);
      if (s === 'id') nId++;
      else if (s) nT++;
    }
    if (!nId || !nT || nId === nT) return NONE;
    const major: Style = nId > nT ? 'id' : 'table_id';
    const out: Finding[] = [];
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i]!;
      if (t.partitionOf) continue;
      const c = pkColumn(t);
      const s = c && styleOf(t, c);
      if (!c || !s || s === major) continue;
      const to = major === 'id' ? 'id' : `${rawTokens(t.name).map(singular).join('_')}_id`;
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} is the primary key, but most tables call theirs ${major === 'id' ? 'id' : '<table>_id'}; rename it to ${to}.`,
          'One key-naming style lets people and tools write joins without looking up each table, and keeps generated code uniform.',
          { fix: () => renameColumnFix(ctx, t, c, to) }),
      );
    }
    return out;
  },
};
