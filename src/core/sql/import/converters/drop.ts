/** DROP TABLE / VIEW / INDEX / TYPE / DOMAIN / SEQUENCE / SCHEMA / EXTENSION / FUNCTION. */
import type { Id } from '../../../model/types';
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { nameList } from '../types';
import { findRoutine } from './objectRefs';
import { displayName, listQName, objQName, str, type Converter } from './shared';

/** Remove a relation or type and what depends on it. `cascade` = also what PostgreSQL drops only with CASCADE. */
export function dropObject(id: Id, cascade: boolean, stmt: StatementInfo, ctx: ImportContext, seen = new Set<Id>()): void {
  if (seen.has(id)) return;
  seen.add(id);
  const m = ctx.model;
  const t = m.tables[id];
  if (t) {
    delete m.tables[id];
    for (const s of Object.values(m.sequences)) if (s.ownedBy?.tableId === id) dropObject(s.id, cascade, stmt, ctx, seen);
    for (const o of Object.values(m.tables)) {
      if (o.partitionOf?.parentId === id) dropObject(o.id, cascade, stmt, ctx, seen);
      else if (o.inherits?.includes(id)) {
        if (cascade) dropObject(o.id, cascade, stmt, ctx, seen);
        else {
          o.inherits = o.inherits.filter((x) => x !== id);
          if (!o.inherits.length) delete o.inherits;
          for (const c of o.columns) delete c.inherited;
        }
      }
    }
    for (const o of Object.values(m.tables)) {
      for (const c of o.constraints) {
        if (c.kind === 'foreign' && c.refTableId === id) {
          if (cascade) o.constraints = o.constraints.filter((x) => x !== c);
          else {
            c.refTableId = null;
            c.refTableName = { schema: ctx.schemaName(t.schemaId), name: t.name };
            c.refColumnNames = c.refColumns.map((cid) => t.columns.find((x) => x.id === cid)?.name ?? '');
            c.refColumns = [];
            ctx.diag(stmt, 'warning', 'dependency', `foreign key of ${objQName(ctx, o)} references dropped table ${objQName(ctx, t)} (PostgreSQL requires CASCADE)`);
          }
        }
      }
    }
  }
  const v = m.views[id];
  if (v) delete m.views[id];
  const q = m.sequences[id];
  if (q) delete m.sequences[id];
  const ty = m.types[id];
  if (ty) {
    delete m.types[id];
    for (const o of Object.values(m.tables)) {
      for (const c of [...o.columns]) {
        if (c.typeRef !== id) continue;
        if (cascade) o.columns = o.columns.filter((x) => x !== c);
        else {
          delete c.typeRef;
          ctx.diag(stmt, 'warning', 'dependency', `column ${c.name} of ${objQName(ctx, o)} uses dropped type (PostgreSQL requires CASCADE)`);
        }
      }
    }
    for (const o of Object.values(m.types)) {
      if (o.kind === 'domain' && o.baseTypeRef === id) {
        if (cascade) dropObject(o.id, cascade, stmt, ctx, seen);
        else delete o.baseTypeRef;
      }
      if (o.kind === 'composite') for (const a of o.attributes) if (a.typeRef === id) delete a.typeRef;
    }
  }
  // Views and raw statements that depend on it.
  for (const o of Object.values(m.views)) {
    if (o.deps.includes(id)) {
      if (cascade) dropObject(o.id, cascade, stmt, ctx, seen);
      else o.deps = o.deps.filter((x) => x !== id);
    }
  }
  for (const r of Object.values(m.raw)) {
    if (r.target === id && (t || v)) delete m.raw[r.id]; // triggers, policies, grants, owners of the relation go with it
    else if (r.target === id || r.deps.includes(id)) {
      if (cascade && r.defines) delete m.raw[r.id];
      else {
        r.deps = r.deps.filter((x) => x !== id);
        if (r.target === id) delete r.target;
      }
    }
  }
  ctx.invalidate();
}

