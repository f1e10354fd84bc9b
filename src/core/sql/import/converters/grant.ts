/** GRANT / REVOKE, kept verbatim. */
import type { Id } from '../../../model/types';
import { kindWord, objectLabel, resolveObject } from './objectRefs';
import { str, type Converter } from './shared';

export const convertGrant: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const objs: any[] = n.objects ?? [];
  const targets = objs.map((o) => resolveObject(n.objtype, o, undefined, ctx)).filter((x): x is Id => !!x);
  const privs = (n.privileges ?? []).map((p: any) => p.AccessPriv?.priv_name ?? '').filter(Boolean);
  const who = (n.grantees ?? []).map((g: any) => g.RoleSpec?.rolename ?? String(g.RoleSpec?.roletype ?? '').replace('ROLESPEC_', '').toLowerCase());
  const all = n.targtype === 'ACL_TARGET_ALL_IN_SCHEMA' ? 'all in schema ' : '';
  const label = `${n.is_grant ? 'grant' : 'revoke'} ${privs.length ? privs.join(', ') : 'all'} on ${all}${kindWord(n.objtype)} ${objs.map((o) => objectLabel(n.objtype, o)).join(', ')} ${n.is_grant ? 'to' : 'from'} ${who.join(', ')}`;
  const schemaTarget = all ? ctx.findSchema(str(objs[0]))?.id : undefined;
  const target = targets[0] ?? schemaTarget;
  ctx.keepRaw(stmt, { label, ...(target ? { target } : {}), deps: [...targets, ...(schemaTarget ? [schemaTarget] : [])] });
  ctx.count('raw');
};
