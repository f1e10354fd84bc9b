/**
 * "Import SQL": paste DDL (or a whole pg_dump), parsed in a worker. A large input (more than 100 tables, or tables in
 * more than one schema) gets a second step that chooses what to import: schemas (with their table counts), single
 * tables found by a search, and optionally their relationship neighbourhood. Foreign keys that would point outside
 * the choice are left out and listed as import notes. Replace the diagram or merge into it: one undo step either way.
 */
import { useId, useMemo, useState } from 'react';
import { DialogHead, useModalDialog } from './dialog';
import type { Id, SchemaModel } from '../../core/model/types';
import type { Diagnostic } from '../../core/model/diagnostics';
import { filterModel, schemaSummary, searchTables } from '../../core/sql/import/filter';
import { useApp } from '../store';
import { importSqlInWorker } from '../workers/clients';
import type { ImportStats } from '../workers/protocol';
import { importModel, type ImportMode } from '../sql/sync';
import { plural } from './StatusBar';
import './import-dialog.css';

/** Inputs above these sizes get the "choose what to import" step. */
export const FILTER_MIN_TABLES = 100;
export const FILTER_MIN_SCHEMAS = 2;

export interface Parsed {
  model: SchemaModel;
  stats: ImportStats;
  diagnostics: Diagnostic[];
  summary: ReturnType<typeof schemaSummary>;
}

export type FilterState = { schemas: Id[]; tables: Id[]; depth: number; referencing: boolean };

/** Everything chosen: every schema that holds tables. */
export function allOf(p: Parsed): FilterState {
  return { schemas: p.summary.filter((s) => s.tables + s.partitions > 0).map((s) => s.id), tables: [], depth: 0, referencing: false };
}

export function applyFilter(p: Parsed, f: FilterState) {
  return filterModel(p.model, { schemas: f.schemas, tables: f.tables, related: { depth: f.depth, referencing: f.referencing } });
}

export function needsFilter(p: Parsed): boolean {
  const withTables = p.summary.filter((s) => s.tables + s.partitions > 0);
  const tables = withTables.reduce((n, s) => n + s.tables, 0);
  return tables > FILTER_MIN_TABLES || withTables.length >= FILTER_MIN_SCHEMAS;
}

export function FilterStep({ parsed, filter, setFilter }: { parsed: Parsed; filter: FilterState; setFilter: (f: FilterState) => void }) {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const hits = useMemo(() => searchTables(parsed.model, query, 100), [parsed, query]);
  const chosenSchemas = new Set(filter.schemas);
  const chosenTables = new Set(filter.tables);
  const toggleSchema = (id: Id) => setFilter({ ...filter, schemas: chosenSchemas.has(id) ? filter.schemas.filter((x) => x !== id) : [...filter.schemas, id] });
  const toggleTable = (id: Id) => setFilter({ ...filter, tables: chosenTables.has(id) ? filter.tables.filter((x) => x !== id) : [...filter.tables, id] });
  const schemas = parsed.summary.filter((s) => s.tables + s.partitions > 0);
  return (
    <div className="tw-import-filter" data-testid="import-filter">
      <fieldset className="tw-import-filter__box">
        <legend>Schemas</legend>
        <div className="tw-import-filter__schemas">
          {schemas.map((s) => (
            <label key={s.id} className="tw-check">
              <input type="checkbox" checked={chosenSchemas.has(s.id)} onChange={() => toggleSchema(s.id)} />
              <span className="tw-import-filter__name">{s.name}</span>
              <span className="tw-import-filter__muted">
                {plural(s.tables, 'table')}
                {s.partitions ? ` (+${plural(s.partitions, 'partition')})` : ''}
              </span>
            </label>
          ))}
        </div>
        <div className="tw-import-filter__row">
          <button type="button" className="tw-btn tw-btn--small" onClick={() => setFilter({ ...filter, schemas: schemas.map((s) => s.id) })}>
            All schemas
          </button>
          <button type="button" className="tw-btn tw-btn--small" onClick={() => setFilter({ ...filter, schemas: [] })}>
            None
          </button>
        </div>
      </fieldset>
      <fieldset className="tw-import-filter__box">
        <legend>Single tables</legend>
        <label htmlFor={searchId} className="tw-import-filter__label">
          Find tables
        </label>
        <input id={searchId} className="tw-field" type="search" placeholder="schema.table" value={query} onChange={(e) => setQuery(e.target.value)} autoComplete="off" />
        <ul className="tw-import-filter__tables" aria-label="Tables">
          {hits.map((t) => {
            const viaSchema = chosenSchemas.has(parsed.model.tables[t.id]?.schemaId ?? '');
            return (
              <li key={t.id}>
                <label className="tw-check">
                  <input type="checkbox" checked={viaSchema || chosenTables.has(t.id)} disabled={viaSchema} onChange={() => toggleTable(t.id)} />
                  <span className="tw-import-filter__name">{t.label}</span>
                </label>
              </li>
            );
          })}
          {hits.length === 0 ? <li className="tw-import-filter__muted">No table matches.</li> : null}
        </ul>
        {filter.tables.length ? <p className="tw-import-filter__muted">{plural(filter.tables.length, 'table')} picked one by one</p> : null}
      </fieldset>
      <div className="tw-import-filter__row">
        <label className="tw-check">
          <input type="checkbox" checked={filter.depth > 0} onChange={() => setFilter({ ...filter, depth: filter.depth > 0 ? 0 : 1 })} /> Include related tables
        </label>
        <label className="tw-import-filter__label">
          Depth{' '}
          <select className="tw-field" value={filter.depth || 1} disabled={filter.depth === 0} onChange={(e) => setFilter({ ...filter, depth: Number(e.target.value) })}>
            {[1, 2, 3, 5].map((d) => (
              <option key={d} value={d}>
                {d}
              </option>
            ))}
          </select>
        </label>
        <label className="tw-check">
          <input type="checkbox" checked={filter.referencing} disabled={filter.depth === 0} onChange={() => setFilter({ ...filter, referencing: !filter.referencing })} /> also tables that reference them
        </label>
      </div>
    </div>
  );
}

