/**
 * Names PostgreSQL chooses for objects created without one (constraints, indexes, identity sequences, PG18 NOT NULL
 * constraints). The migration needs them to drop such objects, and to rename them when their table or column is
 * renamed (otherwise the result would differ from a fresh export of the target).
 */
import type { Column, Constraint, Index, Table } from '../model/types';

const NAMEDATALEN = 64;

/** UTF-8 byte length without an encoder (hot: called for every implied name). */
function bytes(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff) i++, (n += 2); // surrogate pair: 4 bytes for 2 UTF-16 units
    else n += 2;
  }
  return n;
}

function clipBytes(s: string, n: number): string {
  if (s.length <= n && bytes(s) <= n) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const b = bytes(ch);
    if (used + b > n) break;
    out += ch;
    used += b;
  }
  return out;
}

/** PostgreSQL's makeObjectName(): name1[_name2][_label], parts truncated to fit 63 bytes. */
export function makeObjectName(name1: string, name2: string | undefined, label: string | undefined): string {
  let overhead = 0;
  if (label) overhead += bytes(label) + 1;
  if (name2) overhead += 1;
  const avail = NAMEDATALEN - 1 - overhead;
  let l1 = bytes(name1);
  let l2 = name2 ? bytes(name2) : 0;
  while (l1 + l2 > avail) {
    if (l1 > l2) l1--;
    else l2--;
  }
  let s = clipBytes(name1, l1);
  if (name2) s += '_' + clipBytes(name2, l2);
  if (label) s += '_' + label;
  return s;
}

function colNames(t: Table, ids: readonly string[]): string[] {
  return ids.map((id) => t.columns.find((c) => c.id === id)?.name ?? '?');
}

/** ChooseIndexNameAddition / ChooseForeignKeyConstraintNameAddition: names joined by `_`, capped at NAMEDATALEN. */
function addition(names: string[]): string {
  let buf = '';
  for (const n of names) {
    if (buf) buf += '_';
    buf += n;
    if (bytes(buf) >= NAMEDATALEN) break;
  }
  return clipBytes(buf, NAMEDATALEN - 1);
}

/** Column name PostgreSQL derives for an index expression (FigureIndexColname: function name, else `expr`). */
function exprColname(expr: string): string {
  const m = /^\s*\(*\s*(?:"?[A-Za-z_][\w$]*"?\s*\.\s*)?"?([A-Za-z_][\w$]*)"?\s*\(/.exec(expr);
  if (m && !/^(row|array|case|cast)$/i.test(m[1]!)) return m[1]!.toLowerCase() === m[1] ? m[1]! : m[1]!.toLowerCase();
  const cast = /^\s*\(*\s*cast\s*\(/i.test(expr);
  return cast ? 'expr' : 'expr';
}

function referencedColumns(t: Table, expr: string): string[] {
  const found: string[] = [];
  const text = expr.replace(/'(?:[^']|'')*'/g, ' ');
  for (const c of t.columns) {
    const esc = c.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = /^[a-z_][a-z0-9_$]*$/.test(c.name) ? new RegExp(`(^|[^\\w$."])${esc}($|[^\\w$"(])`, 'i') : new RegExp(`"${esc.replace(/"/g, '""')}"`);
    if (re.test(text)) found.push(c.name);
  }
  return found;
}

/** The name PostgreSQL gives an unnamed table constraint (without the uniqueness suffix). */
export function impliedConstraintName(t: Table, c: Constraint): string | undefined {
  switch (c.kind) {
    case 'primary':
      return makeObjectName(t.name, undefined, 'pkey');
    case 'unique':
      return makeObjectName(t.name, addition(colNames(t, c.columns)), 'key');
    case 'foreign':
      return makeObjectName(t.name, addition(colNames(t, c.columns)), 'fkey');
    case 'check': {
      const cols = referencedColumns(t, c.expr);
      return makeObjectName(t.name, cols.length === 1 ? cols[0] : undefined, 'check');
    }
    case 'exclude': {
      const m = /\(([^()]*(?:\([^()]*\)[^()]*)*)\)/.exec(c.definition);
      const names: string[] = [];
      for (const part of (m?.[1] ?? '').split(',')) {
        const w = /^\s*"?([A-Za-z_][\w$]*)"?\s+with\b/i.exec(part);
        names.push(w ? w[1]! : 'expr');
      }
      return makeObjectName(t.name, addition(names), 'excl');
    }
  }
}

/** The name of a table constraint as it is in the database (its own, or the one PostgreSQL chose). */
export function constraintName(t: Table, c: Constraint): string | undefined {
  if (c.name) return c.name;
  return constraintNames(t, c).get(c);
}

/**
 * The database names of the table's constraints, in one pass (each unnamed one gets the implied name, with the
 * number PostgreSQL adds when an earlier constraint or a NOT NULL constraint of the table took it). `upTo`: stop
 * after this constraint (it is named even when it is not in the table).
 */
export function constraintNames(t: Table, upTo?: Constraint): Map<Constraint, string | undefined> {
  const out = new Map<Constraint, string | undefined>();
  const taken = new Set<string>();
  for (const col of t.columns) if (!col.nullable || col.identity) taken.add(notNullName(t, col));
  const choose = (c: Constraint): string | undefined => {
    if (c.name) return c.name;
    const base = impliedConstraintName(t, c);
    if (!base || !taken.has(base)) return base;
    const label = base.slice(base.lastIndexOf('_') + 1);
    const head = base.slice(0, base.lastIndexOf('_'));
    for (let i = 1; i < 100; i++) {
      const n = makeObjectName(head, undefined, label + i);
      if (!taken.has(n)) return n;
    }
    return base;
  };
  for (const o of t.constraints) {
    const n = choose(o);
    out.set(o, n);
    if (o === upTo) return out;
    if (n) taken.add(n);
  }
  if (upTo && !out.has(upTo)) out.set(upTo, choose(upTo));
  return out;
}

/** Name of an index as it is in the database. */
export function indexName(t: Table | { name: string; columns: Column[] }, ix: Index): string {
  if (ix.name) return ix.name;
  const names = ix.elements.map((e) => (e.column !== undefined ? t.columns.find((c) => c.id === e.column)?.name ?? '?' : exprColname(e.expr ?? '')));
  return makeObjectName(t.name, addition(names), 'idx');
}

/** PG18: the NOT NULL constraint of a column. */
export function notNullName(t: Table, c: Column): string {
  return makeObjectName(t.name, c.name, 'not_null');
}

/** The sequence behind an identity column. */
export function identitySequenceName(t: Table, c: Column): { schema?: string; name: string } {
  if (c.identity?.options.sequenceName) return c.identity.options.sequenceName;
  return { name: makeObjectName(t.name, c.name, 'seq') };
}
