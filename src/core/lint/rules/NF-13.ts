import type { Finding, Rule } from '../types';
import { colRef, finding } from './idx-nf-util';

const GENERIC = /^(value|val|data|misc|other|others|extra|stuff|info|field|column|col|attr|generic|temp|tmp)\d*$|^(field|extra|misc|custom|col|attr|other|value|data)_?\d+$/i;

/**
 * NF-13: generic column names (value, data, field1, misc, other, extra1) or two meanings joined in one name
 * (start_or_birth_date, *_or_*). Exempt: `value` / `val` in a measurement table with a unit column, columns of
 * key/value tables (NF-09 covers those). No one-click fix (splitting needs to know the meanings).
 */
export const rule: Rule = {
  id: 'NF-13',
  slug: 'multipurpose-column',
  group: 'NF',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A column with a generic name (value, data, misc, field1) or two meanings in one name (start_or_birth_date). Its meaning depends on context nobody can check.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const names = new Set(t.columns.map((c) => c.name.toLowerCase()));
    const measurement = ['unit', 'units', 'uom', 'unit_of_measure', 'unit_id', 'metric', 'measure'].some((n) => names.has(n));
    const keyValue = ['key', 'name', 'attribute', 'attr', 'property', 'field', 'setting', 'param'].some((n) => names.has(n));
    for (const c of t.columns) {
      const n = c.name.toLowerCase();
      const or = /(^|_)or(_|$)/.test(n) && !/^or_|_or$/.test(n);
      if (!or && !GENERIC.test(n)) continue;
      if (!or && /^(value|val)$/.test(n) && (measurement || keyValue)) continue;
      out.push(
        finding(
          'NF-13',
          'info',
          colRef(ctx, t, c),
          or ? `${t.name}.${c.name} holds two meanings in one column.` : `${t.name}.${c.name} has a generic name that does not say what it holds.`,
          or
            ? 'A column that means one thing in some rows and another thing in others cannot have one type, one CHECK or one clear name; queries must guess which meaning applies. Split it into explicit columns.'
            : 'Generic names hide what a column holds, so its type and constraints cannot match a meaning, and its use tends to change over time. Rename it after what it holds, or split it.',
        ),
      );
    }
    return out;
  },
};
export default rule;
