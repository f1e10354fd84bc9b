/**
 * The Tablewright schema model.
 *
 * Rules that every consumer (import, export, canvas, lint, diff, triggers) relies on:
 * - Every object has a stable `id` that never changes for the life of the object. Renames change `name`, never `id`.
 *   Cross references (FK -> table/columns, column -> user type, index -> columns, partition -> parent) are by id.
 * - Records are plain JSON (no classes, no Maps, no undefined-vs-missing distinctions that matter) so that immer
 *   patches, structured clone, IndexedDB and the `.tablewright.json` file all see the same thing.
 * - Layout (positions, colours, areas, notes) lives apart from the schema, keyed by the same ids (see layout.ts).
 * - Expressions (defaults, CHECKs, index expressions, partition bounds, view queries) are SQL text.
 * - Statements we do not model are kept verbatim (`RawStatement`) and exported again.
 * - `seq` is a creation sequence number: source order for imported objects, a counter for new ones.
 *   Exports sort by (kind, dependencies, seq), so undoing a delete puts the object back exactly where it was.
 */

import type { TableBehaviors } from './behaviors';

export type Id = string;

/** A schema-qualified name as plain strings (never quoted). */
export interface QName {
  schema: string;
  name: string;
}

export interface Schema {
  id: Id;
  name: string;
  comment?: string;
  /** false for schemas that exist implicitly (public, pg_catalog) and were not created by a statement. */
  explicit: boolean;
  /** `CREATE SCHEMA IF NOT EXISTS` in the source. */
  ifNotExists?: boolean;
  /** AUTHORIZATION role. */
  authorization?: string;
  seq: number;
}

export interface Extension {
  id: Id;
  name: string;
  /** WITH SCHEMA x (plain name). */
  schema?: string;
  version?: string;
  cascade?: boolean;
  ifNotExists?: boolean;
  comment?: string;
  seq: number;
}

/** Options shared by CREATE SEQUENCE and identity columns. Values are kept as SQL literals (text). */
export interface SequenceOptions {
  /** AS smallint|integer|bigint */
  as?: string;
  increment?: string;
  minValue?: string | null; // null = NO MINVALUE
  maxValue?: string | null; // null = NO MAXVALUE
  start?: string;
  cache?: string;
  cycle?: boolean;
  /** Explicit sequence name (identity: SEQUENCE NAME x). */
  sequenceName?: QName;
}

export interface Sequence {
  id: Id;
  schemaId: Id;
  name: string;
  options: SequenceOptions;
  /** OWNED BY table.column (ids). */
  ownedBy?: { tableId: Id; columnId: Id };
  unlogged?: boolean;
  ifNotExists?: boolean;
  comment?: string;
  searchPath?: string[];
  seq: number;
}

export interface Identity {
  always: boolean; // true = ALWAYS, false = BY DEFAULT
  options: SequenceOptions;
}

export interface Column {
  id: Id;
  name: string;
  /**
   * SQL type text exactly as exported: builtins canonical (`integer`, `varchar(255)`, `timestamptz`,
   * `numeric(10,2)[]`), model types schema-qualified (`public.mpaa_rating`), other types as written.
   */
  type: string;
  /** Id of the model type (enum, domain, composite) this column's type names, kept in sync by commands. */
  typeRef?: Id;
  nullable: boolean;
  /** DEFAULT expression as SQL text. */
  default?: string;
  identity?: Identity;
  /** GENERATED ALWAYS AS (expr) STORED|VIRTUAL. */
  generated?: { expr: string; kind: 'stored' | 'virtual' };
  /** COLLATE name as SQL text (already quoted as needed, e.g. `"C"` or `pg_catalog."default"`). */
  collation?: string;
  comment?: string;
  /** STORAGE / COMPRESSION clauses (rare, round-tripped). */
  storage?: string;
  compression?: string;
  /** Column is inherited from a parent (PARTITION OF / INHERITS) and not declared locally. */
  inherited?: boolean;
  /** The column was declared from a `serial`-family type (`serial`, `bigserial`, `smallserial`). */
  serial?: 'smallserial' | 'serial' | 'bigserial';
}

export type FkAction = 'no action' | 'restrict' | 'cascade' | 'set null' | 'set default';

export interface ConstraintBase {
  id: Id;
  /** Constraint name. Absent = let PostgreSQL choose (round-trips to the same generated name). */
  name?: string;
  deferrable?: boolean;
  initiallyDeferred?: boolean;
  comment?: string;
}

