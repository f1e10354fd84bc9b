import type { Column, Id, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { memoByString } from '../helpers/names';
import { AUDIT_COLUMNS, SOFT_DELETE_COLUMNS, TENANCY_COLUMNS, cloneBase, family, finding, isFkColumn, isPkColumn, ref } from './idx-nf-util';

/** Names too generic to signal a shared group on their own. */
const GENERIC = new Set(['id', 'name', 'title', 'description', 'notes', 'note', 'comment', 'status', 'type', 'kind', 'code', 'slug', 'label', 'sort_order', 'position', 'is_active', 'active', 'enabled', 'uuid', 'key', 'value', 'data', 'metadata']);

const ID_SUFFIX = /_id$/;
/** `<lower name>:<family>` strings, one memo per family (no string built per column). */
const keyMemos = new Map<string, (n: string) => string>();
function keyString(n: string, family: string): string {
  let m = keyMemos.get(family);
  if (!m) keyMemos.set(family, (m = memoByString((x: string) => `${x}:${family}`)));
  return m(n);
}
/** The lower-case name, or undefined for names excluded from groups (audit, soft-delete, tenancy, generic, `*_id`); cached per name. */
const groupName = memoByString((name: string): string | undefined => {
  const n = name.toLowerCase();
  return AUDIT_COLUMNS.has(n) || SOFT_DELETE_COLUMNS.has(n) || TENANCY_COLUMNS.has(n) || GENERIC.has(n) || ID_SUFFIX.test(n) ? undefined : n;
});
/** The group key of a column (`street:string`), or undefined for key, FK, audit, tenancy, generic and `*_id` columns. */
function columnKey(ctx: RuleContext, t: Table, c: Column): string | undefined {
  const n = groupName(c.name);
  if (n === undefined || isPkColumn(t, c.id) || isFkColumn(ctx, t, c.id)) return undefined;
  return keyString(n, family(ctx.model, c));
}

/**
 * NF-07: at least 3 non-key, non-FK, non-audit columns with the same name and type family appear together in 2 or
 * more tables ((street, city, postal_code, country) in customers, suppliers, warehouses). Audit, tenancy and
 * soft-delete columns and very generic names are excluded; partitions and clone tables (NF-08) are skipped.
 * One finding per table and shared group. No one-click fix (a shared table or a composite type is a design choice).
 */
export const rule: Rule = {
  id: 'NF-07',
  slug: 'repeated-column-group-across-tables',
  group: 'NF',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'The same group of columns (an address, a money amount…) repeated in several tables. A shared table or a composite type keeps them consistent.',
  checkModel(ctx) {
    const tables = Object.values(ctx.model.tables).filter((t) => !t.partitionOf);
    const postings = new Map<string, Table[]>();
    // Tables with 3 or more counted columns (at most as many keys as counted columns: the others have no group).
    const wide: number[] = [];
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i]!;
      let n = 0;
      for (let j = 0; j < t.columns.length; j++) {
        const k = columnKey(ctx, t, t.columns[j]!);
        if (k === undefined) continue;
        n++;
        let l = postings.get(k);
        if (!l) postings.set(k, (l = []));
        l.push(t);
      }
      if (n >= 3) wide.push(i);
    }
    const out: Finding[] = [];
    for (let w = 0; w < wide.length; w++) {
      const t = tables[wide[w]!]!;
      const keys = new Map<string, string>();
      for (const c of t.columns) {
        const k = columnKey(ctx, t, c);
        if (k !== undefined) keys.set(k, c.name);
      }
      if (keys.size < 3) continue;
      const shared = new Map<Id, string[]>();
      for (const k of keys.keys()) {
        for (const u of postings.get(k) ?? []) {
          if (u.id === t.id) continue;
          let l = shared.get(u.id);
          if (!l) shared.set(u.id, (l = []));
          l.push(k);
        }
      }
      const base = cloneBase(t.name) ?? t.name.toLowerCase();
      const groups = new Map<string, string[]>();
      for (const [uid, ks] of shared) {
        if (ks.length < 3) continue;
        const u = ctx.model.tables[uid]!;
        if ((cloneBase(u.name) ?? u.name.toLowerCase()) === base) continue;
        const sig = [...ks].sort().join(',');
        let l = groups.get(sig);
        if (!l) groups.set(sig, (l = []));
        l.push(u.name);
      }
      for (const [sig, others] of groups) {
        const cols = sig.split(',').map((k) => keys.get(k)!);
        out.push(
          finding(
            'NF-07',
            'info',
            ref(ctx, t),
            `Columns (${cols.join(', ')}) of ${t.name} also appear together in ${others.sort().join(', ')}.`,
            'A group of columns repeated across tables is one concept copied several times: rules (lengths, CHECKs, formats) drift apart between the copies. Consider a shared table referenced by FK, or a composite type / domain for value semantics.',
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
