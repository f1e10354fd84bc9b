/** Statement text for each model object kind. Every function returns complete statements ending in `;\n`. */
import type {
  CheckConstraint,
  Column,
  Constraint,
  DomainType,
  Extension,
  ForeignKey,
  Id,
  Index,
  Schema,
  Sequence,
  SequenceOptions,
  Table,
  UserType,
  View,
} from '../../model/types';
import { isOverlongIdent, quoteIdent, quoteLiteral, quoteQName } from '../ident';
import { type ExportContext, safeTail, withKeyword } from './context';

type Path = readonly string[] | undefined;
const IND = '    ';

function stmt(text: string): string {
  return safeTail(text) + ';\n';
}

// ---------------------------------------------------------------- schemas, extensions

export function renderSchema(ctx: ExportContext, s: Schema): string[] {
  ctx.checkIdent(s.name, `schema ${s.name}`);
  let sql = `CREATE SCHEMA ${ctx.ine(s.ifNotExists)}${quoteIdent(s.name)}`;
  if (s.authorization) sql += ` AUTHORIZATION ${quoteIdent(s.authorization)}`;
  return [stmt(sql)];
}

export function renderExtension(ctx: ExportContext, e: Extension): string[] {
  let sql = `CREATE EXTENSION ${ctx.ine(e.ifNotExists)}${quoteIdent(e.name)}`;
  const opts: string[] = [];
  if (e.schema) opts.push(`SCHEMA ${quoteIdent(e.schema)}`);
  if (e.version) opts.push(`VERSION ${quoteLiteral(e.version)}`);
  if (e.cascade) opts.push('CASCADE');
  if (opts.length) sql += ' WITH ' + opts.join(' ');
  return [stmt(sql)];
}

// ---------------------------------------------------------------- types

export function renderType(ctx: ExportContext, t: UserType, path: Path): string[] {
  const schema = ctx.schemaName(t.schemaId, `type ${t.name}`);
  const what = `type ${schema}.${t.name}`;
  ctx.checkIdent(t.name, what);
  const q = ctx.qname(schema, t.name, path);
  if (t.kind === 'enum') {
    for (const v of t.values) {
      if (isOverlongIdent(v.label)) {
        ctx.warn('identifier-too-long', `Enum label "${v.label}" (${what}) is longer than 63 bytes; PostgreSQL rejects it`);
      }
    }
    const labels = t.values.map((v) => IND + quoteLiteral(v.label));
    return [stmt(`CREATE TYPE ${q} AS ENUM (` + (labels.length ? `\n${labels.join(',\n')}\n` : '') + ')')];
  }
  if (t.kind === 'composite') {
    const attrs = t.attributes.map((a) => {
      ctx.checkIdent(a.name, `attribute of ${what}`);
      return IND + quoteIdent(a.name) + ' ' + a.type + (a.collation ? ` COLLATE ${a.collation}` : '');
    });
    return [stmt(`CREATE TYPE ${q} AS (` + (attrs.length ? `\n${attrs.join(',\n')}\n` : '') + ')')];
  }
  return renderDomain(ctx, t, q, what);
}

function renderDomain(ctx: ExportContext, d: DomainType, q: string, what: string): string[] {
  let sql = `CREATE DOMAIN ${q} AS ${d.baseType}`;
  if (d.collation) sql += `\n${IND}COLLATE ${d.collation}`;
  if (d.default !== undefined) sql += `\n${IND}DEFAULT ${safeTail(d.default)}`;
  if (!d.nullable) sql += `\n${IND}NOT NULL`;
  const later: string[] = [];
  for (const c of d.checks) {
    if (c.name) ctx.checkIdent(c.name, `constraint of ${what}`);
    const head = c.name ? `CONSTRAINT ${quoteIdent(c.name)} ` : '';
    const body = `CHECK (${safeTail(c.expr)})`;
    if (c.notValid) later.push(stmt(`ALTER DOMAIN ${q}\n${IND}ADD ${head}${body} NOT VALID`));
    else sql += `\n${IND}${head}${body}`;
  }
  return [stmt(sql), ...later];
}

// ---------------------------------------------------------------- sequences

