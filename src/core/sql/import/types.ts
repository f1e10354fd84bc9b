/** Canonical SQL type text from a libpg-query `TypeName` node. */
import { COL_NAME_KEYWORDS } from '../keywords';
import type { Id } from '../../model/types';
import { quoteIdent, quoteQName } from '../ident';
import type { ImportContext } from './context';
import { exprText } from './expr';

export interface TypeInfo {
  /** Canonical type text (see Column.type). */
  type: string;
  /** Model type id when the type is a user type of the model. */
  typeRef?: Id;
  /** serial-family pseudo type (the `type` is then the underlying integer type). */
  serial?: 'smallserial' | 'serial' | 'bigserial';
  /** Schema + name of an unresolved non-builtin type (for diagnostics). */
  unresolved?: string;
}

/** pg_catalog internal names (and their aliases) to SQL spellings. */
const CANONICAL: Record<string, string> = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  int: 'integer',
  integer: 'integer',
  smallint: 'smallint',
  bigint: 'bigint',
  float4: 'real',
  float8: 'double precision',
  real: 'real',
  bool: 'boolean',
  boolean: 'boolean',
  varchar: 'varchar',
  bpchar: 'char',
  timestamptz: 'timestamptz',
  timestamp: 'timestamp',
  timetz: 'timetz',
  time: 'time',
  interval: 'interval',
  numeric: 'numeric',
  decimal: 'numeric',
  bit: 'bit',
  varbit: 'varbit',
};

/** Built-in type names that are never user types (pg_catalog is searched first). */
const BUILTIN = new Set([
  ...Object.keys(CANONICAL),
  'text', 'name', 'char', 'date', 'json', 'jsonb', 'uuid', 'bytea', 'money', 'inet', 'cidr', 'macaddr', 'macaddr8',
  'xml', 'oid', 'regclass', 'regtype', 'regproc', 'regprocedure', 'regoper', 'regoperator', 'regconfig',
  'regdictionary', 'regnamespace', 'regrole', 'regcollation', 'tsvector', 'tsquery', 'point', 'line', 'lseg', 'box',
  'path', 'polygon', 'circle', 'int4range', 'int8range', 'numrange', 'tsrange', 'tstzrange', 'daterange',
  'int4multirange', 'int8multirange', 'nummultirange', 'tsmultirange', 'tstzmultirange', 'datemultirange', 'void',
  'record', 'trigger', 'event_trigger', 'anyelement', 'anyarray', 'anynonarray', 'anyenum', 'anyrange',
  'anymultirange', 'anycompatible', 'anycompatiblearray', 'anycompatiblerange', 'anycompatiblenonarray', 'cstring',
  'internal', 'language_handler', 'fdw_handler', 'index_am_handler', 'tsm_handler', 'table_am_handler', 'xid',
  'xid8', 'cid', 'tid', 'pg_lsn', 'txid_snapshot', 'pg_snapshot', 'refcursor', 'aclitem', 'jsonpath', 'unknown',
  'float', 'double', 'character', 'serial', 'bigserial', 'smallserial', 'serial2', 'serial4', 'serial8',
]);

const SERIALS: Record<string, { serial: 'smallserial' | 'serial' | 'bigserial'; type: string }> = {
  serial: { serial: 'serial', type: 'integer' },
  serial4: { serial: 'serial', type: 'integer' },
  bigserial: { serial: 'bigserial', type: 'bigint' },
  serial8: { serial: 'bigserial', type: 'bigint' },
  smallserial: { serial: 'smallserial', type: 'smallint' },
  serial2: { serial: 'smallserial', type: 'smallint' },
};

const INTERVAL_FIELDS: Record<number, string> = {
  4: 'year',
  2: 'month',
  8: 'day',
  1024: 'hour',
  2048: 'minute',
  4096: 'second',
  6: 'year to month',
  1032: 'day to hour',
  3080: 'day to minute',
  7176: 'day to second',
  3072: 'hour to minute',
  7168: 'hour to second',
  6144: 'minute to second',
};
const INTERVAL_FULL_RANGE = 0x7fff;

export function nameList(nodes: any[] | undefined): string[] {
  return (nodes ?? []).map((n: any) => (n?.String?.sval ?? '') as string);
}

function intOf(node: any): number | undefined {
  const v = node?.A_Const?.ival;
  if (v) return typeof v.ival === 'number' ? v.ival : 0;
  return undefined;
}

function typmodText(mods: any[]): string {
  return mods.map((m) => exprText(m)).join(',');
}

function arraySuffix(tn: any): string {
  let s = '';
  for (const b of tn.arrayBounds ?? []) {
    const n = b?.Integer?.ival;
    s += typeof n === 'number' && n >= 0 ? `[${n}]` : '[]';
  }
  return s;
}

