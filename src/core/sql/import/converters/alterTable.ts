/** ALTER TABLE (and ALTER INDEX / VIEW / SEQUENCE forms, which are kept verbatim). */
import type { Table } from '../../../model/types';
import { exprText, nodeText } from '../expr';
import { typeInfo } from '../types';
import {
  addColumnConstraints,
  addSerialSequence,
  buildColumn,
  buildConstraint,
  collationText,
  columnByName,
  displayName,
  findConstraint,
  objQName,
  partitionBoundText,
  rangeVarName,
  sequenceOptions,
  Unsupported,
  type Converter,
} from './shared';
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';

const RAW_LABEL: Record<string, string> = {
  AT_ChangeOwner: 'owner',
  AT_EnableTrig: 'enable trigger',
  AT_DisableTrig: 'disable trigger',
  AT_EnableTrigAll: 'enable triggers',
  AT_DisableTrigAll: 'disable triggers',
  AT_ReplicaIdentity: 'replica identity',
  AT_ClusterOn: 'cluster on',
  AT_SetStatistics: 'set statistics',
};

/** Apply one subcommand; returns false when it is not modelled (kept verbatim). */
function applyCmd(cmd: any, table: Table, stmt: StatementInfo, ctx: ImportContext): boolean {
  const col = () => {
    const c = columnByName(table, cmd.name);
    if (!c) throw new Unsupported(`column "${cmd.name}" of ${objQName(ctx, table)} is not defined`);
    return c;
  };
  switch (cmd.subtype) {
    case 'AT_AddColumn': {
      const def = cmd.def?.ColumnDef;
      if (!def) return false;
      if (columnByName(table, def.colname)) {
        if (cmd.missing_ok) return true;
        throw new Unsupported(`column "${def.colname}" already exists`);
      }
      const built = buildColumn(def, stmt, ctx);
      table.columns.push(built.column);
      addColumnConstraints(table, built.column.name, built.constraints, stmt, ctx);
      if (built.column.serial) addSerialSequence(table, built.column, ctx);
      return true;
    }
    case 'AT_DropColumn': {
      const c = columnByName(table, cmd.name);
      if (!c) {
        if (cmd.missing_ok) return true;
        throw new Unsupported(`column "${cmd.name}" does not exist`);
      }
      dropColumn(table, c.id, cmd.behavior === 'DROP_CASCADE', stmt, ctx);
      return true;
    }
    case 'AT_ColumnDefault': {
      const c = col();
      if (cmd.def) c.default = exprText(cmd.def);
      else delete c.default;
      return true;
    }
    case 'AT_SetNotNull':
      col().nullable = false;
      return true;
    case 'AT_DropNotNull':
      col().nullable = true;
      return true;
    case 'AT_AlterColumnType': {
      const c = col();
      const def = cmd.def?.ColumnDef ?? {};
      const ti = typeInfo(def.typeName, ctx);
      if (ti.serial) throw new Unsupported('ALTER COLUMN TYPE serial');
      c.type = ti.type;
      if (ti.typeRef) c.typeRef = ti.typeRef;
      else delete c.typeRef;
      if (def.collClause) c.collation = collationText(def.collClause.collname);
      if (def.raw_default) ctx.diag(stmt, 'info', 'unsupported', 'USING expression of ALTER COLUMN TYPE is not kept (the model holds the resulting schema only)');
      return true;
    }
    case 'AT_AddConstraint': {
      const con = cmd.def?.Constraint;
      if (!con) return false;
      if (con.contype === 'CONSTR_NOTNULL') {
        for (const k of (con.keys ?? []).map((x: any) => x.String?.sval)) {
          const c = columnByName(table, k);
          if (c) c.nullable = false;
        }
        return true;
      }
      const built = buildConstraint(con, table, stmt, ctx);
      if (!built) return false;
      if (built.name && findConstraint(table, built.name)) throw new Unsupported(`constraint "${built.name}" already exists`);
      table.constraints.push(built);
      return true;
    }
    case 'AT_DropConstraint': {
      const c = findConstraint(table, cmd.name);
      if (!c) {
        if (cmd.missing_ok) return true;
        return false;
      }
      table.constraints = table.constraints.filter((x) => x !== c);
      if (c.kind === 'primary' || c.kind === 'unique') dropDependentFks(table, c.columns, stmt, ctx, cmd.behavior === 'DROP_CASCADE');
      return true;
    }
    case 'AT_ValidateConstraint': {
      const c = findConstraint(table, cmd.name);
      if (!c) return false;
      if (c.kind === 'check' || c.kind === 'foreign') delete c.notValid;
      return true;
    }
    case 'AT_AttachPartition': {
      const pc = cmd.def?.PartitionCmd;
      if (!pc || !table.partitioning) return false;
      const q = rangeVarName(pc.name);
      const child = ctx.findTable(q.schema, q.name);
      if (!child) throw new Unsupported(`partition ${displayName(q)} is not defined`);
      if (pc.concurrent) return false;
      child.partitionOf = { parentId: table.id, bound: partitionBoundText(pc.bound), form: 'attach' };
      return true;
    }
    case 'AT_DetachPartition': {
      const pc = cmd.def?.PartitionCmd;
      if (!pc || pc.concurrent) return false;
      const q = rangeVarName(pc.name);
      const child = ctx.findTable(q.schema, q.name);
      if (!child || child.partitionOf?.parentId !== table.id) return false;
      if (child.partitionOf.form === 'partition-of') for (const c of child.columns) delete c.inherited;
      delete child.partitionOf;
      return true;
    }
    case 'AT_EnableRowSecurity':
    case 'AT_DisableRowSecurity':
    case 'AT_ForceRowSecurity':
    case 'AT_NoForceRowSecurity': {
      const rls = table.rls ?? { enabled: false, forced: false };
      if (cmd.subtype === 'AT_EnableRowSecurity') rls.enabled = true;
      if (cmd.subtype === 'AT_DisableRowSecurity') rls.enabled = false;
      if (cmd.subtype === 'AT_ForceRowSecurity') rls.forced = true;
      if (cmd.subtype === 'AT_NoForceRowSecurity') rls.forced = false;
      if (rls.enabled || rls.forced) table.rls = rls;
      else delete table.rls;
      return true;
    }
    case 'AT_AddIdentity': {
      const c = col();
      const con = cmd.def?.Constraint ?? {};
      c.identity = { always: con.generated_when === 'a', options: sequenceOptions(con.options).options };
      c.nullable = false;
      return true;
    }
    case 'AT_SetIdentity': {
      const c = col();
      if (!c.identity) throw new Unsupported(`column "${c.name}" is not an identity column`);
      const defs: any[] = cmd.def?.List?.items ?? [];
      const rest: any[] = [];
      for (const d of defs) {
        if (d.DefElem?.defname === 'generated') c.identity.always = d.DefElem.arg?.Integer?.ival === 97;
        else if (d.DefElem?.defname === 'restart') ctx.diag(stmt, 'info', 'unsupported', 'RESTART is a runtime action; not kept');
        else rest.push(d);
      }
      const r = sequenceOptions(rest, c.identity.options);
      c.identity.options = r.options;
      return true;
    }
    case 'AT_DropIdentity': {
      const c = columnByName(table, cmd.name);
      if (!c?.identity) return !!cmd.missing_ok;
      delete c.identity;
      return true;
    }
    case 'AT_SetExpression': {
      const c = col();
      if (!c.generated) return false;
      c.generated.expr = exprText(cmd.def);
      return true;
    }
    case 'AT_DropExpression': {
      const c = col();
      if (!c.generated) return !!cmd.missing_ok;
      delete c.generated;
      return true;
    }
    case 'AT_SetStorage':
      col().storage = String(cmd.def?.String?.sval ?? '').toUpperCase();
      return true;
    case 'AT_SetCompression':
      col().compression = String(cmd.def?.String?.sval ?? '');
      return true;
    case 'AT_SetLogged':
      delete table.unlogged;
      return true;
    case 'AT_SetUnLogged':
      table.unlogged = true;
      return true;
    default:
      return false;
  }
}