function seqOptionList(o: SequenceOptions, includeAs: boolean): string[] {
  const out: string[] = [];
  if (includeAs && o.as) out.push(`AS ${o.as}`);
  if (o.start !== undefined) out.push(`START WITH ${o.start}`);
  if (o.increment !== undefined) out.push(`INCREMENT BY ${o.increment}`);
  if (o.minValue === null) out.push('NO MINVALUE');
  else if (o.minValue !== undefined) out.push(`MINVALUE ${o.minValue}`);
  if (o.maxValue === null) out.push('NO MAXVALUE');
  else if (o.maxValue !== undefined) out.push(`MAXVALUE ${o.maxValue}`);
  if (o.cache !== undefined) out.push(`CACHE ${o.cache}`);
  if (o.cycle) out.push('CYCLE');
  return out;
}

export function renderSequence(ctx: ExportContext, s: Sequence, path: Path): string[] {
  const schema = ctx.schemaName(s.schemaId, `sequence ${s.name}`);
  ctx.checkIdent(s.name, `sequence ${schema}.${s.name}`);
  const q = ctx.qname(schema, s.name, path);
  const opts = seqOptionList(s.options, true);
  let sql = `CREATE ${s.unlogged ? 'UNLOGGED ' : ''}SEQUENCE ${ctx.ine(s.ifNotExists)}${q}`;
  for (const o of opts) sql += `\n${IND}${o}`;
  return [stmt(sql)];
}

const TYPE_RANGE: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  int2: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  int: ['-2147483648', '2147483647'],
  int4: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
  int8: ['-9223372036854775808', '9223372036854775807'],
};

/** Identity options that differ from PostgreSQL's defaults for the column type, as `(...)` text or ''. */
export function identityOptions(ctx: ExportContext, o: SequenceOptions, colType: string, path: Path): string {
  const range = TYPE_RANGE[(o.as ?? colType).trim().toLowerCase().replace(/^pg_catalog\./, '')] ?? TYPE_RANGE.bigint!;
  const inc = o.increment ?? '1';
  const asc = !inc.trim().startsWith('-');
  const defMin = asc ? '1' : range[0];
  const defMax = asc ? range[1] : '-1';
  const min = o.minValue ?? defMin;
  const max = o.maxValue ?? defMax;
  const defStart = asc ? min : max;
  const parts: string[] = [];
  if (o.sequenceName) {
    ctx.checkIdent(o.sequenceName.name, `identity sequence ${o.sequenceName.schema}.${o.sequenceName.name}`);
    parts.push(
      'SEQUENCE NAME ' +
        (o.sequenceName.schema ? ctx.qname(o.sequenceName.schema, o.sequenceName.name, path) : quoteQName(o.sequenceName)),
    );
  }
  if (o.start !== undefined && o.start !== defStart) parts.push(`START WITH ${o.start}`);
  if (inc !== '1') parts.push(`INCREMENT BY ${inc}`);
  if (o.minValue !== undefined && o.minValue !== null && o.minValue !== defMin) parts.push(`MINVALUE ${o.minValue}`);
  if (o.maxValue !== undefined && o.maxValue !== null && o.maxValue !== defMax) parts.push(`MAXVALUE ${o.maxValue}`);
  if (o.cache !== undefined && o.cache !== '1') parts.push(`CACHE ${o.cache}`);
  if (o.cycle) parts.push('CYCLE');
  return parts.length ? ` (${parts.join(' ')})` : '';
}

// ---------------------------------------------------------------- tables

export function columnNames(ctx: ExportContext, t: Table, ids: readonly Id[], what: string): string[] | null {
  const out: string[] = [];
  for (const id of ids) {
    const c = t.columns.find((col) => col.id === id);
    if (!c) {
      ctx.warn('unresolved', `Column ${id} of ${what} is not in table ${ctx.tableLabel(t)}; skipped`);
      return null;
    }
    out.push(quoteIdent(c.name));
  }
  return out;
}

export function columnLine(ctx: ExportContext, t: Table, c: Column, path: Path): string {
  ctx.checkIdent(c.name, `column ${ctx.tableLabel(t)}.${c.name}`);
  let s = quoteIdent(c.name) + ' ' + c.type;
  if (c.storage) s += ' ' + withKeyword('STORAGE', c.storage);
  if (c.compression) s += ' ' + withKeyword('COMPRESSION', c.compression);
  if (c.collation) s += ' COLLATE ' + c.collation;
  if (c.generated) {
    s += ` GENERATED ALWAYS AS (${safeTail(c.generated.expr)}) ${c.generated.kind === 'virtual' ? 'VIRTUAL' : 'STORED'}`;
  }
  if (c.identity) {
    s += ` GENERATED ${c.identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`;
    s += identityOptions(ctx, c.identity.options, c.type, path);
  }
  if (!c.nullable) s += ' NOT NULL';
  if (c.default !== undefined) {
    if (c.identity || c.generated) {
      ctx.warn('invalid', `Column ${ctx.tableLabel(t)}.${c.name} has a DEFAULT and is identity/generated; DEFAULT dropped`);
    } else s += ' DEFAULT ' + safeTail(c.default);
  }
  return s;
}

