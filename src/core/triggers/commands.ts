/**
 * Named commands that switch table behaviours on and off (model.behaviors). Switching one on also adds the column it
 * needs to the table model when missing, so the diagram shows it; switching it off keeps the column (it holds data).
 */
import type { Command } from '../commands/history';
import type { TablewrightDocument } from '../document/document';
import type { BehaviorNames, SearchWeight, TableBehaviors } from '../model/behaviors';
import type { Column, Id, SchemaModel, Table } from '../model/types';
import { newId } from '../util/ids';

function table(d: TablewrightDocument, id: Id): Table {
  const t = d.schema.tables[id];
  if (!t) throw new Error(`No table ${id}`);
  return t;
}

function behaviorsOf(m: SchemaModel, tableId: Id): TableBehaviors {
  m.behaviors ??= {};
  return (m.behaviors[tableId] ??= {});
}

/** Drop the table's entry when no behaviour is left (and model.behaviors when empty). */
function tidy(m: SchemaModel, tableId: Id): void {
  const b = m.behaviors?.[tableId];
  if (!b || !m.behaviors) return;
  if (b.counters && !b.counters.length) delete b.counters;
  if (!Object.keys(b).length) delete m.behaviors[tableId];
  if (!Object.keys(m.behaviors).length) delete m.behaviors;
}

function ensureColumn(t: Table, name: string, col: Omit<Column, 'id' | 'name'>): void {
  if (!name.trim()) throw new Error('Column name cannot be empty');
  if (t.columns.some((c) => c.name === name)) return;
  t.columns.push({ id: newId('c'), name, ...col });
}

function names(n: BehaviorNames | undefined): BehaviorNames {
  const out: BehaviorNames = {};
  if (n?.trigger) out.trigger = n.trigger;
  if (n?.function) out.function = n.function;
  if (n?.functionSchema) out.functionSchema = n.functionSchema;
  return out;
}

export interface UpdatedAtOptions extends BehaviorNames {
  /** Default `updated_at`. */
  column?: string;
}

export function enableUpdatedAt(tableId: Id, opts: UpdatedAtOptions = {}): Command {
  const column = opts.column ?? 'updated_at';
  return {
    label: `Keep ${column} current`,
    run(d) {
      const t = table(d, tableId);
      ensureColumn(t, column, { type: 'timestamptz', nullable: false, default: 'now()' });
      behaviorsOf(d.schema, tableId).updatedAt = { column, ...names(opts) };
    },
  };
}

export function disableUpdatedAt(tableId: Id): Command {
  return {
    label: 'Stop keeping updated_at current',
    run(d) {
      table(d, tableId);
      const b = d.schema.behaviors?.[tableId];
      if (b?.updatedAt) delete b.updatedAt;
      tidy(d.schema, tableId);
    },
  };
}

export interface SoftDeleteOptions extends BehaviorNames {
  /** Default `deleted_at`. */
  column?: string;
  /** BEFORE DELETE trigger that turns DELETE into setting the column (default true). */
  interceptDelete?: boolean;
  /** A `<table>_live` view of the rows not deleted. */
  liveView?: boolean;
  view?: string;
  /** Create the partial unique indexes `WHERE deleted_at IS NULL` (otherwise only suggested). */
  partialIndexes?: boolean;
}

export function enableSoftDelete(tableId: Id, opts: SoftDeleteOptions = {}): Command {
  const column = opts.column ?? 'deleted_at';
  return {
    label: 'Soft delete',
    run(d) {
      const t = table(d, tableId);
      ensureColumn(t, column, { type: 'timestamptz', nullable: true });
      const sd: NonNullable<TableBehaviors['softDelete']> = { column, interceptDelete: opts.interceptDelete ?? true, ...names(opts) };
      if (opts.liveView) sd.liveView = true;
      if (opts.view) sd.view = opts.view;
      if (opts.partialIndexes) sd.partialIndexes = true;
      behaviorsOf(d.schema, tableId).softDelete = sd;
    },
  };
}

export function disableSoftDelete(tableId: Id): Command {
  return {
    label: 'Stop soft delete',
    run(d) {
      table(d, tableId);
      const b = d.schema.behaviors?.[tableId];
      if (b?.softDelete) delete b.softDelete;
      tidy(d.schema, tableId);
    },
  };
}

export interface AuditOptions extends BehaviorNames {
  /** Per-table history table name (default `<table>_history`). */
  table?: string;
}

