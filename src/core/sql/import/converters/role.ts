/** CREATE / ALTER / DROP ROLE, kept verbatim. */
import type { Converter } from './shared';

export const convertRole: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const name: string = n.role ?? n.role?.rolename ?? n.roles?.map((r: any) => r.RoleSpec?.rolename).join(', ') ?? '';
  const roleName = typeof n.role === 'object' ? n.role?.rolename ?? '' : name;
  const verb = stmt.nodeType === 'CreateRoleStmt' ? 'create role' : stmt.nodeType === 'DropRoleStmt' ? 'drop role' : 'alter role';
  ctx.keepRaw(stmt, {
    label: `${verb} ${roleName}`,
    ...(stmt.nodeType === 'CreateRoleStmt' ? { defines: { kind: 'role' as const, name: roleName } } : {}),
  });
  ctx.count('raw');
};
