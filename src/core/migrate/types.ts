/** Shared types of the migration engine. */
import type { Id } from '../model/types';

export type HazardKind =
  /** ACCESS EXCLUSIVE (or SHARE) lock on an existing table. */
  | 'lock'
  /** The table (and its indexes) is rewritten. */
  | 'rewrite'
  /** A full scan under lock (validation). */
  | 'scan'
  /** Data is lost (drop, narrowing, enum label removal). */
  | 'data-loss'
  /** An index is built while writes are blocked. */
  | 'blocking-index'
  /** Existing rows need a value before the step can succeed. */
  | 'backfill'
  /** Clients that use the old name / shape break. */
  | 'breaking'
  /** Not derivable automatically; a person must write or check this step. */
  | 'manual';

export interface Hazard {
  kind: HazardKind;
  /** Rule id from the migration-safety group (MIG-01 … MIG-12), when one applies. */
  rule?: string;
  severity: 'info' | 'warning' | 'error';
  message: string;
}

export interface Statement {
  /** One complete SQL statement ending in `;` (or a `--` comment for manual / placeholder steps). */
  sql: string;
  hazards: Hazard[];
  /** False for statements that must run outside a transaction block (CREATE INDEX CONCURRENTLY, ...). */
  transactional: boolean;
  /** The step (or its counterpart in the other direction) cannot be undone automatically. */
  irreversible?: boolean;
  /** The step loses data, or (in the other direction) restores structure without the data lost. */
  lossy?: boolean;
  /** Id of the model object the statement is about (used to pair up and down steps). */
  key?: Id;
  /** search_path the statement's text was written for (undefined: does not matter, null: server default). */
  searchPath?: readonly string[] | null;
}

export type ChangeOp = 'add' | 'drop' | 'alter' | 'rename';
export type ChangeKind =
  | 'schema'
  | 'extension'
  | 'enum'
  | 'enum-value'
  | 'domain'
  | 'composite'
  | 'sequence'
  | 'table'
  | 'partition'
  | 'column'
  | 'constraint'
  | 'index'
  | 'view'
  | 'materialized-view'
  | 'raw'
  | 'comment';

export interface Change {
  op: ChangeOp;
  kind: ChangeKind;
  /** Stable id of the object (from the `from` model when it exists there). */
  id: Id;
  /** Owning table / type / view id for sub-objects. */
  parentId?: Id;
  /** Human label, e.g. `column public.users.email`. */
  label: string;
  /** Renames: old and new name. */
  from?: string;
  to?: string;
  /** Altered properties, e.g. ['type', 'default']. */
  fields?: string[];
}

export interface RenameHint {
  kind: 'schema' | 'table' | 'view' | 'type' | 'sequence' | 'column' | 'index' | 'constraint' | 'enum-value';
  /**
   * Old name: `schema.name` for top-level objects, `schema.table.column` for columns, `schema.table.constraint` for
   * constraints, `schema.index` for indexes, `schema.type.label` for enum values, `schema` for schemas.
   */
  from: string;
  /** New simple name (same parent). */
  to: string;
}

export interface DiffOptions {
  /** `id` (default): objects are the same when their ids are; `name`: when their qualified names are. */
  matchBy?: 'id' | 'name';
  /** With matchBy 'name': pairs of old/new names to treat as renames. */
  renameHints?: RenameHint[];
}

export interface MigrationOptions extends DiffOptions {
  /** Online-safe (expand / contract) form. */
  safe?: boolean;
  /** lock_timeout for safe mode (default '5s'). */
  lockTimeout?: string;
}

export interface Migration {
  up: Statement[];
  down: Statement[];
  /** The changes from → to (what diffModels returns), from the same plan as `up`. */
  changes?: Change[];
}
