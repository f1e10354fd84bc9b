/** ALTER TYPE ... ADD VALUE / RENAME VALUE. */
import { newId } from '../../../util/ids';
import { nameList } from '../types';
import { displayName, listQName, Unsupported, type Converter } from './shared';

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
