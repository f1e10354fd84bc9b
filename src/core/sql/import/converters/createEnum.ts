/** CREATE TYPE ... AS ENUM. */
import type { EnumType } from '../../../model/types';
import { newId } from '../../../util/ids';
import { nameList } from '../types';
import { listQName, str, type Converter } from './shared';
import { newTypeTarget } from './typeTarget';

export const convertCreateEnum: Converter = (stmt, ctx) => {
  const q = listQName(nameList(stmt.node.typeName));
  const t: EnumType = { kind: 'enum', ...newTypeTarget(q, stmt, ctx), values: (stmt.node.vals ?? []).map((v: any) => ({ id: newId('ev'), label: str(v) })) };
  ctx.addType(t);
  ctx.count('type');
};
