/** Helpers shared by the statement converters. */
import type {
  CheckConstraint,
  Column,
  Constraint,
  FkAction,
  ForeignKey,
  Id,
  IndexElement,
  QName,
  SequenceOptions,
  Table,
  View,
} from '../../../model/types';
import { newId } from '../../../util/ids';
import { quoteIdent, quoteLiteral, quoteQName } from '../../ident';
import type { ImportContext } from '../context';
import { exprText } from '../expr';
import type { StatementInfo } from '../statement';
import { nameList, typeInfo, typeText } from '../types';

export type Converter = (stmt: StatementInfo, ctx: ImportContext) => void;

/** Thrown by converters for input they cannot interpret; convertStatement keeps the statement raw with a warning. */
export class Unsupported extends Error {}

export const str = (n: any): string => n?.String?.sval ?? '';

export function rangeVarName(rv: any): { schema?: string; name: string } {
  return { schema: rv?.schemaname || undefined, name: rv?.relname ?? '' };
}

/** `a.b` list (List of String / array of String) to schema + name. */
export function listQName(items: string[]): { schema?: string; name: string } {
  if (items.length >= 2) return { schema: items[items.length - 2], name: items[items.length - 1] ?? '' };
  return { name: items[0] ?? '' };
}

export function displayName(q: { schema?: string; name: string }): string {
  return q.schema ? quoteQName({ schema: q.schema, name: q.name }) : quoteIdent(q.name);
}

export function objQName(ctx: ImportContext, o: { schemaId: Id; name: string }): string {
  return quoteQName({ schema: ctx.schemaName(o.schemaId), name: o.name });
}

/** Literal text of a DefElem argument (numbers as written, strings as identifiers or literals). */
export function defArgText(arg: any): string {
  if (arg === undefined || arg === null) return '';
  if (arg.Integer) return String(arg.Integer.ival ?? 0);
  if (arg.Float) return String(arg.Float.fval);
  if (arg.Boolean) return arg.Boolean.boolval ? 'true' : 'false';
  if (arg.String) {
    const s: string = arg.String.sval ?? '';
    return /^[a-z_][a-z0-9_]*$/.test(s) || /^-?\d+(\.\d+)?$/.test(s) ? s : quoteLiteral(s);
  }
  if (arg.TypeName) return typeText(arg.TypeName);
  if (arg.List) return (arg.List.items ?? []).map(defArgText).join('.');
  if (arg.A_Const) return exprText(arg);
  return exprText(arg);
}

/** `(a=1, b)` text of a WITH (...) option list. */
export function withText(options: any[] | undefined): string | undefined {
  if (!options?.length) return undefined;
  const parts = options.map((o: any) => {
    const d = o.DefElem ?? {};
    const name = (d.defnamespace ? d.defnamespace + '.' : '') + d.defname;
    return d.arg === undefined ? name : `${name}=${defArgText(d.arg)}`;
  });
  return `(${parts.join(', ')})`;
}

export function numText(arg: any): string {
  if (arg?.Integer) return String(arg.Integer.ival ?? 0);
  if (arg?.Float) return String(arg.Float.fval);
  if (arg?.String) return String(arg.String.sval);
  if (arg?.A_Const) return exprText(arg);
  return defArgText(arg);
}

export interface SeqOptionResult {
  options: SequenceOptions;
  ownedBy?: string[] | null;
  other: string[];
}

/** CREATE/ALTER SEQUENCE and identity options. Unknown/transient ones (RESTART, LOGGED) are listed in `other`. */
export function sequenceOptions(defs: any[] | undefined, base: SequenceOptions = {}): SeqOptionResult {
  const options: SequenceOptions = { ...base };
  const res: SeqOptionResult = { options, other: [] };
  for (const o of defs ?? []) {
    const d = o.DefElem ?? {};
    switch (d.defname) {
      case 'as':
        options.as = typeText(d.arg?.TypeName ?? d.arg);
        break;
      case 'increment':
        options.increment = numText(d.arg);
        break;
      case 'minvalue':
        options.minValue = d.arg === undefined ? null : numText(d.arg);
        break;
      case 'maxvalue':
        options.maxValue = d.arg === undefined ? null : numText(d.arg);
        break;
      case 'start':
        options.start = numText(d.arg);
        break;
      case 'cache':
        options.cache = numText(d.arg);
        break;
      case 'cycle':
        options.cycle = d.arg === undefined ? true : !!d.arg?.Boolean?.boolval || d.arg?.Integer?.ival === 1;
        break;
      case 'sequence_name': {
        const q = listQName(nameList(d.arg?.List?.items ?? d.arg));
        options.sequenceName = { schema: q.schema ?? '', name: q.name };
        break;
      }
      case 'owned_by': {
        const items = nameList(d.arg?.List?.items ?? d.arg);
        res.ownedBy = items.length === 1 && items[0] === 'none' ? null : items;
        break;
      }
      default:
        res.other.push(String(d.defname));
    }
  }
  return res;
}

