/** CREATE MATERIALIZED VIEW (modelled) and CREATE TABLE AS (kept verbatim). */
import type { View } from '../../../model/types';
import { newId } from '../../../util/ids';
import { collectDeps } from '../expr';
import { displayName, rangeVarName, str, withText, type Converter } from './shared';
import { upsertView, viewQueryText } from './viewQuery';

export const convertCreateTableAs: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const into = n.into ?? {};
  const q = rangeVarName(into.rel);
  if (n.objtype !== 'OBJECT_MATVIEW') {
    const schema = q.schema ?? ctx.creationSchema(undefined, stmt).name;
    ctx.keepRaw(stmt, {
      label: `create table ${displayName(q)} as ...`,
      deps: collectDeps(n.query, ctx),
      // Defines a relation (and its row type) that later statements may use.
      defines: { kind: 'other', schema, name: q.name },
      note: 'CREATE TABLE AS is not modelled (the columns come from a query); kept verbatim',
    });
    return;
  }
  const schema = ctx.creationSchema(q.schema, stmt);
  const { query } = viewQueryText(stmt);
  const view: View = { id: newId('v'), schemaId: schema.id, name: q.name, materialized: true, query, indexes: [], deps: [], seq: ctx.nextSeq() };
  if (into.colNames?.length) view.columnNames = into.colNames.map(str);
  const w = withText(into.options);
  if (w) view.with = w;
  if (into.skipData) view.withNoData = true;
  if (into.tableSpaceName) view.tablespace = into.tableSpaceName;
  if (into.accessMethod) view.accessMethod = into.accessMethod;
  if (n.if_not_exists) view.ifNotExists = true;
  const sp = ctx.objectSearchPath();
  if (sp) view.searchPath = sp;
  view.deps = collectDeps(n.query, ctx);
  upsertView(view, false, stmt, ctx);
  ctx.count('view');
};
