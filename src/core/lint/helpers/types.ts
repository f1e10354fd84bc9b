/**
 * H4 type families and type-text parsers for the checker. Works on the canonical type text of `Column.type`
 * (`integer`, `varchar(255)`, `timestamptz(3)`, `numeric(10,2)[]`, `public.mpaa_rating`) and tolerates the long SQL
 * spellings (`character varying(20)`, `timestamp(0) without time zone`, `double precision`) and internal names.
 * Domains resolve to their base type through the model; enums are `enum`.
 */
import type { Column, Id, SchemaModel, Table, UserType } from '../../model/types';

/** Scalar families. */
export type ElementFamily = 'int' | 'exact' | 'float' | 'string' | 'time' | 'uuid' | 'bool' | 'json' | 'bytea' | 'net' | 'enum' | 'other';
/** H4 family; arrays are `array:<element family>`. */
export type TypeFamily = ElementFamily | `array:${ElementFamily}`;

export interface TypeInfo {
  /** Family of the element type (arrays: see `array`). Domains resolved. */
  family: ElementFamily;
  /** Canonical base type name, lowercase, without typmod, array brackets or `pg_catalog.` (domains resolved). */
  base: string;
  /** Type modifier text without parentheses and spaces (`255`, `10,2`), if any. */
  typmod?: string;
  /** Numeric typmod arguments (`numeric(10,2)` → [10, 2]). */
  args: number[];
  array: boolean;
  /** The user type the text names (before resolving a domain), if any. */
  userType?: UserType;
  /** The (outermost) domain that was resolved, if any. */
  domain?: UserType;
}

/** Spellings → canonical base names. */
const CANON: Record<string, string> = {
  int2: 'smallint', int4: 'integer', int8: 'bigint', int: 'integer',
  serial: 'integer', serial4: 'integer', bigserial: 'bigint', serial8: 'bigint', smallserial: 'smallint', serial2: 'smallint',
  decimal: 'numeric', dec: 'numeric',
  float4: 'real', float8: 'double precision', float: 'double precision', double: 'double precision',
  bool: 'boolean',
  'character varying': 'varchar', 'char varying': 'varchar', character: 'char', bpchar: 'char', '"char"': 'char1',
  'timestamp with time zone': 'timestamptz', 'timestamp without time zone': 'timestamp',
  'time with time zone': 'timetz', 'time without time zone': 'time',
  'bit varying': 'varbit',
};

const FAMILY: Record<string, ElementFamily> = {
  smallint: 'int', integer: 'int', bigint: 'int', oid: 'int',
  numeric: 'exact', money: 'exact',
  real: 'float', 'double precision': 'float',
  text: 'string', varchar: 'string', char: 'string', char1: 'string', citext: 'string', name: 'string',
  timestamp: 'time', timestamptz: 'time', date: 'time', time: 'time', timetz: 'time', interval: 'time',
  uuid: 'uuid', boolean: 'bool', json: 'json', jsonb: 'json', bytea: 'bytea',
  inet: 'net', cidr: 'net', macaddr: 'net', macaddr8: 'net',
};

function unquote(s: string): string {
  return s.replace(/"((?:[^"]|"")*)"/g, (_m, inner: string) => inner.replace(/""/g, '"'));
}

/** Split `schema.name` (quotes removed, lowercase only for unquoted parts). */
function splitQName(text: string): { schema?: string; name: string } {
  const parts: string[] = [];
  const re = /"((?:[^"]|"")*)"|([^."]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) parts.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.trim().toLowerCase());
  const name = parts.pop() ?? '';
  return parts.length ? { schema: parts[parts.length - 1], name } : { name };
}

/** Find a model user type by its (possibly qualified) name. */
export function findUserType(model: SchemaModel, text: string): UserType | undefined {
  const q = splitQName(text);
  let fallback: UserType | undefined;
  for (const ut of Object.values(model.types)) {
    if (ut.name !== q.name && ut.name.toLowerCase() !== q.name) continue;
    const schema = model.schemas[ut.schemaId]?.name ?? 'public';
    if (q.schema !== undefined) {
      if (schema === q.schema || schema.toLowerCase() === q.schema) return ut;
    } else if (schema === 'public') return ut;
    else fallback ??= ut;
  }
  return q.schema === undefined ? fallback : undefined;
}

