/** ALTER SEQUENCE. */
import { resolveOwnedBy } from './sequenceOwner';
import { displayName, rangeVarName, sequenceOptions, type Converter } from './shared';

export const convertAlterSeq: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.sequence);
  const seq = ctx.findSequence(q.schema, q.name);
  if (!seq) {
    if (!n.missing_ok) ctx.diag(stmt, 'warning', 'unresolved', `sequence ${displayName(q)} is not defined; statement kept verbatim`);
    ctx.keepRaw(stmt, { label: `alter sequence ${displayName(q)}`, note: false });
    return;
  }
  const r = sequenceOptions(n.options, seq.options);
  const transient = r.other.filter((o) => o === 'restart');
  const other = r.other.filter((o) => o !== 'restart');
  if (other.length) {
    ctx.keepRaw(stmt, { label: `alter sequence ${displayName(q)}`, target: seq.id, note: `ALTER SEQUENCE ${other.join(', ')} not modelled, kept verbatim` });
    return;
  }
  seq.options = r.options;
  if (r.ownedBy === null) delete seq.ownedBy;
  else if (r.ownedBy) {
    const o = resolveOwnedBy(r.ownedBy, stmt, ctx);
    if (o) seq.ownedBy = o;
  }
  if (transient.length) ctx.diag(stmt, 'info', 'unsupported', 'RESTART is a runtime action; not kept');
  ctx.count('alter-sequence');
};
