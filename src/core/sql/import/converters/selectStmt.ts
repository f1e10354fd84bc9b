/** Top-level SELECT: set_config() calls (search_path goes to the context), setval() and others kept verbatim. */
import { nameList } from '../types';
import { keepSetting, parseSearchPath } from './settings';
import type { Converter } from './shared';

export const convertSelect: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const targets: any[] = n.targetList ?? [];
  const onlySetConfig =
    !n.fromClause?.length &&
    targets.length > 0 &&
    targets.every((t) => {
      const f = t.ResTarget?.val?.FuncCall;
      const names = nameList(f?.funcname);
      return names[names.length - 1] === 'set_config' && (names.length === 1 || names[0] === 'pg_catalog');
    });
  if (onlySetConfig) {
    let other = false;
    for (const t of targets) {
      const args = t.ResTarget.val.FuncCall.args ?? [];
      const name = args[0]?.A_Const?.sval?.sval;
      const value = args[1]?.A_Const?.sval?.sval;
      if (name === 'search_path' && typeof value === 'string') ctx.setSearchPath(parseSearchPath(value));
      else other = true;
    }
    if (other) keepSetting(stmt, ctx, 'set_config(...)');
    return;
  }
  const fname = nameList(targets[0]?.ResTarget?.val?.FuncCall?.funcname).pop();
  if (fname === 'setval') {
    ctx.keepRaw(stmt, { label: 'setval(...)', note: 'sequence value (data) kept verbatim' });
    return;
  }
  ctx.keepRaw(stmt, { label: 'SELECT statement' });
};
