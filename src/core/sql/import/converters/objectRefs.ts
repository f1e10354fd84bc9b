/** Labels and model lookups for the objects named by raw statements (routines, generic `object` nodes). */
import type { Id } from '../../../model/types';
import { quoteIdent } from '../../ident';
import type { ImportContext } from '../context';
import { nameList, typeText } from '../types';
import { displayName, listQName, rangeVarName, str } from './shared';

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

export function objectLabel(objtype: string, obj: any): string {
  if (obj?.RangeVar) return displayName(rangeVarName(obj.RangeVar));
  if (obj?.ObjectWithArgs) return routineLabel(obj.ObjectWithArgs);
  if (obj?.TypeName) return typeText(obj.TypeName);
  if (obj?.List) return nameList(obj.List.items).map(quoteIdent).join('.');
  if (obj?.String) return quoteIdent(str(obj));
  void objtype;
  return '';
}

/** `OBJECT_MATVIEW` → `materialized view`, ... */
export const kindWord = (objtype: string | undefined) => String(objtype ?? '').replace('OBJECT_', '').toLowerCase().replace('matview', 'materialized view');
