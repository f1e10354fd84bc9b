/** ALTER ... RENAME: ids stay, names change. */
import type { Table } from '../../../model/types';
import type { ImportContext } from '../context';
import { nameList } from '../types';
import { defaultConstraintNames, defaultIndexName, findConstraint, listQName, rangeVarName, str, Unsupported, type Converter } from './shared';

/** PostgreSQL keeps generated constraint/index names when a table or column is renamed: make them explicit. */
function freezeNames(t: Table): void {
  for (const c of t.constraints) if (!c.name) c.name = defaultConstraintNames(t, c)[0];
  for (const i of t.indexes) if (!i.name) i.name = defaultIndexName(t, i.elements, i.unique);
}

function renameIn(ctx: ImportContext, n: any): boolean {
  const newname: string = n.newname;
  switch (n.renameType) {
    case 'OBJECT_TABLE':
    case 'OBJECT_VIEW':
    case 'OBJECT_MATVIEW':
    case 'OBJECT_SEQUENCE': {
      const q = rangeVarName(n.relation);
      const r = ctx.findRelation(q.schema, q.name);
      if (!r) return false;
      if (r.kind === 'table') freezeNames(r.obj);
      r.obj.name = newname;
      return true;
    }
    case 'OBJECT_INDEX': {
      const q = rangeVarName(n.relation);
      const r = ctx.findIndex(q.schema, q.name);
      if (!r) {
        // an index backing a constraint
        return false;
      }
      r.index.name = newname;
      return true;
    }
    case 'OBJECT_COLUMN':
    case 'OBJECT_ATTRIBUTE': {
      const q = rangeVarName(n.relation);
      if (n.renameType === 'OBJECT_ATTRIBUTE') {
        const t = ctx.findType(q.schema, q.name);
        const a = t?.kind === 'composite' ? t.attributes.find((x) => x.name === n.subname) : undefined;
        if (!a) return false;
        a.name = newname;
        return true;
      }
      const r = ctx.findRelation(q.schema, q.name, ['table', 'view']);
      if (r?.kind === 'table') {
        const c = r.obj.columns.find((x) => x.name === n.subname);
        if (!c) return false;
        freezeNames(r.obj);
        c.name = newname;
        // partitions / children follow the parent's column names
        for (const t of Object.values(ctx.model.tables))
          if (t.partitionOf?.parentId === r.id || t.inherits?.includes(r.id))
            for (const cc of t.columns) if (cc.inherited && cc.name === n.subname) cc.name = newname;
        return true;
      }
      if (r?.kind === 'view') {
        const names = r.obj.columnNames;
        const i = names?.indexOf(n.subname) ?? -1;
        if (!names || i < 0) return false;
        names[i] = newname;
        return true;
      }
      return false;
    }
    case 'OBJECT_TABCONSTRAINT': {
      const q = rangeVarName(n.relation);
      const t = ctx.findTable(q.schema, q.name);
      const c = t ? findConstraint(t, n.subname) : undefined;
      if (!c) return false;
      c.name = newname;
      return true;
    }
    case 'OBJECT_SCHEMA': {
      const s = ctx.findSchema(n.subname);
      if (!s) return false;
      s.name = newname;
      return true;
    }
    case 'OBJECT_TYPE':
    case 'OBJECT_DOMAIN': {
      const q = listQName(nameList(n.object?.List?.items ?? n.object?.TypeName?.names));
      const t = ctx.findType(q.schema, q.name);
      if (!t) return false;
      t.name = newname;
      refreshTypeText(ctx, t.id);
      return true;
    }
    case 'OBJECT_DOMCONSTRAINT': {
      const q = listQName(nameList(n.object?.List?.items ?? n.object?.TypeName?.names));
      const t = ctx.findType(q.schema, q.name);
      const c = t?.kind === 'domain' ? t.checks.find((x) => x.name === n.subname) : undefined;
      if (!c) return false;
      c.name = newname;
      return true;
    }
    default:
      void str;
      return false;
  }
}

/** Re-render `type` text of columns / attributes / domains that reference a renamed type. */
export function refreshTypeText(ctx: ImportContext, typeId: string): void {
  const t = ctx.model.types[typeId];
  if (!t) return;
  ctx.invalidate();
  const q = `${quoteQ(ctx.schemaName(t.schemaId))}.${quoteQ(t.name)}`;
  const fix = (text: string) => {
    const m = /^(setof )?(.*?)((\(.*\))?(\[\d*\])*)$/.exec(text);
    return m ? (m[1] ?? '') + q + (m[3] ?? '') : text;
  };
  for (const tb of Object.values(ctx.model.tables)) for (const c of tb.columns) if (c.typeRef === typeId) c.type = fix(c.type);
  for (const ty of Object.values(ctx.model.types)) {
    if (ty.kind === 'domain' && ty.baseTypeRef === typeId) ty.baseType = fix(ty.baseType);
    if (ty.kind === 'composite') for (const a of ty.attributes) if (a.typeRef === typeId) a.type = fix(a.type);
  }
}

import { quoteIdent as quoteQ } from '../../ident';

export const convertRename: Converter = (stmt, ctx) => {
  const n = stmt.node;
  if (renameIn(ctx, n)) {
    if (n.renameType === 'OBJECT_SCHEMA') for (const t of Object.keys(ctx.model.types)) refreshTypeText(ctx, t);
    ctx.invalidate();
    ctx.count('rename');
    return;
  }
  const modelled = ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_INDEX', 'OBJECT_COLUMN', 'OBJECT_TABCONSTRAINT', 'OBJECT_SCHEMA', 'OBJECT_TYPE', 'OBJECT_DOMAIN', 'OBJECT_ATTRIBUTE', 'OBJECT_DOMCONSTRAINT'];
  if (modelled.includes(n.renameType)) {
    if (n.missing_ok) return;
    throw new Unsupported('RENAME: object not found in the model');
  }
  const q = n.relation ? rangeVarName(n.relation) : undefined;
  const target = q ? ctx.findRelation(q.schema, q.name)?.id : undefined;
  ctx.keepRaw(stmt, { label: `rename ${String(n.renameType).replace('OBJECT_', '').toLowerCase()} to ${n.newname}`, ...(target ? { target } : {}), note: false });
};
