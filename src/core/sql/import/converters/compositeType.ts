/** CREATE TYPE ... AS (composite). */
import type { CompositeType } from '../../../model/types';
import { newId } from '../../../util/ids';
import { typeInfo } from '../types';
import { collationText, rangeVarName, type Converter } from './shared';
import { newTypeTarget } from './typeTarget';

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
