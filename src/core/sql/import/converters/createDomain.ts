/** CREATE DOMAIN. */
import type { DomainType } from '../../../model/types';
import { newId } from '../../../util/ids';
import { exprText } from '../expr';
import { nameList, typeInfo } from '../types';
import { collationText, listQName, Unsupported, type Converter } from './shared';
import { newTypeTarget } from './typeTarget';

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
