/** SET / set_config(): search_path goes to the context, other settings are kept verbatim. */
import type { ImportContext } from '../context';
import { parseQualifiedLiteral } from '../expr';
import type { StatementInfo } from '../statement';
import { nameList } from '../types';
import type { Converter } from './shared';

/** Parse a search_path string value: `a, "B", public`. */
export function parseSearchPath(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQ = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (inQ) {
      if (ch === '"' && value[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') inQ = false;
      else cur += ch;
    } else if (ch === '"') inQ = true;
    else if (ch === ',') {
      out.push(cur.trim());
      cur = '';
    } else cur += ch.toLowerCase();
  }
  if (cur.trim() || out.length) out.push(cur.trim());
  void parseQualifiedLiteral;
  return out.filter((s) => s !== '');
}

function keepSetting(stmt: StatementInfo, ctx: ImportContext, label: string): void {
  ctx.keepRaw(stmt, { label, phase: ctx.sawObject ? 'main' : 'pre' });
}

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