function dropSchema(name: string, cascade: boolean, stmt: StatementInfo, ctx: ImportContext): boolean {
  const s = ctx.findSchema(name);
  if (!s) return false;
  const m = ctx.model;
  const members: Id[] = [
    ...Object.values(m.tables).filter((x) => x.schemaId === s.id).map((x) => x.id),
    ...Object.values(m.views).filter((x) => x.schemaId === s.id).map((x) => x.id),
    ...Object.values(m.sequences).filter((x) => x.schemaId === s.id).map((x) => x.id),
    ...Object.values(m.types).filter((x) => x.schemaId === s.id).map((x) => x.id),
  ];
  const raws = Object.values(m.raw).filter((r) => r.defines?.schema === name);
  if ((members.length || raws.length) && !cascade) return false;
  for (const id of members) dropObject(id, true, stmt, ctx);
  for (const r of raws) delete m.raw[r.id];
  for (const r of Object.values(m.raw)) if (r.target === s.id) delete m.raw[r.id];
  delete m.schemas[s.id];
  ctx.invalidate();
  return true;
}

export const convertDrop: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const cascade = n.behavior === 'DROP_CASCADE';
  const objs: any[] = n.objects ?? [];
  const found: (() => void)[] = [];
  let missing = 0;
  for (const o of objs) {
    let act: (() => void) | undefined;
    switch (n.removeType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
      case 'OBJECT_SEQUENCE': {
        const q = listQName(nameList(o.List?.items));
        const kind = n.removeType === 'OBJECT_TABLE' ? 'table' : n.removeType === 'OBJECT_SEQUENCE' ? 'sequence' : 'view';
        const r = ctx.findRelation(q.schema, q.name, [kind]);
        if (r && (r.kind !== 'view' || r.obj.materialized === (n.removeType === 'OBJECT_MATVIEW'))) act = () => dropObject(r.id, cascade, stmt, ctx);
        break;
      }
      case 'OBJECT_INDEX': {
        const q = listQName(nameList(o.List?.items));
        const r = ctx.findIndex(q.schema, q.name);
        if (r)
          act = () => {
            r.owner.indexes = r.owner.indexes.filter((i) => i !== r.index);
            ctx.invalidate();
          };
        break;
      }
      case 'OBJECT_TYPE':
      case 'OBJECT_DOMAIN': {
        const q = listQName(nameList(o.TypeName?.names ?? o.List?.items));
        const t = ctx.findType(q.schema, q.name);
        if (t && (t.kind === 'domain') === (n.removeType === 'OBJECT_DOMAIN')) act = () => dropObject(t.id, cascade, stmt, ctx);
        break;
      }
      case 'OBJECT_SCHEMA': {
        const name = str(o);
        const s = ctx.findSchema(name);
        if (s) act = () => {
          if (!dropSchema(name, cascade, stmt, ctx)) throw new Error('schema not empty');
        };
        if (s && !cascade) {
          const m = ctx.model;
          const busy = [m.tables, m.views, m.sequences, m.types].some((rec) => Object.values(rec).some((x: any) => x.schemaId === s.id));
          if (busy) act = undefined;
        }
        break;
      }
      case 'OBJECT_EXTENSION': {
        const e = Object.values(ctx.model.extensions).find((x) => x.name === str(o));
        if (e) act = () => delete ctx.model.extensions[e.id];
        break;
      }
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
      case 'OBJECT_ROUTINE':
      case 'OBJECT_AGGREGATE': {
        const ids = findRoutine(o.ObjectWithArgs, ctx);
        if (ids.length === 1) act = () => {
          for (const id of ids) delete ctx.model.raw[id];
          ctx.invalidate();
        };
        break;
      }
      default:
        break;
    }
    if (act) found.push(act);
    else missing++;
  }
  if (missing === 0) {
    for (const f of found) f();
    ctx.count('drop');
    return;
  }
  if (found.length === 0 && n.missing_ok) {
    ctx.diag(stmt, 'info', 'skipped', 'DROP IF EXISTS of objects not in the model: nothing to do');
    return;
  }
  // Some objects are not in the model: keep the statement verbatim (nothing is removed).
  const what = String(n.removeType).replace('OBJECT_', '').toLowerCase();
  ctx.keepRaw(stmt, {
    label: `drop ${what} ${objs.map((o) => displayName(listQName(nameList(o.List?.items ?? o.TypeName?.names ?? [o])))).join(', ')}`,
    note: ['OBJECT_TABLE', 'OBJECT_VIEW', 'OBJECT_MATVIEW', 'OBJECT_SEQUENCE', 'OBJECT_INDEX', 'OBJECT_TYPE', 'OBJECT_DOMAIN', 'OBJECT_SCHEMA', 'OBJECT_EXTENSION'].includes(n.removeType)
      ? `DROP ${what}: object not in the model; statement kept verbatim`
      : false,
  });
};