function deferrable(c: Constraint): string {
  if (c.initiallyDeferred) return ' DEFERRABLE INITIALLY DEFERRED';
  if (c.deferrable) return ' DEFERRABLE';
  return '';
}

function constraintHead(ctx: ExportContext, t: Table, c: Constraint): string {
  if (!c.name) return '';
  ctx.checkIdent(c.name, `constraint on ${ctx.tableLabel(t)}`);
  return `CONSTRAINT ${quoteIdent(c.name)} `;
}

function checkBody(c: CheckConstraint): string {
  return `CHECK (${safeTail(c.expr)})` + (c.noInherit ? ' NO INHERIT' : '') + (c.notEnforced ? ' NOT ENFORCED' : '');
}

/** Inline table constraint text (PK / UNIQUE / valid CHECK / EXCLUDE), or null when it is not inline. */
export function inlineConstraint(ctx: ExportContext, t: Table, c: Constraint): string | null {
  const what = `constraint ${c.name ?? c.kind} on ${ctx.tableLabel(t)}`;
  switch (c.kind) {
    case 'primary':
    case 'unique': {
      const cols = columnNames(ctx, t, c.columns, what);
      if (!cols) return null;
      let s = constraintHead(ctx, t, c) + (c.kind === 'primary' ? 'PRIMARY KEY' : 'UNIQUE');
      if (c.kind === 'unique' && c.nullsNotDistinct) s += ' NULLS NOT DISTINCT';
      s += ` (${cols.join(', ')})`;
      if (c.include?.length) {
        const inc = columnNames(ctx, t, c.include, what);
        if (inc) s += ` INCLUDE (${inc.join(', ')})`;
      }
      if (c.indexOptions) s += ' ' + c.indexOptions.trim();
      return s + deferrable(c);
    }
    case 'check':
      if (c.notValid) return null;
      return constraintHead(ctx, t, c) + checkBody(c);
    case 'exclude':
      return constraintHead(ctx, t, c) + 'EXCLUDE ' + safeTail(c.definition) + deferrable(c);
    case 'foreign':
      return null;
  }
}

