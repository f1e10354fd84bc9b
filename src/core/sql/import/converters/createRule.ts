/** CREATE RULE, kept verbatim. */
import { quoteIdent } from '../../ident';
import { collectDeps } from '../expr';
import { displayName, rangeVarName, type Converter } from './shared';

export const convertRule: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.relation);
  const rel = ctx.findRelation(q.schema, q.name);
  const schema = rel ? ctx.schemaName(rel.obj.schemaId) : q.schema;
  ctx.keepRaw(stmt, {
    label: `rule ${quoteIdent(n.rulename ?? '')} on ${displayName(q)}`,
    ...(rel ? { target: rel.id } : {}),
    defines: { kind: 'rule', ...(schema ? { schema } : {}), name: `${rel?.obj.name ?? q.name}.${n.rulename}` },
    deps: collectDeps({ actions: n.actions ?? [], whereClause: n.whereClause ?? {} }, ctx),
  });
  ctx.count('raw');
};