export interface PrimaryKey extends ConstraintBase {
  kind: 'primary';
  columns: Id[];
  include?: Id[];
  /** Index parameters as SQL text: `WITH (...)`, `USING INDEX TABLESPACE x`. */
  indexOptions?: string;
}

export interface UniqueConstraint extends ConstraintBase {
  kind: 'unique';
  columns: Id[];
  include?: Id[];
  nullsNotDistinct?: boolean;
  indexOptions?: string;
}

export interface ForeignKey extends ConstraintBase {
  kind: 'foreign';
  columns: Id[];
  /** Referenced table id, or null when it is not in the model (then `refTableName` / `refColumnNames` hold it). */
  refTableId: Id | null;
  refColumns: Id[];
  refTableName?: QName;
  refColumnNames?: string[];
  onDelete: FkAction;
  onUpdate: FkAction;
  /** ON DELETE SET NULL (col, ...) column subset (PG15+). */
  onDeleteColumns?: Id[];
  match: 'simple' | 'full' | 'partial';
  notValid?: boolean;
}

export interface CheckConstraint extends ConstraintBase {
  kind: 'check';
  /** The boolean expression, without the surrounding CHECK ( ). */
  expr: string;
  noInherit?: boolean;
  notValid?: boolean;
  /** NOT ENFORCED (PG18). */
  notEnforced?: boolean;
}

export interface ExcludeConstraint extends ConstraintBase {
  kind: 'exclude';
  /** Everything after `EXCLUDE`: `USING gist (room WITH =, during WITH &&) WHERE (...)`. */
  definition: string;
}

export type Constraint = PrimaryKey | UniqueConstraint | ForeignKey | CheckConstraint | ExcludeConstraint;
export type ConstraintKind = Constraint['kind'];

export interface IndexElement {
  /** Key column id, or absent for an expression element. */
  column?: Id;
  /** Expression as SQL text (without the extra parentheses PostgreSQL requires around it). */
  expr?: string;
  collation?: string;
  /** Operator class (qualified text as written, e.g. `text_pattern_ops`, `public.vector_cosine_ops`). */
  opclass?: string;
  /** Operator class parameters as SQL text, e.g. `(siglen=32)`. */
  opclassParams?: string;
  order?: 'asc' | 'desc';
  nulls?: 'first' | 'last';
}

export interface Index {
  id: Id;
  /** Index name. Absent = let PostgreSQL choose. */
  name?: string;
  unique: boolean;
  nullsNotDistinct?: boolean;
  /** Access method; `btree` when not written. */
  method: string;
  elements: IndexElement[];
  include?: Id[];
  /** Partial index predicate, SQL text. */
  where?: string;
  /** `WITH (...)` storage parameters as SQL text, including the parentheses. */
  with?: string;
  tablespace?: string;
  /** `ON ONLY` (partitioned parent index, pg_dump style). */
  only?: boolean;
  ifNotExists?: boolean;
  comment?: string;
  seq: number;
}

export interface Partitioning {
  strategy: 'range' | 'list' | 'hash';
  /** Partition key elements as SQL text, e.g. [`payment_date`] or [`lower(name)`]. */
  keys: string[];
}

export interface PartitionOf {
  parentId: Id;
  /** `FOR VALUES ...` or `DEFAULT`, as SQL text. */
  bound: string;
  /**
   * How it was declared: `attach` = a standalone CREATE TABLE plus ALTER TABLE ... ATTACH PARTITION (pg_dump style,
   * columns are local); `partition-of` = CREATE TABLE ... PARTITION OF (columns inherited).
   */
  form: 'attach' | 'partition-of';
}

export interface Table {
  id: Id;
  schemaId: Id;
  name: string;
  comment?: string;
  columns: Column[];
  constraints: Constraint[];
  indexes: Index[];
  partitioning?: Partitioning;
  partitionOf?: PartitionOf;
  /** Legacy inheritance parents (ids). */
  inherits?: Id[];
  unlogged?: boolean;
  /** `WITH (...)` storage parameters text, incl. parentheses. */
  with?: string;
  tablespace?: string;
  /** Table access method (USING heap). */
  accessMethod?: string;
  rls?: { enabled: boolean; forced: boolean };
  ifNotExists?: boolean;
  /** search_path in effect when the table was defined (for unqualified names in its expressions). */
  searchPath?: string[];
  seq: number;
}