function dropDependentFks(table: Table, colIds: string[], stmt: StatementInfo, ctx: ImportContext, cascade: boolean): void {
  for (const t of Object.values(ctx.model.tables)) {
    const before = t.constraints.length;
    const keep = t.constraints.filter(
      (c) => !(c.kind === 'foreign' && c.refTableId === table.id && c.refColumns.length === colIds.length && c.refColumns.every((id) => colIds.includes(id))),
    );
    if (keep.length !== before) {
      if (!cascade) ctx.diag(stmt, 'warning', 'dependency', `foreign keys of ${objQName(ctx, t)} depend on the dropped key; PostgreSQL requires CASCADE`);
      t.constraints = keep;
    }
  }
}

export function dropColumn(table: Table, colId: string, cascade: boolean, stmt: StatementInfo, ctx: ImportContext): void {
  const dropped = table.columns.find((c) => c.id === colId);
  // partitions / inheritance children lose the inherited column too
  if (dropped)
    for (const t of Object.values(ctx.model.tables)) {
      if (t.partitionOf?.parentId !== table.id && !t.inherits?.includes(table.id)) continue;
      const child = t.columns.find((c) => c.inherited && c.name === dropped.name);
      if (child) dropColumn(t, child.id, cascade, stmt, ctx);
    }
  table.columns = table.columns.filter((c) => c.id !== colId);
  table.constraints = table.constraints.filter((c) => {
    if (c.kind === 'check' || c.kind === 'exclude') return true;
    return !c.columns.includes(colId) && !(c.kind !== 'foreign' && c.include?.includes(colId));
  });
  table.indexes = table.indexes.filter((i) => !i.elements.some((e) => e.column === colId) && !i.include?.includes(colId));
  for (const t of Object.values(ctx.model.tables)) {
    const keep = t.constraints.filter((c) => !(c.kind === 'foreign' && c.refTableId === table.id && c.refColumns.includes(colId)));
    if (keep.length !== t.constraints.length) {
      if (!cascade) ctx.diag(stmt, 'warning', 'dependency', `foreign keys of ${objQName(ctx, t)} reference the dropped column; PostgreSQL requires CASCADE`);
      t.constraints = keep;
    }
  }
  for (const s of Object.values(ctx.model.sequences)) if (s.ownedBy?.columnId === colId) delete ctx.model.sequences[s.id];
  ctx.invalidate();
}

