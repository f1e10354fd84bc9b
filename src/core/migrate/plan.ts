/**
 * Migration planner: the statements that turn the database of one model into the database of another.
 *
 * Both models share ids (inside one document directly; across independently imported schemas after `alignByName`).
 * The down migration is the plan in the other direction, so ordering works both ways by construction. Statements
 * come out in phases: first everything that goes away or must be rebuilt (dependents first: raw statements and views,
 * FKs, constraints, indexes, defaults, columns, tables, sequences, types, extensions, schemas), then renames, then
 * everything new or rebuilt (dependencies first). CREATE statements come from the DDL exporter's renderers.
 */
import type {
  Column,
  Constraint,
  DomainType,
  EnumType,
  ForeignKey,
  Id,
  Index,
  RawStatement,
  SchemaModel,
  Sequence,
  SequenceOptions,
  Table,
  UserType,
  View,
} from '../model/types';
import { quoteIdent, quoteLiteral } from '../sql/ident';
import { ExportContext, safeTail } from '../sql/export/context';
import {
  columnLine,
  commentOn,
  identityOptions,
  inlineConstraint,
  renderAttach,
  renderExtension,
  renderForeignKey,
  renderIndex,
  renderNotValidCheck,
  renderRls,
  renderSchema,
  renderSequence,
  renderTable,
  renderTableComments,
  renderType,
  renderView,
  renderViewComments,
} from '../sql/export/render';
import { constraintNames, identitySequenceName, indexName, makeObjectName, notNullName } from './names';
import type { Change, ChangeKind, ChangeOp, Hazard, HazardKind, Statement } from './types';

export interface PlanOptions {
  safe?: boolean;
}

export interface Plan {
  statements: Statement[];
  changes: Change[];
}

type Phase =
  | 'dropRaw'
  | 'dropViews'
  | 'dropFks'
  | 'dropMisc'
  | 'dropCols'
  | 'dropTables'
  | 'dropRoutines'
  | 'dropSeqs'
  | 'dropTypes'
  | 'dropExt'
  | 'dropSchemas'
  | 'schemas'
  | 'ext'
  | 'renames'
  | 'types'
  | 'routines'
  | 'seqs'
  | 'tables'
  | 'columns'
  | 'constraints'
  | 'indexes'
  | 'fks'
  | 'late'
  | 'views'
  | 'raw'
  | 'comments';

const PHASES: Phase[] = [
  'dropRaw',
  'dropViews',
  'dropFks',
  'dropMisc',
  'dropCols',
  'dropTables',
  'dropRoutines',
  'dropSeqs',
  'dropTypes',
  'dropExt',
  'dropSchemas',
  'schemas',
  'ext',
  'renames',
  'types',
  'routines',
  'seqs',
  'tables',
  'columns',
  'constraints',
  'indexes',
  'fks',
  'late',
  'views',
  'raw',
  'comments',
];

const ROUTINE_KINDS = new Set(['function', 'procedure', 'aggregate', 'operator', 'cast', 'collation', 'role']);

function byId<T extends { id: Id }>(list: readonly T[]): Map<Id, T> {
  return new Map(list.map((x) => [x.id, x]));
}
function bySeq<T extends { seq: number; id: Id }>(rec: Record<Id, T>): T[] {
  return Object.values(rec).sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
function norm(s: string | undefined | null): string {
  return (s ?? '').replace(/\s+/g, ' ').trim();
}
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
function clean(sql: string): string {
  return sql.replace(/\s+$/, '');
}
function strip<T extends object>(o: T, keys: string[]): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (!keys.includes(k) && v !== undefined) r[k] = v;
  return r;
}

