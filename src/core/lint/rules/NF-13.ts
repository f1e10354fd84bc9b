import type { Table } from '../../model/types';
import type { Finding, Rule } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, colRef, finding } from './idx-nf-util';

const GENERIC = /^(value|val|data|misc|other|others|extra|stuff|info|field|column|col|attr|generic|temp|tmp)\d*$|^(field|extra|misc|custom|col|attr|other|value|data)_?\d+$/i;

const OR_WORD = /(^|_)or(_|$)/;
const OR_EDGE = /^or_|_or$/;
const VALUE = /^(value|val)$/;
const OR = 1;
const GEN = 2;
const VAL = 3;
/** OR: two meanings joined by `_or_`; GEN: a generic name; VAL: `value` / `val` (generic, but exempt in some tables). Cached per name. */
const nameKind = memoByString((name: string): number => {
  const n = name.toLowerCase();
  if (OR_WORD.test(n) && !OR_EDGE.test(n)) return OR;
  if (!GENERIC.test(n)) return 0;
  return VALUE.test(n) ? VAL : GEN;
});
const MEASUREMENT: ReadonlySet<string> = new Set(['unit', 'units', 'uom', 'unit_of_measure', 'unit_id', 'metric', 'measure']);
const KEY_VALUE: ReadonlySet<string> = new Set(['key', 'name', 'attribute', 'attr', 'property', 'field', 'setting', 'param']);
/** A measurement table (a unit column) or a key/value table (a key or name column). */
function measurementOrKeyValue(t: Table): boolean {
  for (const c of t.columns) {
    const n = c.name.toLowerCase();
    if (MEASUREMENT.has(n) || KEY_VALUE.has(n)) return true;
  }
  return false;
}

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
    let out: Finding[] | undefined;
    let exempt: boolean | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const kind = nameKind(c.name);
      if (kind === 0) continue;
      const or = kind === OR;
      if (kind === VAL && (exempt ??= measurementOrKeyValue(t))) continue;
      (out ??= []).push(
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
    return out ?? NONE;
  },
};
export default rule;
