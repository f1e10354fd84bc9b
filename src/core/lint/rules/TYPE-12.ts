import type { Column, EnumType, RawStatement, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { plural, rawTokens } from '../helpers/names';
import { newId } from '../../util/ids';
import { addFinding, colInfo, columnKinds, editTable, finding, findingFix, fitName, K_ENUM, mentions, NONE, qi, qt, quoteLiteral, schemaOf, someIn, uniqueIn } from './support.type-name-aud-sec';

const BUSINESS = new Set(['status', 'category', 'plan', 'role', 'country', 'type', 'source', 'channel']);
const CODE_OWNED: string[][] = [
  ['asc', 'desc'],
  ['ascending', 'descending'],
  ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  ['up', 'down', 'left', 'right'],
  ['north', 'south', 'east', 'west'],
  ['in', 'out', 'inbound', 'outbound'],
  ['debit', 'credit'],
  ['insert', 'update', 'delete', 'truncate'],
  ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'],
];

function codeOwned(labels: string[], names: string[]): boolean {
  if (names.some((n) => /^(direction|sort|sort_order|order_direction|weekday|day_of_week|dow)$/.test(n))) return true;
  const low = labels.map((l) => l.toLowerCase());
  return CODE_OWNED.some((set) => low.every((l) => set.includes(l)));
}

/** codeOwned for a column of an enum (cached per enum object and column name: many tables share an enum). */
const codeOwnedCache = new WeakMap<EnumType, Map<string, boolean>>();
function codeOwnedFor(e: EnumType, column: string): boolean {
  let m = codeOwnedCache.get(e);
  if (!m) codeOwnedCache.set(e, (m = new Map()));
  let v = m.get(column);
  if (v === undefined) m.set(column, (v = codeOwned(e.values.map((x) => x.label), [column.toLowerCase(), e.name.toLowerCase()])));
  return v;
}

/** A DEFAULT `'x'::schema.enum` as text, or undefined when it is not a plain label. */
function textDefault(def: string | undefined): string | null | undefined {
  if (def === undefined) return null;
  const m = /^\s*('(?:[^']|'')*')\s*(::.*)?$/.exec(def);
  return m ? m[1] : undefined;
}

function enumUsers(ctx: RuleContext, e: EnumType): { table: Table; column: Column }[] {
  // One pass over the model per check: enum id → its (non-array) columns, in table order.
  const index = ctx.helpers.shared('TYPE-12/enumUsers', () => {
    const m = new Map<string, { table: Table; column: Column }[]>();
    for (const t of Object.values(ctx.model.tables))
      for (const c of t.columns) {
        if (!c.typeRef || colInfo(ctx, c).array) continue;
        let l = m.get(c.typeRef);
        if (!l) m.set(c.typeRef, (l = []));
        l.push({ table: t, column: c });
      }
    return m;
  });
  return index.get(e.id) ?? [];
}

/** Expression text anywhere that names the enum type (casts in CHECKs, index predicates, ...) blocks the fix. */
const namedInTable = new WeakMap<Table, Map<string, boolean>>();
function enumNamedInTable(t: Table, name: string): boolean {
  let m = namedInTable.get(t);
  if (!m) namedInTable.set(t, (m = new Map()));
  let v = m.get(name);
  if (v === undefined) m.set(name, (v = enumNamedInTableUncached(t, name)));
  return v;
}
function enumNamedInTableUncached(t: Table, name: string): boolean {
  const e = { name };
  {
    for (const k of t.constraints) if ((k.kind === 'check' && mentions(k.expr, e.name)) || (k.kind === 'exclude' && mentions(k.definition, e.name))) return true;
    for (const ix of t.indexes) if (mentions(ix.where, e.name) || ix.elements.some((x) => mentions(x.expr, e.name))) return true;
    for (const c of t.columns) if (mentions(c.generated?.expr, e.name)) return true;
  }
  return false;
}

function enumNamedInExpressions(ctx: RuleContext, e: EnumType, tables: Table[]): boolean {
  for (const t of tables) if (enumNamedInTable(t, e.name)) return true;
  return Object.values(ctx.model.views).some((v) => mentions(v.query, e.name));
}

