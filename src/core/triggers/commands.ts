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

// ------------------------------------------------------------------ options of a behaviour that is switched on

/** Name overrides: a non-empty string sets the name; `''` or `null` goes back to the generated default. */
export interface NamesPatch {
  trigger?: string | null;
  function?: string | null;
  functionSchema?: string | null;
}

function patchNames(target: BehaviorNames, p: NamesPatch): void {
  for (const k of ['trigger', 'function', 'functionSchema'] as const) {
    if (!(k in p)) continue;
    const v = p[k]?.trim();
    if (v) target[k] = v;
    else delete target[k];
  }
}

function columnName(v: string): string {
  const name = v.trim();
  if (!name) throw new Error('Column name cannot be empty');
  return name;
}

function enabled<K extends 'updatedAt' | 'softDelete' | 'audit' | 'search'>(d: TablewrightDocument, tableId: Id, key: K): NonNullable<TableBehaviors[K]> {
  const t = table(d, tableId);
  const b = d.schema.behaviors?.[tableId]?.[key];
  if (!b) throw new Error(`${t.name}: switch the behaviour on first`);
  return b as NonNullable<TableBehaviors[K]>;
}

export interface UpdatedAtPatch extends NamesPatch {
  /** The timestamp column kept current (added to the table when missing). */
  column?: string;
}

export function setUpdatedAtOptions(tableId: Id, patch: UpdatedAtPatch): Command {
  return {
    label: 'Change updated_at options',
    run(d) {
      const b = enabled(d, tableId, 'updatedAt');
      if (patch.column !== undefined) {
        b.column = columnName(patch.column);
        ensureColumn(table(d, tableId), b.column, { type: 'timestamptz', nullable: false, default: 'now()' });
      }
      patchNames(b, patch);
    },
  };
}

export interface SoftDeletePatch extends NamesPatch {
  column?: string;
  interceptDelete?: boolean;
  liveView?: boolean;
  /** Live view name; `''` / `null` = default `<table>_live`. */
  view?: string | null;
  partialIndexes?: boolean;
}

export function setSoftDeleteOptions(tableId: Id, patch: SoftDeletePatch): Command {
  return {
    label: 'Change soft delete options',
    run(d) {
      const b = enabled(d, tableId, 'softDelete');
      if (patch.column !== undefined) {
        b.column = columnName(patch.column);
        ensureColumn(table(d, tableId), b.column, { type: 'timestamptz', nullable: true });
      }
      if (patch.interceptDelete !== undefined) b.interceptDelete = patch.interceptDelete;
      for (const k of ['liveView', 'partialIndexes'] as const) {
        if (patch[k] === true) b[k] = true;
        else if (patch[k] === false) delete b[k];
      }
      if ('view' in patch) {
        const v = patch.view?.trim();
        if (v) b.view = v;
        else delete b.view;
      }
      patchNames(b, patch);
    },
  };
}

export interface AuditPatch extends NamesPatch {
  /** Switching the mode drops a custom function name (the shared function is shared by every audited table). */
  mode?: 'shared' | 'per-table';
  /** Per-table history table name; `''` / `null` = default `<table>_history`. */
  table?: string | null;
}

export function setAuditOptions(tableId: Id, patch: AuditPatch): Command {
  return {
    label: patch.mode === 'shared' ? 'Audit into the shared audit table' : patch.mode === 'per-table' ? 'Audit into a history table' : 'Change audit options',
    run(d) {
      const b = enabled(d, tableId, 'audit');
      if (patch.mode && patch.mode !== b.mode) {
        b.mode = patch.mode;
        delete b.function;
        delete b.functionSchema;
      }
      if ('table' in patch) {
        const v = patch.table?.trim();
        if (v) b.table = v;
        else delete b.table;
      }
      if (b.mode === 'shared') delete b.table;
      patchNames(b, patch);
    },
  };
}

export interface SearchPatch extends NamesPatch {
  /** tsvector column (added to the table when missing). */
  column?: string;
  /** Source column ids (or names); at least one. Weights of columns no longer sources are dropped. */
  sources?: string[];
  /** Text search configuration, e.g. `simple`, `english`. */
  config?: string;
  /** setweight() label per source column id (or name); a missing source has no weight. */
  weights?: Record<string, SearchWeight>;
  /** GIN index name; `''` / `null` = default. */
  index?: string | null;
}

export function setSearchOptions(tableId: Id, patch: SearchPatch): Command {
  return {
    label: 'Change search vector options',
    run(d) {
      const t = table(d, tableId);
      const b = enabled(d, tableId, 'search');
      const colId = (s: string) => {
        const c = t.columns.find((x) => x.id === s) ?? t.columns.find((x) => x.name === s);
        if (!c) throw new Error(`No column ${s} in ${t.name}`);
        return c;
      };
      if (patch.column !== undefined) {
        const name = columnName(patch.column);
        if (b.sources.some((s) => t.columns.find((c) => c.id === s)?.name === name)) throw new Error('The search column cannot be its own source');
        b.column = name;
        ensureColumn(t, name, { type: 'tsvector', nullable: true });
      }
      if (patch.sources !== undefined) {
        if (!patch.sources.length) throw new Error('Choose at least one source column');
        b.sources = [...new Set(patch.sources.map((s) => {
          const c = colId(s);
          if (c.name === b.column) throw new Error('The search column cannot be its own source');
          return c.id;
        }))];
      }
      if (patch.config !== undefined) {
        const cfg = patch.config.trim();
        if (!cfg) throw new Error('Choose a text search configuration');
        b.config = cfg;
      }
      if (patch.weights !== undefined) {
        const w: Record<string, SearchWeight> = {};
        for (const [k, v] of Object.entries(patch.weights)) {
          if (!['A', 'B', 'C', 'D'].includes(v)) throw new Error(`Weight must be A, B, C or D, not ${v}`);
          w[colId(k).id] = v;
        }
        b.weights = w;
      }
      if (b.weights) {
        for (const k of Object.keys(b.weights)) if (!b.sources.includes(k)) delete b.weights[k];
        if (!Object.keys(b.weights).length) delete b.weights;
      }
      if ('index' in patch) {
        const v = patch.index?.trim();
        if (v) b.index = v;
        else delete b.index;
      }
      patchNames(b, patch);
    },
  };
}

export interface CounterPatch extends NamesPatch {
  /** Counter column on the parent (added when missing). */
  column?: string;
}

export function setCounterOptions(parentTableId: Id, counterId: Id, patch: CounterPatch): Command {
  return {
    label: 'Change counter options',
    run(d) {
      const parent = table(d, parentTableId);
      const list = d.schema.behaviors?.[parentTableId]?.counters ?? [];
      const c = list.find((x) => x.id === counterId);
      if (!c) throw new Error(`${parent.name}: no such counter`);
      if (patch.column !== undefined) {
        const name = columnName(patch.column);
        if (list.some((x) => x !== c && x.column === name)) throw new Error(`${parent.name}.${name} is already a counter`);
        c.column = name;
        ensureColumn(parent, name, { type: 'integer', nullable: false, default: '0' });
      }
      patchNames(c, patch);
    },
  };
}
