/**
 * Model -> PostgreSQL DDL.
 *
 * Every model object becomes one or more ordering nodes ("items": CREATE TABLE, its FKs, its indexes, its comments,
 * ...). Items are ordered by a Kahn topological sort with a (kind rank, seq) tie-break, then printed with
 * `SET search_path` switches wherever the next item was defined under a different path.
 */
import { behaviorRawRecord } from '../../triggers/generate';
import type { Diagnostic } from '../../model/diagnostics';
import type { Id, RawStatement, SchemaModel, Table } from '../../model/types';
import { quoteIdent } from '../ident';
import { ExportContext, type ExportOptions, safeTail } from './context';
import { topoSort, type SortNode } from './order';
import {
  commentOn,
  renderAttach,
  renderExtension,
  renderForeignKey,
  renderIndex,
  renderNotValidCheck,
  renderOwnedBy,
  renderRls,
  renderSchema,
  renderSequence,
  renderTable,
  renderTableComments,
  renderType,
  renderView,
  renderViewComments,
} from './render';
import { RefIndex } from './scan';

export type { ExportOptions } from './context';

export interface ExportResult {
  sql: string;
  diagnostics: Diagnostic[];
}

type Path = readonly string[] | undefined;

/** Kind ranks: the primary tie-break among items whose dependencies are satisfied. */
const RANK = {
  role: 0,
  extension: 1,
  schema: 2,
  collation: 3,
  type: 4,
  routine: 5,
  sequence: 6,
  table: 7,
  attach: 8,
  view: 9,
  raw: 10,
  ownedBy: 7.5, // right after tables, before raw statements that may change the table owner
  index: 12,
  constraint: 13,
  rls: 14,
  comment: 15,
} as const;

interface Item extends SortNode {
  deps: Set<string>;
  sql: string[];
  /** search_path the item's SQL text was written for. */
  path: Path;
  /** Item text does not depend on search_path (fully qualified names only): never switch for it. */
  keepPath: boolean;
  label: string;
  /** DROP statement for the prelude. */
  drop?: string;
}

const UNKNOWN_PATH = Symbol('unknown search_path');