/** Is this TypeName a serial-family pseudo type? */
export function serialOf(tn: any): (typeof SERIALS)[string] | undefined {
  const names = nameList(tn?.names);
  const last = names[names.length - 1];
  if (!last || tn.arrayBounds?.length || tn.setof || tn.pct_type) return undefined;
  if (names.length === 2 && names[0] !== 'pg_catalog') return undefined;
  if (names.length > 2) return undefined;
  return SERIALS[last];
}

/**
 * Canonical type text. User types found through the context become schema-qualified with a `typeRef`;
 * unknown types are kept as written (quoted as needed).
 */
export function typeInfo(tn: any, ctx?: ImportContext): TypeInfo {
  const names = nameList(tn?.names);
  const prefix = tn?.setof ? 'setof ' : '';
  if (tn?.pct_type) return { type: prefix + names.map(quoteIdent).join('.') + '%TYPE' };
  const ser = serialOf(tn);
  if (ser) return { type: ser.type, serial: ser.serial };
  const mods: any[] = tn?.typmods ?? [];
  const arr = arraySuffix(tn);
  const qualified = names.length === 2 && names[0] === 'pg_catalog';
  const last = names[names.length - 1] ?? '';
  if (names.length === 1 && ctx) {
    const sh = ctx.shadowingType(last);
    if (sh) {
      const info: TypeInfo = { type: prefix + quoteQName(sh) + (mods.length ? `(${typmodText(mods)})` : '') + arr };
      if (sh.typeId) info.typeRef = sh.typeId;
      return info;
    }
  }
  if (names.length === 1 || qualified) {
    let base = builtinText(last, mods, qualified);
    if (base !== undefined && ctx && ctx.searchPath.indexOf('pg_catalog') > 0) {
      // With `search_path = x, pg_catalog`, a plain identifier like `xml` or `text` could name a type in x when the
      // export replays that path: keep built-ins that are identifiers (not grammar keywords) pinned to pg_catalog.
      const word = /^"?([a-z_][a-z0-9_]*)"?(?=\(|$)/.exec(base)?.[1];
      if (word && !COL_NAME_KEYWORDS.has(word)) base = `pg_catalog.${base}`;
    }
    if (base !== undefined) return { type: prefix + base + arr };
  }
  // user type?
  const schema = names.length >= 2 ? names[names.length - 2] : undefined;
  if (ctx && names.length <= 2 && !(schema === 'pg_catalog')) {
    const t = ctx.findType(schema, last);
    if (t) {
      const text = quoteQName({ schema: ctx.schemaName(t.schemaId), name: t.name }) + (mods.length ? `(${typmodText(mods)})` : '');
      return { type: prefix + text + arr, typeRef: t.id };
    }
  }
  const written = names.map(quoteIdent).join('.') + (mods.length ? `(${typmodText(mods)})` : '');
  const info: TypeInfo = { type: prefix + written + arr };
  if (!qualified && !(names.length === 1 && BUILTIN.has(last))) info.unresolved = names.join('.');
  return info;
}

export function typeText(tn: any, ctx?: ImportContext): string {
  return typeInfo(tn, ctx).type;
}

function builtinText(name: string, mods: any[], qualified: boolean): string | undefined {
  if (name === 'char' && !qualified) return '"char"';
  const canon = CANONICAL[name];
  if (!canon) return BUILTIN.has(name) && !SERIALS[name] ? (mods.length ? `${quoteIdent(name)}(${typmodText(mods)})` : quoteIdent(name)) : undefined;
  const n0 = mods[0];
  switch (name) {
    case 'bpchar': {
      if (!mods.length) return qualified ? 'char' : 'bpchar';
      // `char` / `character` without a length: the grammar adds an implicit (1) with location -1.
      if (qualified && intOf(n0) === 1 && (n0?.A_Const?.location ?? -1) < 0) return 'char';
      return `char(${typmodText(mods)})`;
    }
    case 'bit': {
      if (qualified && mods.length && intOf(n0) === 1 && (n0?.A_Const?.location ?? -1) < 0) return 'bit';
      return mods.length ? `bit(${typmodText(mods)})` : 'bit';
    }
    case 'interval': {
      if (!mods.length) return 'interval';
      const f = intOf(n0);
      const p = mods.length > 1 ? intOf(mods[1]) : undefined;
      if (f === undefined) return `interval(${typmodText(mods)})`;
      if (f === INTERVAL_FULL_RANGE) return p !== undefined ? `interval(${p})` : 'interval';
      const fields = INTERVAL_FIELDS[f];
      if (!fields) return 'interval';
      return `interval ${fields}${p !== undefined ? `(${p})` : ''}`;
    }
    default:
      return mods.length ? `${canon}(${typmodText(mods)})` : canon;
  }
}
