/** CREATE AGGREGATE / OPERATOR / COLLATION / TEXT SEARCH ... (DefineStmt), kept verbatim. */
import type { RawDefines } from '../../../model/types';
import { collectDeps } from '../expr';
import { nameList } from '../types';
import { kindWord } from './objectRefs';
import { displayName, listQName, type Converter } from './shared';

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