/** Parse type text into base, typmod and array-ness (no model lookups). */
export function parseTypeText(typeText: string): { base: string; typmod?: string; args: number[]; array: boolean; written: string } {
  let t = typeText.trim().replace(/^setof\s+/i, '');
  let array = false;
  for (;;) {
    const m = /\s*(\[\s*\d*\s*\]|\s+array(\s*\[\s*\d*\s*\])?)\s*$/i.exec(t);
    if (!m || m.index === 0) break;
    array = true;
    t = t.slice(0, m.index);
  }
  let typmod: string | undefined;
  const pm = /^((?:"(?:[^"]|"")*"|[^("])*?)\s*\(([^)]*)\)\s*(.*)$/.exec(t);
  if (pm) {
    typmod = pm[2]!.replace(/\s+/g, '');
    t = (pm[1]! + (pm[3] ? ' ' + pm[3] : '')).trim();
  }
  // Built-in names that are keywords come quoted from the importer (`"json"`): unquote all-lowercase parts.
  if (t !== '"char"') t = t.replace(/"([a-z_][a-z0-9_]*)"/g, '$1');
  const written = t;
  let lower = /"/.test(t) && t !== '"char"' ? t : t.toLowerCase().replace(/\s+/g, ' ');
  lower = lower.replace(/^pg_catalog\./i, '');
  if (lower.startsWith('interval ')) lower = 'interval';
  const base = CANON[lower] ?? lower;
  const args = typmod ? typmod.split(',').map((x) => Number(x)).filter((n) => Number.isFinite(n)) : [];
  return { base, typmod, args, array, written };
}

const noModelCache = new Map<string, TypeInfo>();
/** The cache of the model asked about last (one check asks about one model over and over). */
let lastTI: { types: unknown; schemas: unknown; cache: Map<string, TypeInfo> } = { types: undefined, schemas: undefined, cache: noModelCache };
const modelCache = new WeakMap<object, WeakMap<object, Map<string, TypeInfo>>>();

/**
 * H4 in detail. Domains resolve (recursively) to their base type through the model; enums are `enum`.
 * Results are cached (per `model.types` object) and shared: do not mutate them.
 */
export function typeInfo(typeText: string, model?: SchemaModel, typeRef?: Id, depth = 0): TypeInfo {
  if (depth > 0) return typeInfoUncached(typeText, model, typeRef, depth);
  let cache = noModelCache;
  if (model && model.types === lastTI.types && model.schemas === lastTI.schemas) cache = lastTI.cache;
  else if (model) {
    let bySchemas = modelCache.get(model.types);
    if (!bySchemas) modelCache.set(model.types, (bySchemas = new WeakMap()));
    let c = bySchemas.get(model.schemas);
    if (!c) bySchemas.set(model.schemas, (c = new Map()));
    cache = c;
    lastTI = { types: model.types, schemas: model.schemas, cache: c };
  }
  const key = typeRef ? `${typeRef}\u0000${typeText}` : typeText;
  let v = cache.get(key);
  if (!v) {
    if (cache.size > 20000) cache.clear();
    v = typeInfoUncached(typeText, model, typeRef, 0);
    cache.set(key, v);
  }
  return v;
}

function typeInfoUncached(typeText: string, model: SchemaModel | undefined, typeRef: Id | undefined, depth: number): TypeInfo {
  const p = parseTypeText(typeText);
  const fam = FAMILY[p.base];
  const builtin = fam !== undefined && !p.base.includes('.');
  if (!builtin && model && depth < 8) {
    const ut = (typeRef ? model.types[typeRef] : undefined) ?? findUserType(model, p.written);
    if (ut?.kind === 'domain') {
      const inner = typeInfo(ut.baseType, model, ut.baseTypeRef, depth + 1);
      return { ...inner, array: p.array || inner.array, userType: ut, domain: ut };
    }
    if (ut?.kind === 'enum') return { family: 'enum', base: p.base, args: [], array: p.array, userType: ut };
    if (ut) return { family: 'other', base: p.base, args: [], array: p.array, userType: ut };
  }
  // Extension types are often schema-qualified (`public.citext`): fall back to the bare name's family.
  let base = p.base;
  let family = fam;
  if (family === undefined && base.includes('.')) {
    const bare = base.slice(base.lastIndexOf('.') + 1);
    const bf = FAMILY[CANON[bare] ?? bare];
    if (bf) [base, family] = [CANON[bare] ?? bare, bf];
  }
  const info: TypeInfo = { family: family ?? 'other', base, args: p.args, array: p.array };
  if (p.typmod !== undefined) info.typmod = p.typmod;
  return info;
}

/** H4: the family of a type text (`array:<family>` for arrays). */
export function typeFamily(typeText: string, model?: SchemaModel, typeRef?: Id): TypeFamily {
  const i = typeInfo(typeText, model, typeRef);
  return i.array ? `array:${i.family}` : i.family;
}

