/** SET / RESET: search_path goes to the context, other settings are kept verbatim. */
import { keepSetting, parseSearchPath } from './settings';
import type { Converter } from './shared';

export const convertVariableSet: Converter = (stmt, ctx) => {
  const n = stmt.node;
  if (n.name === 'search_path') {
    if (n.kind === 'VAR_SET_VALUE') {
      const vals = (n.args ?? []).map((a: any) => a?.A_Const?.sval?.sval ?? a?.String?.sval ?? '');
      ctx.setSearchPath(vals.flatMap((v: string) => (v.includes(',') ? parseSearchPath(v) : [v])));
    } else {
      ctx.searchPath = ['public'];
      ctx.explicitSearchPath = false;
    }
    ctx.count('search_path');
    return;
  }
  if (n.name === 'check_function_bodies' && n.kind === 'VAR_SET_VALUE') {
    const v = String(n.args?.[0]?.A_Const?.sval?.sval ?? n.args?.[0]?.A_Const?.boolval?.boolval ?? '').toLowerCase();
    // Every export starts with `SET check_function_bodies = false`; keeping it would duplicate it on each round trip.
    if (v === 'false' || v === 'off' || v === '0' || v === 'no') {
      ctx.count('check_function_bodies');
      return;
    }
  }
  keepSetting(stmt, ctx, n.kind === 'VAR_RESET' || n.kind === 'VAR_RESET_ALL' ? `reset ${n.name ?? 'all'}` : `set ${n.name ?? ''}`);
};
