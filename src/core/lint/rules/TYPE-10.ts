import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { expectedType, memoByString, tokenize, type ExpectedType } from '../helpers/names';
import type { ElementFamily, TypeInfo } from '../helpers/types';
import { addFinding, colInfo, findingFix, NONE, qi, retypeFix, toks } from './support.type-name-aud-sec';

/** Declared families that agree with each expectation. */
const OK: Record<ExpectedType['kind'], ElementFamily[]> = {
  timestamp: ['time'],
  date: ['time'],
  bool: ['bool'],
  count: ['int', 'exact', 'float'],
  money: ['exact', 'int', 'float'],
  cents: ['int', 'exact', 'float'],
  uuid: ['uuid'],
  ip: ['net'],
  email: ['string'],
  url: ['string'],
  json: ['json'],
};

function okFamily(kind: ExpectedType['kind'], family: ElementFamily): boolean {
  const ok = OK[kind];
  for (let i = 0; i < ok.length; i++) if (ok[i] === family) return true;
  return false;
}

function usingFor(e: ExpectedType, c: Column, from: ElementFamily): string {
  const q = qi(c.name);
  switch (e.kind) {
    case 'bool':
      return from === 'int' || from === 'exact' ? `(${q} <> 0)` : `(lower(${q}::text) IN ('1', 't', 'true', 'y', 'yes', 'on'))`;
    case 'timestamp':
      return from === 'int' || from === 'exact' || from === 'float' ? `to_timestamp(${q})` : `${q}::timestamptz`;
    case 'date':
      return `${q}::date`;
    case 'count':
      return `${q}::integer`;
    case 'cents':
      return `${q}::bigint`;
    case 'money':
      return `${q}::numeric`;
    case 'uuid':
      return `${q}::uuid`;
    case 'ip':
      return `${q}::inet`;
    case 'json':
      return `${q}::jsonb`;
    default:
      return `${q}::text`;
  }
}

const WHY =
  'The name promises one kind of value and the type allows another: text holds "2024-13-45" or "yes", integers hold 7 as a boolean. The database can no longer validate, compare, sort or index the values as what they are, and every reader must parse them.';

/** The table stem an `<x>_id` name points at (`customer_id` → `customer`); cached per name. */
const idStem = memoByString((name: string) => tokenize(toks(name).slice(0, -1).join('_')).join('_'));

/** `<x>_id` typed text while the table it names has an integer or uuid key. */
function idMismatch(t: Table, c: Column, ctx: RuleContext): { target: Table; type: string } | undefined {
  const tk = toks(c.name);
  if (!endsWithId(tk)) return undefined;
  const stem = idStem(c.name);
  for (const target of ctx.helpers.tablesByStem(stem)) {
    if (target.id === t.id) continue;
    const pk = target.constraints.find((k) => k.kind === 'primary');
    if (!pk || pk.columns.length !== 1) continue;
    const pc = target.columns.find((x) => x.id === pk.columns[0]);
    if (!pc) continue;
    const fam = colInfo(ctx, pc).family;
    if (fam === 'int' || fam === 'uuid') return { target, type: fam === 'uuid' ? 'uuid' : colInfo(ctx, pc).base };
  }
  return undefined;
}

/** `<x>_id`: at least two name tokens, the last `id` (idMismatch needs it). */
function endsWithId(tk: readonly string[]): boolean {
  return tk.length >= 2 && tk[tk.length - 1] === 'id';
}

/** TYPE-10: the name implies another type than the declared one. */
export const rule: Rule = {
  id: 'TYPE-10',
  slug: 'name-implies-other-type',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'The column name implies a type (dates, booleans, numbers, uuids, addresses) that disagrees with the declared type.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (c.generated) continue;
      const info = colInfo(ctx, c);
      if (info.array || info.family === 'other' || info.family === 'enum') continue;
      const e = expectedType(c.name);
      if (!e) {
        // Only `<x>_id` names can mismatch: test the name before asking for the table's FK columns.
        if (info.family === 'string' && endsWithId(toks(c.name)) && !ctx.helpers.fkColumnIds(t).has(c.id)) {
          const m = idMismatch(t, c, ctx);
          if (m) out = addFinding(out, reportId(ctx, t, c, info, m));
        }
        continue;
      }
      if (okFamily(e.kind, info.family)) continue;
      const tk = toks(c.name);
      // `year` used as a label (text) is fine.
      if (e.kind === 'count' && tk.length === 1 && tk[0] === 'year' && info.family === 'string') continue;
      out = addFinding(out, report(ctx, t, c, info, e));
    }
    return out ?? NONE;
  },
};

/** The findings (built only when there is one: checkTable itself creates no closures). */
function reportId(ctx: RuleContext, t: Table, c: Column, info: TypeInfo, m: { target: Table; type: string }): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type} but ${m.target.name} is keyed by ${m.type}; use ${m.type}.`, WHY,
    info.domain ? undefined : () => retypeFix(ctx, t, c, m.type, { using: `${qi(c.name)}::${m.type}` }));
}
function report(ctx: RuleContext, t: Table, c: Column, info: TypeInfo, e: ExpectedType): Finding {
  // Epoch-integer timestamp designs: a deliberate choice, worth a note only.
  const epoch = e.kind === 'timestamp' && (info.family === 'int' || info.family === 'exact');
  const to = e.kind === 'money' ? 'numeric(12,2)' : e.type;
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} looks like ${e.kind === 'timestamp' ? 'a point in time' : e.kind === 'bool' ? 'a yes/no flag' : `a${/^[aeiou]/.test(e.kind) ? 'n' : ''} ${e.kind} value`} but is ${c.type}; use ${to}.`, WHY,
    info.domain ? undefined : () => retypeFix(ctx, t, c, to, { using: usingFor(e, c, info.family) }), epoch ? 'info' : undefined);
}
