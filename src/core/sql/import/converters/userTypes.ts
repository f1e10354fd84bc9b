/** CREATE TYPE ... AS ENUM, ALTER TYPE ... ADD/RENAME VALUE, CREATE DOMAIN, CREATE TYPE ... AS (composite). */
import type { CompositeType, DomainType, EnumType } from '../../../model/types';
import { newId } from '../../../util/ids';
import type { ImportContext } from '../context';
import { exprText } from '../expr';
import type { StatementInfo } from '../statement';
import { nameList, typeInfo } from '../types';
import { collationText, displayName, listQName, rangeVarName, str, Unsupported, type Converter } from './shared';

function newTypeTarget(q: { schema?: string; name: string }, stmt: StatementInfo, ctx: ImportContext) {
  const schema = ctx.creationSchema(q.schema, stmt);
  if (ctx.findType(schema.name, q.name) || ctx.findRelation(schema.name, q.name)) throw new Unsupported(`type ${displayName(q)} is defined twice`);
  const sp = ctx.objectSearchPath();
  return { id: newId('ty'), schemaId: schema.id, name: q.name, seq: ctx.nextSeq(), ...(sp ? { searchPath: sp } : {}) };
}

export const convertCreateEnum: Converter = (stmt, ctx) => {
  const q = listQName(nameList(stmt.node.typeName));
  const t: EnumType = { kind: 'enum', ...newTypeTarget(q, stmt, ctx), values: (stmt.node.vals ?? []).map((v: any) => ({ id: newId('ev'), label: str(v) })) };
  ctx.addType(t);
  ctx.count('type');
};

export const convertAlterEnum: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = listQName(nameList(n.typeName));
  const t = ctx.findType(q.schema, q.name);
  if (!t || t.kind !== 'enum') {
    ctx.diag(stmt, 'warning', 'unresolved', `enum type ${displayName(q)} is not defined; statement kept verbatim`);
    ctx.keepRaw(stmt, { label: `alter type ${displayName(q)}`, note: false });
    return;
  }
  if (n.oldVal !== undefined) {
    const v = t.values.find((x) => x.label === n.oldVal);
    if (!v) throw new Unsupported(`"${n.oldVal}" is not an existing enum label`);
    v.label = n.newVal;
  } else {
    if (t.values.some((x) => x.label === n.newVal)) {
      if (n.skipIfNewValExists) return;
      throw new Unsupported(`enum label "${n.newVal}" already exists`);
    }
    const item = { id: newId('ev'), label: n.newVal as string };
    if (n.newValNeighbor !== undefined) {
      const i = t.values.findIndex((x) => x.label === n.newValNeighbor);
      if (i < 0) throw new Unsupported(`"${n.newValNeighbor}" is not an existing enum label`);
      t.values.splice(n.newValIsAfter ? i + 1 : i, 0, item);
    } else t.values.push(item);
  }
  ctx.count('alter-type');
};

export const convertCreateDomain: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = listQName(nameList(n.domainname));
  const ti = typeInfo(n.typeName, ctx);
  if (ti.serial) throw new Unsupported('domain over serial');
  const d: DomainType = { kind: 'domain', ...newTypeTarget(q, stmt, ctx), baseType: ti.type, nullable: true, checks: [] };
  if (ti.typeRef) d.baseTypeRef = ti.typeRef;
  if (n.collClause) d.collation = collationText(n.collClause.collname);
  for (const c0 of n.constraints ?? []) {
    const c = c0.Constraint ?? {};
    switch (c.contype) {
      case 'CONSTR_NOTNULL':
        d.nullable = false;
        break;
      case 'CONSTR_NULL':
        d.nullable = true;
        break;
      case 'CONSTR_DEFAULT':
        d.default = exprText(c.raw_expr);
        break;
      case 'CONSTR_CHECK':
        d.checks.push({ id: newId('c'), ...(c.conname ? { name: c.conname } : {}), expr: exprText(c.raw_expr), ...(c.skip_validation ? { notValid: true } : {}) });
        break;
      default:
        throw new Unsupported(`domain constraint ${String(c.contype)} is not modelled`);
    }
  }
  ctx.addType(d);
  ctx.count('type');
};

export const convertCompositeType: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.typevar);
  const t: CompositeType = {
    kind: 'composite',
    ...newTypeTarget(q, stmt, ctx),
    attributes: (n.coldeflist ?? []).map((c0: any) => {
      const c = c0.ColumnDef ?? {};
      const ti = typeInfo(c.typeName, ctx);
      return {
        id: newId('a'),
        name: c.colname ?? '',
        type: ti.type,
        ...(ti.typeRef ? { typeRef: ti.typeRef } : {}),
        ...(c.collClause ? { collation: collationText(c.collClause.collname) } : {}),
      };
    }),
  };
  ctx.addType(t);
  ctx.count('type');
};
