/** CREATE INDEX */
import type { Index } from '../../../model/types';
import { newId } from '../../../util/ids';
import { exprText } from '../expr';
import { colIds, displayName, indexElement, rangeVarName, Unsupported, withText, type Converter } from './shared';
import { nameList } from '../types';

export const convertIndex: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.relation);
  const rel = ctx.findRelation(q.schema, q.name, ['table', 'view']);
  if (!rel || rel.kind === 'sequence') throw new Unsupported(`CREATE INDEX on ${displayName(q)}, which is not defined`);
  if (rel.kind === 'view' && !rel.obj.materialized) throw new Unsupported('CREATE INDEX on a plain view');
  const owner = rel.obj;
  const schemaName = ctx.schemaName(owner.schemaId);
  if (n.idxname && ctx.relationNameTaken(schemaName, n.idxname)) {
    if (n.if_not_exists) return;
    throw new Unsupported(`relation "${n.idxname}" already exists`);
  }
  const index: Index = {
    id: newId('i'),
    unique: !!n.unique,
    method: n.accessMethod ?? 'btree',
    elements: (n.indexParams ?? []).map((p: any) => indexElement(p, owner, stmt, ctx)),
    seq: ctx.nextSeq(),
  };
  if (n.idxname) index.name = n.idxname;
  if (n.nulls_not_distinct) index.nullsNotDistinct = true;
  if (n.indexIncludingParams?.length) {
    const names = n.indexIncludingParams.map((p: any) => p.IndexElem?.name ?? '');
    index.include = rel.kind === 'table' ? colIds(rel.obj, names, stmt, ctx, 'INCLUDE') : [];
  }
  if (n.whereClause) index.where = exprText(n.whereClause);
  const w = withText(n.options);
  if (w) index.with = w;
  if (n.tableSpace) index.tablespace = n.tableSpace;
  if (!n.relation?.inh) index.only = true;
  if (n.if_not_exists) index.ifNotExists = true;
  if (n.concurrent) ctx.diag(stmt, 'info', 'unsupported', 'CONCURRENTLY is not kept');
  void nameList;
  ctx.addIndex(owner, rel.kind, index);
  ctx.count('index');
};
