import type { Column } from '../../model/types';
import type { Finding, Rule } from '../types';
import { addCheckFix, checkName, checksOn, colInfo, finding, mentions, qi, toks } from './support.type-name-aud-sec';

const NON_NEGATIVE = /^(price|amount|cost|quantity|qty|stock|age|cents|count|subtotal|fee|tax|salary|weight)$/;
const PAIRS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^start_(.+)$/, (m) => `end_${m[1]}`],
  [/^starts_(.+)$/, (m) => `ends_${m[1]}`],
  [/^(.+)_start$/, (m) => `${m[1]}_end`],
  [/^(.+)_from$/, (m) => `${m[1]}_to`],
  [/^(.*)from$/, (m) => `${m[1]}to`],
  [/^(.*)start(.*)$/, (m) => `${m[1]}end${m[2]}`],
  [/^(.*)begin(.*)$/, (m) => `${m[1]}end${m[2]}`],
];

/** TYPE-15: a numeric or period column without the CHECK that states its invariant. */
export const rule: Rule = {
  id: 'TYPE-15',
  slug: 'missing-check-invariant',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: 'Prices, quantities and counts without a CHECK (>= 0), percentages without a range, start/end pairs without an ordering CHECK, e-mails without a format CHECK.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    let byName: Map<string, Column> | undefined;
    let allChecks: string[] | undefined;
    const why =
      'A CHECK makes the database reject impossible values (a negative price, 140 %, a booking that ends before it starts) at the source, instead of every application having to remember the rule.';
    const numeric = (c: Column) => {
      const f = colInfo(ctx, c);
      return !f.array && (f.family === 'int' || f.family === 'exact' || f.family === 'float');
    };
    for (const c of t.columns) {
      if (c.generated || c.identity) continue;
      const tk = toks(c.name);
      const last = tk[tk.length - 1] ?? '';
      if (numeric(c) && NON_NEGATIVE.test(last) && !tk.some((x) => x === 'debit' || x === 'credit' || x === 'delta' || x === 'adjustment' || x === 'change' || x === 'diff' || x === 'net')) {
        if (t.constraints.some((k) => k.kind === 'foreign' && k.columns.includes(c.id))) continue;
        if (checksOn(ctx, t, c).length) continue;
        const expr = `${qi(c.name)} >= 0`;
        out.push(finding(rule, ctx, t, c, `${t.name}.${c.name} has no CHECK; add CHECK (${expr}).`, why, { fix: () => addCheckFix(ctx, t, checkName(t, c.name), expr) }));
        continue;
      }
      if (numeric(c) && (last === 'percent' || last === 'pct' || last === 'percentage' || (tk.length === 1 && last === 'rate'))) {
        if (checksOn(ctx, t, c).length) continue;
        const expr = last === 'rate' ? `${qi(c.name)} >= 0` : `${qi(c.name)} BETWEEN 0 AND 100`;
        out.push(finding(rule, ctx, t, c, `${t.name}.${c.name} has no range CHECK; add CHECK (${expr}).`, why, { fix: () => addCheckFix(ctx, t, checkName(t, c.name), expr) }));
        continue;
      }
      const lower = c.name;
      // Every PAIRS pattern needs one of these words (a cheap test before seven regexes).
      const pairLike = lower.includes('start') || lower.includes('from') || lower.includes('begin');
      for (const [re, other] of pairLike ? PAIRS : []) {
        const m = re.exec(lower);
        if (!m) continue;
        byName ??= new Map(t.columns.map((x) => [x.name, x] as const));
        const end = byName.get(other(m));
        if (!end || end.id === c.id) continue;
        const fs = colInfo(ctx, c).family;
        if (fs !== colInfo(ctx, end).family || !['time', 'int', 'exact', 'float'].includes(fs)) break;
        allChecks ??= t.constraints.filter((k) => k.kind === 'check').map((k) => (k.kind === 'check' ? k.expr : ''));
        if (allChecks.some((e) => mentions(e, c.name) && mentions(e, end.name)) || t.constraints.some((k) => k.kind === 'exclude')) break;
        const expr = `${qi(end.name)} > ${qi(c.name)}`;
        out.push(
          finding(rule, ctx, t, end, `${t.name}.${end.name} can be before ${c.name}; add CHECK (${expr}).`, why, {
            fix: () => addCheckFix(ctx, t, checkName(t, `${c.name}_${end.name}`), expr),
          }),
        );
        break;
      }
      if (tk.length === 1 && last === 'email' && colInfo(ctx, c).family === 'string' && !colInfo(ctx, c).domain && !checksOn(ctx, t, c).length) {
        const expr = `${qi(c.name)} ~* '^[^@[:space:]]+@[^@[:space:]]+$'`;
        out.push(finding(rule, ctx, t, c, `${t.name}.${c.name} has no format CHECK.`, why, { fix: () => addCheckFix(ctx, t, checkName(t, c.name), expr, 'Add a minimal e-mail format CHECK') }));
      }
    }
    return out;
  },
};
