/** Fallback for statements without a dedicated converter (DO, ALTER DEFAULT PRIVILEGES, ...), kept verbatim. */
import type { Id } from '../../../model/types';
import { nameList } from '../types';
import { listQName, type Converter } from './shared';

/** Generic fallback for other statements, with a best-effort target. */
export const convertOther: Converter = (stmt, ctx) => {
  const n = stmt.node ?? {};
  let target: Id | undefined;
  const rel = n.relation ?? n.table ?? n.sequence;
  if (rel?.relname) target = ctx.findRelation(rel.schemaname || undefined, rel.relname)?.id;
  if (!target && n.typeName && Array.isArray(n.typeName)) {
    const q = listQName(nameList(n.typeName));
    target = ctx.findType(q.schema, q.name)?.id;
  }
  const verbatimOk = ['DoStmt', 'GrantRoleStmt', 'AlterDefaultPrivilegesStmt', 'CreateEventTrigStmt', 'AlterPolicyStmt', 'SecLabelStmt', 'CreatePLangStmt', 'CreateOpClassStmt', 'CreateOpFamilyStmt', 'CreateConversionStmt'];
  const label = stmt.nodeType === 'DoStmt' ? 'DO block' : undefined;
  ctx.keepRaw(stmt, { ...(label ? { label } : {}), ...(target ? { target } : {}), deps: [], note: !verbatimOk.includes(stmt.nodeType) });
  ctx.count('raw');
};
