/** CREATE CAST, kept verbatim. */
import { collectDeps } from '../expr';
import { typeText } from '../types';
import { findRoutine } from './objectRefs';
import type { Converter } from './shared';

export const convertCreateCast: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const s = typeText(n.sourcetype, ctx);
  const t = typeText(n.targettype, ctx);
  const deps = [...collectDeps({ sourcetype: n.sourcetype ?? {}, targettype: n.targettype ?? {} }, ctx), ...(n.func ? findRoutine(n.func, ctx) : [])];
  ctx.keepRaw(stmt, { label: `cast (${s} as ${t})`, defines: { kind: 'cast', name: `${s}->${t}` }, deps });
  ctx.count('raw');
};