/** True when a relation (table, index, PK / UNIQUE / other named constraint, view, sequence) of the schema has the name. */
function relationNameTaken(ctx: RuleContext, schemaId: string, name: string): boolean {
  for (const id in ctx.model.tables) {
    const t = ctx.model.tables[id]!;
    if (t.schemaId !== schemaId) continue;
    if (t.name === name) return true;
    for (const ix of t.indexes) if (ix.name === name) return true;
    for (const k of t.constraints) if ((k.kind === 'primary' || k.kind === 'unique' || k.kind === 'exclude') && k.name === name) return true;
  }
  for (const v of Object.values(ctx.model.views)) if (v.schemaId === schemaId && v.name === name) return true;
  for (const q of Object.values(ctx.model.sequences)) if (q.schemaId === schemaId && q.name === name) return true;
  return false;
}

/** `uniqueIn(base, relationNames(...))` without building the set of all names. */
function freeRelationName(ctx: RuleContext, schemaId: string, base: string): string {
  if (!relationNameTaken(ctx, schemaId, base)) return base;
  for (let i = 2; ; i++) {
    const n = fitName(`${base}_${i}`);
    if (!relationNameTaken(ctx, schemaId, n)) return n;
  }
}

interface UsersCheck {
  users: { table: Table; column: Column }[];
  views: unknown;
  ok: boolean;
}
/** Whether the enum's users allow the fix; cached across checks while the users' tables and the views are the same objects. */
const usersOkCache = new WeakMap<EnumType, UsersCheck>();
function usersAllowFix(ctx: RuleContext, e: EnumType, users: { table: Table; column: Column }[]): boolean {
  const c = usersOkCache.get(e);
  if (c && c.views === ctx.model.views && c.users.length === users.length && c.users.every((u, i) => u.table === users[i]!.table && u.column === users[i]!.column)) return c.ok;
  const ok =
    users.length > 0 &&
    !users.some((u) => textDefault(u.column.default) === undefined) &&
    !enumNamedInExpressions(ctx, e, users.map((u) => u.table)) &&
    !users.some((u) => u.table.partitioning || u.table.partitionOf);
  usersOkCache.set(e, { users, views: ctx.model.views, ok });
  return ok;
}

interface LookupPlan {
  ok: boolean;
  users: { table: Table; column: Column }[];
  name: string;
  views: unknown;
  schemas: unknown;
  userRefs: { tableId: string; columnId: string }[];
  sql?: string;
}
/** Last plan per enum and schema: kept (same object) while its inputs are the same objects, so findings can be reused. */
const planCache = new WeakMap<EnumType, Map<string, LookupPlan>>();

/** The table-independent part of the lookup-table fix (the same for every user of the enum in one schema). */
function lookupPlan(ctx: RuleContext, t: Table, e: EnumType): LookupPlan {
  return ctx.helpers.shared(`TYPE-12/lookup/${e.id}/${t.schemaId}`, () => {
    const users = enumUsers(ctx, e);
    const ok = usersAllowFix(ctx, e, users);
    const name = ok ? freeRelationName(ctx, t.schemaId, fitName(plural(e.name))) : '';
    let bySchema = planCache.get(e);
    if (!bySchema) planCache.set(e, (bySchema = new Map()));
    const prev = bySchema.get(t.schemaId);
    if (
      prev &&
      prev.ok === ok &&
      prev.name === name &&
      prev.views === ctx.model.views &&
      prev.schemas === ctx.model.schemas &&
      prev.users.length === users.length &&
      prev.users.every((u, i) => u.table === users[i]!.table && u.column === users[i]!.column)
    )
      return prev;
    const plan: LookupPlan = { ok, users, name, views: ctx.model.views, schemas: ctx.model.schemas, userRefs: users.map((u) => ({ tableId: u.table.id, columnId: u.column.id })) };
    bySchema.set(t.schemaId, plan);
    return plan;
  });
}