/** H4 for a column (uses its `typeRef`). */
const columnCache = new WeakMap<object, { schemas: unknown; byColumn: WeakMap<Column, TypeInfo> }>();
/** H4 for a column (uses its `typeRef`); cached per column object and model types / schemas. */
let lastTypes: unknown;
let lastColumnCache: { schemas: unknown; byColumn: WeakMap<Column, TypeInfo> } | undefined;
export function columnTypeInfo(col: Column, model?: SchemaModel): TypeInfo {
  if (!model) return typeInfo(col.type, model, col.typeRef);
  // Hot path: the rules of one check ask about the same model over and over.
  let c = lastTypes === model.types ? lastColumnCache : undefined;
  if (!c || c.schemas !== model.schemas) {
    c = columnCache.get(model.types);
    if (!c || c.schemas !== model.schemas) columnCache.set(model.types, (c = { schemas: model.schemas, byColumn: new WeakMap() }));
    lastTypes = model.types;
    lastColumnCache = c;
  }
  // Columns of the focused table (the one whose table rules are running) are found by a scan of its column array:
  // cheaper than a WeakMap lookup per column and rule.
  if (focusCols !== undefined) {
    if (focusCache !== c) {
      focusCache = c;
      focusInfos = [];
    }
    const i = focusCols[focusPos] === col ? focusPos : focusCols.indexOf(col);
    if (i >= 0) {
      focusPos = i + 1;
      let v = focusInfos[i];
      if (v === undefined) focusInfos[i] = v = c.byColumn.get(col) ?? typeInfo(col.type, model, col.typeRef);
      return v;
    }
  }
  let v = c.byColumn.get(col);
  if (!v) c.byColumn.set(col, (v = typeInfo(col.type, model, col.typeRef)));
  return v;
}

let focusCols: readonly Column[] | undefined;
let focusInfos: (TypeInfo | undefined)[] = [];
let focusCache: object | undefined;
let focusPos = 0;
/**
 * Hint from the checker engine: the table rules of `t` are about to run, so most `columnTypeInfo` calls will be about
 * its columns. Only a speed hint: any column still gets its right answer.
 */
export function focusTable(t: Table | undefined): void {
  focusCols = t?.columns;
  focusInfos = [];
  focusPos = 0;
}
export function columnFamily(col: Column, model?: SchemaModel): TypeFamily {
  return typeFamily(col.type, model, col.typeRef);
}

/** `varchar(n)` / `char(n)` length; undefined when the type has no length (or is not a character type). */
export function charLength(typeText: string, model?: SchemaModel): number | undefined {
  const i = typeInfo(typeText, model);
  if (i.base !== 'varchar' && i.base !== 'char') return undefined;
  return i.args[0];
}

/** `varchar(n)` length; undefined for other types and for unbounded varchar. */
export function varcharLength(typeText: string, model?: SchemaModel): number | undefined {
  const i = typeInfo(typeText, model);
  return i.base === 'varchar' ? i.args[0] : undefined;
}

/** Fractional-second precision of timestamp/timestamptz/time/timetz/interval(p); undefined when not given. */
export function timePrecision(typeText: string, model?: SchemaModel): number | undefined {
  const p = parseTypeText(typeText);
  if (/^interval\b/i.test(p.written) && p.typmod === undefined) {
    const m = /\((\d+)\)\s*$/.exec(typeText.trim());
    return m ? Number(m[1]) : undefined;
  }
  const i = typeInfo(typeText, model);
  if (!['timestamp', 'timestamptz', 'time', 'timetz', 'interval'].includes(i.base)) return undefined;
  return i.args[0];
}

/** `numeric(p,s)` precision and scale. */
export function numericPrecision(typeText: string, model?: SchemaModel): { precision?: number; scale?: number } | undefined {
  const i = typeInfo(typeText, model);
  if (i.base !== 'numeric') return undefined;
  return { precision: i.args[0], scale: i.args[1] };
}

/** Text-like: text, varchar, char, citext, name (domains resolved). */
export function isTextLike(typeText: string, model?: SchemaModel, typeRef?: Id): boolean {
  const i = typeInfo(typeText, model, typeRef);
  return !i.array && i.family === 'string';
}

/** `regclass`, `regproc`, ... object-identifier types (TYPE-19). */
export function isRegType(typeText: string, model?: SchemaModel, typeRef?: Id): boolean {
  return /^reg[a-z]+$/.test(typeInfo(typeText, model, typeRef).base);
}
