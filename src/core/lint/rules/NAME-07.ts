import type { Table } from '../../model/types';
import type { Finding, Rule } from '../types';
import { finding } from './support.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

const BAD_COLUMN = /^(data|info|misc|temp|tmp|foo|bar|baz|qux|stuff|thing|things|test|dummy|blah|xxx|col|column|field|value\d+|col_?\d+|column_?\d+|field_?\d+|attr_?\d+|var_?\d+|new_column(_\d+)?|unnamed(_\d+)?)$/i;
const BAD_TABLE = /^(table_?\d*|test|tests|testing|foo|bar|tmp|temp|new_table(_\d+)?|untitled(_\d+)?)$|^(tmp|temp)_|_(old|bak|backup|copy|new|tmp|temp)(_?\d+)?$/i;

/** NAME-07: meaningless or temporary names. */
export const rule: Rule = {
  id: 'NAME-07',
  slug: 'meaningless-or-temporary-name',
  group: 'NAME',
  defaultSeverity: 'info',
  scope: 'column',
  description: 'Names that say nothing (data, info, misc, col1, x) or look like leftovers (tmp_*, *_old, *_bak, *_copy, table1).',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    if (BAD_TABLE.test(t.name)) out = add(out, finding(rule, ctx, t, undefined, `Table ${t.name} looks like a temporary or leftover table; rename it or drop it.`, why));
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.inherited) continue;
      const name = c.name;
      // Every name the rule reports is a BAD_COLUMN word or one character long: skip the rest without lowercasing.
      if (name.length >= 2 && !BAD_COLUMN.test(name)) continue;
      const n = name.toLowerCase();
      const geometry = (n === 'x' || n === 'y' || n === 'z') && (hasColumn(t, 'x') || hasColumn(t, 'y')) && (n !== 'x' || hasColumn(t, 'y')) && (n !== 'y' || hasColumn(t, 'x'));
      if (geometry) continue;
      if (BAD_COLUMN.test(n) || (n.length < 2 && n !== 'id')) out = add(out, finding(rule, ctx, t, c, `Column ${t.name}.${c.name} has a name that does not say what it holds.`, why));
    }
    return out ?? NONE;
  },
};

const why = 'A name is the only documentation most readers see. Vague names force everyone to inspect the data to learn what a column means, and leftover tables (tmp_, _old, _bak) confuse and outlive their purpose.';

/** Does the table have a column named `lower` (a one-letter lowercase name), in any case? */
function hasColumn(t: Table, lower: string): boolean {
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) {
    const n = cols[i]!.name;
    if (n.length === lower.length && n.toLowerCase() === lower) return true;
  }
  return false;
}