export function renderTable(ctx: ExportContext, t: Table, path: Path, tables: Record<Id, Table>): string[] {
  const schema = ctx.schemaName(t.schemaId, `table ${t.name}`);
  const label = `${schema}.${t.name}`;
  ctx.checkIdent(t.name, `table ${label}`);
  const q = ctx.qname(schema, t.name, path);
  const tq = (p: Table) => ctx.qname(ctx.schemaName(p.schemaId, `table ${p.name}`), p.name, path);
  let sql = `CREATE ${t.unlogged ? 'UNLOGGED ' : ''}TABLE ${ctx.ine(t.ifNotExists)}${q}`;
  const cons: string[] = [];
  for (const c of t.constraints) {
    const s = inlineConstraint(ctx, t, c);
    if (s !== null) cons.push(IND + s);
  }
  const after: string[] = [];
  const parent = t.partitionOf ? tables[t.partitionOf.parentId] : undefined;
  if (t.partitionOf && !parent) {
    ctx.warn('unresolved', `Partition parent of ${label} is not in the model; exported as a plain table`);
  }
  if (t.partitionOf && parent && t.partitionOf.form === 'partition-of') {
    const lines: string[] = [];
    for (const c of t.columns) {
      const pc = parent.columns.find((x) => x.name === c.name);
      let opts = '';
      if (!c.nullable && (!pc || pc.nullable)) opts += ' NOT NULL';
      if (c.default !== undefined && c.default !== pc?.default) opts += ' DEFAULT ' + safeTail(c.default);
      if (opts) lines.push(IND + quoteIdent(c.name) + ' WITH OPTIONS' + opts);
    }
    lines.push(...cons);
    sql += ` PARTITION OF ${tq(parent)}` + (lines.length ? ` (\n${lines.join(',\n')}\n)` : '');
    sql += `\n${safeTail(t.partitionOf.bound)}`;
  } else {
    const parents: Table[] = [];
    for (const pid of t.inherits ?? []) {
      const p = tables[pid];
      if (p) parents.push(p);
      else ctx.warn('unresolved', `Inheritance parent ${pid} of ${label} is not in the model; omitted`);
    }
    const lines: string[] = [];
    for (const c of t.columns) {
      if (c.inherited && parents.length) {
        // declared by a parent: only local differences, after the CREATE
        const pc = parents.map((p) => p.columns.find((x) => x.name === c.name)).find((x) => x);
        if (c.default !== undefined && c.default !== pc?.default) {
          after.push(stmt(`ALTER TABLE ONLY ${q}\n${IND}ALTER COLUMN ${quoteIdent(c.name)} SET DEFAULT ${safeTail(c.default)}`));
        }
        if (!c.nullable && pc && pc.nullable) {
          after.push(stmt(`ALTER TABLE ONLY ${q}\n${IND}ALTER COLUMN ${quoteIdent(c.name)} SET NOT NULL`));
        }
        continue;
      }
      lines.push(IND + columnLine(ctx, t, c, path));
    }
    lines.push(...cons);
    sql += ' (' + (lines.length ? `\n${lines.join(',\n')}\n` : '') + ')';
    if (parents.length) sql += `\nINHERITS (${parents.map(tq).join(', ')})`;
  }
  if (t.partitioning) {
    sql += `\nPARTITION BY ${t.partitioning.strategy.toUpperCase()} (${t.partitioning.keys.join(', ')})`;
  }
  if (t.accessMethod) sql += `\nUSING ${quoteIdent(t.accessMethod)}`;
  if (t.with) sql += '\n' + withKeyword('WITH', t.with);
  if (t.tablespace) sql += `\nTABLESPACE ${quoteIdent(t.tablespace)}`;
  return [stmt(sql), ...after];
}

export function renderAttach(ctx: ExportContext, t: Table, parent: Table, path: Path): string[] {
  const pq = ctx.qname(ctx.schemaName(parent.schemaId, `table ${parent.name}`), parent.name, path);
  const q = ctx.qname(ctx.schemaName(t.schemaId, `table ${t.name}`), t.name, path);
  return [stmt(`ALTER TABLE ONLY ${pq} ATTACH PARTITION ${q} ${safeTail(t.partitionOf!.bound)}`)];
}

export function renderNotValidCheck(ctx: ExportContext, t: Table, c: CheckConstraint, path: Path): string[] {
  const q = ctx.qname(ctx.schemaName(t.schemaId, `table ${t.name}`), t.name, path);
  return [stmt(`ALTER TABLE ${q}\n${IND}ADD ${constraintHead(ctx, t, c)}${checkBody(c)} NOT VALID`)];
}

const FK_ACTION: Record<string, string> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set null': 'SET NULL',
  'set default': 'SET DEFAULT',
};

export function renderForeignKey(
  ctx: ExportContext,
  t: Table,
  fk: ForeignKey,
  tables: Record<Id, Table>,
  path: Path,
): string[] {
  const label = ctx.tableLabel(t);
  const what = `foreign key ${fk.name ?? ''} on ${label}`;
  const cols = columnNames(ctx, t, fk.columns, what);
  if (!cols) return [];
  let ref: string;
  let refCols: string[] = [];
  if (fk.refTableId !== null && tables[fk.refTableId]) {
    const rt = tables[fk.refTableId]!;
    ref = ctx.qname(ctx.schemaName(rt.schemaId, `table ${rt.name}`), rt.name, path);
    const rc = columnNames(ctx, rt, fk.refColumns, what);
    if (!rc) return [];
    refCols = rc;
  } else if (fk.refTableName) {
    ref = fk.refTableName.schema ? ctx.qname(fk.refTableName.schema, fk.refTableName.name, path) : quoteQName(fk.refTableName);
    refCols = (fk.refColumnNames ?? []).map(quoteIdent);
  } else {
    ctx.warn('unresolved', `Referenced table of ${what} is not in the model; constraint skipped`);
    return [];
  }
  const q = ctx.qname(ctx.schemaName(t.schemaId, `table ${t.name}`), t.name, path);
  let s = `ALTER TABLE ${t.partitioning ? '' : 'ONLY '}${q}\n${IND}ADD ${constraintHead(ctx, t, fk)}`;
  s += `FOREIGN KEY (${cols.join(', ')}) REFERENCES ${ref}` + (refCols.length ? `(${refCols.join(', ')})` : '');
  if (fk.match === 'full') s += ' MATCH FULL';
  else if (fk.match === 'partial') s += ' MATCH PARTIAL';
  if (fk.onUpdate !== 'no action' && FK_ACTION[fk.onUpdate]) s += ` ON UPDATE ${FK_ACTION[fk.onUpdate]}`;
  if (fk.onDelete !== 'no action' && FK_ACTION[fk.onDelete]) {
    s += ` ON DELETE ${FK_ACTION[fk.onDelete]}`;
    if (fk.onDeleteColumns?.length && (fk.onDelete === 'set null' || fk.onDelete === 'set default')) {
      const dc = columnNames(ctx, t, fk.onDeleteColumns, what);
      if (dc) s += ` (${dc.join(', ')})`;
    }
  }
  s += deferrable(fk);
  if (fk.notValid) s += ' NOT VALID';
  return [stmt(s)];
}