export function collationText(collname: any[] | undefined): string | undefined {
  const names = nameList(collname);
  if (!names.length) return undefined;
  return names.map(quoteIdent).join('.');
}

const FK_ACTIONS: Record<string, FkAction> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' };
const FK_MATCH: Record<string, ForeignKey['match']> = { s: 'simple', f: 'full', p: 'partial' };

export interface ConstraintTarget {
  table: Table;
  schemaName: string;
}

export function columnByName(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/** Column ids for names; unknown names produce a diagnostic and are skipped. */
export function colIds(table: Table, names: string[], stmt: StatementInfo, ctx: ImportContext, what: string): Id[] {
  const ids: Id[] = [];
  for (const n of names) {
    const c = columnByName(table, n);
    if (c) ids.push(c.id);
    else ctx.diag(stmt, 'warning', 'unresolved', `${what}: column "${n}" does not exist in table ${objQName(ctx, table)}`);
  }
  return ids;
}

function indexParamsText(elem: any, table: Table | View | undefined): string {
  const e = elem?.IndexElem ?? elem ?? {};
  let s = e.name !== undefined ? quoteIdent(e.name) : wrapExpr(exprText(e.expr), e.expr);
  if (e.collation?.length) s += ' COLLATE ' + collationText(e.collation);
  if (e.opclass?.length) s += ' ' + nameList(e.opclass).map(quoteIdent).join('.');
  if (e.opclassopts?.length) s += withText(e.opclassopts);
  if (e.ordering === 'SORTBY_ASC') s += ' ASC';
  if (e.ordering === 'SORTBY_DESC') s += ' DESC';
  if (e.nulls_ordering === 'SORTBY_NULLS_FIRST') s += ' NULLS FIRST';
  if (e.nulls_ordering === 'SORTBY_NULLS_LAST') s += ' NULLS LAST';
  void table;
  return s;
}

/** An expression as an index / partition key element: function calls stand alone, others need parentheses. */
export function wrapExpr(text: string, node: any): string {
  if (node?.FuncCall || node?.SQLValueFunction || node?.CoalesceExpr || node?.MinMaxExpr) return text;
  return `(${text})`;
}

export function indexElement(elem: any, table: Table | View, stmt: StatementInfo, ctx: ImportContext): IndexElement {
  const e = elem?.IndexElem ?? {};
  const out: IndexElement = {};
  if (e.name !== undefined) {
    const col = 'columns' in table ? columnByName(table, e.name) : undefined;
    if (col) out.column = col.id;
    else {
      out.expr = quoteIdent(e.name);
      if ('columns' in table) ctx.diag(stmt, 'warning', 'unresolved', `index column "${e.name}" does not exist in ${objQName(ctx, table)}`);
    }
  } else out.expr = exprText(e.expr);
  if (e.collation?.length) out.collation = collationText(e.collation);
  if (e.opclass?.length) out.opclass = nameList(e.opclass).map(quoteIdent).join('.');
  if (e.opclassopts?.length) out.opclassParams = withText(e.opclassopts);
  if (e.ordering === 'SORTBY_ASC') out.order = 'asc';
  if (e.ordering === 'SORTBY_DESC') out.order = 'desc';
  if (e.nulls_ordering === 'SORTBY_NULLS_FIRST') out.nulls = 'first';
  if (e.nulls_ordering === 'SORTBY_NULLS_LAST') out.nulls = 'last';
  return out;
}

function indexOptionsText(c: any): string | undefined {
  const parts: string[] = [];
  const w = withText(c.options);
  if (w) parts.push('WITH ' + w);
  if (c.indexspace) parts.push('USING INDEX TABLESPACE ' + quoteIdent(c.indexspace));
  return parts.length ? parts.join(' ') : undefined;
}

/** Resolve the referenced table of a FK; returns null id + names when it is not in the model. */
export function resolveFkTarget(
  fk: ForeignKey,
  pktable: any,
  pkAttrs: string[],
  self: Table,
  stmt: StatementInfo,
  ctx: ImportContext,
): void {
  const q = rangeVarName(pktable);
  const selfSchema = ctx.schemaName(self.schemaId);
  // The table being created is not registered yet: a reference to its own name resolves to itself.
  const isSelf = q.name === self.name && (q.schema ? q.schema === selfSchema : !ctx.findTable(undefined, q.name) || ctx.findTable(undefined, q.name) === self);
  const ref: Table | undefined = isSelf ? self : ctx.findTable(q.schema, q.name);
  if (!ref) {
    fk.refTableId = null;
    fk.refColumns = [];
    fk.refTableName = { schema: q.schema ?? '', name: q.name };
    if (pkAttrs.length) fk.refColumnNames = pkAttrs;
    ctx.diag(stmt, 'warning', 'unresolved', `foreign key references table ${displayName(q)}, which is not defined (kept by name)`, pktable?.location);
    return;
  }
  fk.refTableId = ref.id;
  if (pkAttrs.length) {
    const ids: Id[] = [];
    let missing = false;
    for (const n of pkAttrs) {
      const c = columnByName(ref, n);
      if (c) ids.push(c.id);
      else missing = true;
    }
    if (missing) {
      fk.refColumns = [];
      fk.refColumnNames = pkAttrs;
      ctx.diag(stmt, 'warning', 'unresolved', `foreign key references columns (${pkAttrs.join(', ')}) not all found in ${objQName(ctx, ref)}`);
    } else fk.refColumns = ids;
  } else {
    const pk = ref.constraints.find((c) => c.kind === 'primary');
    if (pk && pk.kind === 'primary') fk.refColumns = [...pk.columns];
    else {
      fk.refColumns = [];
      ctx.diag(stmt, 'warning', 'unresolved', `foreign key references ${objQName(ctx, ref)} without a column list, but it has no primary key`);
    }
  }
}

export function excludeDefinition(c: any, table: Table | undefined): string {
  let s = c.access_method ? `USING ${quoteIdent(c.access_method)} ` : '';
  const elems = (c.exclusions ?? []).map((pair: any) => {
    const items = pair?.List?.items ?? [];
    const op = nameList(items[1]?.List?.items);
    const opText = op.length > 1 ? `OPERATOR(${op.slice(0, -1).map(quoteIdent).join('.')}.${op[op.length - 1]})` : op[0] ?? '=';
    return `${indexParamsText(items[0], table)} WITH ${opText}`;
  });
  s += `(${elems.join(', ')})`;
  if (c.including?.length) s += ` INCLUDE (${nameList(c.including).map(quoteIdent).join(', ')})`;
  const io = indexOptionsText(c);
  if (io) s += ' ' + io;
  if (c.where_clause) s += ` WHERE (${exprText(c.where_clause)})`;
  return s;
}

/**
 * A table constraint (PRIMARY/UNIQUE/FOREIGN/CHECK/EXCLUDE) from a Constraint node. `colName` is the column for
 * column constraints. Returns undefined for kinds handled elsewhere (NOT NULL, DEFAULT, ...).
 */
export function buildConstraint(c: any, table: Table, stmt: StatementInfo, ctx: ImportContext, colName?: string): Constraint | undefined {
  const base = { id: newId('c'), ...(c.conname ? { name: c.conname as string } : {}) };
  const attrs = (x: Constraint) => {
    if (c.deferrable) x.deferrable = true;
    if (c.initdeferred) x.initiallyDeferred = true;
    return x;
  };
  const keys = colName ? [colName] : nameList(c.keys);
  switch (c.contype) {
    case 'CONSTR_PRIMARY':
    case 'CONSTR_UNIQUE': {
      if (c.without_overlaps) ctx.diag(stmt, 'warning', 'unsupported', 'WITHOUT OVERLAPS is not modelled and was dropped');
      if (c.indexname) {
        const idx = ctx.findIndex(ctx.schemaName(table.schemaId), c.indexname);
        if (!idx || idx.owner !== table) throw new Unsupported(`index "${c.indexname}" for USING INDEX not found`);
        const cols: Id[] = [];
        for (const el of idx.index.elements) {
          if (!el.column) throw new Unsupported('USING INDEX with an expression index');
          cols.push(el.column);
        }
        keys.length = 0;
        for (const id of cols) keys.push(table.columns.find((x) => x.id === id)?.name ?? '');
        table.indexes = table.indexes.filter((i) => i !== idx.index);
        ctx.invalidate();
        if (!base.name) (base as any).name = c.indexname;
      }
      const columns = colIds(table, keys, stmt, ctx, c.contype === 'CONSTR_PRIMARY' ? 'primary key' : 'unique constraint');
      const include = c.including?.length ? colIds(table, nameList(c.including), stmt, ctx, 'INCLUDE') : undefined;
      const io = indexOptionsText(c);
      if (c.contype === 'CONSTR_PRIMARY') {
        for (const id of columns) {
          const col = table.columns.find((x) => x.id === id);
          if (col) col.nullable = false;
        }
        return attrs({ ...base, kind: 'primary', columns, ...(include ? { include } : {}), ...(io ? { indexOptions: io } : {}) });
      }
      return attrs({
        ...base,
        kind: 'unique',
        columns,
        ...(include ? { include } : {}),
        ...(c.nulls_not_distinct ? { nullsNotDistinct: true } : {}),
        ...(io ? { indexOptions: io } : {}),
      });
    }
    case 'CONSTR_CHECK': {
      const ck: CheckConstraint = { ...base, kind: 'check', expr: exprText(c.raw_expr) };
      if (c.is_no_inherit) ck.noInherit = true;
      if (c.skip_validation) ck.notValid = true;
      if (c.is_enforced !== true) ck.notEnforced = true;
      return attrs(ck);
    }
    case 'CONSTR_FOREIGN': {
      const fkCols = colName ? [colName] : nameList(c.fk_attrs);
      const fk: ForeignKey = {
        ...base,
        kind: 'foreign',
        columns: colIds(table, fkCols, stmt, ctx, 'foreign key'),
        refTableId: null,
        refColumns: [],
        onDelete: FK_ACTIONS[c.fk_del_action ?? 'a'] ?? 'no action',
        onUpdate: FK_ACTIONS[c.fk_upd_action ?? 'a'] ?? 'no action',
        match: FK_MATCH[c.fk_matchtype ?? 's'] ?? 'simple',
      };
      if (c.fk_del_set_cols?.length) fk.onDeleteColumns = colIds(table, nameList(c.fk_del_set_cols), stmt, ctx, 'ON DELETE SET');
      if (c.skip_validation) fk.notValid = true;
      if (c.is_enforced !== true)
        ctx.diag(stmt, 'warning', 'unsupported', 'NOT ENFORCED foreign keys are not modelled; the constraint is kept as enforced');
      resolveFkTarget(fk, c.pktable, nameList(c.pk_attrs), table, stmt, ctx);
      return attrs(fk);
    }
    case 'CONSTR_EXCLUSION':
      return attrs({ ...base, kind: 'exclude', definition: excludeDefinition(c, table) });
    default:
      return undefined;
  }
}

/** Apply CONSTR_ATTR_* nodes (column constraint syntax) to the previous constraint. */
export function applyConstraintAttr(c: any, last: Constraint | undefined, stmt: StatementInfo, ctx: ImportContext): boolean {
  switch (c.contype) {
    case 'CONSTR_ATTR_DEFERRABLE':
      if (last) last.deferrable = true;
      return true;
    case 'CONSTR_ATTR_NOT_DEFERRABLE':
      if (last) delete last.deferrable;
      return true;
    case 'CONSTR_ATTR_DEFERRED':
      if (last) {
        last.initiallyDeferred = true;
        last.deferrable = true;
      }
      return true;
    case 'CONSTR_ATTR_IMMEDIATE':
      if (last) delete last.initiallyDeferred;
      return true;
    case 'CONSTR_ATTR_ENFORCED':
      if (last?.kind === 'check') delete last.notEnforced;
      return true;
    case 'CONSTR_ATTR_NOT_ENFORCED':
      if (last?.kind === 'check') last.notEnforced = true;
      else ctx.diag(stmt, 'warning', 'unsupported', 'NOT ENFORCED is only modelled for CHECK constraints; ignored');
      return true;
    default:
      return false;
  }
}

/** Make an identifier like PostgreSQL's makeObjectName: name1_name2_label truncated to 63 bytes. */
export function makeObjectName(name1: string, name2: string | undefined, label: string): string {
  const bytes = (s: string) => utf8(s).length;
  let n1 = [...name1];
  let n2 = name2 !== undefined ? [...name2] : [];
  const overhead = bytes(label) + 1 + (name2 !== undefined ? 1 : 0);
  const avail = 63 - overhead;
  while (bytes(n1.join('')) + bytes(n2.join('')) > avail) {
    if (bytes(n1.join('')) > bytes(n2.join(''))) n1 = n1.slice(0, -1);
    else n2 = n2.slice(0, -1);
  }
  return n1.join('') + (name2 !== undefined ? '_' + n2.join('') : '') + '_' + label;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let i = 0; i < n; i++) out.push(0);
  }
  return out;
}

