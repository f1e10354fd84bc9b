/** Helpers shared by SET and SELECT set_config(): search_path parsing and verbatim settings. */
import type { ImportContext } from '../context';
import { parseQualifiedLiteral } from '../expr';
import type { StatementInfo } from '../statement';

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

/** Keep a setting statement verbatim: before all objects if none was seen yet. */
export function keepSetting(stmt: StatementInfo, ctx: ImportContext, label: string): void {
  ctx.keepRaw(stmt, { label, phase: ctx.sawObject ? 'main' : 'pre' });
}
