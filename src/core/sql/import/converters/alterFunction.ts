/** ALTER FUNCTION / PROCEDURE / ROUTINE, kept verbatim. */
import { findRoutine, kindWord, routineLabel } from './objectRefs';
import type { Converter } from './shared';

export const convertAlterFunction: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const target = findRoutine(n.func, ctx)[0];
  ctx.keepRaw(stmt, { label: `alter ${kindWord(n.objtype)} ${routineLabel(n.func)}`, ...(target ? { target } : {}) });
  ctx.count('raw');
};
