import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { expectedType, type ExpectedType } from '../helpers/names';
import type { ElementFamily } from '../helpers/types';
import { colInfo, finding, qi, retypeFix, toks } from './support.type-name-aud-sec';

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

/** `<x>_id` typed text while the table it names has an integer or uuid key. */
function idMismatch(t: Table, c: Column, ctx: RuleContext): { target: Table; type: string } | undefined {
  const tk = toks(c.name);
  if (tk.length < 2 || tk[tk.length - 1] !== 'id') return undefined;
  const stem = ctx.helpers.tokenize(tk.slice(0, -1).join('_')).join('_');
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

/** TYPE-10: the name implies another type than the declared one. */
export const rule: Rule = {
  id: 'TYPE-10',
  slug: 'name-implies-other-type',
  group: 'TYPE',
  defaultSeverity: 'warning',
  scope: 'column',
  description: 'The column name implies a type (dates, booleans, numbers, uuids, addresses) that disagrees with the declared type.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const fkCols = ctx.helpers.fkColumnIds(t);
    for (const c of t.columns) {
      if (c.generated) continue;
      const info = colInfo(ctx, c);
      if (info.array || info.family === 'other' || info.family === 'enum') continue;
      const e = expectedType(c.name);
      if (!e) {
        if (info.family === 'string' && !fkCols.has(c.id)) {
          const m = idMismatch(t, c, ctx);
          if (m) {
            const fix = info.domain ? undefined : retypeFix(ctx, t, c, m.type, { using: `${qi(c.name)}::${m.type}` });
            out.push(finding(rule, ctx, t, c, `${t.name}.${c.name} is ${c.type} but ${m.target.name} is keyed by ${m.type}; use ${m.type}.`, WHY, { fix }));
          }
        }
        continue;
      }
      if (OK[e.kind].includes(info.family)) continue;
      const tk = toks(c.name);
      // `year` used as a label (text) is fine.
      if (e.kind === 'count' && tk.length === 1 && tk[0] === 'year' && info.family === 'string') continue;
      // Epoch-integer timestamp designs: a deliberate choice, worth a note only.
      const epoch = e.kind === 'timestamp' && (info.family === 'int' || info.family === 'exact');
      const to = e.kind === 'money' ? 'numeric(12,2)' : e.type;
      const fix = info.domain ? undefined : retypeFix(ctx, t, c, to, { using: usingFor(e, c, info.family) });
      out.push(
        finding(rule, ctx, t, c, `${t.name}.${c.name} looks like ${e.kind === 'timestamp' ? 'a point in time' : e.kind === 'bool' ? 'a yes/no flag' : `a${/^[aeiou]/.test(e.kind) ? 'n' : ''} ${e.kind} value`} but is ${c.type}; use ${to}.`, WHY, {
          severity: epoch ? 'info' : undefined,
          fix,
        }),
      );
    }
    return out;
  },
};
