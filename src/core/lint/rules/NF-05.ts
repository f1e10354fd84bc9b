import type { Finding, Rule } from '../types';
import { memoByString, singular } from '../helpers/names';
import { NONE, colRef, finding, rawTokens, rawTokensShared } from './idx-nf-util';

/** Prefixes that are qualifiers, audit or role words, not embedded entities. */
const NOT_ENTITY = new Set([
  'created', 'updated', 'modified', 'deleted', 'archived', 'inserted', 'changed', 'is', 'has', 'can', 'should', 'was', 'last', 'first',
  'next', 'prev', 'previous', 'max', 'min', 'avg', 'num', 'total', 'default', 'primary', 'secondary', 'external', 'internal', 'date',
  'time', 'start', 'end', 'valid', 'old', 'new', 'current', 'display', 'sort', 'meta', 'search', 'raw', 'full', 'short', 'long', 'legal',
  'public', 'private', 'estimated', 'actual', 'expected', 'planned', 'local', 'utc', 'source', 'target', 'from', 'to', 'in', 'out',
]);
/** Value-object groups: info, suggest NF-07 or a composite type. */
const VALUE_OBJECT = new Set(['billing', 'shipping', 'mailing', 'postal', 'delivery', 'home', 'work', 'geo', 'gps', 'price', 'amount', 'address', 'location', 'coord', 'dimension', 'size', 'money', 'cost']);

const ID_TOKENS: ReadonlySet<string> = new Set(['id', 'ids', 'uuid']);
const singularM = memoByString(singular);

/** Only lower-case ASCII letters and digits: one token at most (no separator, no camel hump), so no cluster member. */
function oneLowerWord(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name.charCodeAt(i);
    if (!((ch >= 97 && ch <= 122) || (ch >= 48 && ch <= 57))) return false;
  }
  return true;
}

/**
 * NF-05 (3NF): at least 3 columns share a leading token `<p>_` that is not the table's own stem and not an
 * audit/role/qualifier prefix (orders.customer_name, customer_email, customer_phone). `<p>_id` itself is not
 * counted. Warning when `<p>` names an existing table; info otherwise, and for value-object groups
 * (billing_*, shipping_*, geo_*, price_*) and log tables (snapshots are their job). No one-click fix: the new table
 * needs its key and backfill designed by a person.
 */
export const rule: Rule = {
  id: 'NF-05',
  slug: 'embedded-entity-prefix-cluster',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'Several columns describing another thing (customer_name, customer_email, customer_phone). That thing is probably an entity of its own.',
  checkTable(t, ctx) {
    // Most tables have fewer than 3 columns that could join a cluster: counted first, with nothing allocated.
    const ownTk = ctx.helpers.tokenize(t.name);
    let candidates = 0;
    for (let i = 0; i < t.columns.length; i++) {
      const name = t.columns[i]!.name;
      if (oneLowerWord(name)) continue;
      const tk = rawTokensShared(name);
      if (tk.length < 2) continue;
      const p = tk[0]!;
      if (NOT_ENTITY.has(p) || (tk.length === 2 && ID_TOKENS.has(tk[1]!)) || ownTk.includes(singularM(p))) continue;
      candidates++;
    }
    if (candidates < 3) return NONE;
    const own = new Set(ctx.helpers.tokenize(t.name));
    const clusters = new Map<string, typeof t.columns>();
    for (const c of t.columns) {
      const tk = rawTokens(c.name);
      if (tk.length < 2) continue;
      const p = tk[0]!;
      if (NOT_ENTITY.has(p) || own.has(ctx.helpers.names.singular(p)) || /^(id|ids|uuid)$/.test(tk.slice(1).join('_'))) continue;
      let l = clusters.get(p);
      if (!l) clusters.set(p, (l = []));
      l.push(c);
    }
    const out: Finding[] = [];
    for (const [p, cols] of clusters) {
      if (cols.length < 3) continue;
      const stem = ctx.helpers.names.singular(p);
      const table = ctx.helpers.tablesByStem(stem).find((x) => x.id !== t.id);
      const valueObject = VALUE_OBJECT.has(stem);
      const severity = table && !valueObject && ctx.role(t) !== 'log' ? 'warning' : 'info';
      const names = cols.map((c) => c.name).join(', ');
      out.push(
        finding(
          'NF-05',
          severity,
          colRef(ctx, t, cols[0]!),
          table
            ? `${t.name} embeds ${cols.length} ${p}_* columns (${names}) although table ${table.name} exists.`
            : `${t.name} has ${cols.length} ${p}_* columns (${names}).`,
          valueObject || !table
            ? `If ${p} is a value (an address, a coordinate, an amount with currency), keep it, or make it a composite type or a shared table when it repeats across tables (NF-07). If it is a thing with its own identity, give it a table and reference it.`
            : `These columns describe a ${stem}, not a ${ctx.helpers.tableStem(t)}: the same ${stem} is repeated on every row and drifts. Reference ${table.name} with a ${stem}_id and read the values through it (see NF-04 for copied columns).`,
        ),
      );
    }
    return out;
  },
};
export default rule;
