/** Common fields of a new user-defined type (enum, domain, composite). */
import { newId } from '../../../util/ids';
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { displayName, Unsupported } from './shared';

/** Id, schema, name, seq and search path of a new type; throws if the name is already taken. */
export function newTypeTarget(q: { schema?: string; name: string }, stmt: StatementInfo, ctx: ImportContext) {
  const schema = ctx.creationSchema(q.schema, stmt);
  if (ctx.findType(schema.name, q.name) || ctx.findRelation(schema.name, q.name)) throw new Unsupported(`type ${displayName(q)} is defined twice`);
  const sp = ctx.objectSearchPath();
  return { id: newId('ty'), schemaId: schema.id, name: q.name, seq: ctx.nextSeq(), ...(sp ? { searchPath: sp } : {}) };
}
