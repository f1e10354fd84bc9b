/** CREATE SEQUENCE and ALTER SEQUENCE. */
import type { Sequence } from '../../../model/types';
import { newId } from '../../../util/ids';
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { columnByName, displayName, listQName, rangeVarName, sequenceOptions, Unsupported, type Converter } from './shared';

function resolveOwnedBy(items: string[], stmt: StatementInfo, ctx: ImportContext): Sequence['ownedBy'] | undefined {
  const colName = items[items.length - 1] ?? '';
  const q = listQName(items.slice(0, -1));
  const t = ctx.findTable(q.schema, q.name);
  const c = t ? columnByName(t, colName) : undefined;
  if (!t || !c) {
    ctx.diag(stmt, 'warning', 'unresolved', `OWNED BY ${items.join('.')}: column not found; ownership not recorded`);
    return undefined;
  }
  return { tableId: t.id, columnId: c.id };
}

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