/** Column from a ColumnDef (without table constraints; those are returned). */
export interface BuiltColumn {
  column: Column;
  constraints: any[];
}

export function buildColumn(def: any, stmt: StatementInfo, ctx: ImportContext): BuiltColumn {
  const ti = typeInfo(def.typeName, ctx);
  const column: Column = { id: newId('col'), name: def.colname ?? '', type: ti.type, nullable: true };
  if (ti.typeRef) column.typeRef = ti.typeRef;
  if (ti.serial) {
    column.serial = ti.serial;
    column.nullable = false;
  }
  if (ti.unresolved) ctx.diag(stmt, 'info', 'unresolved', `type ${ti.unresolved} is not defined in this file; kept as written`, def.typeName?.location);
  if (def.collClause) column.collation = collationText(def.collClause.collname);
  if (def.storage_name) column.storage = def.storage_name.toUpperCase();
  if (def.compression) column.compression = def.compression;
  if (def.is_not_null) column.nullable = false;
  if (def.raw_default) column.default = exprText(def.raw_default);
  const rest: any[] = [];
  for (const n of def.constraints ?? []) {
    const c = n.Constraint ?? {};
    switch (c.contype) {
      case 'CONSTR_NULL':
        column.nullable = true;
        break;
      case 'CONSTR_NOTNULL':
        column.nullable = false;
        break;
      case 'CONSTR_DEFAULT':
        column.default = exprText(c.raw_expr);
        break;
      case 'CONSTR_IDENTITY':
        column.identity = { always: c.generated_when === 'a', options: sequenceOptions(c.options).options };
        column.nullable = false;
        break;
      case 'CONSTR_GENERATED':
        column.generated = { expr: exprText(c.raw_expr), kind: c.generated_kind === 'v' ? 'virtual' : 'stored' };
        break;
      default:
        rest.push(c);
    }
  }
  return { column, constraints: rest };
}

