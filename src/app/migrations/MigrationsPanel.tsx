/**
 * Migrations panel: saved versions (save / rename / delete), the pending migration "latest version → working copy"
 * or any two versions compared, its changes with hazard badges, the up / down SQL, online-safe mode, Verify (PGlite
 * in a worker) and Download in the common migration-tool formats, as separate files or one zip (Verify runs first
 * unless skipped). The compared migration's tables and columns are marked on the canvas ("Show changes on canvas");
 * dropped ones are listed here, and a listed change focuses its table.
 */
import { useEffect, useMemo, useState } from 'react';
import { deleteVersion, migrationNumbering, renameVersion, requirementsBetween, saveVersion, WORKING_COPY } from '../../core/migrate/commands';
import { MIGRATION_FORMATS, type FormatInput, type MigrationFormat } from '../../core/migrate/formats';
import { changeMarks, encodeMarks } from '../../core/migrate/marks';
import { migrationBundle, zipFiles } from '../../core/migrate/zip';
import type { Change, HazardKind, Statement } from '../../core/migrate/types';
import type { VerifyResult } from '../../core/migrate/verify';
import { emptySchemaModel, type SchemaModel } from '../../core/model/types';
import { downloadBlob, fileStem } from '../exporters/download';
import { useApp } from '../store';
import { planInWorker, verifyInWorker } from './client';
import { useMigrationsUi } from './store';
import './migrations.css';

const EMPTY = '';
const EMPTY_MODEL = emptySchemaModel();

const BADGES: { kind: HazardKind; label: string }[] = [
  { kind: 'lock', label: 'lock' },
  { kind: 'rewrite', label: 'rewrite' },
  { kind: 'data-loss', label: 'data loss' },
  { kind: 'blocking-index', label: 'blocking index' },
  { kind: 'backfill', label: 'backfill' },
  { kind: 'scan', label: 'scan' },
  { kind: 'breaking', label: 'breaking' },
  { kind: 'manual', label: 'manual' },
];

interface Plan {
  changes: Change[];
  up: Statement[];
  down: Statement[];
  ms: number;
  /** The target model the plan was made for (its tables are the ones marked on the canvas). */
  to: SchemaModel;
}

/** The table a change belongs to (tables, partitions, and their columns, constraints, indexes, statements). */
function tableOf(c: Change): string | undefined {
  return c.kind === 'table' || c.kind === 'partition' || (c.kind === 'comment' && !c.parentId) ? c.id : c.parentId;
}

const toSql = (st: readonly Statement[]) => st.map((s) => s.sql).join('\n');
const splitIds = (s: string) => s.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);

function parseIdsKey(ids: string[]): string {
  return ids.join(', ');
}

function Badges({ kinds }: { kinds: Set<HazardKind> }) {
  return (
    <>
      {BADGES.filter((b) => kinds.has(b.kind)).map((b) => (
        <span key={b.kind} className={`tw-mig__badge tw-mig__badge--${b.kind}`} data-hazard={b.kind}>
          {b.label}
        </span>
      ))}
    </>
  );
}

function VersionRow({ id, name, createdAt, requirementIds }: { id: string; name: string; createdAt: string; requirementIds: string[] }) {
  const [editing, setEditing] = useState(false);
  const [n, setN] = useState(name);
  const [ids, setIds] = useState(parseIdsKey(requirementIds));
  const save = () => {
    const r = useApp.getState().apply(renameVersion(id, n, splitIds(ids)));
    if (!r.error) setEditing(false);
  };
  return (
    <li className="tw-mig__version" data-version={name}>
      {editing ? (
        <span className="tw-mig__vedit">
          <input aria-label="Version name" value={n} onChange={(e) => setN(e.target.value)} onKeyDown={(e) => (e.stopPropagation(), e.key === 'Enter' && save())} />
          <input aria-label="Requirement ids" value={ids} onChange={(e) => setIds(e.target.value)} onKeyDown={(e) => (e.stopPropagation(), e.key === 'Enter' && save())} />
          <button type="button" className="tw-btn tw-btn--ghost" onClick={save}>
            OK
          </button>
        </span>
      ) : (
        <>
          <span className="tw-mig__vname">{name}</span>
          <span className="tw-mig__muted" title={createdAt}>
            {createdAt.slice(0, 16).replace('T', ' ')}
          </span>
          {requirementIds.length ? <span className="tw-mig__reqs">{requirementIds.join(', ')}</span> : null}
          <span className="tw-mig__grow" />
          <button type="button" className="tw-btn tw-btn--ghost" onClick={() => setEditing(true)}>
            Rename
          </button>
          <button type="button" className="tw-btn tw-btn--ghost" onClick={() => useApp.getState().apply(deleteVersion(id))} aria-label={`Delete version ${name}`}>
            Delete
          </button>
        </>
      )}
    </li>
  );
}

