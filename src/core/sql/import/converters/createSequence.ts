/** CREATE SEQUENCE. */
import type { Sequence } from '../../../model/types';
import { newId } from '../../../util/ids';
import { resolveOwnedBy } from './sequenceOwner';
import { displayName, rangeVarName, sequenceOptions, Unsupported, type Converter } from './shared';

export const convertCreateSeq: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.sequence);
  if (n.sequence?.relpersistence === 't') throw new Unsupported('temporary sequences are not modelled');
  const schema = ctx.creationSchema(q.schema, stmt);
  if (ctx.findRelation(schema.name, q.name)) {
    if (n.if_not_exists) return;
    throw new Unsupported(`relation ${displayName(q)} is defined twice`);
  }
  const r = sequenceOptions(n.options);
  const seq: Sequence = { id: newId('seq'), schemaId: schema.id, name: q.name, options: r.options, seq: ctx.nextSeq() };
  if (n.sequence?.relpersistence === 'u') seq.unlogged = true;
  if (n.if_not_exists) seq.ifNotExists = true;
  const sp = ctx.objectSearchPath();
  if (sp) seq.searchPath = sp;
  if (r.ownedBy) {
    const o = resolveOwnedBy(r.ownedBy, stmt, ctx);
    if (o) seq.ownedBy = o;
  }
  if (r.other.length) ctx.diag(stmt, 'info', 'unsupported', `sequence options not modelled: ${r.other.join(', ')}`);
  ctx.addSequence(seq);
  ctx.count('sequence');
};