/** Add the column constraints (PK/UNIQUE/CHECK/FK + attribute nodes) of one column to the table. */
export function addColumnConstraints(table: Table, colName: string, cons: any[], stmt: StatementInfo, ctx: ImportContext): void {
  let last: Constraint | undefined;
  for (const c of cons) {
    if (applyConstraintAttr(c, last, stmt, ctx)) continue;
    const built = buildConstraint(c, table, stmt, ctx, colName);
    if (built) {
      table.constraints.push(built);
      last = built;
    } else ctx.diag(stmt, 'warning', 'unsupported', `column constraint ${String(c.contype)} is not modelled; ignored`, c.location);
  }
}

/** Create the implicit sequence of a serial column like PostgreSQL does (name, OWNED BY, nextval default). */
export function addSerialSequence(table: Table, column: Column, ctx: ImportContext): void {
  const schemaName = ctx.schemaName(table.schemaId);
  const baseName = makeObjectName(table.name, column.name, 'seq');
  let name = baseName;
  for (let i = 1; ctx.relationNameTaken(schemaName, name); i++) {
    const label = 'seq' + i;
    name = makeObjectName(table.name, column.name, label);
  }
  const seq = {
    id: newId('seq'),
    schemaId: table.schemaId,
    name,
    options: { as: column.type } as SequenceOptions,
    ownedBy: { tableId: table.id, columnId: column.id },
    seq: ctx.nextSeq(),
  } as const;
  const sp = ctx.objectSearchPath();
  ctx.addSequence({ ...seq, options: { ...seq.options }, ...(sp ? { searchPath: sp } : {}) });
  const firstSchema = ctx.searchPath.find((s) => s === 'public' || ctx.findSchema(s));
  const q: QName = { schema: firstSchema === schemaName ? '' : schemaName, name };
  column.default = `nextval(${quoteLiteral(quoteQName(q))}::regclass)`;
  column.nullable = false;
}