export function renderOwnedBy(ctx: ExportContext, s: Sequence, t: Table, path: Path): string[] {
  const col = t.columns.find((c) => c.id === s.ownedBy!.columnId);
  if (!col) {
    ctx.warn('unresolved', `OWNED BY column of sequence ${s.name} is not in table ${ctx.tableLabel(t)}; skipped`);
    return [];
  }
  const sq = ctx.qname(ctx.schemaName(s.schemaId, `sequence ${s.name}`), s.name, path);
  const tq = ctx.qname(ctx.schemaName(t.schemaId, `table ${t.name}`), t.name, path);
  return [stmt(`ALTER SEQUENCE ${sq} OWNED BY ${tq}.${quoteIdent(col.name)}`)];
}

export function renderRls(ctx: ExportContext, t: Table, path: Path): string[] {
  const q = ctx.qname(ctx.schemaName(t.schemaId, `table ${t.name}`), t.name, path);
  const out: string[] = [];
  if (t.rls?.enabled) out.push(stmt(`ALTER TABLE ${q} ENABLE ROW LEVEL SECURITY`));
  if (t.rls?.forced) out.push(stmt(`ALTER TABLE ${q} FORCE ROW LEVEL SECURITY`));
  return out;
}

// ---------------------------------------------------------------- indexes

/** `owner` is the table (or null for a materialized view, whose index elements must be expressions or names). */
export function renderIndex(
  ctx: ExportContext,
  ix: Index,
  ownerSchema: string,
  ownerName: string,
  owner: Table | null,
  path: Path,
): string[] {
  const what = `index ${ix.name ?? '(unnamed)'} on ${ownerSchema}.${ownerName}`;
  if (ix.name) ctx.checkIdent(ix.name, what);
  const elems: string[] = [];
  for (const e of ix.elements) {
    let s: string;
    if (e.expr !== undefined) s = `(${safeTail(e.expr)})`;
    else if (e.column !== undefined && owner) {
      const c = columnNames(ctx, owner, [e.column], what);
      if (!c) return [];
      s = c[0]!;
    } else {
      ctx.warn('unresolved', `An element of ${what} has neither a column nor an expression; index skipped`);
      return [];
    }
    if (e.collation) s += ` COLLATE ${e.collation}`;
    if (e.opclass) s += ` ${e.opclass}${e.opclassParams ?? ''}`;
    if (e.order === 'desc') s += ' DESC';
    if (e.nulls) s += ` NULLS ${e.nulls.toUpperCase()}`;
    elems.push(s);
  }
  let sql = `CREATE ${ix.unique ? 'UNIQUE ' : ''}INDEX `;
  if (ix.name) sql += `${ctx.ine(ix.ifNotExists)}${quoteIdent(ix.name)} `;
  sql += `ON ${ix.only && owner ? 'ONLY ' : ''}${ctx.qname(ownerSchema, ownerName, path)} USING ${quoteIdent(ix.method || 'btree')} (${elems.join(', ')})`;
  if (ix.include?.length) {
    if (!owner) return [];
    const inc = columnNames(ctx, owner, ix.include, what);
    if (!inc) return [];
    sql += ` INCLUDE (${inc.join(', ')})`;
  }
  if (ix.nullsNotDistinct) sql += ' NULLS NOT DISTINCT';
  if (ix.with) sql += ' ' + withKeyword('WITH', ix.with);
  if (ix.tablespace) sql += ` TABLESPACE ${quoteIdent(ix.tablespace)}`;
  if (ix.where) sql += ` WHERE ${safeTail(ix.where)}`;
  return [stmt(sql)];
}

