/** CREATE TABLE */
import type { Table } from '../../../model/types';
import { newId } from '../../../util/ids';
import { quoteIdent } from '../../ident';
import { exprText } from '../expr';
import {
  addColumnConstraints,
  addSerialSequence,
  applyConstraintAttr,
  buildColumn,
  buildConstraint,
  collationText,
  columnByName,
  displayName,
  inheritedColumns,
  partitionBoundText,
  rangeVarName,
  Unsupported,
  withText,
  wrapExpr,
  type Converter,
} from './shared';
import { nameList } from '../types';

const STRATEGY: Record<string, 'range' | 'list' | 'hash'> = {
  PARTITION_STRATEGY_RANGE: 'range',
  PARTITION_STRATEGY_LIST: 'list',
  PARTITION_STRATEGY_HASH: 'hash',
};

export const convertCreateTable: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const rel = rangeVarName(n.relation);
  if (n.relation?.relpersistence === 't') throw new Unsupported('temporary tables are not modelled');
  if (n.ofTypename) throw new Unsupported('CREATE TABLE ... OF type is not modelled');
  const schema = ctx.creationSchema(rel.schema, stmt);
  const existing = ctx.findTable(schema.name, rel.name) ?? ctx.findRelation(schema.name, rel.name);
  if (existing) {
    if (n.if_not_exists) {
      ctx.diag(stmt, 'info', 'duplicate', `relation ${displayName(rel)} already exists; CREATE TABLE IF NOT EXISTS skipped`);
      return;
    }
    throw new Unsupported(`relation ${displayName(rel)} is defined twice`);
  }
  const table: Table = { id: newId('t'), schemaId: schema.id, name: rel.name, columns: [], constraints: [], indexes: [], seq: ctx.nextSeq() };
  if (n.relation?.relpersistence === 'u') table.unlogged = true;
  if (n.if_not_exists) table.ifNotExists = true;
  const w = withText(n.options);
  if (w) table.with = w;
  if (n.tablespacename) table.tablespace = n.tablespacename;
  if (n.accessMethod) table.accessMethod = n.accessMethod;
  const sp = ctx.objectSearchPath();
  if (sp) table.searchPath = sp;

  // Parents: PARTITION OF or INHERITS.
  const parents: Table[] = [];
  for (const p of n.inhRelations ?? []) {
    const q = rangeVarName(p.RangeVar);
    const parent = ctx.findTable(q.schema, q.name);
    if (!parent) {
      if (n.partbound) throw new Unsupported(`partition parent ${displayName(q)} is not defined`);
      ctx.diag(stmt, 'warning', 'unresolved', `INHERITS parent ${displayName(q)} is not defined; ignored`, p.RangeVar?.location);
      continue;
    }
    parents.push(parent);
  }
  if (n.partbound) {
    const parent = parents[0];
    if (!parent) throw new Unsupported('PARTITION OF without parent');
    table.partitionOf = { parentId: parent.id, bound: partitionBoundText(n.partbound), form: 'partition-of' };
    table.columns.push(...inheritedColumns(parent));
  } else if (parents.length) {
    table.inherits = parents.map((p) => p.id);
    for (const p of parents) for (const c of inheritedColumns(p)) if (!columnByName(table, c.name)) table.columns.push(c);
  }

  const tableCons: any[] = [];
  const colCons: { name: string; cons: any[] }[] = [];
  const serials: string[] = [];
  for (const el of n.tableElts ?? []) {
    if (el.ColumnDef) {
      const def = el.ColumnDef;
      const inh = columnByName(table, def.colname);
      if (inh && (!def.typeName || table.partitionOf)) {
        // `col WITH OPTIONS ...` in PARTITION OF, or a redeclared inherited column: merge.
        const built = def.typeName ? buildColumn(def, stmt, ctx) : undefined;
        if (built && !table.partitionOf) {
          const keepId = inh.id;
          Object.assign(inh, built.column, { id: keepId });
          delete inh.inherited;
        }
        for (const c0 of def.constraints ?? []) {
          const c = c0.Constraint ?? {};
          if (c.contype === 'CONSTR_NOTNULL') inh.nullable = false;
          else if (c.contype === 'CONSTR_DEFAULT') inh.default = exprText(c.raw_expr);
          else if (c.contype === 'CONSTR_NULL') inh.nullable = true;
        }
        const rest = (def.constraints ?? [])
          .map((x: any) => x.Constraint ?? {})
          .filter((c: any) => !['CONSTR_NOTNULL', 'CONSTR_DEFAULT', 'CONSTR_NULL'].includes(c.contype));
        if (rest.length) colCons.push({ name: def.colname, cons: rest });
        continue;
      }
      if (inh) throw new Unsupported(`column "${def.colname}" specified more than once`);
      if (!def.typeName) throw new Unsupported(`column "${def.colname}" has no type`);
      const built = buildColumn(def, stmt, ctx);
      table.columns.push(built.column);
      if (built.column.serial) serials.push(built.column.id);
      if (built.constraints.length) colCons.push({ name: built.column.name, cons: built.constraints });
    } else if (el.Constraint) {
      tableCons.push(el.Constraint);
    } else if (el.TableLikeClause) {
      const q = rangeVarName(el.TableLikeClause.relation);
      const src = ctx.findTable(q.schema, q.name);
      if (!src) throw new Unsupported(`LIKE source ${displayName(q)} is not defined`);
      if (el.TableLikeClause.options) ctx.diag(stmt, 'warning', 'unsupported', 'LIKE ... INCLUDING options are not modelled; only columns, types and NOT NULL were copied');
      for (const c of src.columns) table.columns.push({ id: newId('col'), name: c.name, type: c.type, nullable: c.nullable, ...(c.typeRef ? { typeRef: c.typeRef } : {}) });
    } else {
      throw new Unsupported(`table element ${Object.keys(el)[0]} is not modelled`);
    }
  }

  for (const { name, cons } of colCons) addColumnConstraints(table, name, cons, stmt, ctx);
  for (const c of n.constraints ?? []) tableCons.push(c.Constraint ?? c);
  let last;
  for (const c of tableCons) {
    if (applyConstraintAttr(c, last, stmt, ctx)) continue;
    if (c.contype === 'CONSTR_NOTNULL') {
      // PG18: table-level `NOT NULL col`
      for (const k of nameList(c.keys)) {
        const col = columnByName(table, k);
        if (col) col.nullable = false;
      }
      continue;
    }
    const built = buildConstraint(c, table, stmt, ctx);
    if (!built) throw new Unsupported(`table constraint ${String(c.contype)} is not modelled`);
    table.constraints.push(built);
    last = built;
  }

  if (n.partspec) {
    const strategy = STRATEGY[n.partspec.strategy];
    if (!strategy) throw new Unsupported('unknown partition strategy');
    table.partitioning = {
      strategy,
      keys: (n.partspec.partParams ?? []).map((p: any) => {
        const e = p.PartitionElem ?? {};
        let s = e.name !== undefined ? quoteIdent(e.name) : wrapExpr(exprText(e.expr), e.expr);
        if (e.collation?.length) s += ' COLLATE ' + collationText(e.collation);
        if (e.opclass?.length) s += ' ' + nameList(e.opclass).map(quoteIdent).join('.');
        return s;
      }),
    };
  }

  ctx.addTable(table);
  for (const id of serials) {
    const col = table.columns.find((c) => c.id === id);
    if (col) addSerialSequence(table, col, ctx);
  }
  ctx.count('table');
};
