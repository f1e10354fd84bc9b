/** ALTER ... OWNER TO, kept verbatim. */
import { kindWord, objectLabel, resolveObject } from './objectRefs';
import { displayName, rangeVarName, type Converter } from './shared';

export const convertAlterOwner: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const target = resolveObject(n.objectType, n.object, n.relation, ctx);
  const what = n.relation ? displayName(rangeVarName(n.relation)) : objectLabel(n.objectType, n.object);
  ctx.keepRaw(stmt, { label: `alter ${kindWord(n.objectType)} ${what} owner to ${n.newowner?.rolename ?? String(n.newowner?.roletype ?? '').replace('ROLESPEC_', '').toLowerCase()}`, ...(target ? { target } : {}) });
  ctx.count('raw');
};