export interface EnumType {
  kind: 'enum';
  id: Id;
  schemaId: Id;
  name: string;
  /** Labels in sort order. Each label has an id so that a rename of a label is a rename. */
  values: { id: Id; label: string }[];
  comment?: string;
  searchPath?: string[];
  seq: number;
}

export interface DomainType {
  kind: 'domain';
  id: Id;
  schemaId: Id;
  name: string;
  /** Base type SQL text (canonical as for columns). */
  baseType: string;
  baseTypeRef?: Id;
  nullable: boolean;
  default?: string;
  collation?: string;
  checks: { id: Id; name?: string; expr: string; notValid?: boolean }[];
  comment?: string;
  searchPath?: string[];
  seq: number;
}

export interface CompositeType {
  kind: 'composite';
  id: Id;
  schemaId: Id;
  name: string;
  attributes: { id: Id; name: string; type: string; typeRef?: Id; collation?: string }[];
  comment?: string;
  searchPath?: string[];
  seq: number;
}

export type UserType = EnumType | DomainType | CompositeType;

export interface View {
  id: Id;
  schemaId: Id;
  name: string;
  materialized: boolean;
  /** The query, SQL text as written (no trailing semicolon). */
  query: string;
  /** Optional column name list: CREATE VIEW v (a, b) AS ... */
  columnNames?: string[];
  /** `WITH (...)` options text incl. parentheses (security_barrier, security_invoker, ...). */
  with?: string;
  checkOption?: 'local' | 'cascaded';
  recursive?: boolean;
  orReplace?: boolean;
  temporary?: boolean;
  /** Materialized views only: WITH NO DATA. */
  withNoData?: boolean;
  tablespace?: string;
  accessMethod?: string;
  ifNotExists?: boolean;
  comment?: string;
  columnComments?: Record<string, string>;
  /** Indexes on materialized views. */
  indexes: Index[];
  /** Model objects (tables, views, types, raw statements) the query references, derived at import / edit. */
  deps: Id[];
  searchPath?: string[];
  seq: number;
}

/** What kind of object a verbatim statement defines, so other statements can depend on it. */
export interface RawDefines {
  kind: 'function' | 'procedure' | 'aggregate' | 'trigger' | 'policy' | 'rule' | 'cast' | 'operator' | 'collation' | 'role' | 'other';
  schema?: string;
  name: string;
}

/**
 * A statement Tablewright does not model structurally, kept verbatim and exported again
 * (functions, triggers, policies, grants, ALTER ... OWNER, DO blocks, casts, ...).
 */
export interface RawStatement {
  id: Id;
  /** Statement text as written, without the trailing semicolon. */
  sql: string;
  /** Parser node type, e.g. `CreateFunctionStmt`, `GrantStmt`, `AlterOwnerStmt`. */
  nodeType: string;
  /** One-line human description, e.g. `function public.last_day(timestamptz)`. */
  label: string;
  /** The model object this statement touches (table, view, type, sequence, schema), if any. */
  target?: Id;
  defines?: RawDefines;
  /** Model objects and raw statements this statement needs to exist first. */
  deps: Id[];
  /**
   * Where it goes in an export: `pre` = session settings before everything (SET ...), `main` = dependency ordered
   * among the objects, `post` = after all objects (e.g. DO blocks that were last in the source).
   */
  phase: 'pre' | 'main';
  searchPath?: string[];
  seq: number;
}

export interface SchemaModel {
  schemas: Record<Id, Schema>;
  extensions: Record<Id, Extension>;
  types: Record<Id, UserType>;
  sequences: Record<Id, Sequence>;
  tables: Record<Id, Table>;
  views: Record<Id, View>;
  raw: Record<Id, RawStatement>;
  /** Trigger-backed behaviours per table id (updated_at, soft delete, audit, counters, search). */
  behaviors?: Record<Id, TableBehaviors>;
  /** Next value for `seq` of new objects. */
  nextSeq: number;
}

/** Any top-level model object kind. */
export type ObjectKind = 'schema' | 'extension' | 'type' | 'sequence' | 'table' | 'view' | 'raw';

export function emptySchemaModel(): SchemaModel {
  return { schemas: {}, extensions: {}, types: {}, sequences: {}, tables: {}, views: {}, raw: {}, nextSeq: 1 };
}
