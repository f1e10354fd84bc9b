/** CREATE [OR REPLACE] [RECURSIVE] VIEW. */
import type { View } from '../../../model/types';
import { newId } from '../../../util/ids';
import { collectDeps } from '../expr';
import { rangeVarName, str, Unsupported, withText, type Converter } from './shared';
import { upsertView, viewQueryText } from './viewQuery';

export const convertView: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const q = rangeVarName(n.view);
  if (n.view?.relpersistence === 't') throw new Unsupported('temporary views are not modelled');
  const schema = ctx.creationSchema(q.schema, stmt);
  const { query, recursive } = viewQueryText(stmt);
  const view: View = {
    id: newId('v'),
    schemaId: schema.id,
    name: q.name,
    materialized: false,
    query,
    indexes: [],
    deps: [],
    seq: ctx.nextSeq(),
  };
  if (n.aliases?.length) view.columnNames = n.aliases.map(str);
  const w = withText(n.options);
  if (w) view.with = w;
  if (n.withCheckOption === 'LOCAL_CHECK_OPTION') view.checkOption = 'local';
  if (n.withCheckOption === 'CASCADED_CHECK_OPTION') view.checkOption = 'cascaded';
  if (recursive) view.recursive = true;
  if (n.replace) view.orReplace = true;
  const sp = ctx.objectSearchPath();
  if (sp) view.searchPath = sp;
  view.deps = collectDeps(n.query, ctx).filter((id) => id !== view.id);
  if (recursive) view.deps = view.deps.filter((id) => ctx.model.views[id]?.name !== q.name);
  upsertView(view, !!n.replace, stmt, ctx);
  ctx.count('view');
};
