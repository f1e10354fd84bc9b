import type { Column, Table } from '../../model/types';
import type { Finding, Rule } from '../types';
import { rawTokens, singular } from '../helpers/names';
import { finding, renameColumnFix } from './support.type-name-aud-sec';

type Style = 'id' | 'table_id';

function pkColumn(t: Table): Column | undefined {
  const pk = t.constraints.find((k) => k.kind === 'primary');
  if (!pk || pk.columns.length !== 1) return undefined;
  return t.columns.find((c) => c.id === pk.columns[0]);
}

function styleOf(t: Table, c: Column): Style | undefined {
  const n = c.name.toLowerCase();
  if (n === 'id') return 'id';
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
    const rows: { t: Table; c: Column; s: Style }[] = [];
    for (const t of Object.values(ctx.model.tables)) {
      if (t.partitionOf) continue;
      const c = pkColumn(t);
      const s = c && styleOf(t, c);
      if (c && s) rows.push({ t, c, s });
    }
    const nId = rows.filter((r) => r.s === 'id').length;
    const nT = rows.length - nId;
    if (!nId || !nT || nId === nT) return [];
    const major: Style = nId > nT ? 'id' : 'table_id';
    const out: Finding[] = [];
    for (const r of rows) {
      if (r.s === major) continue;
      const to = major === 'id' ? 'id' : `${rawTokens(r.t.name).map(singular).join('_')}_id`;
      out.push(
        finding(rule, ctx, r.t, r.c, `${r.t.name}.${r.c.name} is the primary key, but most tables call theirs ${major === 'id' ? 'id' : '<table>_id'}; rename it to ${to}.`,
          'One key-naming style lets people and tools write joins without looking up each table, and keeps generated code uniform.',
          { fix: () => renameColumnFix(ctx, r.t, r.c, to) }),
      );
    }
    return out;
  },
};