function lookupFix(ctx: RuleContext, t: Table, e: EnumType): QuickFix | undefined {
  const plan = lookupPlan(ctx, t, e);
  if (!plan.ok) return undefined;
  const { users, name } = plan;
  const schema = schemaOf(ctx.model, t);
  const lq = `${qi(schema)}.${qi(name)}`;
  const eq = `${qi(ctx.model.schemas[e.schemaId]?.name ?? 'public')}.${qi(e.name)}`;
  const values = e.values.map((v, i) => `(${quoteLiteral(v.label)}, ${quoteLiteral(v.label.replace(/_/g, ' ').replace(/^./, (ch) => ch.toUpperCase()))}, ${i})`).join(', ');
  const insert = `INSERT INTO ${lq} (code, label, sort) VALUES ${values}`;
  const sql = (plan.sql ??= [
    `CREATE TABLE ${lq} (code text PRIMARY KEY, label text NOT NULL, sort smallint NOT NULL DEFAULT 0);`,
    `INSERT INTO ${lq} (code, label, sort) SELECT v::text, initcap(replace(v::text, '_', ' ')), row_number() OVER () - 1 FROM unnest(enum_range(NULL::${eq})) AS v;`,
    ...users.map(({ table, column }) => {
      const fk = fitName(`${table.name}_${column.name}_fkey`);
      return `ALTER TABLE ${qt(ctx.model, table)} ALTER COLUMN ${qi(column.name)} TYPE text USING ${qi(column.name)}::text;\nALTER TABLE ${qt(ctx.model, table)} ADD CONSTRAINT ${qi(fk)} FOREIGN KEY (${qi(column.name)}) REFERENCES ${lq} (code);`;
    }),
  ].join('\n'));
  const userRefs = plan.userRefs;
  return {
    label: `Replace enum ${e.name} with lookup table ${name}`,
    sql,
    command: editTable(`Replace enum ${e.name} with lookup table ${name}`, t.id, (_t, d) => {
      const m = d.schema;
      const id = newId('t');
      const code = newId('c');
      const lookup: Table = {
        id,
        schemaId: t.schemaId,
        name,
        comment: `Values of the former enum ${e.name}.`,
        columns: [
          { id: code, name: 'code', type: 'text', nullable: false },
          { id: newId('c'), name: 'label', type: 'text', nullable: false },
          { id: newId('c'), name: 'sort', type: 'smallint', nullable: false, default: '0' },
        ],
        constraints: [{ id: newId('k'), kind: 'primary', columns: [code] }],
        indexes: [],
        seq: m.nextSeq++,
      };
      m.tables[id] = lookup;
      const pos = d.layout.nodes[t.id];
      d.layout.nodes[id] = { x: (pos?.x ?? 0) + 320, y: pos?.y ?? 0 };
      const raw: RawStatement = { id: newId('r'), sql: insert, nodeType: 'InsertStmt', label: `seed ${schema}.${name}`, target: id, deps: [id], phase: 'main', seq: m.nextSeq++ };
      m.raw[raw.id] = raw;
      for (const u of userRefs) {
        const ut = m.tables[u.tableId];
        const col = ut?.columns.find((c) => c.id === u.columnId);
        if (!ut || !col) continue;
        col.type = 'text';
        delete col.typeRef;
        const def = textDefault(col.default);
        if (def) col.default = def;
        else delete col.default;
        const taken = ut.constraints.map((k) => k.name).filter(Boolean) as string[];
        ut.constraints.push({ id: newId('k'), kind: 'foreign', name: uniqueIn(fitName(`${ut.name}_${col.name}_fkey`), taken), columns: [col.id], refTableId: id, refColumns: [code], onDelete: 'no action', onUpdate: 'cascade', match: 'simple' });
      }
    }),
  };
}

function checkFix(ctx: RuleContext, t: Table, c: Column, e: EnumType): QuickFix | undefined {
  const users = enumUsers(ctx, e).filter((u) => u.table.id === t.id && u.column.id === c.id);
  if (!users.length || textDefault(c.default) === undefined || enumNamedInExpressions(ctx, e, [t])) return undefined;
  const list = e.values.map((v) => quoteLiteral(v.label)).join(', ');
  const name = uniqueIn(fitName(`${t.name}_${c.name}_check`), t.constraints.map((k) => k.name).filter(Boolean) as string[]);
  const expr = `${qi(c.name)} IN (${list})`;
  return {
    label: `Use text with CHECK (${expr})`,
    sql: `ALTER TABLE ${qt(ctx.model, t)} ALTER COLUMN ${qi(c.name)} TYPE text USING ${qi(c.name)}::text,\n  ADD CONSTRAINT ${qi(name)} CHECK (${expr});`,
    command: editTable(`Use text with CHECK for ${c.name}`, t.id, (tab) => {
      const col = tab.columns.find((x) => x.id === c.id);
      if (!col) throw new Error('No such column');
      col.type = 'text';
      delete col.typeRef;
      const def = textDefault(col.default);
      if (def) col.default = def;
      else delete col.default;
      tab.constraints.push({ id: newId('k'), kind: 'check', name, expr });
    }),
  };
}