function bySeq<T extends { seq: number; id: Id }>(rec: Record<Id, T>): T[] {
  return Object.values(rec).sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function rawRank(r: RawStatement): number {
  switch (r.defines?.kind) {
    case 'role':
      return RANK.role;
    case 'collation':
      return RANK.collation;
    case 'function':
    case 'procedure':
    case 'aggregate':
    case 'operator':
    case 'cast':
      return RANK.routine;
    default:
      return RANK.raw;
  }
}

function samePath(a: Path | typeof UNKNOWN_PATH, b: Path): boolean {
  if (a === UNKNOWN_PATH) return false;
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function setPath(path: readonly string[]): string {
  const parts = path.filter((p) => p !== '');
  if (!parts.length) return "SELECT pg_catalog.set_config('search_path', '', false);\n";
  return `SET search_path = ${parts.map(quoteIdent).join(', ')};\n`;
}

/** `[schema?, name]` of a type text such as `public."My Type"(3)[]`; undefined for builtins with spaces. */
export function typeNameParts(text: string): [string | undefined, string] | undefined {
  const parts: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    if (text[i] === '"') {
      let j = i + 1;
      let out = '';
      for (; j < n; j++) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            out += '"';
            j++;
          } else break;
        } else out += text[j];
      }
      parts.push(out);
      i = j + 1;
    } else {
      const m = /^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*/.exec(text.slice(i));
      if (!m) return undefined;
      parts.push(m[0].toLowerCase());
      i += m[0].length;
    }
    if (text[i] === '.') {
      i++;
      continue;
    }
    break;
  }
  const rest = text.slice(i);
  if (rest && !/^\s*(\(|\[|$)/.test(rest)) return undefined;
  if (parts.length === 1) return [undefined, parts[0]!];
  if (parts.length === 2) return [parts[0]!, parts[1]!];
  return undefined;
}

function rawText(sql: string): string {
  return safeTail(sql.trim().replace(/;\s*$/, '')) + ';\n';
}

export function exportDdl(model0: SchemaModel, opts: ExportOptions = {}): ExportResult {
  // Trigger-backed behaviours (updated_at, soft delete, audit, counters, search) join the export as generated
  // statements, ordered by their dependencies like everything else.
  let model = model0;
  let behaviorError: string | undefined;
  if (model0.behaviors && Object.keys(model0.behaviors).length) {
    try {
      model = { ...model0, raw: { ...model0.raw, ...behaviorRawRecord(model0) } };
    } catch (e) {
      behaviorError = (e as Error).message;
    }
  }
  const ctx = new ExportContext(model, opts);
  if (behaviorError) ctx.diagnostics.push({ severity: 'error', code: 'behaviors', message: `Trigger behaviours could not be generated: ${behaviorError}` });
  const always = ctx.qualifyAll;
  const items: Item[] = [];
  /** model id (column, constraint, ...) -> item key */
  const alias = new Map<string, string>();
  const refs = new RefIndex();

  const add = (it: Omit<Item, 'deps'> & { deps?: Iterable<string> }): Item | undefined => {
    if (!it.sql.length) return undefined;
    const item: Item = { ...it, deps: new Set(it.deps ?? []) };
    items.push(item);
    return item;
  };

  const schemas = bySeq(model.schemas);
  const schemaIdByName = new Map<string, Id>();
  for (const s of schemas) if (s.explicit) schemaIdByName.set(s.name, s.id);
  const rawMain = bySeq(model.raw).filter((r) => r.phase !== 'pre');
  const rawPre = bySeq(model.raw).filter((r) => r.phase === 'pre');
  const tables = model.tables;

  // ------------------------------------------------ reference index for the lexical expression scan
  for (const r of rawMain) {
    const k = r.defines?.kind;
    if (r.defines && (k === 'function' || k === 'procedure' || k === 'aggregate')) {
      refs.addFunction(r.defines.schema, r.defines.name, r.id);
    }
  }
  const identityOwned = (s: { ownedBy?: { tableId: Id; columnId: Id } }) =>
    !!s.ownedBy && !!tables[s.ownedBy.tableId]?.columns.find((c) => c.id === s.ownedBy!.columnId)?.identity;
  const sequences = bySeq(model.sequences).filter((s) => !identityOwned(s));
  for (const s of sequences) refs.addSequence(ctx.schemaName(s.schemaId, `sequence ${s.name}`), s.name, s.id);

  // ------------------------------------------------ extensions, schemas
  for (const e of bySeq(model.extensions)) {
    const deps: string[] = [];
    const sid = e.schema !== undefined ? schemaIdByName.get(e.schema) : undefined;
    if (sid) deps.push(sid);
    add({ key: e.id, rank: RANK.extension, seq: e.seq, sub: 0, deps, sql: renderExtension(ctx, e), path: undefined, keepPath: true,
      label: `extension ${e.name}`, drop: `DROP EXTENSION IF EXISTS ${quoteIdent(e.name)} CASCADE;\n` });
    if (e.comment) {
      add({ key: e.id + '#comment', rank: RANK.comment + RANK.extension / 100, seq: e.seq, sub: 0, deps: [e.id], sql: [commentOn(`EXTENSION ${quoteIdent(e.name)}`, e.comment)],
        path: undefined, keepPath: true, label: `comment on extension ${e.name}` });
    }
  }
  for (const s of schemas) {
    if (s.explicit) {
      add({ key: s.id, rank: RANK.schema, seq: s.seq, sub: 0, sql: renderSchema(ctx, s), path: undefined, keepPath: true,
        label: `schema ${s.name}`, drop: `DROP SCHEMA IF EXISTS ${quoteIdent(s.name)} CASCADE;\n` });
    }
    if (s.comment) {
      add({ key: s.id + '#comment', rank: RANK.comment + RANK.schema / 100, seq: s.seq, sub: 0, deps: [s.id], sql: [commentOn(`SCHEMA ${quoteIdent(s.name)}`, s.comment)],
        path: undefined, keepPath: true, label: `comment on schema ${s.name}` });
    }
  }

  // A type name may also be a table's (or view's) row type: `CREATE DOMAIN d AS some_table`, a column of type
  // `other_table`, a composite attribute. Resolve such names (through the object's search_path) to dependencies.
  const relByName = new Map<string, Id>();
  for (const t of Object.values(tables)) relByName.set(`${ctx.schemaName(t.schemaId, t.name)}\u0000${t.name}`, t.id);
  for (const v of Object.values(model.views)) relByName.set(`${ctx.schemaName(v.schemaId, v.name)}\u0000${v.name}`, v.id);
  const rowTypeCache = new Map<string, Id | null>();
  const rowTypeDep = (typeText: string | undefined, path: Path, ownSchema: string, deps: Set<string>) => {
    if (!typeText || relByName.size === 0) return;
    const cacheKey = `${typeText}\u0000${ownSchema}\u0000${path ? path.join('\u0001') : '-'}`;
    const hit = rowTypeCache.get(cacheKey);
    if (hit !== undefined) {
      if (hit) deps.add(hit);
      return;
    }
    rowTypeCache.set(cacheKey, null);
    const parts = typeNameParts(typeText);
    if (!parts) return;
    const [sch, name] = parts;
    const schemas = sch !== undefined ? [sch] : [...(path ?? ['public']), ownSchema];
    for (const s of schemas) {
      const id = relByName.get(`${s}\u0000${name}`);
      if (id) {
        deps.add(id);
        rowTypeCache.set(cacheKey, id);
        return;
      }
    }
  };

  // ------------------------------------------------ types
  for (const t of bySeq(model.types)) {
    const schema = ctx.schemaName(t.schemaId, `type ${t.name}`);
    const deps = new Set<string>([t.schemaId]);
    if (t.kind === 'domain') {
      if (t.baseTypeRef) deps.add(t.baseTypeRef);
      else rowTypeDep(t.baseType, t.searchPath, schema, deps);
      refs.scan(t.default, deps);
      for (const c of t.checks) refs.scan(c.expr, deps);
    } else if (t.kind === 'composite') {
      for (const a of t.attributes) if (a.typeRef) deps.add(a.typeRef);
      else rowTypeDep(a.type, t.searchPath, schema, deps);
    }
    const word = t.kind === 'domain' ? 'DOMAIN' : 'TYPE';
    add({ key: t.id, rank: RANK.type, seq: t.seq, sub: 0, deps, sql: renderType(ctx, t, t.searchPath), path: t.searchPath, keepPath: false,
      label: `type ${schema}.${t.name}`, drop: `DROP ${word} IF EXISTS ${ctx.fullName(schema, t.name)} CASCADE;\n` });
    if (t.comment) {
      const path = always ? undefined : t.searchPath;
      add({ key: t.id + '#comment', rank: RANK.comment + RANK.type / 100, seq: t.seq, sub: 0, deps: [t.id],
        sql: [commentOn(`${word} ${ctx.qname(schema, t.name, path)}`, t.comment)], path, keepPath: always, label: `comment on type ${t.name}` });
    }
  }

  // ------------------------------------------------ sequences
  for (const s of sequences) {
    const schema = ctx.schemaName(s.schemaId, `sequence ${s.name}`);
    add({ key: s.id, rank: RANK.sequence, seq: s.seq, sub: 0, deps: [s.schemaId], sql: renderSequence(ctx, s, s.searchPath), path: s.searchPath,
      keepPath: false, label: `sequence ${schema}.${s.name}`, drop: `DROP SEQUENCE IF EXISTS ${ctx.fullName(schema, s.name)} CASCADE;\n` });
    const owner = s.ownedBy ? tables[s.ownedBy.tableId] : undefined;
    if (s.ownedBy && !owner) ctx.warn('unresolved', `OWNED BY table of sequence ${schema}.${s.name} is not in the model; skipped`);
    const path = always ? undefined : s.searchPath;
    if (owner) {
      add({ key: s.id + '#owned', rank: RANK.ownedBy, seq: s.seq, sub: 0, deps: [s.id, owner.id], sql: renderOwnedBy(ctx, s, owner, path), path,
        keepPath: always, label: `owned by of sequence ${s.name}` });
    }
    if (s.comment) {
      add({ key: s.id + '#comment', rank: RANK.comment + RANK.sequence / 100, seq: s.seq, sub: 0, deps: [s.id], sql: [commentOn(`SEQUENCE ${ctx.qname(schema, s.name, path)}`, s.comment)],
        path, keepPath: always, label: `comment on sequence ${s.name}` });
    }
  }

  // ------------------------------------------------ tables
  for (const t of bySeq(tables)) addTable(t);

  function addTable(t: Table): void {
    const schema = ctx.schemaName(t.schemaId, `table ${t.name}`);
    const label = `table ${schema}.${t.name}`;
    const deps = new Set<string>([t.schemaId]);
    for (const c of t.columns) {
      alias.set(c.id, t.id);
      if (c.typeRef) deps.add(c.typeRef);
      else rowTypeDep(c.type, t.searchPath, schema, deps);
      refs.scan(c.default, deps);
      refs.scan(c.generated?.expr, deps);
    }
    for (const p of t.inherits ?? []) deps.add(p);
    if (t.partitionOf?.form === 'partition-of') deps.add(t.partitionOf.parentId);
    for (const c of t.constraints) {
      if (c.kind === 'check' && !c.notValid) refs.scan(c.expr, deps);
      else if (c.kind === 'exclude') refs.scan(c.definition, deps);
      if (c.kind !== 'foreign' && !(c.kind === 'check' && c.notValid)) alias.set(c.id, t.id);
    }
    add({ key: t.id, rank: RANK.table, seq: t.seq, sub: 0, deps, sql: renderTable(ctx, t, t.searchPath, tables), path: t.searchPath,
      keepPath: false, label, drop: `DROP TABLE IF EXISTS ${ctx.fullName(schema, t.name)} CASCADE;\n` });

    const freePath = always ? undefined : t.searchPath;
    if (t.partitionOf?.form === 'attach' && tables[t.partitionOf.parentId]) {
      const parent = tables[t.partitionOf.parentId]!;
      add({ key: t.id + '#attach', rank: RANK.attach, seq: t.seq, sub: 0, deps: [t.id, parent.id], sql: renderAttach(ctx, t, parent, t.searchPath),
        path: t.searchPath, keepPath: false, label: `attach partition ${schema}.${t.name}` });
    }
    t.constraints.forEach((c, i) => {
      if (c.kind === 'foreign') {
        const fdeps = [t.id];
        if (c.refTableId) fdeps.push(c.refTableId);
        add({ key: c.id, rank: RANK.constraint, seq: t.seq, sub: i, deps: fdeps, sql: renderForeignKey(ctx, t, c, tables, freePath), path: freePath,
          keepPath: always, label: `foreign key ${c.name ?? ''} on ${schema}.${t.name}` });
      } else if (c.kind === 'check' && c.notValid) {
        const cdeps = new Set<string>([t.id]);
        refs.scan(c.expr, cdeps);
        add({ key: c.id, rank: RANK.constraint, seq: t.seq, sub: i, deps: cdeps, sql: renderNotValidCheck(ctx, t, c, t.searchPath), path: t.searchPath,
          keepPath: false, label: `check ${c.name ?? ''} on ${schema}.${t.name}` });
      }
    });
    for (const ix of t.indexes) {
      const ideps = new Set<string>([t.id]);
      for (const e of ix.elements) refs.scan(e.expr, ideps);
      refs.scan(ix.where, ideps);
      add({ key: ix.id, rank: RANK.index, seq: ix.seq, sub: 0, deps: ideps, sql: renderIndex(ctx, ix, schema, t.name, t, t.searchPath),
        path: t.searchPath, keepPath: false, label: `index ${ix.name ?? ''} on ${schema}.${t.name}` });
    }
    if (t.rls && (t.rls.enabled || t.rls.forced)) {
      add({ key: t.id + '#rls', rank: RANK.rls, seq: t.seq, sub: 0, deps: [t.id], sql: renderRls(ctx, t, freePath), path: freePath,
        keepPath: always, label: `row level security of ${schema}.${t.name}` });
    }
    add({ key: t.id + '#comment', rank: RANK.comment + RANK.table / 100, seq: t.seq, sub: 0, deps: [t.id], sql: renderTableComments(ctx, t, freePath), path: freePath,
      keepPath: always, label: `comments on ${schema}.${t.name}` });
  }

  // ------------------------------------------------ views
  for (const v of bySeq(model.views)) {
    const schema = ctx.schemaName(v.schemaId, `view ${v.name}`);
    const word = v.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
    add({ key: v.id, rank: RANK.view, seq: v.seq, sub: 0, deps: [v.schemaId, ...v.deps], sql: renderView(ctx, v, v.searchPath), path: v.searchPath,
      keepPath: false, label: `view ${schema}.${v.name}`,
      drop: v.temporary ? undefined : `DROP ${word} IF EXISTS ${ctx.fullName(schema, v.name)} CASCADE;\n` });
    for (const ix of v.indexes) {
      const ideps = new Set<string>([v.id]);
      for (const e of ix.elements) refs.scan(e.expr, ideps);
      refs.scan(ix.where, ideps);
      add({ key: ix.id, rank: RANK.index, seq: ix.seq, sub: 0, deps: ideps, sql: renderIndex(ctx, ix, schema, v.name, null, v.searchPath),
        path: v.searchPath, keepPath: false, label: `index ${ix.name ?? ''} on ${schema}.${v.name}` });
    }
    const freePath = always ? undefined : v.searchPath;
    add({ key: v.id + '#comment', rank: RANK.comment + RANK.view / 100, seq: v.seq, sub: 0, deps: [v.id], sql: renderViewComments(ctx, v, freePath), path: freePath,
      keepPath: always, label: `comments on ${schema}.${v.name}` });
  }

  // ------------------------------------------------ raw statements (main phase)
  const routineNames = new Map<string, number>();
  for (const r of rawMain) {
    const d = r.defines;
    if (d && (d.kind === 'function' || d.kind === 'procedure')) {
      const k = `${d.schema ?? ''}.${d.name}`;
      routineNames.set(k, (routineNames.get(k) ?? 0) + 1);
    }
  }
  for (const r of rawMain) {
    const deps = new Set<string>(r.deps);
    if (r.target) deps.add(r.target);
    const sid = r.defines?.schema !== undefined ? schemaIdByName.get(r.defines.schema) : undefined;
    if (sid) deps.add(sid);
    let drop: string | undefined;
    const d = r.defines;
    if (d && (d.kind === 'function' || d.kind === 'procedure') && routineNames.get(`${d.schema ?? ''}.${d.name}`) === 1) {
      const name = d.schema ? ctx.fullName(d.schema, d.name) : quoteIdent(d.name);
      drop = `DROP ${d.kind.toUpperCase()} IF EXISTS ${name} CASCADE;\n`;
    }
    add({ key: r.id, rank: rawRank(r), seq: r.seq, sub: 0, deps, sql: [rawText(r.sql)], path: r.searchPath, keepPath: false,
      label: r.label || r.nodeType, drop });
  }

  // ------------------------------------------------ order
  const keys = new Set(items.map((i) => i.key));
  for (const it of items) {
    const resolved = new Set<string>();
    for (const d of it.deps) {
      const k = keys.has(d) ? d : alias.get(d);
      if (k !== undefined && k !== it.key) resolved.add(k);
    }
    it.deps = resolved;
  }
  const order = topoSort(items, (x, blocked) => {
    const names = blocked.map((b) => items[b]!.label).join(', ');
    ctx.warn(
      'dependency-cycle',
      `Dependency cycle: ${items[x]!.label} is exported before what it depends on (still waiting: ${names})`,
    );
  });

  // ------------------------------------------------ print
  const out: string[] = [];
  if (opts.header !== false) out.push('--\n-- PostgreSQL schema exported by Tablewright\n--\n');
  out.push('SET check_function_bodies = false;\n');
  let cur: Path | typeof UNKNOWN_PATH = undefined;
  for (const r of rawPre) {
    out.push(rawText(r.sql));
    if (/search_path/i.test(r.sql)) cur = UNKNOWN_PATH;
  }
  if (opts.dropPrelude) {
    const drops: string[] = [];
    for (let i = order.length - 1; i >= 0; i--) {
      const d = items[order[i]!]!.drop;
      if (d) drops.push(d);
    }
    if (drops.length) out.push(drops.join(''));
  }
  for (const i of order) {
    const it = items[i]!;
    if (!it.keepPath && !samePath(cur, it.path)) {
      out.push(it.path === undefined ? 'RESET search_path;\n' : setPath(it.path));
      cur = it.path;
    }
    out.push(...it.sql);
  }
  return { sql: out.join('\n'), diagnostics: ctx.diagnostics };
}
