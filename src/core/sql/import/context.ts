/**
 * State shared by the per-statement converters of the SQL importer: the model being built, the search_path in
 * effect, diagnostics, and name lookups that follow PostgreSQL's resolution rules.
 */
import type { Diagnostic } from '../../model/diagnostics';
import {
  emptySchemaModel,
  type Id,
  type RawDefines,
  type RawStatement,
  type Schema,
  type SchemaModel,
  type Sequence,
  type Table,
  type UserType,
  type View,
  type Index,
} from '../../model/types';
import { newId } from '../../util/ids';
import type { StatementInfo } from './statement';

export type RelationRef =
  | { kind: 'table'; id: Id; obj: Table }
  | { kind: 'view'; id: Id; obj: View }
  | { kind: 'sequence'; id: Id; obj: Sequence };

export interface IndexRef {
  index: Index;
  owner: Table | View;
  ownerKind: 'table' | 'view';
}

export interface KeepRawOptions {
  label?: string;
  target?: Id;
  defines?: RawDefines;
  deps?: Id[];
  phase?: 'pre' | 'main';
  /** Add an info diagnostic `unsupported` with this message (or the default "kept verbatim" one when `true`). */
  note?: boolean | string;
}

/** Statement kinds that are expected to be kept verbatim: no "kept verbatim" note for them. */
const EXPECTED_RAW = new Set([
  'CreateFunctionStmt',
  'AlterFunctionStmt',
  'CreateTrigStmt',
  'CreateEventTrigStmt',
  'GrantStmt',
  'GrantRoleStmt',
  'AlterDefaultPrivilegesStmt',
  'AlterOwnerStmt',
  'CreatePolicyStmt',
  'AlterPolicyStmt',
  'RuleStmt',
  'CreateCastStmt',
  'DefineStmt',
  'CreateRoleStmt',
  'AlterRoleStmt',
  'AlterRoleSetStmt',
  'DropRoleStmt',
  'VariableSetStmt',
  'DoStmt',
  'CommentStmt',
  'CreateOpClassStmt',
  'CreateOpFamilyStmt',
  'CreateConversionStmt',
  'CreatePLangStmt',
  'AlterObjectDependsStmt',
  'SecLabelStmt',
]);

const key = (schema: string, name: string) => schema + '\u0000' + name;

export class ImportContext {
  model: SchemaModel;
  /** Current search_path (plain schema names, `$user` dropped). */
  searchPath: string[] = ['public'];
  /** True once SET search_path / set_config('search_path', ...) was seen. */
  explicitSearchPath = false;
  diagnostics: Diagnostic[] = [];
  /** True once any object was created (SET statements after that go to phase 'main'). */
  sawObject = false;
  /** Per-kind counters of converted statements (for the driver's summary). */
  counters: Record<string, number> = {};

  private dirty = true;
  private schemaByName = new Map<string, Id>();
  private relations = new Map<string, RelationRef>();
  private typeByKey = new Map<string, Id>();
  private indexByKey = new Map<string, IndexRef>();
  private functions = new Map<string, Id[]>();

  constructor(model?: SchemaModel) {
    this.model = model ?? emptySchemaModel();
  }

  count(kind: string): void {
    this.counters[kind] = (this.counters[kind] ?? 0) + 1;
  }

  nextSeq(): number {
    return this.model.nextSeq++;
  }

  /** The search path to record on an object: only when an explicit one is in effect. */
  objectSearchPath(): string[] | undefined {
    return this.explicitSearchPath ? [...this.searchPath] : undefined;
  }

  setSearchPath(path: string[]): void {
    this.searchPath = path.filter((s) => s !== '$user' && s !== '');
    this.explicitSearchPath = true;
  }

  diag(stmt: StatementInfo | undefined, severity: Diagnostic['severity'], code: string, message: string, byteLocation?: number): Diagnostic {
    const d: Diagnostic = { severity, code, message };
    if (stmt) {
      if (byteLocation !== undefined && byteLocation >= 0) {
        d.start = stmt.locate(byteLocation);
        d.end = Math.max(d.start, stmt.end);
      } else {
        d.start = stmt.start;
        d.end = stmt.end;
      }
    }
    this.diagnostics.push(d);
    return d;
  }

  // ---------------------------------------------------------------- indexes

  /** Mark name indexes stale (after renames / drops / bulk edits); they are rebuilt on the next lookup. */
  invalidate(): void {
    this.dirty = true;
  }