const NO_COLUMNS: readonly Column[] = [];
const IN_OR_ANY = /IN\s*\(|ANY\s*\(/i;
const IN_LIST = /("?[A-Za-z_][A-Za-z0-9_]*"?)\s*(?:\)\s*)?(?:::\s*text\s*)?(?:IN\s*\(|=\s*ANY\s*\(\s*(?:\(\s*)?ARRAY\s*\[)([^\])]*)/gi;

/** `t.columns.find((x) => x.name === name || x.name.toLowerCase() === name.toLowerCase())`, without the closure. */
function columnNamed(t: Table, name: string): Column | undefined {
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i]!;
    if (x.name === name || x.name.toLowerCase() === name.toLowerCase()) return x;
  }
  return undefined;
}

/** The enum finding (built only when there is one: check itself creates no closures). */
function reportEnum(ctx: RuleContext, t: Table, c: Column, e: EnumType, array: boolean): Finding {
  const n = e.values.length;
  const warn = n > 7 || someIn(rawTokens(c.name), BUSINESS) || someIn(rawTokens(e.name), BUSINESS);
  return findingFix(rule, ctx, t, c, warn
    ? `${t.name}.${c.name} uses enum ${e.name} (${n} values) for business-owned data; use a lookup table.`
    : `${t.name}.${c.name} uses enum ${e.name}; consider text with a CHECK constraint.`,
    'Enum labels can be added but not removed or renamed without recreating the type and rewriting every column that uses it, and the set lives in DDL instead of data. A lookup table lets the business add, retire and describe values; text + CHECK keeps small code-owned sets simple.',
    array ? undefined : warn ? () => lookupFix(ctx, t, e) : () => checkFix(ctx, t, c, e), warn ? 'warning' : 'info');
}

/** TYPE-12: an enum (or a long CHECK IN list) for a set of values that will change. */
export const rule: Rule = {
  id: 'TYPE-12',
  slug: 'enum-for-mutable-set',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: 'An enum type for a set of values the business will change: adding is awkward, removing or renaming a value is not possible without rewriting. Use a lookup table (business data) or text + CHECK (small code-owned sets).',
  // The lookup-table fix lists every column that uses the enum, in any table: it is built when read, against the
  // latest model (../lazy.ts), so the finding itself depends on the column and the model's types alone.
  checkTable: check,
};

function check(t: Table, ctx: RuleContext): Finding[] {
    let out: Finding[] | undefined;
    // One pass over the columns per table, shared by the TYPE rules: most tables have no enum column.
    const cols = columnKinds(ctx, t) & K_ENUM ? t.columns : NO_COLUMNS;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const info = colInfo(ctx, c);
      if (info.family !== 'enum' || info.userType?.kind !== 'enum') continue;
      const e = info.userType;
      const n = e.values.length;
      if (n <= 7 && codeOwnedFor(e, c.name)) continue;
      out = addFinding(out, reportEnum(ctx, t, c, e, info.array));
    }
    // Long CHECK (col IN (...)) lists.
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      // Every IN_LIST match contains `IN (` or `ANY (`: a cheap test first (IN_LIST tries every start position).
      if (k.kind !== 'check' || !IN_OR_ANY.test(k.expr)) continue;
      IN_LIST.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = IN_LIST.exec(k.expr))) {
        const n = (m[2]!.match(/'(?:[^']|'')*'/g) ?? []).length;
        if (n <= 7) continue;
        const cname = m[1]!.replace(/^"|"$/g, '');
        const c = columnNamed(t, cname);
        out = addFinding(out,
          finding(rule, ctx, t, c, `${t.name}${c ? '.' + c.name : ''} is restricted by a CHECK listing ${n} values; a lookup table is easier to change.`,
            'A long list of allowed values in a CHECK is business data kept in DDL: every change is a migration that rescans the table. A lookup table with a foreign key turns it into data.',
            { severity: 'warning', extra: { constraintId: k.id } }),
        );
      }
    }
    return out ?? NONE;
}
