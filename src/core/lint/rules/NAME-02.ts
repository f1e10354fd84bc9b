import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { isReservedWord, memoByString } from '../helpers/names';
import { finding, renameColumnFix, renameTableFix } from './support.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

/** Memoized (names repeat across tables; the test lowercases the name). */
const reserved = memoByString(isReservedWord);

const TABLE_NAMES: Record<string, string> = { user: 'app_user', order: 'customer_order', group: 'user_group', table: 'data_table', window: 'app_window', check: 'bank_check', column: 'data_column' };
const COLUMN_NAMES: Record<string, string> = {
  desc: 'description', asc: 'ascending', default: 'is_default', primary: 'is_primary', order: 'sort_order', user: 'user_name', group: 'group_name',
  column: 'column_name', table: 'table_name', limit: 'limit_value', offset: 'offset_value', from: 'from_value', to: 'to_value', end: 'end_value',
  check: 'check_value', references: 'reference_list', unique: 'is_unique', all: 'all_values', only: 'is_only', current_date: 'current_on',
};

/** NAME-02: identifiers that are PostgreSQL reserved keywords. */
export const rule: Rule = {
  id: 'NAME-02',
  slug: 'reserved-word',
  group: 'NAME',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'A table or column named with a PostgreSQL reserved keyword (user, order, group, desc, …): it must be double-quoted everywhere.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    if (reserved(t.name)) out = add(out, tableFinding(ctx, t));
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.inherited && reserved(c.name)) out = add(out, columnFinding(ctx, t, c));
    }
    return out ?? NONE;
  },
};

const why = 'Reserved keywords can only be used as names when double-quoted, in every statement, by every tool and ORM; a forgotten quote is a syntax error or, for `user`, silently the current role name.';

function tableFinding(ctx: RuleContext, t: Table): Finding {
  const to = TABLE_NAMES[t.name.toLowerCase()] ?? `app_${t.name.toLowerCase()}`;
  return finding(rule, ctx, t, undefined, `Table ${t.name} is a reserved word in PostgreSQL; rename it (e.g. ${to}).`, why, { fix: () => renameTableFix(ctx, t, to) });
}

function columnFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  const to = COLUMN_NAMES[c.name.toLowerCase()] ?? `${c.name.toLowerCase()}_value`;
  return finding(rule, ctx, t, c, `Column ${t.name}.${c.name} is a reserved word in PostgreSQL; rename it (e.g. ${to}).`, why, { fix: () => renameColumnFix(ctx, t, c, to) });
}