  private ensureIndexes(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.schemaByName.clear();
    this.relations.clear();
    this.typeByKey.clear();
    this.indexByKey.clear();
    this.functions.clear();
    const m = this.model;
    for (const s of Object.values(m.schemas)) this.schemaByName.set(s.name, s.id);
    for (const t of Object.values(m.tables)) this.indexTable(t);
    for (const v of Object.values(m.views)) this.indexView(v);
    for (const s of Object.values(m.sequences)) this.indexSequence(s);
    for (const t of Object.values(m.types)) this.indexType(t);
    for (const r of Object.values(m.raw)) this.indexRaw(r);
  }

  private schemaNameOf(schemaId: Id): string {
    return this.model.schemas[schemaId]?.name ?? '';
  }

  private indexTable(t: Table): void {
    const s = this.schemaNameOf(t.schemaId);
    this.relations.set(key(s, t.name), { kind: 'table', id: t.id, obj: t });
    for (const i of t.indexes) if (i.name) this.indexByKey.set(key(s, i.name), { index: i, owner: t, ownerKind: 'table' });
  }
  private indexView(v: View): void {
    const s = this.schemaNameOf(v.schemaId);
    this.relations.set(key(s, v.name), { kind: 'view', id: v.id, obj: v });
    for (const i of v.indexes) if (i.name) this.indexByKey.set(key(s, i.name), { index: i, owner: v, ownerKind: 'view' });
  }
  private indexSequence(q: Sequence): void {
    this.relations.set(key(this.schemaNameOf(q.schemaId), q.name), { kind: 'sequence', id: q.id, obj: q });
  }
  private indexType(t: UserType): void {
    this.typeByKey.set(key(this.schemaNameOf(t.schemaId), t.name), t.id);
  }
  private indexRaw(r: RawStatement): void {
    const d = r.defines;
    if (!d) return;
    const k = d.kind + ':' + key(d.schema ?? '', d.name);
    const list = this.functions.get(k) ?? [];
    list.push(r.id);
    this.functions.set(k, list);
  }

  // ---------------------------------------------------------------- adding objects

  addTable(t: Table): void {
    this.model.tables[t.id] = t;
    this.sawObject = true;
    if (!this.dirty) this.indexTable(t);
  }
  addView(v: View): void {
    this.model.views[v.id] = v;
    this.sawObject = true;
    if (!this.dirty) this.indexView(v);
  }
  addSequence(s: Sequence): void {
    this.model.sequences[s.id] = s;
    this.sawObject = true;
    if (!this.dirty) this.indexSequence(s);
  }
  addType(t: UserType): void {
    this.model.types[t.id] = t;
    this.sawObject = true;
    if (!this.dirty) this.indexType(t);
  }
  addIndex(owner: Table | View, ownerKind: 'table' | 'view', index: Index): void {
    owner.indexes.push(index);
    if (!this.dirty && index.name) this.indexByKey.set(key(this.schemaNameOf(owner.schemaId), index.name), { index, owner, ownerKind });
  }
  addRaw(r: RawStatement): void {
    this.model.raw[r.id] = r;
    if (r.phase === 'main') this.sawObject = true;
    if (!this.dirty) this.indexRaw(r);
  }

  // ---------------------------------------------------------------- schemas

  findSchema(name: string): Schema | undefined {
    this.ensureIndexes();
    const id = this.schemaByName.get(name);
    return id ? this.model.schemas[id] : undefined;
  }

  /** The schema record for `name`, created implicitly (explicit:false) when missing. Never for pg_catalog. */
  ensureSchema(name: string): Schema {
    const found = this.findSchema(name);
    if (found) return found;
    const s: Schema = { id: newId('s'), name, explicit: false, seq: this.nextSeq() };
    this.model.schemas[s.id] = s;
    this.schemaByName.set(name, s.id);
    return s;
  }

  /** Schema an object is created in: the given one, else the first search_path schema that exists (public implicitly). */
  creationSchema(schemaName: string | undefined, stmt?: StatementInfo): Schema {
    if (schemaName) return this.ensureSchema(schemaName);
    for (const s of this.searchPath) {
      if (s === 'pg_catalog' || s === 'pg_temp' || s === 'information_schema') continue;
      if (s === 'public' || this.findSchema(s)) return this.ensureSchema(s);
    }
    if (stmt) this.diag(stmt, 'warning', 'unresolved', 'no schema has been selected to create in (search_path is empty); using public');
    return this.ensureSchema('public');
  }

  /** Schemas searched for an unqualified name, in order (pg_catalog is not a model schema). */
  private lookupSchemas(schemaName: string | undefined): string[] {
    if (schemaName) return [schemaName];
    return this.searchPath.length ? this.searchPath : [];
  }

  // ---------------------------------------------------------------- lookups