// ---------------------------------------------------------------- views

export function renderView(ctx: ExportContext, v: View, path: Path): string[] {
  const schema = ctx.schemaName(v.schemaId, `view ${v.name}`);
  ctx.checkIdent(v.name, `view ${schema}.${v.name}`);
  const q = v.temporary ? quoteIdent(v.name) : ctx.qname(schema, v.name, path);
  for (const c of v.columnNames ?? []) ctx.checkIdent(c, `column of view ${schema}.${v.name}`);
  const cols = v.columnNames?.length ? ` (${v.columnNames.map(quoteIdent).join(', ')})` : '';
  const query = safeTail(v.query.trim().replace(/;\s*$/, ''));
  if (v.materialized) {
    let sql = `CREATE MATERIALIZED VIEW ${ctx.ine(v.ifNotExists)}${q}${cols}`;
    if (v.accessMethod) sql += ` USING ${quoteIdent(v.accessMethod)}`;
    if (v.with) sql += ' ' + withKeyword('WITH', v.with);
    if (v.tablespace) sql += ` TABLESPACE ${quoteIdent(v.tablespace)}`;
    sql += ` AS\n${query}`;
    if (v.withNoData) sql += '\nWITH NO DATA';
    return [stmt(sql)];
  }
  let sql = `CREATE ${v.orReplace ? 'OR REPLACE ' : ''}${v.temporary ? 'TEMPORARY ' : ''}${v.recursive ? 'RECURSIVE ' : ''}VIEW ${q}${cols}`;
  if (v.with) sql += ' ' + withKeyword('WITH', v.with);
  sql += ` AS\n${query}`;
  if (v.checkOption) sql += `\nWITH ${v.checkOption.toUpperCase()} CHECK OPTION`;
  return [stmt(sql)];
}

// ---------------------------------------------------------------- comments

export function commentOn(what: string, text: string): string {
  // no safeTail: the tail is our own literal
  return `COMMENT ON ${what} IS ${quoteLiteral(text)};\n`;
}

export function renderTableComments(ctx: ExportContext, t: Table, path: Path): string[] {
  const schema = ctx.schemaName(t.schemaId, `table ${t.name}`);
  const q = ctx.qname(schema, t.name, path);
  const out: string[] = [];
  if (t.comment) out.push(commentOn(`TABLE ${q}`, t.comment));
  for (const c of t.columns) if (c.comment) out.push(commentOn(`COLUMN ${q}.${quoteIdent(c.name)}`, c.comment));
  for (const c of t.constraints) {
    if (!c.comment) continue;
    if (c.name) out.push(commentOn(`CONSTRAINT ${quoteIdent(c.name)} ON ${q}`, c.comment));
    else ctx.warn('unsupported', `Comment on an unnamed constraint of ${schema}.${t.name} cannot be exported`);
  }
  out.push(...indexComments(ctx, t.indexes, schema, `${schema}.${t.name}`, path));
  return out;
}

export function indexComments(ctx: ExportContext, idx: Index[], schema: string, owner: string, path: Path): string[] {
  const out: string[] = [];
  for (const ix of idx) {
    if (!ix.comment) continue;
    if (ix.name) out.push(commentOn(`INDEX ${ctx.qname(schema, ix.name, path)}`, ix.comment));
    else ctx.warn('unsupported', `Comment on an unnamed index of ${owner} cannot be exported`);
  }
  return out;
}

export function renderViewComments(ctx: ExportContext, v: View, path: Path): string[] {
  const schema = ctx.schemaName(v.schemaId, `view ${v.name}`);
  const q = v.temporary ? quoteIdent(v.name) : ctx.qname(schema, v.name, path);
  const out: string[] = [];
  if (v.comment) out.push(commentOn(`${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${q}`, v.comment));
  const cc = v.columnComments ?? {};
  const names = [...(v.columnNames ?? []).filter((n) => n in cc), ...Object.keys(cc).filter((n) => !v.columnNames?.includes(n))];
  for (const n of names) out.push(commentOn(`COLUMN ${q}.${quoteIdent(n)}`, cc[n]!));
  out.push(...indexComments(ctx, v.indexes, schema, `${schema}.${v.name}`, path));
  return out;
}
