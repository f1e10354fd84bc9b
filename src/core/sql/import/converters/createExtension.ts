/** CREATE EXTENSION. */
import type { Extension } from '../../../model/types';
import { newId } from '../../../util/ids';
import { Unsupported, type Converter } from './shared';

export const convertCreateExtension: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const name: string = n.extname ?? '';
  if (Object.values(ctx.model.extensions).some((e) => e.name === name)) {
    if (n.if_not_exists) return;
    throw new Unsupported(`extension "${name}" is defined twice`);
  }
  const e: Extension = { id: newId('x'), name, seq: ctx.nextSeq() };
  for (const o of n.options ?? []) {
    const d = o.DefElem ?? {};
    if (d.defname === 'schema') e.schema = d.arg?.String?.sval;
    else if (d.defname === 'new_version') e.version = d.arg?.String?.sval;
    else if (d.defname === 'cascade') e.cascade = !!d.arg?.Boolean?.boolval;
    else throw new Unsupported(`extension option ${String(d.defname)}`);
  }
  if (n.if_not_exists) e.ifNotExists = true;
  if (!e.cascade) delete e.cascade;
  // Without WITH SCHEMA the extension goes into the first schema of the search_path in effect: record it, since
  // the export does not replay the path before extensions.
  if (!e.schema && ctx.explicitSearchPath && name !== 'plpgsql') {
    const first = ctx.searchPath.find((x) => x !== 'pg_catalog' && x !== 'pg_temp' && x !== 'information_schema');
    if (first) e.schema = ctx.creationSchema(undefined, stmt).name;
  }
  if (e.schema) ctx.ensureSchema(e.schema);
  ctx.model.extensions[e.id] = e;
  ctx.sawObject = true;
  ctx.count('extension');
};