export function enableAudit(tableId: Id, mode: 'shared' | 'per-table' = 'shared', opts: AuditOptions = {}): Command {
  return {
    label: mode === 'shared' ? 'Audit changes (shared audit table)' : 'Audit changes (history table)',
    run(d) {
      table(d, tableId);
      const a: NonNullable<TableBehaviors['audit']> = { mode, ...names(opts) };
      if (opts.table && mode === 'per-table') a.table = opts.table;
      behaviorsOf(d.schema, tableId).audit = a;
    },
  };
}

export function disableAudit(tableId: Id): Command {
  return {
    label: 'Stop auditing changes',
    run(d) {
      table(d, tableId);
      const b = d.schema.behaviors?.[tableId];
      if (b?.audit) delete b.audit;
      tidy(d.schema, tableId);
    },
  };
}

export interface CounterOptions extends BehaviorNames {
  /** Counter column on the parent (default `<child>_count`). */
  column?: string;
}

/**
 * Keep a count of child rows on the parent: `parentTableId` gets an `integer NOT NULL DEFAULT 0` column, kept right
 * by triggers on the child for INSERT, DELETE and UPDATE of the FK columns. `out.id` receives the counter id.
 */
export function addCounter(parentTableId: Id, childTableId: Id, fkId: Id, opts: CounterOptions = {}, out: { id?: Id } = {}): Command {
  return {
    label: 'Add counter column',
    run(d) {
      const parent = table(d, parentTableId);
      const child = table(d, childTableId);
      const fk = child.constraints.find((c) => c.id === fkId);
      if (!fk || fk.kind !== 'foreign' || fk.refTableId !== parentTableId) throw new Error(`${child.name} has no foreign key ${fkId} to ${parent.name}`);
      const column = opts.column ?? `${child.name}_count`;
      const b = behaviorsOf(d.schema, parentTableId);
      if (b.counters?.some((c) => c.column === column)) throw new Error(`${parent.name}.${column} is already a counter`);
      ensureColumn(parent, column, { type: 'integer', nullable: false, default: '0' });
      const id = out.id ?? newId('bc');
      out.id = id;
      (b.counters ??= []).push({ id, column, childTableId, fkId, ...names(opts) });
    },
  };
}

export function removeCounter(parentTableId: Id, counterId: Id): Command {
  return {
    label: 'Remove counter column behaviour',
    run(d) {
      table(d, parentTableId);
      const b = d.schema.behaviors?.[parentTableId];
      if (b?.counters) b.counters = b.counters.filter((c) => c.id !== counterId);
      tidy(d.schema, parentTableId);
    },
  };
}

export interface SearchOptions extends BehaviorNames {
  /** tsvector column (default `search_vector`). */
  column?: string;
  /** Source column ids (or names). */
  sources: string[];
  /** Text search configuration (default `simple`). */
  config?: string;
  /** setweight() label per source. */
  weights?: Record<string, SearchWeight>;
  /** GIN index name. */
  index?: string;
}

export function enableSearch(tableId: Id, opts: SearchOptions): Command {
  const column = opts.column ?? 'search_vector';
  return {
    label: `Search vector ${column}`,
    run(d) {
      const t = table(d, tableId);
      if (!opts.sources.length) throw new Error('Choose at least one source column');
      const sources = opts.sources.map((s) => {
        const c = t.columns.find((x) => x.id === s) ?? t.columns.find((x) => x.name === s);
        if (!c) throw new Error(`No column ${s} in ${t.name}`);
        if (c.name === column) throw new Error('The search column cannot be its own source');
        return c.id;
      });
      ensureColumn(t, column, { type: 'tsvector', nullable: true });
      const s: NonNullable<TableBehaviors['search']> = { column, sources, config: opts.config ?? 'simple', ...names(opts) };
      if (opts.weights && Object.keys(opts.weights).length) {
        const w: Record<string, SearchWeight> = {};
        for (const [k, v] of Object.entries(opts.weights)) {
          const c = t.columns.find((x) => x.id === k) ?? t.columns.find((x) => x.name === k);
          if (c) w[c.id] = v;
        }
        s.weights = w;
      }
      if (opts.index) s.index = opts.index;
      behaviorsOf(d.schema, tableId).search = s;
    },
  };
}

export function disableSearch(tableId: Id): Command {
  return {
    label: 'Remove search vector behaviour',
    run(d) {
      table(d, tableId);
      const b = d.schema.behaviors?.[tableId];
      if (b?.search) delete b.search;
      tidy(d.schema, tableId);
    },
  };
}
