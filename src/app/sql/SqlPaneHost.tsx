/**
 * Always mounted inside the diagram area: the resizable bottom pane (its Monaco body loads lazily on first open),
 * file drops onto the canvas, and the "replace or merge" choice for dropped / opened files.
 */
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useApp } from '../store';
import { importFile, importModel, readAndOfferFile, setPaneSize, startSync, togglePane, useSqlPane } from './sync';
import { allOf, applyFilter, FilterStep, type FilterState, type Parsed } from '../components/ImportDialog';
import { schemaSummary } from '../../core/sql/import/filter';
import { importSqlInWorker } from '../workers/clients';
import { plural } from '../components/StatusBar';
import { warmParser } from './parser';
import './sql.css';

const SqlPane = lazy(() => import('./SqlPane'));

function ImportChoice() {
  const pending = useSqlPane((s) => s.pendingFile);
  const empty = useApp((s) => Object.keys(s.doc.schema.tables).length === 0 && Object.keys(s.doc.schema.views).length === 0);
  const ref = useRef<HTMLDialogElement>(null);
  // "Choose what to import": the file parsed, then filtered (schemas, tables, related tables).
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [filter, setFilter] = useState<FilterState | null>(null);
  const [working, setWorking] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (pending && !d.open) d.showModal();
    else if (!pending && d.open) d.close();
    setParsed(null);
    setFilter(null);
    setError(null);
  }, [pending]);
  const close = () => useSqlPane.setState({ pendingFile: null });
  const preview = useMemo(() => (parsed && filter ? applyFilter(parsed, filter) : null), [parsed, filter]);
  const choose = async () => {
    if (!pending) return;
    setWorking('Parsing…');
    const res = await importSqlInWorker(pending.text);
    setWorking(null);
    if (!res.ok) return setError(`Import failed: ${res.error}`);
    const p: Parsed = { model: res.model, stats: res.stats, diagnostics: res.diagnostics, summary: schemaSummary(res.model) };
    setParsed(p);
    setFilter(allOf(p));
  };
  const go = async (mode: 'replace' | 'merge') => {
    if (!pending) return;
    if (!parsed || !preview) return void importFile(pending.name, pending.text, mode);
    if (preview.stats.tables === 0) return setError('Nothing is chosen: tick a schema or a table.');
    setWorking('Importing…');
    const r = await importModel(preview.model, { name: pending.name, mode, stats: { ...parsed.stats, tables: preview.stats.tables }, diagnostics: [...parsed.diagnostics, ...preview.diagnostics] });
    setWorking(null);
    if (r.ok) close();
    else setError(r.error ?? 'Import failed');
  };
  const total = parsed ? Object.values(parsed.model.tables).filter((t) => !t.partitionOf).length : 0;
  const kept = preview ? Object.values(preview.model.tables).filter((t) => !t.partitionOf).length : 0;
  return (
    <dialog ref={ref} className={`tw-dialog tw-sql-choice${parsed ? ' is-filtering' : ''}`} aria-labelledby="tw-sql-choice-title" onClose={close} data-testid="sql-import-choice">
      {pending ? (
        <div>
          <div className="tw-dialog__head">
            <h2 id="tw-sql-choice-title">Import {pending.name}</h2>
          </div>
          <p className="tw-dialog__hint">
            {(pending.text.length / 1024).toFixed(pending.text.length < 10240 ? 1 : 0)} KB of SQL, parsed locally. Replace the diagram with it, or merge its statements into this diagram? Either way it is one
            undo step, and tables that already exist keep their place.{parsed ? ' Only what is chosen below is imported.' : ''}
          </p>
          {parsed && filter ? <FilterStep parsed={parsed} filter={filter} setFilter={setFilter} /> : null}
          {error ? (
            <p className="tw-dialog__error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="tw-dialog__foot">
            <span className="tw-dialog__meta" data-testid="import-summary" aria-live="polite">
              {working ?? (preview ? `${plural(kept, 'table')} of ${total.toLocaleString('en-US')}${preview.stats.droppedForeignKeys ? ` · ${plural(preview.stats.droppedForeignKeys, 'foreign key')} left out` : ''}` : '')}
            </span>
            <button type="button" className="tw-btn" onClick={close}>
              Cancel
            </button>
            {!parsed ? (
              <button type="button" className="tw-btn" onClick={() => void choose()} disabled={!!working}>
                Choose schemas and tables…
              </button>
            ) : null}
            <button type="button" className="tw-btn" onClick={() => void go('merge')} disabled={empty || !!working}>
              Merge into this diagram
            </button>
            <button type="button" className="tw-btn tw-btn--primary" onClick={() => void go('replace')} disabled={!!working} autoFocus>
              Replace diagram
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}

export function SqlPaneHost() {
  const open = useSqlPane((s) => s.open);
  const size = useSqlPane((s) => s.size);
  const anchor = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    startSync();
    warmParser();
  }, []);

  // Shrink the canvas above the pane; accept dropped files anywhere in the diagram area.
  const mainEl = () => anchor.current?.parentElement ?? null;
  useEffect(() => {
    const main = mainEl();
    if (!main) return;
    main.classList.toggle('has-sql-pane', open);
    main.style.setProperty('--tw-sql-pane-h', `${open ? size : 0}px`);
  }, [open, size]);

  useEffect(() => {
    const main = mainEl();
    if (!main) return;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files');
    let depth = 0;
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.stopPropagation();
      depth = 0;
      setDragging(false);
      const f = e.dataTransfer?.files[0];
      if (f) void readAndOfferFile(f);
    };
    main.addEventListener('dragover', over, true);
    main.addEventListener('dragenter', enter, true);
    main.addEventListener('dragleave', leave, true);
    main.addEventListener('drop', drop, true);
    return () => {
      main.removeEventListener('dragover', over, true);
      main.removeEventListener('dragenter', enter, true);
      main.removeEventListener('dragleave', leave, true);
      main.removeEventListener('drop', drop, true);
    };
  }, []);

  // Ctrl+` toggles the pane.
  useEffect(() => {
    const key = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === '`') {
        e.preventDefault();
        togglePane();
      }
    };
    window.addEventListener('keydown', key);
    return () => window.removeEventListener('keydown', key);
  }, []);

  const startResize = (e: ReactPointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const y0 = e.clientY;
    const s0 = useSqlPane.getState().size;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => setPaneSize(s0 + (y0 - ev.clientY));
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };

  return (
    <>
      <div ref={anchor} hidden />
      {dragging ? (
        <div className="tw-sql-drop" aria-hidden="true">
          Drop a .sql file to import it
        </div>
      ) : null}
      {open ? (
        <div className="tw-sql-pane" style={{ height: size }} data-testid="sql-pane">
          <div
            className="tw-sql-pane__resize"
            role="separator"
            aria-orientation="horizontal"
            aria-label="Resize SQL pane"
            aria-valuenow={size}
            aria-valuemin={120}
            tabIndex={0}
            onPointerDown={startResize}
            onKeyDown={(e) => {
              if (e.key === 'ArrowUp') setPaneSize(size + 24);
              else if (e.key === 'ArrowDown') setPaneSize(size - 24);
            }}
          />
          <Suspense fallback={<div className="tw-sql-loading">Loading editor…</div>}>
            <SqlPane />
          </Suspense>
        </div>
      ) : null}
      <ImportChoice />
    </>
  );
}
