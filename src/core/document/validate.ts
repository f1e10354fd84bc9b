/**
 * Structural validation of a document at the boundary (file open, IndexedDB load, paste).
 * Reports problems with a JSON path; never throws. Unknown extra fields are ignored.
 */
import type { Diagnostic } from '../model/diagnostics';

type Check = (v: unknown, path: string, out: Diagnostic[]) => void;

const bad = (out: Diagnostic[], path: string, what: string) => out.push({ severity: 'error', code: 'invalid-document', message: `${path}: ${what}` });
const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

const str: Check = (v, p, o) => void (typeof v !== 'string' && bad(o, p, `expected a string, found ${typeOf(v)}`));
const num: Check = (v, p, o) => void ((typeof v !== 'number' || !Number.isFinite(v)) && bad(o, p, `expected a number, found ${typeOf(v)}`));
const bool: Check = (v, p, o) => void (typeof v !== 'boolean' && bad(o, p, `expected true/false, found ${typeOf(v)}`));
const oneOf =
  (...vals: unknown[]): Check =>
  (v, p, o) =>
    void (!vals.includes(v) && bad(o, p, `expected one of ${vals.map((x) => JSON.stringify(x)).join(', ')}, found ${JSON.stringify(v)}`));
const nullable =
  (c: Check): Check =>
  (v, p, o) =>
    v === null ? undefined : c(v, p, o);
const arr =
  (c: Check): Check =>
  (v, p, o) => {
    if (!Array.isArray(v)) return bad(o, p, `expected an array, found ${typeOf(v)}`);
    v.forEach((x, i) => c(x, `${p}[${i}]`, o));
  };
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** Fields ending in `?` are optional. */
const obj =
  (fields: Record<string, Check>): Check =>
  (v, p, o) => {
    if (!isObj(v)) return bad(o, p, `expected an object, found ${typeOf(v)}`);
    for (const [k0, c] of Object.entries(fields)) {
      const opt = k0.endsWith('?');
      const k = opt ? k0.slice(0, -1) : k0;
      if (v[k] === undefined) {
        if (!opt) bad(o, `${p}.${k}`, 'missing');
      } else c(v[k], `${p}.${k}`, o);
    }
  };
/** A record keyed by id whose values carry the same `id`. */
const rec =
  (c: Check): Check =>
  (v, p, o) => {
    if (!isObj(v)) return bad(o, p, `expected an object, found ${typeOf(v)}`);
    for (const [k, x] of Object.entries(v)) {
      c(x, `${p}.${k}`, o);
      if (isObj(x) && x.id !== k) bad(o, `${p}.${k}.id`, `does not match its key`);
    }
  };
const strRec: Check = (v, p, o) => {
  if (!isObj(v)) return bad(o, p, `expected an object, found ${typeOf(v)}`);
  for (const [k, x] of Object.entries(v)) str(x, `${p}.${k}`, o);
};
const union =
  (tag: string, variants: Record<string, Check>): Check =>
  (v, p, o) => {
    if (!isObj(v)) return bad(o, p, `expected an object, found ${typeOf(v)}`);
    const c = variants[String(v[tag])];
    if (!c) return bad(o, `${p}.${tag}`, `unknown ${tag} ${JSON.stringify(v[tag])}`);
    c(v, p, o);
  };

const COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20})$/;
const color: Check = (v, p, o) => {
  str(v, p, o);
  if (typeof v === 'string' && !COLOR.test(v)) bad(o, p, `not a colour: ${JSON.stringify(v.slice(0, 40))}`);
};