export function MigrationsPanel() {
  const open = useMigrationsUi((s) => s.open);
  if (!open) return null;
  return <MigrationsBody />;
}

function MigrationsBody() {
  const doc = useApp((s) => s.doc);
  const versions = doc.versions ?? [];
  const latest = versions[versions.length - 1];
  const [name, setName] = useState('');
  const [reqs, setReqs] = useState('');
  const [fromRef, setFromRef] = useState<string | null>(null); // null: follow the latest version
  const [toRef0, setToRef] = useState<string>(WORKING_COPY);
  const [safe, setSafe] = useState(false);
  const [format, setFormat] = useState<MigrationFormat>('plain');
  const [skipVerify, setSkipVerify] = useState(false);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [verify, setVerify] = useState<{ state: 'running' } | { state: 'done'; result: VerifyResult; plan: Plan } | { state: 'error'; error: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const showChanges = useMigrationsUi((s) => s.showChanges);

  // a reference to a version deleted meanwhile falls back to the default (latest / working copy)
  const known = (ref: string | null): ref is string => ref === EMPTY || ref === WORKING_COPY || versions.some((v) => v.id === ref);
  const from = known(fromRef) ? fromRef : latest?.id ?? EMPTY;
  const toRef = known(toRef0) ? toRef0 : WORKING_COPY;
  const resolve = (ref: string): { name: string; id?: string; createdAt?: string; requirementIds: string[]; schema: SchemaModel } => {
    if (ref === WORKING_COPY) return { name: 'Working copy', requirementIds: [], schema: doc.schema };
    const v = versions.find((x) => x.id === ref);
    if (v) return { name: v.name, id: v.id, createdAt: v.createdAt, requirementIds: v.requirementIds, schema: v.schema };
    return { name: 'Empty', requirementIds: [], schema: EMPTY_MODEL };
  };
  const a = resolve(from);
  const b = resolve(toRef);

  useEffect(() => {
    let live = true;
    setPlanError(null);
    const t = setTimeout(() => {
      void planInWorker(a.schema, b.schema, safe).then((r) => {
        if (!live) return;
        if (r.ok && r.kind === 'plan') setPlan({ changes: r.changes, up: r.up, down: r.down, ms: r.ms, to: b.schema });
        else if (!r.ok) setPlanError(r.error);
      });
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [a.schema, b.schema, safe]);

  const hazardsById = useMemo(() => {
    const m = new Map<string, Set<HazardKind>>();
    for (const s of plan?.up ?? []) {
      if (!s.key) continue;
      const set = m.get(s.key) ?? new Set<HazardKind>();
      for (const h of s.hazards) set.add(h.kind);
      m.set(s.key, set);
    }
    return m;
  }, [plan]);
  const marks = useMemo(() => (plan ? changeMarks(plan.changes, plan.to) : null), [plan]);
  useEffect(() => {
    useMigrationsUi.getState().setMarks(marks ? encodeMarks(marks) : {});
  }, [marks]);
  useEffect(() => () => useMigrationsUi.getState().setMarks({}), []);
  const allHazards = useMemo(() => new Set((plan?.up ?? []).flatMap((s) => s.hazards.map((h) => h.kind))), [plan]);

  const formatInput = (p: Plan): FormatInput => ({
    name: b.name === 'Working copy' ? `${a.name} to working copy` : `${a.name} to ${b.name}`,
    from: { name: a.name, id: a.id, createdAt: a.createdAt },
    to: { name: b.name, id: b.id, createdAt: b.createdAt },
    // the ids of every version the migration spans, plus those typed for the unsaved working copy
    requirementIds: requirementsBetween(doc, from, toRef, toRef === WORKING_COPY ? splitIds(reqs) : []),
    migration: { up: p.up, down: p.down },
    // numbers and Alembic revision ids chained across versions (the pending one keeps its ids once saved)
    ...migrationNumbering(doc, from, toRef),
  });

  const runVerify = async (): Promise<VerifyResult | null> => {
    if (!plan) return null;
    const planned = plan;
    setVerify({ state: 'running' });
    const r = await verifyInWorker(a.schema, b.schema, plan.up, plan.down);
    if (r.ok && r.kind === 'verify') {
      setVerify({ state: 'done', result: r.result, plan: planned }); // shown only while this plan is the current one
      return r.result;
    }
    setVerify({ state: 'error', error: r.ok ? 'unexpected reply' : r.error });
    return null;
  };

  const download = async (asZip: boolean) => {
    if (!plan) return;
    setError(null);
    // a verification of this very plan counts; otherwise verify now (unless skipped)
    let verified: VerifyResult | null = verify?.state === 'done' && verify.plan === plan ? verify.result : null;
    if (!skipVerify && !verified?.ok) {
      verified = await runVerify();
      if (!verified?.ok) {
        setError('Verify failed: nothing was downloaded. Tick "Skip verify" to download anyway.');
        return;
      }
    }
    let input: FormatInput;
    try {
      input = formatInput(plan);
    } catch (e) {
      setError(`Could not prepare the files: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    // the report's checklist is ticked only from a verification that passed
    const files = migrationBundle(format, { ...input, changes: plan.changes, ...(verified ? { verified } : {}) });
    if (asZip) {
      try {
        const zip = zipFiles(files);
        downloadBlob(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), `${fileStem(input.name)}-${format}.zip`);
      } catch (e) {
        setError(`Could not build the zip: ${e instanceof Error ? e.message : String(e)}`);
      }
      return;
    }
    for (const f of files) downloadBlob(new Blob([f.content], { type: f.path.endsWith('.py') ? 'text/x-python' : 'text/plain' }), f.path.replace(/\//g, '__'));
  };

  const saveCurrent = () => {
    const r = useApp.getState().apply(saveVersion(name || `Version ${versions.length + 1}`, splitIds(reqs)));
    if (r.error) setError(r.error);
    else {
      setName('');
      setFromRef(null);
      setToRef(WORKING_COPY);
    }
  };

  const verified = verify?.state === 'done' && verify.plan === plan ? verify.result : null;
  const options = [{ id: EMPTY, name: 'Empty schema' }, ...versions.map((v) => ({ id: v.id, name: v.name })), { id: WORKING_COPY, name: 'Working copy' }];

  return (
    <section className="tw-mig" aria-label="Migrations" data-testid="migrations-panel">
      <header className="tw-mig__head">
        <h2>Migrations</h2>
        <span className="tw-mig__grow" />
        <button type="button" className="tw-btn tw-btn--ghost" onClick={() => useMigrationsUi.getState().setOpen(false)} aria-label="Close migrations">
          ✕
        </button>
      </header>
      <div className="tw-mig__body">
        <h3>Versions</h3>
        {versions.length ? (
          <ol className="tw-mig__versions">
            {versions.map((v) => (
              <VersionRow key={v.id} id={v.id} name={v.name} createdAt={v.createdAt} requirementIds={v.requirementIds} />
            ))}
          </ol>
        ) : (
          <p className="tw-mig__muted">No version saved yet: the pending migration starts from an empty schema.</p>
        )}
        <div className="tw-mig__save">
          <input aria-label="New version name" placeholder={`Version ${versions.length + 1}`} value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
          <input aria-label="Requirement ids" placeholder="Requirement ids (REQ-1, …)" value={reqs} onChange={(e) => setReqs(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
          <button type="button" className="tw-btn" onClick={saveCurrent}>
            Save version
          </button>
        </div>

        <h3>
          {from === (latest?.id ?? EMPTY) && toRef === WORKING_COPY ? 'Pending migration' : 'Compare'}{' '}
          <span className="tw-mig__muted">
            {a.name} → {b.name}
          </span>
        </h3>
        <div className="tw-mig__controls">
          <label>
            From{' '}
            <select aria-label="From version" value={from} onChange={(e) => setFromRef(e.target.value)}>
              {options.map((o) => (
                <option key={o.id || 'empty'} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            To{' '}
            <select aria-label="To version" value={toRef} onChange={(e) => setToRef(e.target.value)}>
              {options.map((o) => (
                <option key={o.id || 'empty'} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label className="tw-mig__switch">
            <input type="checkbox" checked={safe} onChange={(e) => setSafe(e.target.checked)} /> Safe mode
          </label>
        </div>

        {planError ? <p className="tw-mig__error">Could not plan the migration: {planError}</p> : null}
        {!plan ? (
          <p className="tw-mig__muted">Computing…</p>
        ) : (
          <>
            <div className="tw-mig__summary">
              {plan.changes.length ? `${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}` : 'No changes'}
              <Badges kinds={allHazards} />
              <span className="tw-mig__muted">{plan.ms.toFixed(0)} ms</span>
            </div>
            <label className="tw-mig__switch">
              <input type="checkbox" checked={showChanges} onChange={(e) => useMigrationsUi.getState().setShowChanges(e.target.checked)} /> Show changes on canvas
            </label>
            {toRef !== WORKING_COPY && showChanges && plan.changes.length ? (
              <p className="tw-mig__muted">The canvas shows the working copy: changes are marked on the tables it still has.</p>
            ) : null}
            <ul className="tw-mig__changes" data-testid="migration-changes" tabIndex={0} aria-label="Changes">
              {plan.changes.map((c, i) => {
                const text = `${c.label}${c.op === 'rename' && c.from ? ` (${c.from} → ${c.to})` : ''}${c.fields?.length ? ` [${c.fields.join(', ')}]` : ''}`;
                const table = tableOf(c);
                const onCanvas = table !== undefined && !!doc.schema.tables[table] && !(c.op === 'drop' && (c.kind === 'table' || c.kind === 'partition'));
                return (
                  <li key={`${c.id}-${i}`} className={`tw-mig__change tw-mig__change--${c.op}`}>
                    <span className="tw-mig__op">{c.op}</span>
                    <span className="tw-mig__label">
                      {onCanvas ? (
                        <button type="button" className="tw-mig__goto" title="Show this table on the canvas" onClick={() => useApp.getState().focusTable(table)}>
                          {text}
                        </button>
                      ) : (
                        text
                      )}
                    </span>
                    <Badges kinds={hazardsById.get(c.id) ?? new Set()} />
                  </li>
                );
              })}
            </ul>
            {marks?.dropped.length ? (
              <>
                <h3>
                  Dropped <span className="tw-mig__muted">(not on the canvas)</span>
                </h3>
                <ul className="tw-mig__dropped" data-testid="migration-dropped">
                  {marks.dropped.map((d) => (
                    <li key={d.id}>
                      <span className="tw-mig__dropped-kind">{d.kind}</span>
                      {d.tableId && doc.schema.tables[d.tableId] ? (
                        <button type="button" className="tw-mig__goto" title="Show its table on the canvas" onClick={() => useApp.getState().focusTable(d.tableId!)}>
                          {d.label}
                        </button>
                      ) : (
                        d.label
                      )}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
            <details open className="tw-mig__sql">
              <summary>Up SQL</summary>
              <pre data-testid="migration-up" tabIndex={0} aria-label="Up SQL">{toSql(plan.up) || '-- nothing to do'}</pre>
            </details>
            <details className="tw-mig__sql">
              <summary>Down SQL</summary>
              <pre data-testid="migration-down" tabIndex={0} aria-label="Down SQL">{toSql(plan.down) || '-- nothing to do'}</pre>
            </details>
            <div className="tw-mig__controls">
              <button type="button" className="tw-btn" onClick={() => void runVerify()} disabled={verify?.state === 'running'}>
                Verify
              </button>
              <span className="tw-mig__verify" data-testid="migration-verify" role="status">
                {verify?.state === 'running' ? 'Verifying in PGlite…' : null}
                {verify?.state === 'error' ? `✗ ${verify.error}` : null}
                {verified
                  ? verified.ok
                    ? `✓ Verified in PGlite: up gives the target, down gives the base (${Math.round(verified.ms)} ms)`
                    : `✗ ${verified.stage}: ${verified.error ?? verified.differences[0] ?? 'differs'}`
                  : null}
              </span>
            </div>
            <div className="tw-mig__controls">
              <select aria-label="Migration format" value={format} onChange={(e) => setFormat(e.target.value as MigrationFormat)}>
                {MIGRATION_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
              <label className="tw-mig__switch">
                <input type="checkbox" checked={skipVerify} onChange={(e) => setSkipVerify(e.target.checked)} /> Skip verify
              </label>
              <button type="button" className="tw-btn" onClick={() => void download(false)} disabled={verify?.state === 'running'}>
                Download files
              </button>
              <button type="button" className="tw-btn tw-btn--primary" onClick={() => void download(true)} disabled={verify?.state === 'running'}>
                Download zip
              </button>
            </div>
          </>
        )}
        {error ? <p className="tw-mig__error">{error}</p> : null}
      </div>
    </section>
  );
}

/** Toolbar toggle for the panel. */
export function MigrationsToggle() {
  const open = useMigrationsUi((s) => s.open);
  return (
    <button type="button" className={`tw-btn${open ? ' is-active' : ''}`} aria-pressed={open} onClick={() => useMigrationsUi.getState().toggle()} data-testid="migrations-toggle">
      Migrations
    </button>
  );
}