export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [sql, setSql] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [filter, setFilter] = useState<FilterState>({ schemas: [], tables: [], depth: 0, referencing: false });
  const [mode, setMode] = useState<ImportMode>('replace');
  const emptyDiagram = useApp((s) => Object.keys(s.doc.schema.tables).length === 0 && Object.keys(s.doc.schema.views).length === 0);
  const titleId = useId();
  const descId = useId();

  const ref = useModalDialog(open, () => setError(null));

  const reset = () => {
    setSql('');
    setParsed(null);
    setError(null);
    setMode('replace');
  };

  const preview = useMemo(() => {
    if (!parsed || !needsFilter(parsed)) return null;
    return applyFilter(parsed, filter);
  }, [parsed, filter]);

  const commit = async (p: Parsed, model: SchemaModel, notes: Diagnostic[]) => {
    setWorking('Importing…');
    const res = await importModel(model, { name: 'Imported schema', mode, stats: { ...p.stats, tables: Object.keys(model.tables).length }, diagnostics: [...p.diagnostics, ...notes] });
    setWorking(null);
    if (res.ok) {
      reset();
      onClose();
    } else setError(res.error ?? 'Import failed');
  };

  const submit = async () => {
    setError(null);
    if (parsed) {
      if (!preview) return void commit(parsed, parsed.model, []);
      if (preview.stats.tables === 0) {
        setError('Nothing is chosen: tick a schema or a table.');
        return;
      }
      return void commit(parsed, preview.model, preview.diagnostics);
    }
    if (!sql.trim()) {
      setError('Paste some SQL first.');
      return;
    }
    setWorking('Parsing…');
    const res = await importSqlInWorker(sql);
    setWorking(null);
    if (!res.ok) {
      setError(`Import failed: ${res.error}`);
      return;
    }
    const p: Parsed = { model: res.model, stats: res.stats, diagnostics: res.diagnostics, summary: schemaSummary(res.model) };
    if (needsFilter(p)) {
      setFilter(allOf(p));
      setParsed(p);
      return;
    }
    await commit(p, p.model, []);
  };

  const total = parsed ? Object.values(parsed.model.tables).filter((t) => !t.partitionOf).length : 0;
  const keptTables = preview ? Object.values(preview.model.tables).filter((t) => !t.partitionOf).length : 0;

  return (
    <dialog
      ref={ref}
      className="tw-dialog"
      aria-labelledby={titleId}
      aria-describedby={descId}
      onClose={() => {
        setParsed(null);
        onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <DialogHead id={titleId} title="Import SQL" onClose={onClose} />
        {parsed ? (
          <>
            <p id={descId} className="tw-dialog__hint">
              This SQL holds {plural(total, 'table')} in {plural(parsed.summary.filter((s) => s.tables + s.partitions > 0).length, 'schema')}. Choose what to import: whole schemas, or single tables — with
              their related tables if you like. Types, sequences and functions they need come along; a foreign key to a table left out is dropped and listed in the import notes.
            </p>
            <FilterStep parsed={parsed} filter={filter} setFilter={setFilter} />
          </>
        ) : (
          <>
            <p id={descId} className="tw-dialog__hint">
              Paste PostgreSQL DDL — <code>CREATE TABLE</code>, <code>CREATE INDEX</code>, <code>CREATE TYPE</code>, <code>ALTER TABLE</code>, or a whole <code>pg_dump --schema-only</code>. It is parsed locally in
              your browser; nothing is uploaded. Large dumps let you choose schemas and tables next.
            </p>
            <label className="tw-visually-hidden" htmlFor="tw-import-sql">
              SQL to import
            </label>
            <textarea
              id="tw-import-sql"
              className="tw-textarea"
              value={sql}
              onChange={(e) => setSql(e.target.value)}
              spellCheck={false}
              autoComplete="off"
              placeholder={'CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  email text NOT NULL UNIQUE\n);'}
              rows={14}
            />
          </>
        )}
        <fieldset className="tw-import-filter__mode">
          <legend className="tw-visually-hidden">Replace or merge</legend>
          <label className="tw-check">
            <input type="radio" name="tw-import-mode" checked={mode === 'replace'} onChange={() => setMode('replace')} /> Replace the diagram
          </label>
          <label className="tw-check">
            <input type="radio" name="tw-import-mode" checked={mode === 'merge'} disabled={emptyDiagram} onChange={() => setMode('merge')} /> Merge into this diagram
          </label>
        </fieldset>
        {error ? (
          <p className="tw-dialog__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="tw-dialog__foot">
          <span className="tw-dialog__meta" data-testid="import-summary" aria-live="polite">
            {preview
              ? `${plural(keptTables, 'table')} of ${total.toLocaleString('en-US')}${preview.stats.droppedForeignKeys ? ` · ${plural(preview.stats.droppedForeignKeys, 'foreign key')} left out` : ''}`
              : sql && !parsed
                ? `${sql.length.toLocaleString('en-US')} characters`
                : ''}
          </span>
          {parsed ? (
            <button type="button" className="tw-btn" onClick={() => setParsed(null)}>
              Back
            </button>
          ) : null}
          <button type="button" className="tw-btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="tw-btn tw-btn--primary" disabled={!!working}>
            {working ?? (parsed ? `Import ${plural(keptTables, 'table')}` : 'Import')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