  findRelation(schemaName: string | undefined, name: string, kinds?: RelationRef['kind'][]): RelationRef | undefined {
    this.ensureIndexes();
    for (const s of this.lookupSchemas(schemaName)) {
      const r = this.relations.get(key(s, name));
      if (r && (!kinds || kinds.includes(r.kind))) return r;
      if (r) return undefined; // a relation of another kind shadows
    }
    return undefined;
  }

  findTable(schemaName: string | undefined, name: string): Table | undefined {
    const r = this.findRelation(schemaName, name, ['table']);
    return r?.kind === 'table' ? r.obj : undefined;
  }

  findView(schemaName: string | undefined, name: string): View | undefined {
    const r = this.findRelation(schemaName, name, ['view']);
    return r?.kind === 'view' ? r.obj : undefined;
  }

  findSequence(schemaName: string | undefined, name: string): Sequence | undefined {
    const r = this.findRelation(schemaName, name, ['sequence']);
    return r?.kind === 'sequence' ? r.obj : undefined;
  }

  findType(schemaName: string | undefined, name: string): UserType | undefined {
    this.ensureIndexes();
    for (const s of this.lookupSchemas(schemaName)) {
      const id = this.typeByKey.get(key(s, name));
      if (id) return this.model.types[id];
    }
    return undefined;
  }

  /**
   * A user type or row type that shadows a built-in type name: only possible when the search_path lists
   * pg_catalog explicitly after another schema (`SET search_path = test, pg_catalog`); otherwise pg_catalog is
   * searched first.
   */
  shadowingType(name: string): { schema: string; name: string; typeId?: Id } | undefined {
    const at = this.searchPath.indexOf('pg_catalog');
    if (at <= 0) return undefined;
    this.ensureIndexes();
    for (const s of this.searchPath.slice(0, at)) {
      const id = this.typeByKey.get(key(s, name));
      if (id) return { schema: s, name, typeId: id };
      const r = this.relations.get(key(s, name));
      if (r && (r.kind === 'table' || r.kind === 'view')) return { schema: s, name };
    }
    return undefined;
  }

  findIndex(schemaName: string | undefined, name: string): IndexRef | undefined {
    this.ensureIndexes();
    for (const s of this.lookupSchemas(schemaName)) {
      const r = this.indexByKey.get(key(s, name));
      if (r) return r;
    }
    return undefined;
  }

  /** Is a relation (table/view/sequence/index) name taken in that schema? */
  relationNameTaken(schemaName: string, name: string): boolean {
    this.ensureIndexes();
    return this.relations.has(key(schemaName, name)) || this.indexByKey.has(key(schemaName, name));
  }

  /** Raw statements defining an object of that kind and name (schema resolved through the search path when absent). */
  findDefined(kind: RawDefines['kind'] | RawDefines['kind'][], schemaName: string | undefined, name: string): Id[] {
    this.ensureIndexes();
    const kinds = Array.isArray(kind) ? kind : [kind];
    const schemas = schemaName ? [schemaName] : [...this.searchPath, ''];
    for (const s of schemas) {
      const ids: Id[] = [];
      for (const k of kinds) ids.push(...(this.functions.get(k + ':' + key(s, name)) ?? []));
      if (ids.length) return ids;
    }
    return [];
  }

  schemaName(schemaId: Id): string {
    return this.schemaNameOf(schemaId);
  }

  // ---------------------------------------------------------------- raw statements

  keepRaw(stmt: StatementInfo, opts: KeepRawOptions = {}): RawStatement {
    const r: RawStatement = {
      id: newId('r'),
      sql: stmt.sql,
      nodeType: stmt.nodeType,
      label: opts.label ?? defaultLabel(stmt),
      deps: dedupe(opts.deps ?? []),
      phase: opts.phase ?? 'main',
      seq: this.nextSeq(),
    };
    if (opts.target) r.target = opts.target;
    if (opts.defines) r.defines = opts.defines;
    const sp = this.objectSearchPath();
    if (sp) r.searchPath = sp;
    if (r.target) r.deps = r.deps.filter((d) => d !== r.target);
    if (r.target && !r.deps.includes(r.target)) r.deps.unshift(r.target);
    this.addRaw(r);
    const note = opts.note ?? !EXPECTED_RAW.has(stmt.nodeType);
    if (note) this.diag(stmt, 'info', 'unsupported', typeof note === 'string' ? note : `${r.label}: not modelled, kept verbatim`);
    return r;
  }
}

export function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

function defaultLabel(stmt: StatementInfo): string {
  const first = stmt.sql.replace(/\s+/g, ' ').trim();
  return first.length > 60 ? first.slice(0, 57) + '...' : first;
}
