/** CREATE [CONSTRAINT] TRIGGER, kept verbatim. */
import { quoteIdent } from '../../ident';
import { collectDeps } from '../expr';
import { nameList } from '../types';
import { displayName, listQName, rangeVarName, type Converter } from './shared';

export const convertCreateTrigger: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.relation);
  const rel = ctx.findRelation(q.schema, q.name);
  const f = listQName(nameList(n.funcname));
  const deps = [...ctx.findDefined(['function', 'procedure'], f.schema, f.name), ...collectDeps({ whenClause: n.whenClause ?? {} }, ctx)];
  const schema = rel ? ctx.schemaName(rel.obj.schemaId) : q.schema;
  ctx.keepRaw(stmt, {
    label: `${n.isconstraint ? 'constraint trigger' : 'trigger'} ${quoteIdent(n.trigname ?? '')} on ${displayName(q)}`,
    ...(rel ? { target: rel.id } : {}),
    defines: { kind: 'trigger', ...(schema ? { schema } : {}), name: `${rel?.obj.name ?? q.name}.${n.trigname}` },
    deps,
  });
  ctx.count('raw');
};