const VOLATILE = /\b(gen_random_uuid|uuid_generate_v[14]|random|clock_timestamp|timeofday|nextval|txid_current)\s*\(/i;

const TEXTY = /^(text|character varying|varchar|character|char|bpchar|citext|name)\b/;
const INTS = ['smallint', 'int2', 'integer', 'int', 'int4', 'bigint', 'int8'];

function baseType(t: string): string {
  return t.trim().toLowerCase().replace(/^pg_catalog\./, '');
}

/** True when ALTER COLUMN ... TYPE from `a` to `b` needs an explicit USING. */
function needsUsing(a: string, b: string): boolean {
  const x = baseType(a);
  const y = baseType(b);
  const arr = (s: string) => /\[\]$/.test(s);
  if (arr(x) !== arr(y)) return true;
  if (TEXTY.test(y)) return false; // everything has an assignment cast to text types
  const num = (s: string) => INTS.includes(s.replace(/\(.*$/, '')) || /^(numeric|decimal|real|float\d?|double precision)\b/.test(s);
  if (num(x) && num(y)) return false;
  if (/^timestamp/.test(x) && /^timestamp/.test(y)) return false;
  if (/^time\b/.test(x) && /^time\b/.test(y)) return false;
  if (/^(varbit|bit)/.test(x) && /^(varbit|bit)/.test(y)) return false;
  return true;
}

/** MIG-07: a type change that does not rewrite the table. */
function binaryCoercible(a: string, b: string): boolean {
  const x = baseType(a).replace(/\s+/g, '');
  const y = baseType(b).replace(/\s+/g, '');
  const vc = /^(?:charactervarying|varchar)(?:\((\d+)\))?$/;
  const mx = vc.exec(x);
  const my = vc.exec(y);
  if (mx && (y === 'text' || (my && (!my[1] || (mx[1] && Number(my[1]) >= Number(mx[1])))))) return true;
  if (x === 'text' && my && !my[1]) return true;
  const nm = /^(?:numeric|decimal)(?:\((\d+)(?:,(\d+))?\))?$/;
  const nx = nm.exec(x);
  const ny = nm.exec(y);
  if (nx && ny && !ny[1]) return true;
  if (nx && ny && nx[1] && ny[1] && (nx[2] ?? '0') === (ny[2] ?? '0') && Number(ny[1]) >= Number(nx[1])) return true;
  return false;
}

function arrayDims(t: string): number {
  return (t.match(/\[\d*\]/g) ?? []).length;
}

export function sameColumnType(a: { type: string; typeRef?: Id }, b: { type: string; typeRef?: Id }): boolean {
  if (a.typeRef && a.typeRef === b.typeRef) return arrayDims(a.type) === arrayDims(b.type);
  return norm(a.type).toLowerCase() === norm(b.type).toLowerCase();
}

const isIdentitySeq = (m: SchemaModel, s: Sequence) =>
  !!s.ownedBy && !!m.tables[s.ownedBy.tableId]?.columns.find((c) => c.id === s.ownedBy!.columnId)?.identity;

// =====================================================================================================================

export function planMigration(from: SchemaModel, to: SchemaModel, opts: PlanOptions = {}): Plan {
  return new Planner(from, to, opts).run();
}

class Planner {
  private readonly out = new Map<Phase, Statement[]>();
  private readonly changes: Change[] = [];
  private readonly cf: ExportContext;
  private readonly ct: ExportContext;
  private readonly safe: boolean;

  // analysis
  private readonly keptTables = new Set<Id>();
  private readonly newTables = new Set<Id>();
  private readonly droppedTables = new Set<Id>();
  /** tables whose columns change in a way dependent views cannot survive */
  private readonly disturbed = new Set<Id>();
  /** columns dropped and added again (generated expression added, kind change) */
  private readonly recreatedCols = new Set<Id>();
  /** columns whose type changes (incl. via an enum rebuild) */
  private readonly retypedCols = new Set<Id>();
  /** columns whose default is dropped early and set again later */
  private readonly resetDefault = new Set<Id>();
  private readonly recreatedEnums = new Set<Id>();
  private readonly recreatedCons = new Set<Id>();
  private readonly recreatedIdx = new Set<Id>();
  private readonly recreatedViews = new Set<Id>();
  private readonly changedRaw = new Set<Id>();
  /** Kept tables that differ, or whose columns / constraints / indexes something else forces to change. */
  private readonly touchedTables = new Set<Id>();
  private readonly enumOldName = new Map<Id, string>();

  constructor(
    private readonly from: SchemaModel,
    private readonly to: SchemaModel,
    opts: PlanOptions,
  ) {
    this.cf = new ExportContext(from, { qualify: 'always' });
    this.ct = new ExportContext(to, { qualify: 'always' });
    this.safe = !!opts.safe;
    for (const p of PHASES) this.out.set(p, []);
  }

  // ------------------------------------------------------------------------------------------------- helpers

  private emit(phase: Phase, sql: string | string[], extra: Partial<Statement> = {}): void {
    const list = Array.isArray(sql) ? sql : [sql];
    for (const s of list) {
      const text = clean(s);
      if (!text) continue;
      this.out.get(phase)!.push({ sql: text, hazards: [...(extra.hazards ?? [])], transactional: extra.transactional ?? true, ...strip(extra, ['hazards', 'transactional']) } as Statement);
    }
  }

  private change(op: ChangeOp, kind: ChangeKind, id: Id, label: string, more: Partial<Change> = {}): void {
    this.changes.push({ op, kind, id, label, ...more });
  }

  /** Constraint names per table object, computed once per plan (the models do not change during planning). */
  private readonly cnames = new Map<Table, Map<Constraint, string | undefined>>();
  private cname(t: Table, c: Constraint): string | undefined {
    if (c.name) return c.name;
    let m = this.cnames.get(t);
    if (!m) this.cnames.set(t, (m = constraintNames(t)));
    if (!m.has(c)) return constraintNames(t, c).get(c);
    return m.get(c);
  }

  private hz(kind: HazardKind, severity: Hazard['severity'], message: string, rule?: string): Hazard {
    return rule ? { kind, rule, severity, message } : { kind, severity, message };
  }

  private sname(m: SchemaModel, id: Id): string {
    return m.schemas[id]?.name ?? 'public';
  }
  private q(schema: string, name: string): string {
    return `${quoteIdent(schema)}.${quoteIdent(name)}`;
  }
  private fq(o: { schemaId: Id; name: string }): string {
    return this.q(this.sname(this.from, o.schemaId), o.name);
  }
  private tq(o: { schemaId: Id; name: string }): string {
    return this.q(this.sname(this.to, o.schemaId), o.name);
  }
  private col(t: Table, id: Id): Column | undefined {
    return t.columns.find((c) => c.id === id);
  }
  private lockHazard(what: string): Hazard {
    return this.hz('lock', 'info', `ACCESS EXCLUSIVE lock on ${what}`);
  }

  // ------------------------------------------------------------------------------------------------- run

  run(): Plan {
    this.analyse();
    this.schemasAndExtensions();
    this.types();
    this.sequences();
    this.rawStatements();
    this.views();
    this.tables();
    const statements: Statement[] = [];
    if (this.safe) {
      statements.push({ sql: "SET lock_timeout = '5s';", hazards: [], transactional: true });
    }
    const all = PHASES.flatMap((p) => this.out.get(p)!);
    if (this.out.get('routines')!.length || this.out.get('raw')!.length) {
      statements.push({ sql: 'SET check_function_bodies = false;', hazards: [], transactional: true });
    }
    let cur: readonly string[] | null = null;
    for (const s of all) {
      if (s.searchPath !== undefined && !same(s.searchPath, cur)) {
        const p = s.searchPath;
        const sql =
          p === null ? 'RESET search_path;' : p.filter((x) => x !== '').length === 0 ? "SELECT pg_catalog.set_config('search_path', '', false);" : `SET search_path = ${p.filter((x) => x !== '').map(quoteIdent).join(', ')};`;
        statements.push({ sql, hazards: [], transactional: true });
        cur = p;
      }
      statements.push(s);
    }
    if (cur !== null) statements.push({ sql: 'RESET search_path;', hazards: [], transactional: true });
    if (!this.safe) {
      const first = statements.find((s) => s.hazards.some((h) => h.kind === 'lock'));
      if (first) {
        first.hazards.push(this.hz('lock', 'info', "The script takes ACCESS EXCLUSIVE locks without SET lock_timeout; prefix it with SET lock_timeout = '5s' (--safe does)", 'MIG-12'));
      }
    }
    return { statements, changes: this.changes };
  }

  // ------------------------------------------------------------------------------------------------- analysis

  private analyse(): void {
    const { from, to } = this;
    for (const id of Object.keys(from.tables)) {
      const ft = from.tables[id]!;
      const tt = to.tables[id];
      if (!tt) this.droppedTables.add(id);
      else if (!same(ft.partitioning ?? null, tt.partitioning ?? null)) {
        // partitioning cannot be changed in place: rebuild
        this.droppedTables.add(id);
        this.newTables.add(id);
      } else this.keptTables.add(id);
    }
    for (const id of Object.keys(to.tables)) if (!from.tables[id]) this.newTables.add(id);

    // enums that must be rebuilt (label removed or reordered)
    for (const ft of Object.values(from.types)) {
      const tt = to.types[ft.id];
      if (ft.kind !== 'enum' || tt?.kind !== 'enum') continue;
      const toIds = new Set(tt.values.map((v) => v.id));
      const fromIds = new Set(ft.values.map((v) => v.id));
      const removed = ft.values.some((v) => !toIds.has(v.id));
      const keptOrderFrom = ft.values.filter((v) => toIds.has(v.id)).map((v) => v.id);
      const keptOrderTo = tt.values.filter((v) => fromIds.has(v.id)).map((v) => v.id);
      if (removed || !same(keptOrderFrom, keptOrderTo)) this.recreatedEnums.add(ft.id);
    }

    // columns
    for (const id of this.keptTables) {
      const ft = from.tables[id]!;
      const tt = to.tables[id]!;
      if (ft === tt) {
        // the same object (immer shares unchanged tables between versions): only what changes around it matters
        for (const fc of ft.columns) {
          if (fc.typeRef && this.recreatedEnums.size && this.recreatedEnums.has(fc.typeRef)) {
            this.retypedCols.add(fc.id);
            this.disturbed.add(id);
            this.touchedTables.add(id);
          }
          if (fc.default !== undefined && (fc.identity || fc.generated || this.retypedCols.has(fc.id))) {
            this.resetDefault.add(fc.id);
            this.touchedTables.add(id);
          }
        }
        continue;
      }
      this.touchedTables.add(id);
      const toCols = byId(tt.columns);
      for (const fc of ft.columns) {
        const tc = toCols.get(fc.id);
        if (!tc) {
          this.disturbed.add(id);
          continue;
        }
        const gf = fc.generated;
        const gt = tc.generated;
        if ((!gf && gt) || (gf && gt && gf.kind !== gt.kind)) {
          this.recreatedCols.add(fc.id);
          this.disturbed.add(id);
          continue;
        }
        if (!sameColumnType(fc, tc) || (fc.collation ?? '') !== (tc.collation ?? '')) {
          this.retypedCols.add(fc.id);
          this.disturbed.add(id);
        }
        if (tc.typeRef && tc.typeRef === fc.typeRef && this.recreatedEnums.has(tc.typeRef)) {
          this.retypedCols.add(fc.id);
          this.disturbed.add(id);
        }
        if (gf && gt && norm(gf.expr) !== norm(gt.expr)) this.disturbed.add(id);
        if (fc.default !== undefined && (norm(fc.default) !== norm(tc.default) || this.retypedCols.has(fc.id) || !!tc.identity || !!tc.generated)) {
          this.resetDefault.add(fc.id);
        }
      }
    }

    // constraints and indexes rebuilt because of their columns or definition
    const conDef = (c: Constraint) => strip(c, ['id', 'name', 'comment']);
    const idxDef = (ix: Index) => strip(ix, ['id', 'name', 'comment', 'seq', 'ifNotExists']);
    const touches = (ids: readonly (Id | undefined)[]) => ids.some((x) => x !== undefined && (this.recreatedCols.has(x) || this.retypedCols.has(x)));
    for (const id of this.keptTables) {
      const ft = from.tables[id]!;
      const tt = to.tables[id]!;
      if (!this.touchedTables.has(id)) continue;
      const tcons = byId(tt.constraints);
      for (const fc of ft.constraints) {
        const tc = tcons.get(fc.id);
        if (!tc) continue;
        const a = conDef(fc);
        const b = conDef(tc);
        if (fc.kind === 'check' && tc.kind === 'check' && fc.notValid && !tc.notValid) delete a.notValid;
        let rebuild = !same(a, b);
        if ('columns' in fc && touches(fc.columns) && fc.kind !== 'primary' && fc.kind !== 'unique') rebuild = true;
        if ('columns' in fc && fc.columns.some((c) => this.recreatedCols.has(c))) rebuild = true;
        if (rebuild) {
          this.recreatedCons.add(fc.id);
          this.touchedTables.add(id);
        }
      }
      const tix = byId(tt.indexes);
      for (const fi of ft.indexes) {
        const ti = tix.get(fi.id);
        if (!ti) continue;
        if (!same(idxDef(fi), idxDef(ti)) || fi.elements.some((e) => e.column && this.recreatedCols.has(e.column)) || fi.include?.some((c) => this.recreatedCols.has(c))) {
          this.recreatedIdx.add(fi.id);
          this.touchedTables.add(id);
        }
      }
    }
    // FKs depend on the referenced key: rebuild them when that side changes
    for (const id of this.keptTables) {
      const ft = from.tables[id]!;
      const before = this.recreatedCons.size;
      for (const fk of ft.constraints) {
        if (fk.kind !== 'foreign' || !to.tables[id]!.constraints.some((c) => c.id === fk.id)) continue;
        if (fk.refTableId === null) continue;
        if (!this.keptTables.has(fk.refTableId)) {
          this.recreatedCons.add(fk.id);
          continue;
        }
        const rt = from.tables[fk.refTableId]!;
        const rtt = to.tables[fk.refTableId]!;
        if (touches(fk.refColumns)) this.recreatedCons.add(fk.id);
        for (const k of rt.constraints) {
          if ((k.kind === 'primary' || k.kind === 'unique') && (this.recreatedCons.has(k.id) || !rtt.constraints.some((x) => x.id === k.id))) this.recreatedCons.add(fk.id);
        }
        for (const ix of rt.indexes) if (ix.unique && (this.recreatedIdx.has(ix.id) || !rtt.indexes.some((x) => x.id === ix.id))) this.recreatedCons.add(fk.id);
      }
      if (this.recreatedCons.size !== before) this.touchedTables.add(id);
    }

    // raw statements: changed text, plus everything that depends on a changed one
    for (const r of Object.values(from.raw)) {
      if (r.phase === 'pre') continue;
      const t = to.raw[r.id];
      if (t && norm(t.sql) !== norm(r.sql)) this.changedRaw.add(r.id);
    }
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of Object.values(from.raw)) {
        if (this.changedRaw.has(r.id) || !to.raw[r.id] || r.phase === 'pre') continue;
        if (r.deps.some((d) => this.changedRaw.has(d) || (from.raw[d] && !to.raw[d]))) {
          this.changedRaw.add(r.id);
          grew = true;
        }
      }
    }

    // views: changed, or depending on something that changes under them
    const viewDef = (v: View) => strip(v, ['id', 'name', 'schemaId', 'comment', 'columnComments', 'indexes', 'deps', 'seq', 'orReplace', 'ifNotExists']);
    for (const v of Object.values(from.views)) {
      const t = to.views[v.id];
      if (!t) continue;
      if (!same(viewDef(v), viewDef(t)) || norm(v.query) !== norm(t.query)) this.recreatedViews.add(v.id);
    }
    grew = true;
    while (grew) {
      grew = false;
      for (const v of Object.values(from.views)) {
        if (this.recreatedViews.has(v.id) || !to.views[v.id]) continue;
        const deps = [...v.deps, ...(to.views[v.id]!.deps ?? [])];
        if (
          deps.some(
            (d) =>
              this.recreatedViews.has(d) ||
              (from.views[d] && !to.views[d]) ||
              this.disturbed.has(d) ||
              this.droppedTables.has(d) ||
              this.changedRaw.has(d) ||
              (from.raw[d] && !to.raw[d]) ||
              this.recreatedEnums.has(d),
          )
        ) {
          this.recreatedViews.add(v.id);
          grew = true;
        }
      }
    }
    // raw statements that depend on rebuilt views or disturbed tables' views are rebuilt with them
    grew = true;
    while (grew) {
      grew = false;
      for (const r of Object.values(from.raw)) {
        if (this.changedRaw.has(r.id) || !to.raw[r.id] || r.phase === 'pre') continue;
        const deps = [...r.deps, ...(r.target ? [r.target] : [])];
        if (deps.some((d) => this.recreatedViews.has(d) || (from.views[d] && !to.views[d]) || this.changedRaw.has(d))) {
          this.changedRaw.add(r.id);
          grew = true;
        }
      }
    }
  }

  // ------------------------------------------------------------------------------------------------- schemas, extensions

  private schemasAndExtensions(): void {
    const { from, to } = this;
    for (const s of bySeq(from.schemas)) {
      const t = to.schemas[s.id];
      if (s.explicit && (!t || !t.explicit)) {
        this.emit('dropSchemas', `DROP SCHEMA ${quoteIdent(s.name)};`, {
          key: s.id,
          lossy: true,
          hazards: [this.hz('data-loss', 'error', `Drops schema ${s.name}`, 'MIG-09')],
        });
        this.change('drop', 'schema', s.id, `schema ${s.name}`);
        continue;
      }
      if (!t) continue;
      if (s.name !== t.name) {
        this.emit('schemas', `ALTER SCHEMA ${quoteIdent(s.name)} RENAME TO ${quoteIdent(t.name)};`, {
          key: s.id,
          hazards: [this.hz('breaking', 'warning', `Renames schema ${s.name} to ${t.name}; clients using the old name break`, 'MIG-08')],
        });
        this.change('rename', 'schema', s.id, `schema ${t.name}`, { from: s.name, to: t.name });
      }
      if ((s.authorization ?? '') !== (t.authorization ?? '') && t.authorization) {
        this.emit('schemas', `ALTER SCHEMA ${quoteIdent(t.name)} OWNER TO ${quoteIdent(t.authorization)};`, { key: s.id });
      }
      if ((s.comment ?? '') !== (t.comment ?? '')) this.comment(`SCHEMA ${quoteIdent(t.name)}`, t.comment, s.id, `schema ${t.name}`);
    }
    for (const t of bySeq(to.schemas)) {
      const s = from.schemas[t.id];
      if (t.explicit && (!s || !s.explicit)) {
        this.emit('schemas', renderSchema(this.ct, t), { key: t.id });
        if (t.comment) this.emit('comments', commentOn(`SCHEMA ${quoteIdent(t.name)}`, t.comment), { key: t.id });
        this.change('add', 'schema', t.id, `schema ${t.name}`);
      } else if (!s && t.comment) {
        this.comment(`SCHEMA ${quoteIdent(t.name)}`, t.comment, t.id, `schema ${t.name}`);
      }
    }
    for (const e of bySeq(from.extensions)) {
      const t = to.extensions[e.id];
      if (!t) {
        this.emit('dropExt', `DROP EXTENSION ${quoteIdent(e.name)};`, { key: e.id, hazards: [this.hz('data-loss', 'warning', `Drops extension ${e.name} and everything that belongs to it`)] });
        this.change('drop', 'extension', e.id, `extension ${e.name}`);
        continue;
      }
      const fields: string[] = [];
      if ((e.version ?? '') !== (t.version ?? '') && t.version) {
        this.emit('ext', `ALTER EXTENSION ${quoteIdent(t.name)} UPDATE TO ${quoteLiteral(t.version)};`, { key: e.id });
        fields.push('version');
      }
      if ((e.schema ?? '') !== (t.schema ?? '') && t.schema) {
        this.emit('ext', `ALTER EXTENSION ${quoteIdent(t.name)} SET SCHEMA ${quoteIdent(t.schema)};`, { key: e.id });
        fields.push('schema');
      }
      if ((e.comment ?? '') !== (t.comment ?? '')) this.comment(`EXTENSION ${quoteIdent(t.name)}`, t.comment, e.id, `extension ${t.name}`);
      if (fields.length) this.change('alter', 'extension', e.id, `extension ${t.name}`, { fields });
    }
    for (const t of bySeq(to.extensions)) {
      if (from.extensions[t.id]) continue;
      this.emit('ext', renderExtension(this.ct, t), { key: t.id });
      if (t.comment) this.emit('comments', commentOn(`EXTENSION ${quoteIdent(t.name)}`, t.comment), { key: t.id });
      this.change('add', 'extension', t.id, `extension ${t.name}`);
    }
  }

  private comment(what: string, text: string | undefined, key: Id, label: string, path?: readonly string[] | null, parentId?: Id): void {
    const sql = text ? commentOn(what, text) : `COMMENT ON ${what} IS NULL;`;
    this.emit('comments', sql, { key, ...(path !== undefined ? { searchPath: path } : {}) });
    this.change('alter', 'comment', key, label, { fields: ['comment'], ...(parentId ? { parentId } : {}) });
  }

  // ------------------------------------------------------------------------------------------------- types

  private typeOrder(m: SchemaModel, ids: Iterable<Id>): UserType[] {
    const set = new Set(ids);
    const done = new Set<Id>();
    const out: UserType[] = [];
    const visit = (t: UserType, stack: Set<Id>) => {
      if (done.has(t.id) || stack.has(t.id)) return;
      stack.add(t.id);
      const deps = t.kind === 'domain' ? [t.baseTypeRef] : t.kind === 'composite' ? t.attributes.map((a) => a.typeRef) : [];
      for (const d of deps) if (d && set.has(d) && m.types[d]) visit(m.types[d]!, stack);
      done.add(t.id);
      out.push(t);
    };
    for (const t of bySeq(m.types)) if (set.has(t.id)) visit(t, new Set());
    return out;
  }

  private typeWord(t: UserType): string {
    return t.kind === 'domain' ? 'DOMAIN' : 'TYPE';
  }

  private types(): void {
    const { from, to } = this;
    const dropped = Object.keys(from.types).filter((id) => !to.types[id] || to.types[id]!.kind !== from.types[id]!.kind);
    for (const t of this.typeOrder(from, dropped).reverse()) {
      this.emit('dropTypes', `DROP ${this.typeWord(t)} ${this.fq(t)};`, { key: t.id });
      this.change('drop', t.kind, t.id, `${t.kind} ${this.fq(t)}`);
    }
    const created = Object.keys(to.types).filter((id) => !from.types[id] || from.types[id]!.kind !== to.types[id]!.kind);
    for (const t of this.typeOrder(to, created)) {
      this.emit('types', renderType(this.ct, t, undefined), { key: t.id, searchPath: t.searchPath ?? null });
      if (t.comment) this.emit('comments', commentOn(`${this.typeWord(t)} ${this.tq(t)}`, t.comment), { key: t.id });
      this.change('add', t.kind, t.id, `${t.kind} ${this.tq(t)}`);
    }
    const kept = Object.keys(to.types).filter((id) => from.types[id] && from.types[id]!.kind === to.types[id]!.kind);
    for (const tt of this.typeOrder(to, kept)) {
      const ft = from.types[tt.id]!;
      const word = this.typeWord(tt);
      // rename / move
      if (ft.name !== tt.name) {
        const cur = this.q(this.sname(to, ft.schemaId), ft.name);
        this.emit('renames', `ALTER ${word} ${cur} RENAME TO ${quoteIdent(tt.name)};`, {
          key: tt.id,
          hazards: [this.hz('breaking', 'warning', `Renames type ${ft.name} to ${tt.name}`, 'MIG-08')],
        });
        this.change('rename', tt.kind, tt.id, `${tt.kind} ${this.tq(tt)}`, { from: ft.name, to: tt.name });
      }
      if (ft.schemaId !== tt.schemaId) {
        this.emit('renames', `ALTER ${word} ${this.q(this.sname(to, ft.schemaId), tt.name)} SET SCHEMA ${quoteIdent(this.sname(to, tt.schemaId))};`, { key: tt.id });
        this.change('rename', tt.kind, tt.id, `${tt.kind} ${this.tq(tt)}`, { from: this.fq(ft), to: this.tq(tt) });
      }
      if (ft.kind === 'enum' && tt.kind === 'enum') this.alterEnum(ft, tt);
      else if (ft.kind === 'domain' && tt.kind === 'domain') this.alterDomain(ft, tt);
      else if (ft.kind === 'composite' && tt.kind === 'composite') {
        const q = this.tq(tt);
        const fa = byId(ft.attributes);
        const ta = byId(tt.attributes);
        const fields: string[] = [];
        for (const a of ft.attributes) {
          if (!ta.has(a.id)) {
            this.emit('types', `ALTER TYPE ${q} DROP ATTRIBUTE ${quoteIdent(a.name)} CASCADE;`, { key: a.id, lossy: true, hazards: [this.hz('data-loss', 'warning', `Drops attribute ${a.name} of ${q}`)] });
            fields.push(`-${a.name}`);
          }
        }
        for (const a of tt.attributes) {
          const o = fa.get(a.id);
          if (!o) {
            this.emit('types', `ALTER TYPE ${q} ADD ATTRIBUTE ${quoteIdent(a.name)} ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''} CASCADE;`, { key: a.id });
            fields.push(`+${a.name}`);
            continue;
          }
          if (o.name !== a.name) {
            this.emit('types', `ALTER TYPE ${q} RENAME ATTRIBUTE ${quoteIdent(o.name)} TO ${quoteIdent(a.name)} CASCADE;`, { key: a.id });
            fields.push(`${o.name}→${a.name}`);
          }
          if (!sameColumnType(o, a) || (o.collation ?? '') !== (a.collation ?? '')) {
            this.emit('types', `ALTER TYPE ${q} ALTER ATTRIBUTE ${quoteIdent(a.name)} TYPE ${a.type}${a.collation ? ` COLLATE ${a.collation}` : ''} CASCADE;`, { key: a.id });
            fields.push(`${a.name}:type`);
          }
        }
        if (fields.length) this.change('alter', 'composite', tt.id, `composite ${q}`, { fields });
      }
      if ((ft.comment ?? '') !== (tt.comment ?? '')) this.comment(`${word} ${this.tq(tt)}`, tt.comment, tt.id, `${tt.kind} ${this.tq(tt)}`);
    }
  }

  private alterEnum(ft: EnumType, tt: EnumType): void {
    const q = this.tq(tt);
    const fv = byId(ft.values);
    const enumHazard = (msg: string) => this.hz('breaking', 'info', msg, 'MIG-11');
    if (this.recreatedEnums.has(tt.id)) {
      // rebuild: rename old, create new, move the columns over, drop old (late)
      const old = makeObjectName(tt.name, undefined, 'old');
      this.enumOldName.set(tt.id, old);
      const removed = ft.values.filter((v) => !tt.values.some((x) => x.id === v.id)).map((v) => v.label);
      const hazards = [
        enumHazard(`Enum ${q} is rebuilt (labels ${removed.length ? 'removed' : 'reordered'}); every column of the type is rewritten`),
        this.hz('rewrite', 'warning', `Columns of type ${q} are rewritten`, 'MIG-07'),
      ];
      if (removed.length) hazards.push(this.hz('data-loss', 'warning', `Rows holding ${removed.map(quoteLiteral).join(', ')} make the conversion fail; update them first`));
      this.emit('types', `ALTER TYPE ${q} RENAME TO ${quoteIdent(old)};`, { key: tt.id, hazards, lossy: removed.length > 0 });
      this.emit('types', renderType(this.ct, tt, undefined), { key: tt.id });
      for (const tid of this.keptTables) {
        const t = this.to.tables[tid]!;
        const f = this.from.tables[tid]!;
        for (const c of t.columns) {
          const fc = this.col(f, c.id);
          if (!fc || c.typeRef !== tt.id || fc.typeRef !== tt.id || !sameColumnType(fc, c)) continue;
          const arr = '[]'.repeat(arrayDims(c.type));
          this.emit(
            'types',
            `ALTER TABLE ${this.tq(t)} ALTER COLUMN ${quoteIdent(c.name)} TYPE ${c.type} USING ${quoteIdent(c.name)}::text${arr}::${c.type};`,
            { key: c.id, hazards: [this.lockHazard(this.tq(t)), this.hz('rewrite', 'warning', `Rewrites ${this.tq(t)}`, 'MIG-07')] },
          );
        }
      }
      this.emit('late', `DROP TYPE ${this.q(this.sname(this.to, tt.schemaId), old)};`, { key: tt.id });
      this.change('alter', 'enum', tt.id, `enum ${q}`, { fields: ['values (rebuild)'] });
      return;
    }
    for (const v of tt.values) {
      const o = fv.get(v.id);
      if (o && o.label !== v.label) {
        this.emit('renames', `ALTER TYPE ${this.q(this.sname(this.to, ft.schemaId), tt.name)} RENAME VALUE ${quoteLiteral(o.label)} TO ${quoteLiteral(v.label)};`, {
          key: v.id,
          hazards: [enumHazard(`Renames enum label ${o.label} to ${v.label}`)],
        });
        this.change('rename', 'enum-value', v.id, `enum value ${q}.${v.label}`, { parentId: tt.id, from: o.label, to: v.label });
      }
    }
    tt.values.forEach((v, i) => {
      if (fv.has(v.id)) return;
      const prev = tt.values[i - 1];
      const next = tt.values.slice(i + 1).find((x) => fv.has(x.id));
      const where = prev ? ` AFTER ${quoteLiteral(prev.label)}` : next ? ` BEFORE ${quoteLiteral(next.label)}` : '';
      this.emit('types', `ALTER TYPE ${q} ADD VALUE ${quoteLiteral(v.label)}${where};`, {
        key: v.id,
        transactional: false,
        hazards: [enumHazard(`ALTER TYPE ... ADD VALUE: the new label cannot be used in the same transaction; run it on its own`)],
      });
      this.change('add', 'enum-value', v.id, `enum value ${q}.${v.label}`, { parentId: tt.id });
    });
  }

  private alterDomain(ft: DomainType, tt: DomainType): void {
    const q = this.tq(tt);
    const fields: string[] = [];
    const path = tt.searchPath ?? null;
    if (!sameColumnType({ type: ft.baseType, typeRef: ft.baseTypeRef }, { type: tt.baseType, typeRef: tt.baseTypeRef }) || (ft.collation ?? '') !== (tt.collation ?? '')) {
      this.emit('types', `-- MANUAL: the base type or collation of domain ${q} changes (${ft.baseType} → ${tt.baseType}); PostgreSQL cannot alter it in place`, {
        key: tt.id,
        irreversible: true,
        hazards: [this.hz('manual', 'error', `Domain ${q}: base type change needs a new domain and a column-by-column move`)],
      });
      fields.push('baseType');
    }
    if (norm(ft.default) !== norm(tt.default)) {
      this.emit('types', tt.default !== undefined ? `ALTER DOMAIN ${q} SET DEFAULT ${safeTail(tt.default)};` : `ALTER DOMAIN ${q} DROP DEFAULT;`, { key: tt.id, searchPath: path });
      fields.push('default');
    }
    if (ft.nullable !== tt.nullable) {
      this.emit('types', `ALTER DOMAIN ${q} ${tt.nullable ? 'DROP' : 'SET'} NOT NULL;`, {
        key: tt.id,
        hazards: tt.nullable ? [] : [this.hz('scan', 'warning', `Checks every column of domain ${q}`)],
      });
      fields.push('nullable');
    }
    const chkName = (d: DomainType, c: DomainType['checks'][number]) => c.name ?? makeObjectName(d.name, undefined, 'check');
    const tc = byId(tt.checks);
    const fc = byId(ft.checks);
    for (const c of ft.checks) {
      const n = tc.get(c.id);
      if (!n || norm(n.expr) !== norm(c.expr)) {
        this.emit('types', `ALTER DOMAIN ${q} DROP CONSTRAINT ${quoteIdent(chkName(ft, c))};`, { key: c.id });
        fields.push('check');
      } else if (chkName(ft, c) !== chkName(tt, n)) {
        this.emit('types', `ALTER DOMAIN ${q} RENAME CONSTRAINT ${quoteIdent(chkName(ft, c))} TO ${quoteIdent(chkName(tt, n))};`, { key: c.id });
      } else if (c.notValid && !n.notValid) {
        this.emit('types', `ALTER DOMAIN ${q} VALIDATE CONSTRAINT ${quoteIdent(chkName(tt, n))};`, { key: c.id });
      }
    }
    for (const c of tt.checks) {
      const o = fc.get(c.id);
      if (o && norm(o.expr) === norm(c.expr)) continue;
      this.emit('types', `ALTER DOMAIN ${q} ADD ${c.name ? `CONSTRAINT ${quoteIdent(c.name)} ` : ''}CHECK (${safeTail(c.expr)})${c.notValid ? ' NOT VALID' : ''};`, {
        key: c.id,
        searchPath: path,
        hazards: [this.hz('scan', 'warning', `Checks every value of domain ${q} in use`)],
      });
    }
    if (fields.length) this.change('alter', 'domain', tt.id, `domain ${q}`, { fields });
  }

  // ------------------------------------------------------------------------------------------------- sequences

  private sequences(): void {
    const { from, to } = this;
    const fromSeqs = bySeq(from.sequences).filter((s) => !isIdentitySeq(from, s));
    const toSeqs = bySeq(to.sequences).filter((s) => !isIdentitySeq(to, s));
    const toIds = new Set(toSeqs.map((s) => s.id));
    const fromIds = new Set(fromSeqs.map((s) => s.id));
    for (const s of fromSeqs) {
      const t = to.sequences[s.id];
      if (!toIds.has(s.id) || !t) {
        this.emit('dropSeqs', `DROP SEQUENCE IF EXISTS ${this.fq(s)};`, { key: s.id, lossy: true, hazards: [this.hz('data-loss', 'info', `Drops sequence ${this.fq(s)} and its current value`)] });
        this.change('drop', 'sequence', s.id, `sequence ${this.fq(s)}`);
        continue;
      }
      // sequences owned by a column that goes away would be dropped with it
      if (s.ownedBy && !same(s.ownedBy, t.ownedBy)) {
        this.emit('dropMisc', `ALTER SEQUENCE ${this.fq(s)} OWNED BY NONE;`, { key: s.id });
      }
      if (s.name !== t.name) {
        this.emit('renames', `ALTER SEQUENCE ${this.q(this.sname(to, s.schemaId), s.name)} RENAME TO ${quoteIdent(t.name)};`, {
          key: s.id,
          hazards: [this.hz('breaking', 'warning', `Renames sequence ${s.name} to ${t.name}; defaults that name it by text keep working, clients do not`, 'MIG-08')],
        });
        this.change('rename', 'sequence', s.id, `sequence ${this.tq(t)}`, { from: s.name, to: t.name });
      }
      if (s.schemaId !== t.schemaId) {
        this.emit('renames', `ALTER SEQUENCE ${this.q(this.sname(to, s.schemaId), t.name)} SET SCHEMA ${quoteIdent(this.sname(to, t.schemaId))};`, { key: s.id });
      }
      const opts = this.seqOptionDiff(s.options, t.options);
      if (opts.length) {
        this.emit('seqs', `ALTER SEQUENCE ${this.tq(t)} ${opts.join(' ')};`, { key: s.id });
        this.change('alter', 'sequence', s.id, `sequence ${this.tq(t)}`, { fields: ['options'] });
      }
      if (!!s.unlogged !== !!t.unlogged) this.emit('seqs', `ALTER SEQUENCE ${this.tq(t)} SET ${t.unlogged ? 'UNLOGGED' : 'LOGGED'};`, { key: s.id });
      if (t.ownedBy && !same(s.ownedBy, t.ownedBy)) this.ownedBy(t);
      if ((s.comment ?? '') !== (t.comment ?? '')) this.comment(`SEQUENCE ${this.tq(t)}`, t.comment, s.id, `sequence ${this.tq(t)}`);
    }
    for (const t of toSeqs) {
      if (fromIds.has(t.id)) continue;
      this.emit('seqs', renderSequence(this.ct, t, undefined), { key: t.id });
      if (t.ownedBy) this.ownedBy(t);
      if (t.comment) this.emit('comments', commentOn(`SEQUENCE ${this.tq(t)}`, t.comment), { key: t.id });
      this.change('add', 'sequence', t.id, `sequence ${this.tq(t)}`);
    }
  }

  private ownedBy(s: Sequence): void {
    const t = s.ownedBy ? this.to.tables[s.ownedBy.tableId] : undefined;
    const c = t && s.ownedBy ? this.col(t, s.ownedBy.columnId) : undefined;
    if (!t || !c) return;
    this.emit('late', `ALTER SEQUENCE ${this.tq(s)} OWNED BY ${this.tq(t)}.${quoteIdent(c.name)};`, { key: s.id });
  }

  private seqOptionDiff(a: SequenceOptions, b: SequenceOptions): string[] {
    const out: string[] = [];
    if ((a.as ?? '') !== (b.as ?? '')) out.push(`AS ${b.as ?? 'bigint'}`);
    if (a.increment !== b.increment) out.push(`INCREMENT BY ${b.increment ?? '1'}`);
    if (a.minValue !== b.minValue || (a.as ?? '') !== (b.as ?? '')) out.push(b.minValue === null || b.minValue === undefined ? 'NO MINVALUE' : `MINVALUE ${b.minValue}`);
    if (a.maxValue !== b.maxValue || (a.as ?? '') !== (b.as ?? '')) out.push(b.maxValue === null || b.maxValue === undefined ? 'NO MAXVALUE' : `MAXVALUE ${b.maxValue}`);
    if (a.start !== b.start) {
      if (b.start !== undefined) out.push(`START WITH ${b.start}`);
      else out.push(`START WITH ${b.minValue ?? (b.increment?.trim().startsWith('-') ? '-1' : '1')}`);
    }
    if (a.cache !== b.cache) out.push(`CACHE ${b.cache ?? '1'}`);
    if (!!a.cycle !== !!b.cycle) out.push(b.cycle ? 'CYCLE' : 'NO CYCLE');
    return out;
  }

  // ------------------------------------------------------------------------------------------------- raw statements

  /**
   * Undo of a behaviour-generated statement (ids `bh:<key>`, see triggers/generate.ts): '' when there is nothing to
   * undo (DROP TRIGGER IF EXISTS, backfills), undefined when the general rules apply.
   */
  private behaviorDrop(r: RawStatement): string | undefined {
    const ident = String.raw`(?:"(?:[^"]|"")+"|[\w$]+)`;
    const sql = r.sql.trim();
    switch (r.nodeType) {
      case 'DropStmt':
      case 'UpdateStmt':
        return '';
      case 'CreateStmt': {
        const m2 = new RegExp(String.raw`^CREATE TABLE IF NOT EXISTS (${ident}\.${ident})`, 'i').exec(sql);
        return m2 ? `DROP TABLE IF EXISTS ${m2[1]};` : undefined;
      }
      case 'AlterTableStmt': {
        const m2 = new RegExp(String.raw`^ALTER TABLE (${ident}\.${ident}) ADD COLUMN IF NOT EXISTS (${ident})`, 'i').exec(sql);
        return m2 ? `ALTER TABLE ${m2[1]} DROP COLUMN IF EXISTS ${m2[2]};` : undefined;
      }
      case 'IndexStmt': {
        const m2 = new RegExp(String.raw`^CREATE (?:UNIQUE )?INDEX IF NOT EXISTS (${ident}) ON (?:ONLY )?(${ident})\.`, 'i').exec(sql);
        return m2 ? `DROP INDEX IF EXISTS ${m2[2]}.${m2[1]};` : undefined;
      }
      case 'ViewStmt': {
        const m2 = new RegExp(String.raw`^CREATE (?:OR REPLACE )?VIEW (${ident}\.${ident})`, 'i').exec(sql);
        return m2 ? `DROP VIEW IF EXISTS ${m2[1]};` : undefined;
      }
      case 'CreateFunctionStmt':
        return r.defines?.kind === 'function' ? `DROP FUNCTION IF EXISTS ${this.q(r.defines.schema ?? 'public', r.defines.name)}();` : undefined;
      default:
        return undefined;
    }
  }

  /** Behaviour statements whose undo loses data (the audit / history table, added columns). */
  private behaviorLossy(r: RawStatement): boolean {
    return r.id.startsWith('bh:') && (r.nodeType === 'CreateStmt' || r.nodeType === 'AlterTableStmt');
  }

  private rawDrop(m: SchemaModel, r: RawStatement): string | null {
    if (r.id.startsWith('bh:')) {
      const b = this.behaviorDrop(r);
      if (b !== undefined) return b;
    }
    const d = r.defines;
    const tableOf = () => {
      const t = r.target ? m.tables[r.target] ?? m.views[r.target] : undefined;
      return t ? this.q(this.sname(m, t.schemaId), t.name) : null;
    };
    if (d) {
      switch (d.kind) {
        case 'function':
        case 'procedure':
        case 'aggregate': {
          const word = d.kind.toUpperCase();
          if (r.label.startsWith(d.kind + ' ') && r.label.includes('(')) return `DROP ${word} ${r.label.slice(d.kind.length + 1)};`;
          const overloads = Object.values(m.raw).filter((x) => x.defines?.kind === d.kind && x.defines.name === d.name && x.defines.schema === d.schema);
          if (overloads.length === 1 && d.kind !== 'aggregate') return `DROP ${word} ${d.schema ? this.q(d.schema, d.name) : quoteIdent(d.name)};`;
          return null;
        }
        case 'trigger':
        case 'policy':
        case 'rule': {
          const t = r.target ? m.tables[r.target] ?? m.views[r.target] : undefined;
          const tq = tableOf();
          if (!t || !tq) return null;
          const name = d.name.startsWith(t.name + '.') ? d.name.slice(t.name.length + 1) : d.name;
          return `DROP ${d.kind.toUpperCase()} ${quoteIdent(name)} ON ${tq};`;
        }
        case 'collation':
          return `DROP COLLATION ${d.schema ? this.q(d.schema, d.name) : quoteIdent(d.name)};`;
        case 'role':
          return `DROP ROLE ${quoteIdent(d.name)};`;
        case 'cast': {
          const m2 = /^\s*CREATE\s+CAST\s*(\([^)]*\))/i.exec(r.sql);
          return m2 ? `DROP CAST ${m2[1]};` : null;
        }
        default:
          break;
      }
    }
    if (r.nodeType === 'CommentStmt') {
      const m2 = /^([\s\S]*\bIS)\s+(?:E?'(?:[^']|'')*'|NULL)\s*;?\s*$/i.exec(r.sql.trim());
      return m2 ? `${m2[1]} NULL;` : null;
    }
    if (r.nodeType === 'GrantStmt') {
      const m2 = /^\s*GRANT\s+([\s\S]+?)\s+ON\s+([\s\S]+?)\s+TO\s+([\s\S]+?)\s*;?\s*$/i.exec(r.sql);
      if (m2 && !/WITH\s+GRANT\s+OPTION|GRANTED\s+BY/i.test(r.sql)) return `REVOKE ${m2[1]} ON ${m2[2]} FROM ${m2[3]};`;
      return null;
    }
    if (r.nodeType === 'CreateEventTrigStmt') {
      const m2 = /^\s*CREATE\s+EVENT\s+TRIGGER\s+("(?:[^"]|"")+"|[\w$]+)/i.exec(r.sql);
      return m2 ? `DROP EVENT TRIGGER ${m2[1]};` : null;
    }
    return null;
  }

  private rawText(r: RawStatement): string {
    return safeTail(r.sql.trim().replace(/;\s*$/, '')) + ';';
  }

  private rawOrder(m: SchemaModel, ids: Set<Id>): RawStatement[] {
    const done = new Set<Id>();
    const out: RawStatement[] = [];
    const visit = (r: RawStatement, stack: Set<Id>) => {
      if (done.has(r.id) || stack.has(r.id)) return;
      stack.add(r.id);
      for (const d of r.deps) if (ids.has(d) && m.raw[d]) visit(m.raw[d]!, stack);
      done.add(r.id);
      out.push(r);
    };
    for (const r of bySeq(m.raw)) if (ids.has(r.id)) visit(r, new Set());
    return out;
  }

  private rawStatements(): void {
    const { from, to } = this;
    const gone = new Set<Id>();
    for (const r of Object.values(from.raw)) if (r.phase !== 'pre' && (!to.raw[r.id] || this.changedRaw.has(r.id))) gone.add(r.id);
    for (const r of this.rawOrder(from, gone).reverse()) {
      const isRoutine = ROUTINE_KINDS.has(r.defines?.kind ?? '');
      const targetDropped = !!r.target && this.droppedTables.has(r.target);
      const drop = this.rawDrop(from, r);
      const phase: Phase = isRoutine ? 'dropRoutines' : 'dropRaw';
      if (drop && this.behaviorLossy(r)) {
        if (!targetDropped || r.nodeType === 'CreateStmt') {
          this.emit(phase, drop, {
            key: r.id,
            searchPath: r.searchPath ?? null,
            lossy: true,
            hazards: [this.hz('data-loss', 'warning', `Drops ${r.label}: the rows it holds are lost`)],
          });
        }
      } else if (drop) this.emit(phase, drop, { key: r.id, searchPath: r.searchPath ?? null });
      else if (drop === '') {
        /* nothing to undo */
      } else if (!targetDropped) {
        this.emit(phase, `-- MANUAL: undo by hand: ${r.label || r.nodeType}`, {
          key: r.id,
          irreversible: true,
          hazards: [this.hz('manual', 'warning', `No DROP can be derived for ${r.label || r.nodeType}; undo it by hand`)],
        });
      }
      if (!to.raw[r.id]) this.change('drop', 'raw', r.id, r.label || r.nodeType, r.target ? { parentId: r.target } : {});
    }
    const fresh = new Set<Id>();
    for (const r of Object.values(to.raw)) if (r.phase !== 'pre' && (!from.raw[r.id] || this.changedRaw.has(r.id))) fresh.add(r.id);
    for (const r of this.rawOrder(to, fresh)) {
      const isRoutine = ROUTINE_KINDS.has(r.defines?.kind ?? '');
      const irreversible = this.rawDrop(to, r) === null && !(r.target && !from.tables[r.target] && !from.views[r.target]);
      this.emit(isRoutine ? 'routines' : 'raw', this.rawText(r), { key: r.id, searchPath: r.searchPath ?? null, ...(irreversible ? { irreversible: true } : {}) });
      this.change(from.raw[r.id] ? 'alter' : 'add', 'raw', r.id, r.label || r.nodeType, r.target ? { parentId: r.target } : {});
    }
  }

  // ------------------------------------------------------------------------------------------------- views

  private viewOrder(m: SchemaModel, ids: Set<Id>): View[] {
    const done = new Set<Id>();
    const out: View[] = [];
    const visit = (v: View, stack: Set<Id>) => {
      if (done.has(v.id) || stack.has(v.id)) return;
      stack.add(v.id);
      for (const d of v.deps) if (ids.has(d) && m.views[d]) visit(m.views[d]!, stack);
      done.add(v.id);
      out.push(v);
    };
    for (const v of bySeq(m.views)) if (ids.has(v.id)) visit(v, new Set());
    return out;
  }

  private views(): void {
    const { from, to } = this;
    const gone = new Set<Id>();
    for (const v of Object.values(from.views)) if (!to.views[v.id] || this.recreatedViews.has(v.id) || to.views[v.id]!.materialized !== v.materialized) gone.add(v.id);
    for (const v of this.viewOrder(from, gone).reverse()) {
      const word = v.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
      this.emit('dropViews', `DROP ${word} ${v.temporary ? quoteIdent(v.name) : this.fq(v)};`, {
        key: v.id,
        ...(v.materialized ? { lossy: !to.views[v.id] } : {}),
        hazards: to.views[v.id] ? [] : [this.hz('breaking', 'warning', `Drops ${word.toLowerCase()} ${this.fq(v)}`, 'MIG-09')],
      });
      if (!to.views[v.id]) this.change('drop', v.materialized ? 'materialized-view' : 'view', v.id, `view ${this.fq(v)}`);
    }
    const fresh = new Set<Id>();
    for (const v of Object.values(to.views)) if (!from.views[v.id] || gone.has(v.id)) fresh.add(v.id);
    for (const v of this.viewOrder(to, fresh)) {
      const kind = v.materialized ? 'materialized-view' : 'view';
      this.emit('views', renderView(this.ct, v, undefined), { key: v.id, searchPath: v.searchPath ?? null });
      for (const ix of v.indexes) this.emit('views', renderIndex(this.ct, ix, this.sname(to, v.schemaId), v.name, null, undefined), { key: ix.id, searchPath: v.searchPath ?? null });
      this.emit('comments', renderViewComments(this.ct, v, undefined), { key: v.id });
      if (!from.views[v.id]) this.change('add', kind, v.id, `view ${this.tq(v)}`);
      else this.change('alter', kind, v.id, `view ${this.tq(v)}`, { fields: this.recreatedViews.has(v.id) ? ['definition (drop and recreate)'] : ['definition'] });
    }
    // kept views: rename, comments, materialized view indexes
    for (const t of bySeq(to.views)) {
      const f = from.views[t.id];
      if (!f || fresh.has(t.id)) continue;
      const word = t.materialized ? 'MATERIALIZED VIEW' : 'VIEW';
      if (f.name !== t.name) {
        this.emit('renames', `ALTER ${word} ${this.q(this.sname(to, f.schemaId), f.name)} RENAME TO ${quoteIdent(t.name)};`, {
          key: t.id,
          hazards: [this.hz('breaking', 'warning', `Renames view ${f.name} to ${t.name}`, 'MIG-08')],
        });
        this.change('rename', t.materialized ? 'materialized-view' : 'view', t.id, `view ${this.tq(t)}`, { from: f.name, to: t.name });
      }
      if (f.schemaId !== t.schemaId) this.emit('renames', `ALTER ${word} ${this.q(this.sname(to, f.schemaId), t.name)} SET SCHEMA ${quoteIdent(this.sname(to, t.schemaId))};`, { key: t.id });
      const q = this.tq(t);
      if ((f.comment ?? '') !== (t.comment ?? '')) this.comment(`${word} ${q}`, t.comment, t.id, `view ${q}`);
      const fcc = f.columnComments ?? {};
      const tcc = t.columnComments ?? {};
      for (const n of new Set([...Object.keys(fcc), ...Object.keys(tcc)])) {
        if ((fcc[n] ?? '') !== (tcc[n] ?? '')) this.comment(`COLUMN ${q}.${quoteIdent(n)}`, tcc[n], t.id, `view column ${q}.${n}`);
      }
      const owner = { name: t.name, columns: [] as Column[] };
      const fowner = { name: f.name, columns: [] as Column[] };
      this.diffIndexes(f.indexes, t.indexes, fowner, owner, this.sname(from, f.schemaId), this.sname(to, t.schemaId), null, t.searchPath, true);
    }
  }

  // ------------------------------------------------------------------------------------------------- indexes

  private diffIndexes(
    fl: Index[],
    tl: Index[],
    fowner: Table | { name: string; columns: Column[] },
    towner: Table | { name: string; columns: Column[] },
    fschema: string,
    tschema: string,
    table: Table | null,
    path: readonly string[] | undefined,
    existing: boolean,
  ): void {
    const tmap = byId(tl);
    const fmap = byId(fl);
    const partitioned = !!table?.partitioning;
    // the owning table, so a change can be shown on it
    const own = 'id' in towner ? { parentId: towner.id } : {};
    for (const ix of fl) {
      const t = tmap.get(ix.id);
      if (t && !this.recreatedIdx.has(ix.id)) continue;
      const conc = this.safe && existing && !partitioned;
      this.emit('dropMisc', `DROP INDEX ${conc ? 'CONCURRENTLY ' : ''}${this.q(fschema, indexName(fowner, ix))};`, {
        key: ix.id,
        transactional: !conc,
        hazards: existing && !conc ? [this.hz('lock', 'info', `DROP INDEX blocks reads and writes of ${this.q(fschema, fowner.name)}; use DROP INDEX CONCURRENTLY`, 'MIG-02')] : [],
      });
      if (!t) this.change('drop', 'index', ix.id, `index ${this.q(fschema, indexName(fowner, ix))}`, own);
    }
    for (const ix of tl) {
      const f = fmap.get(ix.id);
      if (f && !this.recreatedIdx.has(ix.id)) {
        const a = indexName(fowner, f);
        const b = indexName(towner, ix);
        if (a !== b) {
          this.emit('renames', `ALTER INDEX ${this.q(tschema, a)} RENAME TO ${quoteIdent(b)};`, { key: ix.id });
          this.change('rename', 'index', ix.id, `index ${this.q(tschema, b)}`, { from: a, to: b, ...own });
        }
        if ((f.comment ?? '') !== (ix.comment ?? '')) this.comment(`INDEX ${this.q(tschema, b)}`, ix.comment, ix.id, `index ${b}`, undefined, own.parentId);
        continue;
      }
      let sql = renderIndex(this.ct, ix, tschema, towner.name, table, undefined).join('');
      const conc = this.safe && existing && !partitioned && !ix.only;
      if (conc) sql = sql.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX CONCURRENTLY ');
      this.emit('indexes', sql, {
        key: ix.id,
        transactional: !conc,
        searchPath: path ?? null,
        hazards: existing
          ? conc
            ? [this.hz('blocking-index', 'info', 'CREATE INDEX CONCURRENTLY: if it fails, drop the INVALID index and retry', 'MIG-01')]
            : [this.hz('blocking-index', 'warning', `CREATE INDEX blocks writes to ${this.q(tschema, towner.name)} while it builds; use CONCURRENTLY`, 'MIG-01')]
          : [],
      });
      if (ix.comment) this.emit('comments', commentOn(`INDEX ${this.q(tschema, indexName(towner, ix))}`, ix.comment), { key: ix.id });
      this.change(f ? 'alter' : 'add', 'index', ix.id, `index ${this.q(tschema, indexName(towner, ix))}`, own);
    }
  }

  // ------------------------------------------------------------------------------------------------- tables

  private tableOrder(m: SchemaModel, ids: Set<Id>): Table[] {
    const done = new Set<Id>();
    const out: Table[] = [];
    const visit = (t: Table, stack: Set<Id>) => {
      if (done.has(t.id) || stack.has(t.id)) return;
      stack.add(t.id);
      const deps = [...(t.inherits ?? []), ...(t.partitionOf ? [t.partitionOf.parentId] : [])];
      for (const d of deps) if (ids.has(d) && m.tables[d]) visit(m.tables[d]!, stack);
      done.add(t.id);
      out.push(t);
    };
    for (const t of bySeq(m.tables)) if (ids.has(t.id)) visit(t, new Set());
    return out;
  }

  private tables(): void {
    const { from, to } = this;
    // FKs of kept tables that point at dropped tables, or are dropped / rebuilt
    for (const id of Object.keys(from.tables)) {
      const ft = from.tables[id]!;
      const tt = this.keptTables.has(id) ? to.tables[id]! : undefined;
      for (const c of ft.constraints) {
        if (c.kind !== 'foreign') continue;
        const keep = tt?.constraints.some((x) => x.id === c.id) && !this.recreatedCons.has(c.id);
        if (keep) continue;
        // FKs of a dropped table only need an explicit drop when the referenced table stays
        if (!tt && (c.refTableId === null || c.refTableId === id || !this.from.tables[c.refTableId])) continue;
        this.dropConstraint(ft, c, !!tt);
        if (tt && !tt.constraints.some((x) => x.id === c.id)) this.change('drop', 'constraint', c.id, `foreign key ${this.cname(ft, c) ?? ''} on ${this.fq(ft)}`, { parentId: id });
      }
    }
    // dropped tables: children first
    for (const t of this.tableOrder(from, this.droppedTables).reverse()) {
      const partition = !!t.partitionOf || !!t.inherits?.length;
      this.emit('dropTables', `DROP TABLE ${partition ? 'IF EXISTS ' : ''}${this.fq(t)};`, {
        key: t.id,
        lossy: true,
        hazards: [this.hz('data-loss', 'error', `Drops table ${this.fq(t)} and all its rows`, 'MIG-09')],
      });
      if (!this.newTables.has(t.id)) this.change('drop', t.partitionOf ? 'partition' : 'table', t.id, `table ${this.fq(t)}`);
      else {
        this.change('alter', 'table', t.id, `table ${this.fq(t)}`, { fields: ['partitioning (rebuild)'] });
      }
    }
    // new tables
    for (const t of this.tableOrder(to, this.newTables)) {
      const path = t.searchPath ?? null;
      this.emit('tables', renderTable(this.ct, t, undefined, to.tables), {
        key: t.id,
        searchPath: path,
        ...(this.droppedTables.has(t.id) ? { hazards: [this.hz('manual', 'error', `Partitioning of ${this.tq(t)} changed: the table is dropped and created again; move the data by hand`)] } : {}),
      });
      if (t.partitionOf?.form === 'attach' && to.tables[t.partitionOf.parentId]) {
        this.emit('tables', renderAttach(this.ct, t, to.tables[t.partitionOf.parentId]!, undefined), { key: t.id, searchPath: path });
      }
      for (const c of t.constraints) {
        if (c.kind === 'foreign') this.emit('fks', renderForeignKey(this.ct, t, c, to.tables, undefined), { key: c.id, searchPath: path });
        else if (c.kind === 'check' && c.notValid) this.emit('constraints', renderNotValidCheck(this.ct, t, c, undefined), { key: c.id, searchPath: path });
      }
      for (const ix of t.indexes) this.emit('indexes', renderIndex(this.ct, ix, this.sname(to, t.schemaId), t.name, t, undefined), { key: ix.id, searchPath: path });
      if (t.rls && (t.rls.enabled || t.rls.forced)) this.emit('constraints', renderRls(this.ct, t, undefined), { key: t.id });
      this.emit('comments', renderTableComments(this.ct, t, undefined), { key: t.id });
      if (!this.droppedTables.has(t.id)) this.change('add', t.partitionOf ? 'partition' : 'table', t.id, `table ${this.tq(t)}`);
    }
    for (const t of this.tableOrder(to, this.keptTables)) {
      const ft = from.tables[t.id]!;
      if (!this.untouched(ft, t)) this.alterTable(ft, t);
    }
  }

  /** A kept table that is the same object in both models and that nothing around it forces to change. */
  private untouched(ft: Table, tt: Table): boolean {
    if (ft !== tt) return false;
    if (this.touchedTables.has(ft.id)) return false;
    const parents = [...(ft.partitionOf ? [ft.partitionOf.parentId] : []), ...(ft.inherits ?? [])];
    for (const p of parents) if (this.droppedTables.has(p) || this.newTables.has(p) || !this.to.tables[p]) return false;
    return true;
  }

  private dropConstraint(ft: Table, c: Constraint, existing: boolean): void {
    const name = this.cname(ft, c);
    if (!name) return;
    this.emit(c.kind === 'foreign' ? 'dropFks' : 'dropMisc', `ALTER TABLE ${this.fq(ft)} DROP CONSTRAINT ${quoteIdent(name)};`, {
      key: c.id,
      hazards: existing ? [this.lockHazard(this.fq(ft))] : [],
    });
  }

  private alterTable(ft: Table, tt: Table): void {
    const { to } = this;
    const fq = this.fq(ft);
    const q = this.tq(tt);
    const path = tt.searchPath ?? null;
    const lock = () => this.lockHazard(q);
    const fields: string[] = [];
    const fcols = byId(ft.columns);
    const tcols = byId(tt.columns);

    // ---- renames (table, columns) and moves
    if (ft.name !== tt.name) {
      this.emit('renames', `ALTER TABLE ${this.q(this.sname(to, ft.schemaId), ft.name)} RENAME TO ${quoteIdent(tt.name)};`, {
        key: tt.id,
        hazards: [lock(), this.hz('breaking', 'warning', `Renames table ${ft.name} to ${tt.name}; clients using the old name break (a compatibility view helps)`, 'MIG-08')],
      });
      this.change('rename', tt.partitionOf ? 'partition' : 'table', tt.id, `table ${q}`, { from: ft.name, to: tt.name });
    }
    if (ft.schemaId !== tt.schemaId) {
      this.emit('renames', `ALTER TABLE ${this.q(this.sname(to, ft.schemaId), tt.name)} SET SCHEMA ${quoteIdent(this.sname(to, tt.schemaId))};`, { key: tt.id, hazards: [lock()] });
      this.change('rename', 'table', tt.id, `table ${q}`, { from: fq, to: q });
    }
    for (const c of tt.columns) {
      const o = fcols.get(c.id);
      if (o && o.name !== c.name && !this.recreatedCols.has(c.id)) {
        this.emit('renames', `ALTER TABLE ${q} RENAME COLUMN ${quoteIdent(o.name)} TO ${quoteIdent(c.name)};`, {
          key: c.id,
          hazards: [lock(), this.hz('breaking', 'warning', `Renames column ${o.name} to ${c.name}; clients using the old name break`, 'MIG-08')],
        });
        this.change('rename', 'column', c.id, `column ${q}.${c.name}`, { parentId: tt.id, from: o.name, to: c.name });
      }
    }

    // ---- partition membership
    const fp = ft.partitionOf;
    const tp = tt.partitionOf;
    if (fp && (!tp || tp.parentId !== fp.parentId || norm(tp.bound) !== norm(fp.bound)) && this.from.tables[fp.parentId] && !this.droppedTables.has(fp.parentId)) {
      this.emit('dropMisc', `ALTER TABLE ${this.fq(this.from.tables[fp.parentId]!)} DETACH PARTITION ${fq};`, { key: tt.id, hazards: [this.lockHazard(this.fq(this.from.tables[fp.parentId]!))] });
      fields.push('partition');
    }
    if (tp && (!fp || tp.parentId !== fp.parentId || norm(tp.bound) !== norm(fp.bound)) && to.tables[tp.parentId]) {
      this.emit('late', renderAttach(this.ct, tt, to.tables[tp.parentId]!, undefined), {
        key: tt.id,
        searchPath: path,
        hazards: [this.hz('scan', 'warning', `ATTACH PARTITION scans ${q} to check the bound`)],
      });
      if (!fields.includes('partition')) fields.push('partition');
    }
    const fi = new Set(ft.inherits ?? []);
    const ti = new Set(tt.inherits ?? []);
    for (const p of fi) if (!ti.has(p) && this.from.tables[p]) this.emit('dropMisc', `ALTER TABLE ${fq} NO INHERIT ${this.fq(this.from.tables[p]!)};`, { key: tt.id });
    for (const p of ti) if (!fi.has(p) && to.tables[p]) this.emit('late', `ALTER TABLE ${q} INHERIT ${this.tq(to.tables[p]!)};`, { key: tt.id });

    // ---- constraints and indexes going away (drop phase, old names)
    const tcons = byId(tt.constraints);
    for (const c of ft.constraints) {
      if (c.kind === 'foreign') continue;
      const t = tcons.get(c.id);
      if (t && !this.recreatedCons.has(c.id)) continue;
      this.dropConstraint(ft, c, true);
      if (!t) this.change('drop', 'constraint', c.id, `${c.kind} constraint ${this.cname(ft, c) ?? ''} on ${fq}`, { parentId: tt.id });
    }

    // ---- columns
    for (const fc of ft.columns) {
      const tc = tcols.get(fc.id);
      if (fc.default !== undefined && tc && this.resetDefault.has(fc.id) && !this.recreatedCols.has(fc.id)) {
        this.emit('dropMisc', `ALTER TABLE ${fq} ALTER COLUMN ${quoteIdent(fc.name)} DROP DEFAULT;`, { key: fc.id, hazards: [this.lockHazard(fq)] });
      }
      if (tc && !this.recreatedCols.has(fc.id)) continue;
      if (fc.inherited && (ft.partitionOf || ft.inherits?.length)) continue;
      this.emit('dropCols', `ALTER TABLE ${fq} DROP COLUMN ${quoteIdent(fc.name)};`, {
        key: fc.id,
        lossy: true,
        hazards: [this.lockHazard(fq), this.hz('data-loss', 'warning', `Drops column ${fq}.${fc.name} and its data`, 'MIG-09')],
      });
      if (!tc) this.change('drop', 'column', fc.id, `column ${fq}.${fc.name}`, { parentId: tt.id });
    }
    tt.columns.forEach((tc) => {
      const fc = fcols.get(tc.id);
      if (fc && !this.recreatedCols.has(tc.id)) {
        this.alterColumn(ft, tt, fc, tc);
        return;
      }
      if (tc.inherited && (tt.partitionOf || tt.inherits?.length)) return;
      this.addColumn(tt, tc, !!fc);
    });

    // ---- table properties
    if (!!ft.unlogged !== !!tt.unlogged) {
      this.emit('columns', `ALTER TABLE ${q} SET ${tt.unlogged ? 'UNLOGGED' : 'LOGGED'};`, { key: tt.id, hazards: [lock(), this.hz('rewrite', 'warning', `Rewrites ${q}`)] });
      fields.push('unlogged');
    }
    if (norm(ft.with) !== norm(tt.with)) {
      const keys = (w: string | undefined) => (w ?? '').replace(/^\s*with\s*/i, '').replace(/^\(|\)$/g, '').split(',').map((p) => p.split('=')[0]!.trim()).filter(Boolean);
      const gone = keys(ft.with).filter((k) => !keys(tt.with).includes(k));
      if (gone.length) this.emit('columns', `ALTER TABLE ${q} RESET (${gone.join(', ')});`, { key: tt.id, hazards: [lock()] });
      if (tt.with) this.emit('columns', `ALTER TABLE ${q} SET ${tt.with.trim().replace(/^with\s*/i, '')};`, { key: tt.id, hazards: [lock()] });
      fields.push('with');
    }
    if ((ft.accessMethod ?? '') !== (tt.accessMethod ?? '')) {
      this.emit('columns', `ALTER TABLE ${q} SET ACCESS METHOD ${tt.accessMethod ? quoteIdent(tt.accessMethod) : 'DEFAULT'};`, { key: tt.id, hazards: [lock(), this.hz('rewrite', 'warning', `Rewrites ${q}`)] });
      fields.push('accessMethod');
    }
    if ((ft.tablespace ?? '') !== (tt.tablespace ?? '')) {
      this.emit('columns', `ALTER TABLE ${q} SET TABLESPACE ${quoteIdent(tt.tablespace ?? 'pg_default')};`, { key: tt.id, hazards: [lock(), this.hz('rewrite', 'warning', `Moves ${q}`)] });
      fields.push('tablespace');
    }
    const fr = ft.rls ?? { enabled: false, forced: false };
    const tr = tt.rls ?? { enabled: false, forced: false };
    if (fr.enabled !== tr.enabled) this.emit('constraints', `ALTER TABLE ${q} ${tr.enabled ? 'ENABLE' : 'DISABLE'} ROW LEVEL SECURITY;`, { key: tt.id, hazards: [lock()] });
    if (fr.forced !== tr.forced) this.emit('constraints', `ALTER TABLE ${q} ${tr.forced ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY;`, { key: tt.id, hazards: [lock()] });
    if (fr.enabled !== tr.enabled || fr.forced !== tr.forced) fields.push('rls');

    // ---- constraints: renames (incl. names PostgreSQL chose), new and rebuilt ones
    const fcons = byId(ft.constraints);
    for (const c of tt.constraints) {
      const o = fcons.get(c.id);
      if (o && !this.recreatedCons.has(c.id)) {
        const a = this.cname(ft, o);
        const b = this.cname(tt, c);
        if (a && b && a !== b) {
          this.emit('renames', `ALTER TABLE ${q} RENAME CONSTRAINT ${quoteIdent(a)} TO ${quoteIdent(b)};`, { key: c.id, hazards: [lock()] });
          this.change('rename', 'constraint', c.id, `constraint ${b} on ${q}`, { parentId: tt.id, from: a, to: b });
        }
        if (o.kind === 'check' && c.kind === 'check' && o.notValid && !c.notValid && b) {
          this.emit('constraints', `ALTER TABLE ${q} VALIDATE CONSTRAINT ${quoteIdent(b)};`, { key: c.id, hazards: [this.hz('scan', 'info', `Scans ${q} (SHARE UPDATE EXCLUSIVE lock only)`)] });
        }
        if ((o.comment ?? '') !== (c.comment ?? '') && b) this.comment(`CONSTRAINT ${quoteIdent(b)} ON ${q}`, c.comment, c.id, `constraint ${b}`);
        continue;
      }
      this.addConstraint(tt, c, true);
      this.change(o ? 'alter' : 'add', 'constraint', c.id, `${c.kind} constraint ${this.cname(tt, c) ?? ''} on ${q}`, { parentId: tt.id });
    }
    // PG18 NOT NULL constraints and identity sequences keep the names chosen for the old table / column name
    for (const tc of tt.columns) {
      const fc = fcols.get(tc.id);
      if (!fc || this.recreatedCols.has(tc.id)) continue;
      if ((!fc.nullable || fc.identity) && (!tc.nullable || tc.identity) && !(tc.inherited && (tt.partitionOf || tt.inherits?.length))) {
        const a = notNullName(ft, fc);
        const b = notNullName(tt, tc);
        if (a !== b) this.emit('renames', `ALTER TABLE ${q} RENAME CONSTRAINT ${quoteIdent(a)} TO ${quoteIdent(b)};`, { key: tc.id });
      }
      if (fc.identity && tc.identity && !fc.identity.options.sequenceName && !tc.identity.options.sequenceName) {
        const a = identitySequenceName(ft, fc).name;
        const b = identitySequenceName(tt, tc).name;
        if (a !== b) this.emit('renames', `ALTER SEQUENCE ${this.q(this.sname(to, tt.schemaId), a)} RENAME TO ${quoteIdent(b)};`, { key: tc.id });
      }
    }

    // ---- indexes
    this.diffIndexes(ft.indexes, tt.indexes, ft, tt, this.sname(this.from, ft.schemaId), this.sname(to, tt.schemaId), tt, tt.searchPath, true);

    // ---- comments
    if ((ft.comment ?? '') !== (tt.comment ?? '')) this.comment(`TABLE ${q}`, tt.comment, tt.id, `table ${q}`);
    for (const tc of tt.columns) {
      const fc = fcols.get(tc.id);
      if (fc && !this.recreatedCols.has(tc.id) && (fc.comment ?? '') !== (tc.comment ?? '')) this.comment(`COLUMN ${q}.${quoteIdent(tc.name)}`, tc.comment, tc.id, `column ${q}.${tc.name}`, undefined, tt.id);
      else if ((!fc || this.recreatedCols.has(tc.id)) && tc.comment) this.emit('comments', commentOn(`COLUMN ${q}.${quoteIdent(tc.name)}`, tc.comment), { key: tc.id });
    }
    if (fields.length) this.change('alter', 'table', tt.id, `table ${q}`, { fields });
  }

  private addColumn(tt: Table, tc: Column, recreated: boolean): void {
    const q = this.tq(tt);
    const path = tt.searchPath ?? null;
    const hazards: Hazard[] = [this.lockHazard(q)];
    const required = !tc.nullable && tc.default === undefined && !tc.identity && !tc.generated;
    const volatile = tc.default !== undefined && VOLATILE.test(tc.default);
    if (this.safe && (required || volatile)) {
      // expand: nullable, no volatile default; backfill; then contract
      const loose: Column = { ...tc, nullable: true };
      if (volatile) delete loose.default;
      this.emit('columns', `ALTER TABLE ${q} ADD COLUMN ${columnLine(this.ct, tt, loose, undefined)};`, { key: tc.id, searchPath: path, hazards });
      if (volatile) this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${quoteIdent(tc.name)} SET DEFAULT ${safeTail(tc.default!)};`, { key: tc.id, searchPath: path, hazards: [this.lockHazard(q)] });
      this.emit('columns', `-- TODO backfill: UPDATE ${q} SET ${quoteIdent(tc.name)} = ... WHERE ${quoteIdent(tc.name)} IS NULL (in batches)`, {
        key: tc.id,
        hazards: [this.hz('backfill', 'warning', `Existing rows of ${q} need a value in ${tc.name}`)],
      });
      if (!tc.nullable) this.setNotNull(tt, tc, 'columns');
    } else {
      if (required) hazards.push(this.hz('backfill', 'error', `ADD COLUMN ${tc.name} NOT NULL without a DEFAULT fails when ${q} has rows; add it nullable, backfill, then SET NOT NULL`, 'MIG-05'));
      if (volatile) hazards.push(this.hz('rewrite', 'warning', `ADD COLUMN with the volatile DEFAULT ${tc.default} rewrites ${q}`, 'MIG-06'));
      if (tc.identity || tc.generated?.kind === 'stored') hazards.push(this.hz('rewrite', 'warning', `Adding an identity / stored generated column rewrites ${q}`));
      this.emit('columns', `ALTER TABLE ${q} ADD COLUMN ${columnLine(this.ct, tt, tc, undefined)};`, { key: tc.id, searchPath: path, hazards });
    }
    this.change(recreated ? 'alter' : 'add', 'column', tc.id, `column ${q}.${tc.name}`, { parentId: tt.id, ...(recreated ? { fields: ['generated (drop and add)'] } : {}) });
  }

  private setNotNull(tt: Table, tc: Column, phase: Phase): void {
    const q = this.tq(tt);
    if (this.safe) {
      const chk = makeObjectName(tt.name, tc.name, 'not_null_check');
      this.emit(phase, `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(chk)} CHECK (${quoteIdent(tc.name)} IS NOT NULL) NOT VALID;`, { key: tc.id, hazards: [this.lockHazard(q)] });
      this.emit(phase, `ALTER TABLE ${q} VALIDATE CONSTRAINT ${quoteIdent(chk)};`, { key: tc.id, hazards: [this.hz('scan', 'info', `Scans ${q} under SHARE UPDATE EXCLUSIVE (reads and writes continue)`)] });
      this.emit(phase, `ALTER TABLE ${q} ALTER COLUMN ${quoteIdent(tc.name)} SET NOT NULL;`, { key: tc.id, hazards: [this.lockHazard(q)] });
      this.emit(phase, `ALTER TABLE ${q} DROP CONSTRAINT ${quoteIdent(chk)};`, { key: tc.id, hazards: [this.lockHazard(q)] });
    } else {
      this.emit(phase, `ALTER TABLE ${q} ALTER COLUMN ${quoteIdent(tc.name)} SET NOT NULL;`, {
        key: tc.id,
        hazards: [this.lockHazard(q), this.hz('scan', 'warning', `SET NOT NULL scans ${q} under an ACCESS EXCLUSIVE lock; use a validated CHECK first (--safe)`, 'MIG-04')],
      });
    }
  }

  private alterColumn(ft: Table, tt: Table, fc: Column, tc: Column): void {
    const q = this.tq(tt);
    const c = quoteIdent(tc.name);
    const path = tt.searchPath ?? null;
    const fields: string[] = [];
    const lock = () => this.lockHazard(q);
    if (tc.inherited && (tt.partitionOf || tt.inherits?.length) && fc.inherited) {
      // inherited columns follow the parent; only local default / not null
    }
    // generated expression
    if (fc.generated && !tc.generated) {
      this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} DROP EXPRESSION;`, { key: tc.id, hazards: [lock()] });
      fields.push('generated');
    } else if (fc.generated && tc.generated && norm(fc.generated.expr) !== norm(tc.generated.expr)) {
      this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} SET EXPRESSION AS (${safeTail(tc.generated.expr)});`, {
        key: tc.id,
        searchPath: path,
        hazards: [lock(), ...(tc.generated.kind === 'stored' ? [this.hz('rewrite', 'warning', `Recomputes ${q}.${tc.name} for every row`)] : [])],
      });
      fields.push('generated');
    }
    // identity removed before a type change, added after
    if (fc.identity && !tc.identity) {
      this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} DROP IDENTITY;`, { key: tc.id, hazards: [lock()] });
      fields.push('identity');
    }
    if (this.retypedCols.has(tc.id) && !(tc.typeRef && tc.typeRef === fc.typeRef && this.recreatedEnums.has(tc.typeRef) && sameColumnType(fc, tc))) {
      const fromType = this.enumOldName.has(fc.typeRef ?? '') ? fc.type : fc.type;
      let sql = `ALTER TABLE ${q} ALTER COLUMN ${c} TYPE ${tc.type}`;
      if (tc.collation) sql += ` COLLATE ${tc.collation}`;
      const enumTarget = tc.typeRef && this.to.types[tc.typeRef]?.kind === 'enum';
      const enumSource = fc.typeRef && this.from.types[fc.typeRef]?.kind === 'enum';
      if (enumTarget && !sameColumnType(fc, tc)) sql += ` USING ${c}::text${'[]'.repeat(arrayDims(tc.type))}::${tc.type}`;
      else if (!sameColumnType(fc, tc) && (needsUsing(fromType, tc.type) || enumSource) && !TEXTY.test(baseType(tc.type))) sql += ` USING ${c}::${tc.type}`;
      const hazards = [lock()];
      if (sameColumnType(fc, tc) || binaryCoercible(fc.type, tc.type)) {
        if (!sameColumnType(fc, tc)) hazards.push(this.hz('lock', 'info', `Type change ${fc.type} → ${tc.type} is binary coercible: no rewrite`));
        else hazards.push(this.hz('rewrite', 'warning', `Collation change rebuilds the indexes on ${q}.${tc.name}`));
      } else {
        hazards.push(this.hz('rewrite', 'warning', `ALTER COLUMN ${tc.name} TYPE ${tc.type} rewrites ${q} and its indexes under an ACCESS EXCLUSIVE lock`, 'MIG-07'));
      }
      this.emit('columns', sql + ';', { key: tc.id, searchPath: path, hazards });
      fields.push('type');
    }
    if (!fc.identity && tc.identity) {
      this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} ADD GENERATED ${tc.identity.always ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY${identityOptions(this.ct, tc.identity.options, tc.type, undefined)};`, {
        key: tc.id,
        hazards: [lock()],
      });
      fields.push('identity');
    } else if (fc.identity && tc.identity) {
      const parts: string[] = [];
      if (fc.identity.always !== tc.identity.always) parts.push(`SET GENERATED ${tc.identity.always ? 'ALWAYS' : 'BY DEFAULT'}`);
      const a = fc.identity.options;
      const b = tc.identity.options;
      if (a.increment !== b.increment) parts.push(`SET INCREMENT BY ${b.increment ?? '1'}`);
      if (a.minValue !== b.minValue) parts.push(b.minValue == null ? 'SET NO MINVALUE' : `SET MINVALUE ${b.minValue}`);
      if (a.maxValue !== b.maxValue) parts.push(b.maxValue == null ? 'SET NO MAXVALUE' : `SET MAXVALUE ${b.maxValue}`);
      if (a.start !== b.start) parts.push(`SET START WITH ${b.start ?? b.minValue ?? '1'}`);
      if (a.cache !== b.cache) parts.push(`SET CACHE ${b.cache ?? '1'}`);
      if (!!a.cycle !== !!b.cycle) parts.push(b.cycle ? 'SET CYCLE' : 'SET NO CYCLE');
      if (parts.length) {
        this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} ${parts.join(' ')};`, { key: tc.id, hazards: [lock()] });
        fields.push('identity');
      }
    }
    // default (dropped early in the drop phase when it changes)
    if (tc.default !== undefined && !tc.identity && !tc.generated && (norm(fc.default) !== norm(tc.default) || this.resetDefault.has(tc.id))) {
      this.emit('late', `ALTER TABLE ${q} ALTER COLUMN ${c} SET DEFAULT ${safeTail(tc.default)};`, {
        key: tc.id,
        searchPath: path,
        hazards: [lock(), ...(VOLATILE.test(tc.default) ? [this.hz('lock', 'info', 'A volatile default only applies to new rows; existing rows need a backfill')] : [])],
      });
    }
    if (norm(fc.default) !== norm(tc.default)) fields.push('default');
    // nullability
    const fnn = !fc.nullable;
    const tnn = !tc.nullable;
    if (fnn && !tnn && !tc.identity) {
      this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} DROP NOT NULL;`, {
        key: tc.id,
        hazards: [lock(), this.hz('breaking', 'warning', `DROP NOT NULL on ${q}.${tc.name}: readers may now see NULLs (a contract change)`, 'MIG-09')],
      });
      fields.push('nullable');
    } else if (!fnn && tnn && !(tc.identity && !fc.identity)) {
      this.setNotNull(tt, tc, 'late');
      fields.push('nullable');
    }
    if ((fc.storage ?? '') !== (tc.storage ?? '') && tc.storage) {
      this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} SET STORAGE ${tc.storage.replace(/^storage\s+/i, '')};`, { key: tc.id, hazards: [lock()] });
      fields.push('storage');
    }
    if ((fc.compression ?? '') !== (tc.compression ?? '')) {
      this.emit('columns', `ALTER TABLE ${q} ALTER COLUMN ${c} SET COMPRESSION ${(tc.compression ?? 'default').replace(/^compression\s+/i, '')};`, { key: tc.id, hazards: [lock()] });
      fields.push('compression');
    }
    if ((fc.collation ?? '') !== (tc.collation ?? '')) fields.push('collation');
    if (fields.length) this.change('alter', 'column', tc.id, `column ${q}.${tc.name}`, { parentId: tt.id, fields });
  }

  private addConstraint(tt: Table, c: Constraint, existing: boolean): void {
    const q = this.tq(tt);
    const path = tt.searchPath ?? null;
    const name = this.cname(tt, c);
    if (c.kind === 'foreign') {
      const fk: ForeignKey = this.safe && existing && !c.notValid ? { ...c, notValid: true } : c;
      this.emit('fks', renderForeignKey(this.ct, tt, fk, this.to.tables, undefined), {
        key: c.id,
        searchPath: path,
        hazards:
          existing && !fk.notValid
            ? [this.lockHazard(q), this.hz('scan', 'warning', `ADD FOREIGN KEY validates every row of ${q} while holding locks on both tables; add it NOT VALID and VALIDATE separately (--safe)`, 'MIG-03')]
            : existing
              ? [this.lockHazard(q)]
              : [],
      });
      if (fk !== c && name) this.emit('fks', `ALTER TABLE ${q} VALIDATE CONSTRAINT ${quoteIdent(name)};`, { key: c.id, hazards: [this.hz('scan', 'info', `Scans ${q} without blocking writes`)] });
      if (c.comment && name) this.emit('comments', commentOn(`CONSTRAINT ${quoteIdent(name)} ON ${q}`, c.comment), { key: c.id });
      return;
    }
    if (c.kind === 'check') {
      const notValid = c.notValid || (this.safe && existing);
      const body = inlineConstraint(this.ct, tt, { ...c, notValid: false });
      if (body) {
        this.emit('constraints', `ALTER TABLE ${q} ADD ${body}${notValid ? ' NOT VALID' : ''};`, {
          key: c.id,
          searchPath: path,
          hazards: existing && !notValid ? [this.lockHazard(q), this.hz('scan', 'warning', `ADD CHECK scans ${q} under an ACCESS EXCLUSIVE lock; add it NOT VALID and VALIDATE separately (--safe)`, 'MIG-03')] : existing ? [this.lockHazard(q)] : [],
        });
        if (notValid && !c.notValid && name) this.emit('constraints', `ALTER TABLE ${q} VALIDATE CONSTRAINT ${quoteIdent(name)};`, { key: c.id, hazards: [this.hz('scan', 'info', `Scans ${q} without blocking writes`)] });
      }
    } else if ((c.kind === 'primary' || c.kind === 'unique') && this.safe && existing && !tt.partitioning && name) {
      const cols = c.columns.map((id) => this.col(tt, id)?.name).filter((x): x is string => !!x).map(quoteIdent);
      const inc = (c.include ?? []).map((id) => this.col(tt, id)?.name).filter((x): x is string => !!x).map(quoteIdent);
      let ix = `CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(name)} ON ${q} USING btree (${cols.join(', ')})`;
      if (inc.length) ix += ` INCLUDE (${inc.join(', ')})`;
      if (c.kind === 'unique' && c.nullsNotDistinct) ix += ' NULLS NOT DISTINCT';
      this.emit('constraints', ix + ';', { key: c.id, transactional: false, hazards: [this.hz('blocking-index', 'info', 'Built CONCURRENTLY; if it fails, drop the INVALID index and retry', 'MIG-10')] });
      const def = c.initiallyDeferred ? ' DEFERRABLE INITIALLY DEFERRED' : c.deferrable ? ' DEFERRABLE' : '';
      this.emit('constraints', `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(name)} ${c.kind === 'primary' ? 'PRIMARY KEY' : 'UNIQUE'} USING INDEX ${quoteIdent(name)}${def};`, {
        key: c.id,
        hazards: [this.lockHazard(q)],
      });
    } else {
      const body = inlineConstraint(this.ct, tt, c);
      if (body) {
        const hazards: Hazard[] = [];
        if (existing) {
          hazards.push(this.lockHazard(q));
          if (c.kind === 'primary' || c.kind === 'unique') hazards.push(this.hz('blocking-index', 'warning', `ADD ${c.kind === 'primary' ? 'PRIMARY KEY' : 'UNIQUE'} builds its index while blocking writes to ${q}; build the index CONCURRENTLY and ADD CONSTRAINT ... USING INDEX (--safe)`, 'MIG-10'));
          if (c.kind === 'exclude') hazards.push(this.hz('blocking-index', 'warning', `ADD EXCLUDE builds its index while blocking writes to ${q}`));
        }
        this.emit('constraints', `ALTER TABLE ${q} ADD ${body};`, { key: c.id, searchPath: path, hazards });
      }
    }
    if (c.comment && name) this.emit('comments', commentOn(`CONSTRAINT ${quoteIdent(name)} ON ${q}`, c.comment), { key: c.id });
  }
}