/** Partition bound text: `FOR VALUES ...` or `DEFAULT`. */
export function partitionBoundText(b: any): string {
  if (!b) return 'DEFAULT';
  if (b.is_default) return 'DEFAULT';
  const list = (xs: any[] | undefined) => (xs ?? []).map((x: any) => exprText(x.PartitionRangeDatum?.value ?? x)).join(', ');
  switch (b.strategy) {
    case 'l':
      return `FOR VALUES IN (${list(b.listdatums)})`;
    case 'r':
      return `FOR VALUES FROM (${list(b.lowerdatums)}) TO (${list(b.upperdatums)})`;
    case 'h':
      return `FOR VALUES WITH (modulus ${b.modulus ?? 0}, remainder ${b.remainder ?? 0})`;
    default:
      throw new Unsupported('unknown partition bound');
  }
}

/** Copy a parent's columns as inherited columns (new ids). */
export function inheritedColumns(parent: Table): Column[] {
  return parent.columns.map((c) => {
    const copy: Column = { ...c, id: newId('col'), inherited: true };
    delete copy.serial;
    delete copy.comment;
    if (c.identity) copy.identity = { always: c.identity.always, options: { ...c.identity.options } };
    if (c.generated) copy.generated = { ...c.generated };
    return copy;
  });
}

