/** Statements kept verbatim: functions, triggers, policies, rules, grants, owners, roles, casts, DO, ... */
import type { Id, RawDefines } from '../../../model/types';
import { quoteIdent } from '../../ident';
import type { ImportContext } from '../context';
import { collectDeps } from '../expr';
import { nameList, typeText } from '../types';
import { displayName, listQName, rangeVarName, str, type Converter } from './shared';

/** `schema.name(argtypes)` label of an ObjectWithArgs. */
export function routineLabel(owa: any): string {
  const q = listQName(nameList(owa?.objname));
  const args = owa?.args_unspecified ? '' : `(${(owa?.objargs ?? []).map((a: any) => typeText(a.TypeName ?? a)).join(', ')})`;
  return displayName(q) + args;
}

/** Raw statements defining the routine an ObjectWithArgs names (by name; overloads are not distinguished). */
export function findRoutine(owa: any, ctx: ImportContext): Id[] {
  const q = listQName(nameList(owa?.objname));
  return ctx.findDefined(['function', 'procedure', 'aggregate'], q.schema, q.name);
}

export const convertCreateFunction: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = listQName(nameList(n.funcname));
  const schema = ctx.creationSchema(q.schema, stmt).name;
  const kind: RawDefines['kind'] = n.is_procedure ? 'procedure' : 'function';
  const args = (n.parameters ?? [])
    .map((p: any) => p.FunctionParameter ?? {})
    .filter((p: any) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE')
    .map((p: any) => typeText(p.argType, ctx));
  const deps = collectDeps({ parameters: n.parameters ?? [], returnType: n.returnType ?? {} }, ctx);
  ctx.keepRaw(stmt, {
    label: `${kind} ${displayName({ schema, name: q.name })}(${args.join(', ')})`,
    defines: { kind, schema, name: q.name },
    deps,
  });
  ctx.count('raw');
};

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

/** Resolve the model object a generic `object` node (ObjectType + node) points to. */
export function resolveObject(objtype: string, obj: any, relation: any, ctx: ImportContext): Id | undefined {
  if (relation) return ctx.findRelation(relation.schemaname || undefined, relation.relname)?.id;
  switch (objtype) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_SEQUENCE':
    case 'OBJECT_FOREIGN_TABLE': {
      if (obj?.RangeVar) return ctx.findRelation(obj.RangeVar.schemaname || undefined, obj.RangeVar.relname)?.id;
      const q = listQName(nameList(obj?.List?.items));
      return ctx.findRelation(q.schema, q.name)?.id;
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const q = listQName(nameList(obj?.TypeName?.names ?? obj?.List?.items));
      return ctx.findType(q.schema, q.name)?.id;
    }
    case 'OBJECT_SCHEMA':
      return ctx.findSchema(str(obj))?.id;
    case 'OBJECT_FUNCTION':
    case 'OBJECT_PROCEDURE':
    case 'OBJECT_ROUTINE':
    case 'OBJECT_AGGREGATE':
      return findRoutine(obj?.ObjectWithArgs, ctx)[0];
    default:
      return undefined;
  }
}

function objectLabel(objtype: string, obj: any): string {
  if (obj?.RangeVar) return displayName(rangeVarName(obj.RangeVar));
  if (obj?.ObjectWithArgs) return routineLabel(obj.ObjectWithArgs);
  if (obj?.TypeName) return typeText(obj.TypeName);
  if (obj?.List) return nameList(obj.List.items).map(quoteIdent).join('.');
  if (obj?.String) return quoteIdent(str(obj));
  void objtype;
  return '';
}

const kindWord = (objtype: string | undefined) => String(objtype ?? '').replace('OBJECT_', '').toLowerCase().replace('matview', 'materialized view');

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

export const convertAlterOwner: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const target = resolveObject(n.objectType, n.object, n.relation, ctx);
  const what = n.relation ? displayName(rangeVarName(n.relation)) : objectLabel(n.objectType, n.object);
  ctx.keepRaw(stmt, { label: `alter ${kindWord(n.objectType)} ${what} owner to ${n.newowner?.rolename ?? String(n.newowner?.roletype ?? '').replace('ROLESPEC_', '').toLowerCase()}`, ...(target ? { target } : {}) });
  ctx.count('raw');
};

export const convertAlterFunction: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const target = findRoutine(n.func, ctx)[0];
  ctx.keepRaw(stmt, { label: `alter ${kindWord(n.objtype)} ${routineLabel(n.func)}`, ...(target ? { target } : {}) });
  ctx.count('raw');
};

export const convertDefine: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = listQName(nameList(n.defnames));
  const kinds: Record<string, RawDefines['kind']> = { OBJECT_AGGREGATE: 'aggregate', OBJECT_OPERATOR: 'operator', OBJECT_COLLATION: 'collation' };
  const kind = kinds[n.kind] ?? 'other';
  const schema = kind === 'operator' ? q.schema : ctx.creationSchema(q.schema, stmt).name;
  const deps = collectDeps({ args: n.args ?? [], definition: n.definition ?? [] }, ctx);
  ctx.keepRaw(stmt, {
    label: `${kindWord(n.kind)} ${displayName({ ...(schema ? { schema } : {}), name: q.name })}`,
    defines: { kind, ...(schema ? { schema } : {}), name: q.name },
    deps,
    ...(n.kind === 'OBJECT_TYPE' || (kind === 'other' && n.kind !== 'OBJECT_TSCONFIGURATION' && n.kind !== 'OBJECT_TSDICTIONARY')
      ? { note: `${kindWord(n.kind)} ${q.name}: not modelled, kept verbatim` }
      : {}),
  });
  ctx.count('raw');
};

export const convertCreateCast: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const s = typeText(n.sourcetype, ctx);
  const t = typeText(n.targettype, ctx);
  const deps = [...collectDeps({ sourcetype: n.sourcetype ?? {}, targettype: n.targettype ?? {} }, ctx), ...(n.func ? findRoutine(n.func, ctx) : [])];
  ctx.keepRaw(stmt, { label: `cast (${s} as ${t})`, defines: { kind: 'cast', name: `${s}->${t}` }, deps });
  ctx.count('raw');
};

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
