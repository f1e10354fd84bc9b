/** COMMENT ON ... IS ... */
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { nameList } from '../types';
import { findConstraint, listQName, str, type Converter } from './shared';
import { findRoutine, routineLabel } from './objectRefs';

function set(obj: { comment?: string }, text: string | undefined): void {
  if (text === undefined || text === null) delete obj.comment;
  else obj.comment = text;
}

function apply(stmt: StatementInfo, ctx: ImportContext): boolean {
  const n = stmt.node;
  const text: string | undefined = n.comment;
  const obj = n.object;
  const items = (): string[] => nameList(obj?.List?.items ?? []);
  switch (n.objtype) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_SEQUENCE':
    case 'OBJECT_FOREIGN_TABLE': {
      const q = listQName(items());
      const r = ctx.findRelation(q.schema, q.name);
      if (!r) return false;
      set(r.obj, text);
      return true;
    }
    case 'OBJECT_COLUMN': {
      const it = items();
      const col = it[it.length - 1] ?? '';
      const q = listQName(it.slice(0, -1));
      const r = ctx.findRelation(q.schema, q.name, ['table', 'view']);
      if (r?.kind === 'table') {
        const c = r.obj.columns.find((x) => x.name === col);
        if (!c) return false;
        set(c, text);
        return true;
      }
      if (r?.kind === 'view') {
        const cc = { ...(r.obj.columnComments ?? {}) };
        if (text === undefined || text === null) delete cc[col];
        else cc[col] = text;
        if (Object.keys(cc).length) r.obj.columnComments = cc;
        else delete r.obj.columnComments;
        return true;
      }
      return false;
    }
    case 'OBJECT_TABCONSTRAINT': {
      const it = items();
      const con = it[it.length - 1] ?? '';
      const q = listQName(it.slice(0, -1));
      const t = ctx.findTable(q.schema, q.name);
      const c = t ? findConstraint(t, con) : undefined;
      if (!c) return false;
      if (!c.name) c.name = con;
      set(c, text);
      return true;
    }
    case 'OBJECT_INDEX': {
      const q = listQName(items());
      const r = ctx.findIndex(q.schema, q.name);
      if (!r) return false;
      set(r.index, text);
      return true;
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const q = listQName(nameList(obj?.TypeName?.names ?? obj?.List?.items));
      const t = ctx.findType(q.schema, q.name);
      if (!t) return false;
      set(t, text);
      return true;
    }
    case 'OBJECT_SCHEMA': {
      const s = ctx.findSchema(str(obj));
      if (!s) return false;
      set(s, text);
      return true;
    }
    case 'OBJECT_EXTENSION': {
      const e = Object.values(ctx.model.extensions).find((x) => x.name === str(obj));
      if (!e) return false;
      set(e, text);
      return true;
    }
    default:
      return false;
  }
}

export const convertComment: Converter = (stmt, ctx) => {
  if (apply(stmt, ctx)) {
    ctx.count('comment');
    return;
  }
  const n = stmt.node;
  const kind = String(n.objtype ?? '').replace('OBJECT_', '').toLowerCase();
  let target: string | undefined;
  let label = `comment on ${kind}`;
  if (['OBJECT_FUNCTION', 'OBJECT_PROCEDURE', 'OBJECT_AGGREGATE', 'OBJECT_ROUTINE'].includes(n.objtype)) {
    const ids = findRoutine(n.object?.ObjectWithArgs, ctx);
    target = ids[0];
    label = `comment on ${kind} ${routineLabel(n.object?.ObjectWithArgs)}`;
  } else if (['OBJECT_TRIGGER', 'OBJECT_POLICY', 'OBJECT_RULE'].includes(n.objtype)) {
    const it = nameList(n.object?.List?.items);
    const name = it[it.length - 1] ?? '';
    const q = listQName(it.slice(0, -1));
    const rel = ctx.findRelation(q.schema, q.name);
    const k = n.objtype === 'OBJECT_TRIGGER' ? 'trigger' : n.objtype === 'OBJECT_POLICY' ? 'policy' : 'rule';
    const ids = rel ? ctx.findDefined(k, ctx.schemaName(rel.obj.schemaId), `${rel.obj.name}.${name}`) : [];
    target = ids[0] ?? rel?.id;
    label = `comment on ${k} ${name}`;
  }
  const known = ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_INDEX', 'OBJECT_TYPE', 'OBJECT_DOMAIN', 'OBJECT_SCHEMA', 'OBJECT_EXTENSION'];
  if (known.includes(n.objtype)) ctx.diag(stmt, 'warning', 'unresolved', `COMMENT ON ${kind.toUpperCase()}: object not found; statement kept verbatim`);
  ctx.keepRaw(stmt, { label, ...(target ? { target } : {}), note: false });
};
