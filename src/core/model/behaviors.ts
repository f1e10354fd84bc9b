import type { Id } from './types';

/** Optional object names of a behaviour. Absent = the generator's default (see src/core/triggers/names.ts). */
export interface BehaviorNames {
  /** Trigger name (the trigger lives on the table, so it is never schema-qualified). */
  trigger?: string;
  /** Trigger function name (plain, unquoted). */
  function?: string;
  /** Schema of the trigger function; default: the table's schema (shared functions: the shared schema, `public`). */
  functionSchema?: string;
}

/** A tsvector weight label. */
export type SearchWeight = 'A' | 'B' | 'C' | 'D';

/**
 * Trigger-backed behaviours switched on per table in the inspector (issue: Trigger SQL). They generate functions,
 * triggers and sometimes columns/tables in the DDL export and in migrations.
 */
export interface TableBehaviors {
  /** BEFORE UPDATE sets the column to now(). The function is shared by every table using the same column name. */
  updatedAt?: { column: string } & BehaviorNames;
  /**
   * deleted_at column; optionally turn DELETE into an UPDATE; optional view of live rows; optionally create the
   * suggested partial unique indexes `WHERE <column> IS NULL` (otherwise they are only suggested in diagnostics).
   */
  softDelete?: { column: string; interceptDelete: boolean; liveView?: boolean; view?: string; partialIndexes?: boolean } & BehaviorNames;
  /**
   * AFTER INSERT/UPDATE/DELETE rows into a shared audit table or a per-table history table.
   * `table`: the per-table history table name (default `<table>_history`); ignored in shared mode.
   */
  audit?: { mode: 'shared' | 'per-table'; table?: string } & BehaviorNames;
  /** Counter columns on this table kept right by child rows (child table + FK ids). */
  counters?: ({ id: Id; column: string; childTableId: Id; fkId: Id } & BehaviorNames)[];
  /**
   * tsvector column kept from text columns (with a GIN index). `sources` are column ids of this table (column names
   * are accepted too); `weights` maps a source to a setweight() label; `index` names the GIN index.
   */
  search?: { column: string; sources: string[]; config: string; weights?: Record<string, SearchWeight>; index?: string } & BehaviorNames;
}
