/** CREATE FUNCTION / PROCEDURE, kept verbatim. */
import type { RawDefines } from '../../../model/types';
import { collectDeps } from '../expr';
import { nameList, typeText } from '../types';
import { displayName, listQName, type Converter } from './shared';

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
