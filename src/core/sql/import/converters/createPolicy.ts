/** CREATE POLICY, kept verbatim. */
import { quoteIdent } from '../../ident';
import { collectDeps } from '../expr';
import { displayName, rangeVarName, type Converter } from './shared';

export const convertCreatePolicy: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.table);
  const rel = ctx.findRelation(q.schema, q.name);
  const schema = rel ? ctx.schemaName(rel.obj.schemaId) : q.schema;
  ctx.keepRaw(stmt, {
    label: `policy ${quoteIdent(n.policy_name ?? '')} on ${displayName(q)}`,
    ...(rel ? { target: rel.id } : {}),
    defines: { kind: 'policy', ...(schema ? { schema } : {}), name: `${rel?.obj.name ?? q.name}.${n.policy_name}` },
    deps: collectDeps({ qual: n.qual ?? {}, with_check: n.with_check ?? {} }, ctx),
  });
  ctx.count('raw');
};
