import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { addCheckFix, addFinding, checkName, colInfo, findingFix, hasCheckOn, mentions, NONE, qi, toks } from './support.type-name-aud-sec';

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
    let out: Finding[] | undefined;
    // Lookups for start / end pairs, built when a pair-like name needs them.
    let pairs: PairLookups | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.generated || c.identity) continue;
      const tk = toks(c.name);
      const last = tk[tk.length - 1] ?? '';
      if (numeric(ctx, c) && NON_NEGATIVE.test(last) && !anySigned(tk)) {
        if (inForeignKey(t, c)) continue;
        if (hasCheckOn(ctx, t, c)) continue;
        out = addFinding(out, nonNegativeFinding(ctx, t, c));
        continue;
      }
      if (numeric(ctx, c) && (last === 'percent' || last === 'pct' || last === 'percentage' || (tk.length === 1 && last === 'rate'))) {
        if (hasCheckOn(ctx, t, c)) continue;
        out = addFinding(out, rangeFinding(ctx, t, c, last));
        continue;
      }
      const lower = c.name;
      // Every PAIRS pattern needs one of these words (a cheap test before seven regexes).
      if (lower.includes('start') || lower.includes('from') || lower.includes('begin')) {
        const f = pairFinding(ctx, t, c, (pairs ??= { byName: undefined, allChecks: undefined }));
        if (f) out = addFinding(out, f);
      }
      if (tk.length === 1 && last === 'email' && colInfo(ctx, c).family === 'string' && !colInfo(ctx, c).domain && !hasCheckOn(ctx, t, c)) {
        out = addFinding(out, emailFinding(ctx, t, c));
      }
    }
    return out ?? NONE;
  },
};

// The findings are built outside checkTable, so that it creates no closures (and no context for them) per table.

function nonNegativeFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  const expr = `${qi(c.name)} >= 0`;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} has no CHECK; add CHECK (${expr}).`, WHY, () => addCheckFix(ctx, t, checkName(t, c.name), expr));
}

function rangeFinding(ctx: RuleContext, t: Table, c: Column, last: string): Finding {
  const expr = last === 'rate' ? `${qi(c.name)} >= 0` : `${qi(c.name)} BETWEEN 0 AND 100`;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} has no range CHECK; add CHECK (${expr}).`, WHY, () => addCheckFix(ctx, t, checkName(t, c.name), expr));
}

function emailFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  const expr = `${qi(c.name)} ~* '^[^@[:space:]]+@[^@[:space:]]+$'`;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} has no format CHECK.`, WHY, () => addCheckFix(ctx, t, checkName(t, c.name), expr, 'Add a minimal e-mail format CHECK'));
}

interface PairLookups {
  byName: Map<string, Column> | undefined;
  allChecks: string[] | undefined;
}

/** The start / end pair that `c` starts, when its end can be before it (first matching pattern only). */
function pairFinding(ctx: RuleContext, t: Table, c: Column, p: PairLookups): Finding | undefined {
  const lower = c.name;
  for (const [re, other] of PAIRS) {
    const m = re.exec(lower);
    if (!m) continue;
    p.byName ??= new Map(t.columns.map((x) => [x.name, x] as const));
    const end = p.byName.get(other(m));
    if (!end || end.id === c.id) continue;
    const fs = colInfo(ctx, c).family;
    if (fs !== colInfo(ctx, end).family || !['time', 'int', 'exact', 'float'].includes(fs)) return undefined;
    p.allChecks ??= t.constraints.filter((k) => k.kind === 'check').map((k) => (k.kind === 'check' ? k.expr : ''));
    if (p.allChecks.some((e) => mentions(e, c.name) && mentions(e, end.name)) || t.constraints.some((k) => k.kind === 'exclude')) return undefined;
    const expr = `${qi(end.name)} > ${qi(c.name)}`;
    return findingFix(rule, ctx, t, end, `${t.name}.${end.name} can be before ${c.name}; add CHECK (${expr}).`, WHY, () =>
      addCheckFix(ctx, t, checkName(t, `${c.name}_${end.name}`), expr),
    );
  }
  return undefined;
}

const WHY =
  'A CHECK makes the database reject impossible values (a negative price, 140 %, a booking that ends before it starts) at the source, instead of every application having to remember the rule.';

function numeric(ctx: RuleContext, c: Column): boolean {
  const f = colInfo(ctx, c);
  return !f.array && (f.family === 'int' || f.family === 'exact' || f.family === 'float');
}

/** Words that make a quantity signed (a debit, a delta, ...). */
function anySigned(tk: readonly string[]): boolean {
  for (let i = 0; i < tk.length; i++) {
    const x = tk[i];
    if (x === 'debit' || x === 'credit' || x === 'delta' || x === 'adjustment' || x === 'change' || x === 'diff' || x === 'net') return true;
  }
  return false;
}

function inForeignKey(t: Table, c: Column): boolean {
  const ks = t.constraints;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i]!;
    if (k.kind === 'foreign' && k.columns.includes(c.id)) return true;
  }
  return false;
}