const qname = obj({ schema: str, name: str });
const seqOptions = obj({ 'as?': str, 'increment?': str, 'minValue?': nullable(str), 'maxValue?': nullable(str), 'start?': str, 'cache?': str, 'cycle?': bool, 'sequenceName?': qname });
const fkAction = oneOf('no action', 'restrict', 'cascade', 'set null', 'set default');
const cBase = { id: str, kind: str, 'name?': str, 'deferrable?': bool, 'initiallyDeferred?': bool, 'comment?': str };
const constraint = union('kind', {
  primary: obj({ ...cBase, columns: arr(str), 'include?': arr(str), 'indexOptions?': str }),
  unique: obj({ ...cBase, columns: arr(str), 'include?': arr(str), 'nullsNotDistinct?': bool, 'indexOptions?': str }),
  foreign: obj({
    ...cBase,
    columns: arr(str),
    refTableId: nullable(str),
    refColumns: arr(str),
    'refTableName?': qname,
    'refColumnNames?': arr(str),
    onDelete: fkAction,
    onUpdate: fkAction,
    'onDeleteColumns?': arr(str),
    match: oneOf('simple', 'full', 'partial'),
    'notValid?': bool,
  }),
  check: obj({ ...cBase, expr: str, 'noInherit?': bool, 'notValid?': bool, 'notEnforced?': bool }),
  exclude: obj({ ...cBase, definition: str }),
});
const column = obj({
  id: str,
  name: str,
  type: str,
  'typeRef?': str,
  nullable: bool,
  'default?': str,
  'identity?': obj({ always: bool, options: seqOptions }),
  'generated?': obj({ expr: str, kind: oneOf('stored', 'virtual') }),
  'collation?': str,
  'comment?': str,
  'storage?': str,
  'compression?': str,
  'inherited?': bool,
  'serial?': oneOf('smallserial', 'serial', 'bigserial'),
});
const index = obj({
  id: str,
  'name?': str,
  unique: bool,
  'nullsNotDistinct?': bool,
  method: str,
  elements: arr(obj({ 'column?': str, 'expr?': str, 'collation?': str, 'opclass?': str, 'opclassParams?': str, 'order?': oneOf('asc', 'desc'), 'nulls?': oneOf('first', 'last') })),
  'include?': arr(str),
  'where?': str,
  'with?': str,
  'tablespace?': str,
  'only?': bool,
  'ifNotExists?': bool,
  'comment?': str,
  seq: num,
});
const searchPath = arr(str);
const table = obj({
  id: str,
  schemaId: str,
  name: str,
  'comment?': str,
  columns: arr(column),
  constraints: arr(constraint),
  indexes: arr(index),
  'partitioning?': obj({ strategy: oneOf('range', 'list', 'hash'), keys: arr(str) }),
  'partitionOf?': obj({ parentId: str, bound: str, form: oneOf('attach', 'partition-of') }),
  'inherits?': arr(str),
  'unlogged?': bool,
  'with?': str,
  'tablespace?': str,
  'accessMethod?': str,
  'rls?': obj({ enabled: bool, forced: bool }),
  'ifNotExists?': bool,
  'searchPath?': searchPath,
  seq: num,
});
const typeBase = { id: str, kind: str, schemaId: str, name: str, 'comment?': str, 'searchPath?': searchPath, seq: num };
const userType = union('kind', {
  enum: obj({ ...typeBase, values: arr(obj({ id: str, label: str })) }),
  domain: obj({
    ...typeBase,
    baseType: str,
    'baseTypeRef?': str,
    nullable: bool,
    'default?': str,
    'collation?': str,
    checks: arr(obj({ id: str, 'name?': str, expr: str, 'notValid?': bool })),
  }),
  composite: obj({ ...typeBase, attributes: arr(obj({ id: str, name: str, type: str, 'typeRef?': str, 'collation?': str })) }),
});
/** Optional names shared by every behaviour (src/core/model/behaviors.ts BehaviorNames). */
const behaviorNames: Record<string, Check> = { 'trigger?': str, 'function?': str, 'functionSchema?': str };
const searchWeights: Check = (v, p, o) => {
  if (!isObj(v)) return bad(o, p, `expected an object, found ${typeOf(v)}`);
  for (const [k, x] of Object.entries(v)) oneOf('A', 'B', 'C', 'D')(x, `${p}.${k}`, o);
};
const schemaModel = obj({
  schemas: rec(obj({ id: str, name: str, 'comment?': str, explicit: bool, 'ifNotExists?': bool, 'authorization?': str, seq: num })),
  extensions: rec(obj({ id: str, name: str, 'schema?': str, 'version?': str, 'cascade?': bool, 'ifNotExists?': bool, 'comment?': str, seq: num })),
  types: rec(userType),
  sequences: rec(
    obj({ id: str, schemaId: str, name: str, options: seqOptions, 'ownedBy?': obj({ tableId: str, columnId: str }), 'unlogged?': bool, 'ifNotExists?': bool, 'comment?': str, 'searchPath?': searchPath, seq: num }),
  ),
  tables: rec(table),
  views: rec(
    obj({
      id: str,
      schemaId: str,
      name: str,
      materialized: bool,
      query: str,
      'columnNames?': arr(str),
      'with?': str,
      'checkOption?': oneOf('local', 'cascaded'),
      'recursive?': bool,
      'orReplace?': bool,
      'temporary?': bool,
      'withNoData?': bool,
      'tablespace?': str,
      'accessMethod?': str,
      'ifNotExists?': bool,
      'comment?': str,
      'columnComments?': strRec,
      indexes: arr(index),
      deps: arr(str),
      'searchPath?': searchPath,
      seq: num,
    }),
  ),
  raw: rec(
    obj({
      id: str,
      sql: str,
      nodeType: str,
      label: str,
      'target?': str,
      'defines?': obj({ kind: str, 'schema?': str, name: str }),
      deps: arr(str),
      phase: oneOf('pre', 'main'),
      'searchPath?': searchPath,
      seq: num,
    }),
  ),
  'behaviors?': (v, p, o) => {
    if (!isObj(v)) return bad(o, p, 'expected an object');
    for (const [k, x] of Object.entries(v))
      obj({
        'updatedAt?': obj({ column: str, ...behaviorNames }),
        'softDelete?': obj({ column: str, interceptDelete: bool, 'liveView?': bool, 'view?': str, 'partialIndexes?': bool, ...behaviorNames }),
        'audit?': obj({ mode: oneOf('shared', 'per-table'), 'table?': str, ...behaviorNames }),
        'counters?': arr(obj({ id: str, column: str, childTableId: str, fkId: str, ...behaviorNames })),
        'search?': obj({ column: str, sources: arr(str), config: str, 'weights?': searchWeights, 'index?': str, ...behaviorNames }),
      })(x, `${p}.${k}`, o);
  },
  nextSeq: num,
});
const layout = obj({
  nodes: (v, p, o) => {
    if (!isObj(v)) return bad(o, p, 'expected an object');
    for (const [k, x] of Object.entries(v)) obj({ x: num, y: num, 'color?': color, 'collapsed?': bool })(x, `${p}.${k}`, o);
  },
  areas: rec(obj({ id: str, name: str, x: num, y: num, width: num, height: num, color, members: arr(str) })),
  notes: rec(obj({ id: str, text: str, x: num, y: num, width: num, height: num, color })),
});
const severity = oneOf('error', 'warning', 'info');
const lintConfig = obj({
  rules: (v, p, o) => {
    if (!isObj(v)) return bad(o, p, 'expected an object');
    for (const [k, x] of Object.entries(v)) obj({ 'enabled?': bool, 'severity?': severity })(x, `${p}.${k}`, o);
  },
  suppressions: arr(obj({ id: str, rule: str, 'tableId?': str, 'columnId?': str, reason: str })),
  roles: (v, p, o) => {
    if (!isObj(v)) return bad(o, p, 'expected an object');
    for (const [k, x] of Object.entries(v)) oneOf('entity', 'junction', 'lookup', 'log', 'staging')(x, `${p}.${k}`, o);
  },
});
const docVersion = obj({ id: str, name: str, createdAt: str, requirementIds: arr(str), schema: schemaModel });
const documentCheck = obj({ format: str, version: num, id: str, name: str, schema: schemaModel, layout, 'lint?': lintConfig, 'versions?': arr(docVersion) });