export const convertAlterTable: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.relation);
  const objtype: string = n.objtype ?? 'OBJECT_TABLE';
  const cmds: any[] = (n.cmds ?? []).map((c: any) => c.AlterTableCmd ?? {});
  const rel = ctx.findRelation(q.schema, q.name);
  const idx = !rel && objtype === 'OBJECT_INDEX' ? ctx.findIndex(q.schema, q.name) : undefined;
  const rawLabel = () => {
    const kinds = [...new Set(cmds.map((c) => RAW_LABEL[c.subtype] ?? String(c.subtype).replace(/^AT_/, '').replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()))];
    const word = rel ? (rel.kind === 'view' ? (rel.obj.materialized ? 'materialized view' : 'view') : rel.kind) : objtype.replace('OBJECT_', '').toLowerCase().replace('matview', 'materialized view');
    return `alter ${word} ${displayName(q)}: ${kinds.join(', ')}`;
  };
  if (objtype !== 'OBJECT_TABLE' || rel?.kind !== 'table') {
    const target = rel?.id ?? idx?.owner.id;
    if (!target && !(n.missing_ok)) ctx.diag(stmt, 'warning', 'unresolved', `${displayName(q)} is not defined in this file; statement kept verbatim`, n.relation?.location);
    ctx.keepRaw(stmt, { label: rawLabel(), ...(target ? { target } : {}), note: false });
    return;
  }
  const table = rel.obj;
  if (!n.relation?.inh && cmds.some((c) => c.subtype === 'AT_AddConstraint')) {
    // ALTER TABLE ONLY ... ADD CONSTRAINT (pg_dump style): modelled the same way.
  }
  const rest: any[] = [];
  for (const cmd of cmds) {
    if (!applyCmd(cmd, table, stmt, ctx)) rest.push(cmd);
  }
  ctx.invalidate();
  if (!rest.length) {
    ctx.count('alter-table');
    return;
  }
  const sql = rest.length === cmds.length ? undefined : nodeText({ AlterTableStmt: { ...n, cmds: rest.map((c) => ({ AlterTableCmd: c })) } });
  const r = ctx.keepRaw(stmt, { label: rawLabel(), target: table.id, note: false });
  if (sql) r.sql = sql;
  const unusual = rest.filter((c) => !RAW_LABEL[c.subtype]);
  if (unusual.length)
    ctx.diag(stmt, 'info', 'unsupported', `ALTER TABLE ${displayName(q)}: ${unusual.map((c) => String(c.subtype).replace(/^AT_/, '')).join(', ')} not modelled, kept verbatim`);
};