/** The name PostgreSQL generates for an unnamed constraint (approximate for CHECK: first column mentioned). */
export function defaultConstraintNames(table: Table, c: Constraint): string[] {
  const colName = (id: Id) => table.columns.find((x) => x.id === id)?.name ?? '';
  switch (c.kind) {
    case 'primary':
      return [makeObjectName(table.name, undefined, 'pkey')];
    case 'unique':
      return [makeObjectName(table.name, c.columns.map(colName).join('_'), 'key')];
    case 'foreign':
      return [makeObjectName(table.name, c.columns.map(colName).join('_'), 'fkey')];
    case 'check': {
      const names = table.columns.map((x) => x.name).filter((n) => new RegExp(`(^|[^a-zA-Z0-9_$"])"?${n.replace(/[^a-zA-Z0-9_]/g, '\\$&')}"?($|[^a-zA-Z0-9_$"])`).test(c.expr));
      return [...names.map((n) => makeObjectName(table.name, n, 'check')), makeObjectName(table.name, undefined, 'check')];
    }
    case 'exclude':
      return [makeObjectName(table.name, undefined, 'excl')];
  }
}

/** Find a constraint by explicit or generated name. */
export function findConstraint(table: Table, name: string): Constraint | undefined {
  return (
    table.constraints.find((c) => c.name === name) ??
    table.constraints.find((c) => !c.name && defaultConstraintNames(table, c).includes(name))
  );
}

/** The name PostgreSQL generates for an unnamed index (`table_col_idx`, `table_expr_idx`). */
export function defaultIndexName(owner: { name: string; columns?: Column[] }, elements: IndexElement[], unique: boolean): string {
  const parts = elements.map((e) => (e.column ? owner.columns?.find((c) => c.id === e.column)?.name ?? 'expr' : 'expr'));
  return makeObjectName(owner.name, parts.join('_'), unique ? 'key' : 'idx');
}

/** UTF-8 byte offset in `s` to a UTF-16 index. */
export function byteToIndex(s: string, byteOffset: number): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    if (bytes >= byteOffset) return i;
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return s.length;
}