/** Structural problems (errors) and dangling references (errors: a document must be self-consistent). */
export function validateDocument(doc: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  documentCheck(doc, '$', out);
  if (out.length) return out.slice(0, 50);
  checkReferences(doc as any, out);
  return out.slice(0, 50);
}

function checkReferences(doc: any, out: Diagnostic[]): void {
  const s = doc.schema;
  const ids = new Set<string>();
  const dup = (id: string, p: string) => {
    if (ids.has(id)) bad(out, p, `duplicate id ${JSON.stringify(id)}`);
    ids.add(id);
  };
  for (const kind of ['schemas', 'extensions', 'types', 'sequences', 'tables', 'views', 'raw']) for (const id of Object.keys(s[kind])) dup(id, `$.schema.${kind}.${id}`);
  for (const t of Object.values<any>(s.tables)) {
    const p = `$.schema.tables.${t.id}`;
    if (!s.schemas[t.schemaId]) bad(out, `${p}.schemaId`, 'unknown schema');
    const cols = new Set<string>();
    for (const c of t.columns) {
      dup(c.id, `${p}.columns`);
      cols.add(c.id);
      if (c.typeRef && !s.types[c.typeRef]) bad(out, `${p}.columns.${c.name}.typeRef`, 'unknown type');
    }
    const checkCols = (list: string[] | undefined, where: string) => list?.forEach((c) => !cols.has(c) && bad(out, `${p}.${where}`, `unknown column ${c}`));
    for (const c of t.constraints) {
      dup(c.id, `${p}.constraints`);
      checkCols(c.columns, `constraints.${c.id}.columns`);
      checkCols(c.include, `constraints.${c.id}.include`);
      if (c.kind === 'foreign' && c.refTableId !== null) {
        const rt = s.tables[c.refTableId];
        if (!rt) bad(out, `${p}.constraints.${c.id}.refTableId`, 'unknown table');
        else for (const rc of c.refColumns) if (!rt.columns.some((x: any) => x.id === rc)) bad(out, `${p}.constraints.${c.id}.refColumns`, `unknown column ${rc}`);
      }
    }
    for (const ix of t.indexes) {
      dup(ix.id, `${p}.indexes`);
      for (const e of ix.elements) {
        if (e.column === undefined && e.expr === undefined) bad(out, `${p}.indexes.${ix.id}`, 'element without column or expression');
        if (e.column !== undefined && !cols.has(e.column)) bad(out, `${p}.indexes.${ix.id}`, `unknown column ${e.column}`);
      }
      checkCols(ix.include, `indexes.${ix.id}.include`);
    }
    if (t.partitionOf && !s.tables[t.partitionOf.parentId]) bad(out, `${p}.partitionOf.parentId`, 'unknown table');
  }
  for (const v of Object.values<any>(s.views)) if (!s.schemas[v.schemaId]) bad(out, `$.schema.views.${v.id}.schemaId`, 'unknown schema');
  for (const t of Object.values<any>(s.types)) if (!s.schemas[t.schemaId]) bad(out, `$.schema.types.${t.id}.schemaId`, 'unknown schema');
  for (const q of Object.values<any>(s.sequences)) if (!s.schemas[q.schemaId]) bad(out, `$.schema.sequences.${q.id}.schemaId`, 'unknown schema');
}
