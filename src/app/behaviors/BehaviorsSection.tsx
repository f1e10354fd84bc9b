/**
 * Inspector section: the table's trigger behaviours (updated_at, soft delete, audit, counters, search vector) with
 * all their options and names, a read-only preview of the trigger SQL, and the table's verbatim statements with a
 * one-click conversion for the triggers recognised as behaviours. Every change is an undoable core command; the
 * preview and recognition run in a worker (libpg-query stays off the page).
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import type { BehaviorNames, SearchWeight, TableBehaviors } from '../../core/model/behaviors';
import type { ForeignKey, Id, SchemaModel, Table } from '../../core/model/types';
import type { Command } from '../../core/commands/history';
import {
  addCounter,
  disableAudit,
  disableSearch,
  disableSoftDelete,
  disableUpdatedAt,
  enableAudit,
  enableSearch,
  enableSoftDelete,
  enableUpdatedAt,
  removeCounter,
  setAuditOptions,
  setCounterOptions,
  setSearchOptions,
  setSoftDeleteOptions,
  setUpdatedAtOptions,
  type NamesPatch,
} from '../../core/triggers/commands';
import { convertTriggerToBehavior } from '../../core/triggers/convert';
import { DEFAULT_NAMES, fitIdent } from '../../core/triggers/names';
import { softDeleteSuggestionCount, TEXT_SEARCH_CONFIGS, isTexty } from './util';
import { useApp } from '../store';
import { useBehaviorAnalysis, type Analysis } from './client';
import { BlurInput } from './BlurInput';
import type { TriggerMatchInfo } from './protocol';
import './behaviors.css';

const KIND_LABEL: Record<TriggerMatchInfo['behavior'], string> = {
  updatedAt: 'updated_at',
  softDelete: 'soft delete',
  audit: 'audit history',
  counter: 'counter',
  search: 'search vector',
};

function schemaName(model: SchemaModel, t: Table): string {
  return model.schemas[t.schemaId]?.name ?? 'public';
}

/** A labelled field row inside a behaviour's options. */
function Row({ label, children, hint }: { label: string; children: (id: string) => ReactNode; hint?: string }) {
  const id = useId();
  return (
    <div className="tw-beh__row" title={hint}>
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

/** Trigger / function names, collapsed: empty = the generated default (shown as placeholder). */
function NamesDetails({ value, defaults, onChange, what }: { value: BehaviorNames; defaults: { trigger: string; function: string; functionSchema: string }; onChange: (p: NamesPatch) => void; what: string }) {
  return (
    <details className="tw-beh__names">
      <summary>Names</summary>
      <Row label="Trigger">
        {(id) => <BlurInput id={id} className="tw-field tw-field--mono" aria-label={`${what} trigger name`} value={value.trigger ?? ''} placeholder={defaults.trigger} allowEmpty onCommit={(v) => onChange({ trigger: v })} />}
      </Row>
      <Row label="Function">
        {(id) => <BlurInput id={id} className="tw-field tw-field--mono" aria-label={`${what} function name`} value={value.function ?? ''} placeholder={defaults.function} allowEmpty onCommit={(v) => onChange({ function: v })} />}
      </Row>
      <Row label="Function schema">
        {(id) => <BlurInput id={id} className="tw-field tw-field--mono" aria-label={`${what} function schema`} value={value.functionSchema ?? ''} placeholder={defaults.functionSchema} allowEmpty onCommit={(v) => onChange({ functionSchema: v })} />}
      </Row>
    </details>
  );
}

/** One behaviour: a switch, and its options when on. */
function Behaviour({ id, label, hint, on, toggle, children, disabled }: { id: string; label: string; hint: string; on: boolean; toggle: (on: boolean) => void; children?: ReactNode; disabled?: boolean }) {
  return (
    <li className={`tw-beh__item${on ? ' is-on' : ''}`}>
      <label className="tw-beh__switch">
        <input type="checkbox" data-behavior={id} checked={on} disabled={disabled} onChange={(e) => toggle(e.target.checked)} />
        <span>{label}</span>
      </label>
      <p className="tw-beh__hint">{hint}</p>
      {on && children ? <div className="tw-beh__opts">{children}</div> : null}
    </li>
  );
}

function Check({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <label className="tw-beh__check" title={hint}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

export function BehaviorsSection({ table }: { table: Table }) {
  const schema = useApp((s) => s.doc.schema);
  const applyCmd = useApp((s) => s.apply);
  const [error, setError] = useState<string | null>(null);
  const apply = (cmd: Command) => {
    const r = applyCmd(cmd);
    setError(r.error ?? null);
    return r;
  };
  const b: TableBehaviors = schema.behaviors?.[table.id] ?? {};
  const analysis = useBehaviorAnalysis(schema, table.id);
  const sname = schemaName(schema, table);
  const t = table.name;

  // ---- counters: foreign keys of other tables (or this one) that reference this table
  const incoming = useMemo(() => {
    const out: { child: Table; fk: ForeignKey }[] = [];
    for (const c of Object.values(schema.tables))
      for (const k of c.constraints) if (k.kind === 'foreign' && k.refTableId === table.id) out.push({ child: c, fk: k });
    return out;
  }, [schema.tables, table.id]);
  const fkLabel = (x: { child: Table; fk: ForeignKey }) => `${x.child.name} (${x.fk.columns.map((id) => x.child.columns.find((c) => c.id === id)?.name ?? '?').join(', ')})`;
  const [newFk, setNewFk] = useState('');
  const [newCounterCol, setNewCounterCol] = useState('');
  const chosen = incoming.find((x) => x.fk.id === newFk) ?? incoming[0];
  const takenCounterCols = new Set((b.counters ?? []).map((c) => c.column));
  const defaultCounterCol = !chosen
    ? ''
    : !takenCounterCols.has(`${chosen.child.name}_count`)
      ? `${chosen.child.name}_count`
      : `${chosen.child.name}_${chosen.fk.columns.map((id) => chosen.child.columns.find((c) => c.id === id)?.name ?? 'fk').join('_')}_count`;

  // counters on other tables that count this table's rows (their triggers live on this table)
  const countedBy: string[] = [];
  for (const [pid, pb] of Object.entries(schema.behaviors ?? {}))
    for (const c of pb.counters ?? []) if (c.childTableId === table.id && schema.tables[pid]) countedBy.push(`${schema.tables[pid]!.name}.${c.column}`);
  const searchCol = b.search?.column ?? 'search_vector';
  const sourceCandidates = table.columns.filter((c) => c.name !== searchCol && !/^tsvector$/i.test(c.type));
  const textCols = sourceCandidates.filter((c) => isTexty(c.type));
  const sdSuggestions = softDeleteSuggestionCount(table, b.softDelete?.column ?? 'deleted_at');

  return (
    <section aria-labelledby="insp-behaviors" className="tw-beh" data-testid="behaviors">
      <h3 id="insp-behaviors">Behaviours</h3>
      {error ? (
        <p className="tw-beh__error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="tw-beh__list">
        <Behaviour
          id="updated_at"
          label={`Keep ${b.updatedAt?.column ?? 'updated_at'} current`}
          hint="BEFORE UPDATE trigger sets the column to now() (adds it when missing). One shared function."
          on={!!b.updatedAt}
          toggle={(on) => apply(on ? enableUpdatedAt(table.id) : disableUpdatedAt(table.id))}
        >
          {b.updatedAt ? (
            <>
              <Row label="Column">
                {(id) => <BlurInput id={id} className="tw-field tw-field--mono" value={b.updatedAt!.column} onCommit={(v) => apply(setUpdatedAtOptions(table.id, { column: v }))} />}
              </Row>
              <NamesDetails
                what="updated_at"
                value={b.updatedAt}
                defaults={{ trigger: fitIdent(DEFAULT_NAMES.updatedAtTrigger(t, b.updatedAt.column)), function: fitIdent(DEFAULT_NAMES.updatedAtFunction(b.updatedAt.column)), functionSchema: DEFAULT_NAMES.sharedSchema }}
                onChange={(p) => apply(setUpdatedAtOptions(table.id, p))}
              />
            </>
          ) : null}
        </Behaviour>

        <Behaviour
          id="soft_delete"
          label={`Soft delete (${b.softDelete?.column ?? 'deleted_at'})`}
          hint="A deleted_at column; DELETE can set it instead of removing the row."
          on={!!b.softDelete}
          toggle={(on) => apply(on ? enableSoftDelete(table.id) : disableSoftDelete(table.id))}
        >
          {b.softDelete ? (
            <>
              <Row label="Column">
                {(id) => <BlurInput id={id} className="tw-field tw-field--mono" value={b.softDelete!.column} onCommit={(v) => apply(setSoftDeleteOptions(table.id, { column: v }))} />}
              </Row>
              <Check label="Turn DELETE into setting the column" hint="BEFORE DELETE trigger; SET LOCAL app.hard_delete = 'on' lets a DELETE through" checked={b.softDelete.interceptDelete} onChange={(v) => apply(setSoftDeleteOptions(table.id, { interceptDelete: v }))} />
              <Check label="View of live rows" hint="A view of the rows whose deleted-at column is NULL" checked={!!b.softDelete.liveView} onChange={(v) => apply(setSoftDeleteOptions(table.id, { liveView: v }))} />
              {b.softDelete.liveView ? (
                <Row label="View name">
                  {(id) => <BlurInput id={id} className="tw-field tw-field--mono" value={b.softDelete!.view ?? ''} placeholder={fitIdent(DEFAULT_NAMES.liveView(t))} allowEmpty onCommit={(v) => apply(setSoftDeleteOptions(table.id, { view: v }))} />}
                </Row>
              ) : null}
              <Check
                label={`Partial unique indexes WHERE ${b.softDelete.column} IS NULL${sdSuggestions ? ` (${sdSuggestions})` : ' (no unique keys)'}`}
                hint="Unique keys only among live rows, so a deleted row does not block a new one"
                checked={!!b.softDelete.partialIndexes}
                onChange={(v) => apply(setSoftDeleteOptions(table.id, { partialIndexes: v }))}
              />
              {b.softDelete.interceptDelete ? (
                <NamesDetails
                  what="soft delete"
                  value={b.softDelete}
                  defaults={{ trigger: fitIdent(DEFAULT_NAMES.softDeleteTrigger(t)), function: fitIdent(DEFAULT_NAMES.softDeleteFunction(t)), functionSchema: sname }}
                  onChange={(p) => apply(setSoftDeleteOptions(table.id, p))}
                />
              ) : null}
            </>
          ) : null}
        </Behaviour>

        <Behaviour
          id="audit"
          label="Audit changes"
          hint="AFTER INSERT / UPDATE / DELETE: operation, old and new row as jsonb, time and actor (app.user_id)."
          on={!!b.audit}
          toggle={(on) => apply(on ? enableAudit(table.id) : disableAudit(table.id))}
        >
          {b.audit ? (
            <>
              <fieldset className="tw-beh__radios">
                <legend>History in</legend>
                <label>
                  <input type="radio" name={`audit-mode-${table.id}`} checked={b.audit.mode === 'shared'} onChange={() => apply(setAuditOptions(table.id, { mode: 'shared' }))} /> shared {DEFAULT_NAMES.auditTable} table
                </label>
                <label>
                  <input type="radio" name={`audit-mode-${table.id}`} checked={b.audit.mode === 'per-table'} onChange={() => apply(setAuditOptions(table.id, { mode: 'per-table' }))} /> a history table for {t}
                </label>
              </fieldset>
              {b.audit.mode === 'per-table' ? (
                <Row label="History table">
                  {(id) => <BlurInput id={id} className="tw-field tw-field--mono" value={b.audit!.table ?? ''} placeholder={fitIdent(DEFAULT_NAMES.historyTable(t))} allowEmpty onCommit={(v) => apply(setAuditOptions(table.id, { table: v }))} />}
                </Row>
              ) : null}
              <NamesDetails
                what="audit"
                value={b.audit}
                defaults={
                  b.audit.mode === 'shared'
                    ? { trigger: fitIdent(DEFAULT_NAMES.auditTrigger(t)), function: DEFAULT_NAMES.auditFunction, functionSchema: DEFAULT_NAMES.sharedSchema }
                    : { trigger: fitIdent(DEFAULT_NAMES.auditTrigger(t)), function: fitIdent(DEFAULT_NAMES.historyFunction(t)), functionSchema: sname }
                }
                onChange={(p) => apply(setAuditOptions(table.id, p))}
              />
            </>
          ) : null}
        </Behaviour>

        <Behaviour
          id="search"
          label={`Full-text search column (${searchCol})`}
          hint={textCols.length ? 'A tsvector column kept from chosen text columns by a trigger, with a GIN index.' : 'Needs a text column to index.'}
          on={!!b.search}
          disabled={!b.search && !textCols.length}
          toggle={(on) => apply(on ? enableSearch(table.id, { sources: textCols.map((c) => c.id) }) : disableSearch(table.id))}
        >
          {b.search ? (
            <>
              <Row label="Column">
                {(id) => <BlurInput id={id} className="tw-field tw-field--mono" value={b.search!.column} onCommit={(v) => apply(setSearchOptions(table.id, { column: v }))} />}
              </Row>
              <Row label="Configuration" hint="Text search configuration (regconfig): simple does no stemming">
                {(id) => (
                  <select id={id} className="tw-field" value={b.search!.config} onChange={(e) => apply(setSearchOptions(table.id, { config: e.target.value }))}>
                    {[...new Set([b.search!.config, ...TEXT_SEARCH_CONFIGS])].map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                )}
              </Row>
              <fieldset className="tw-beh__sources">
                <legend>Source columns and weights</legend>
                <ul>
                  {sourceCandidates.map((c) => {
                    const on = b.search!.sources.includes(c.id);
                    const w = b.search!.weights?.[c.id] ?? '';
                    return (
                      <li key={c.id}>
                        <label className="tw-beh__check">
                          <input
                            type="checkbox"
                            checked={on}
                            onChange={(e) => apply(setSearchOptions(table.id, { sources: e.target.checked ? [...b.search!.sources, c.id] : b.search!.sources.filter((s) => s !== c.id) }))}
                          />
                          <span className="tw-beh__mono">{c.name}</span> <span className="tw-insp__muted">{c.type}</span>
                        </label>
                        <select
                          className="tw-field tw-beh__weight"
                          aria-label={`Weight of ${c.name}`}
                          disabled={!on}
                          value={w}
                          onChange={(e) => {
                            const weights: Record<string, SearchWeight> = { ...(b.search!.weights ?? {}) };
                            if (e.target.value) weights[c.id] = e.target.value as SearchWeight;
                            else delete weights[c.id];
                            apply(setSearchOptions(table.id, { weights }));
                          }}
                        >
                          <option value="">no weight</option>
                          {(['A', 'B', 'C', 'D'] as const).map((x) => (
                            <option key={x} value={x}>
                              weight {x}
                            </option>
                          ))}
                        </select>
                      </li>
                    );
                  })}
                </ul>
              </fieldset>
              <Row label="GIN index">
                {(id) => <BlurInput id={id} className="tw-field tw-field--mono" value={b.search!.index ?? ''} placeholder={fitIdent(DEFAULT_NAMES.searchIndex(t, b.search!.column))} allowEmpty onCommit={(v) => apply(setSearchOptions(table.id, { index: v }))} />}
              </Row>
              <NamesDetails
                what="search"
                value={b.search}
                defaults={{ trigger: fitIdent(DEFAULT_NAMES.searchTrigger(t, b.search.column)), function: fitIdent(DEFAULT_NAMES.searchFunction(t, b.search.column)), functionSchema: sname }}
                onChange={(p) => apply(setSearchOptions(table.id, p))}
              />
            </>
          ) : null}
        </Behaviour>

        <li className={`tw-beh__item${b.counters?.length ? ' is-on' : ''}`}>
          <div className="tw-beh__switch tw-beh__switch--static">
            <span id={`beh-counters-${table.id}`}>Counter columns</span>
          </div>
          <p className="tw-beh__hint">A count of child rows kept on {t} by triggers on the child table (insert, delete, re-parenting).</p>
          {b.counters?.length ? (
            <ul className="tw-beh__counters" aria-labelledby={`beh-counters-${table.id}`}>
              {b.counters.map((c) => {
                const child = schema.tables[c.childTableId];
                const fk = child?.constraints.find((k) => k.id === c.fkId) as ForeignKey | undefined;
                const from = child && fk ? fkLabel({ child, fk }) : 'a table no longer in the diagram';
                return (
                  <li key={c.id} className="tw-beh__counter" data-counter={c.column}>
                    <div className="tw-beh__counter-head">
                      <span>
                        <span className="tw-beh__mono">{c.column}</span> <span className="tw-insp__muted">counts {from}</span>
                      </span>
                      <button type="button" className="tw-iconbtn tw-iconbtn--danger" aria-label={`Remove counter ${c.column}`} title="Remove the counter behaviour (the column stays)" onClick={() => apply(removeCounter(table.id, c.id))}>
                        ✕
                      </button>
                    </div>
                    <Row label="Column">
                      {(id) => <BlurInput id={id} className="tw-field tw-field--mono" value={c.column} onCommit={(v) => apply(setCounterOptions(table.id, c.id, { column: v }))} />}
                    </Row>
                    <NamesDetails
                      what={`counter ${c.column}`}
                      value={c}
                      defaults={{
                        trigger: fitIdent(DEFAULT_NAMES.counterTrigger(child?.name ?? '?', t, c.column)),
                        function: fitIdent(DEFAULT_NAMES.counterFunction(t, c.column)),
                        functionSchema: sname,
                      }}
                      onChange={(p) => apply(setCounterOptions(table.id, c.id, p))}
                    />
                  </li>
                );
              })}
            </ul>
          ) : null}
          {countedBy.length ? (
            <p className="tw-insp__muted tw-beh__none" data-testid="counted-by">
              Rows of {t} are counted by {countedBy.join(', ')} (its triggers are on {t}; change it on that table).
            </p>
          ) : null}
          {incoming.length ? (
            <div className="tw-beh__add">
              <Row label="Count rows of">
                {(id) => (
                  <select id={id} className="tw-field" value={chosen?.fk.id ?? ''} onChange={(e) => setNewFk(e.target.value)}>
                    {incoming.map((x) => (
                      <option key={x.fk.id} value={x.fk.id}>
                        {fkLabel(x)}
                      </option>
                    ))}
                  </select>
                )}
              </Row>
              <Row label="Counter column">
                {(id) => <input id={id} className="tw-field tw-field--mono" value={newCounterCol} placeholder={defaultCounterCol} spellCheck={false} onChange={(e) => setNewCounterCol(e.target.value)} />}
              </Row>
              <button
                type="button"
                className="tw-btn tw-btn--small"
                disabled={!chosen}
                onClick={() => {
                  if (!chosen) return;
                  const r = apply(addCounter(table.id, chosen.child.id, chosen.fk.id, { column: newCounterCol.trim() || defaultCounterCol }));
                  if (!r.error) setNewCounterCol('');
                }}
              >
                + Add counter
              </button>
            </div>
          ) : (
            <p className="tw-insp__muted tw-beh__none">No foreign key references {t} yet.</p>
          )}
        </li>
      </ul>

      <Preview analysis={analysis} table={table} hasBehaviors={Object.keys(b).length > 0} />
      <Verbatim analysis={analysis} table={table} apply={apply} />
    </section>
  );
}

function Preview({ analysis, table, hasBehaviors }: { analysis: Analysis; table: Table; hasBehaviors: boolean }) {
  if (!hasBehaviors) return null;
  let body: ReactNode;
  if (analysis.status === 'loading') body = <p className="tw-insp__muted">Generating…</p>;
  else if (analysis.status === 'failed') body = <p className="tw-beh__error" role="alert">Trigger SQL could not be generated: {analysis.error}</p>;
  else if (analysis.preview.kind === 'error') body = <p className="tw-beh__error" role="alert" data-testid="behavior-sql-error">The generated trigger SQL did not pass the PL/pgSQL check: {analysis.preview.message}</p>;
  else if (analysis.preview.kind === 'none') body = <p className="tw-insp__muted">Generating…</p>;
  else {
    const diags = analysis.preview.diagnostics.filter((d) => d.severity !== 'info' || d.code === 'soft-delete-index-suggestion' || d.code === 'behavior-column-added');
    body = (
      <>
        {diags.length ? (
          <ul className="tw-beh__diags">
            {diags.map((d, i) => (
              <li key={i} className={`is-${d.severity}`}>
                {d.message}
              </li>
            ))}
          </ul>
        ) : null}
        <pre className="tw-beh__sql" data-testid="behavior-sql" tabIndex={0} aria-label={`Trigger SQL for ${table.name}`}>
          {analysis.preview.sql}
        </pre>
      </>
    );
  }
  return (
    <details className="tw-beh__preview" open>
      <summary>Trigger SQL (read-only)</summary>
      {body}
    </details>
  );
}

function Verbatim({ analysis, table, apply }: { analysis: Analysis; table: Table; apply: (c: Command) => { error?: string } }) {
  const schema = useApp((s) => s.doc.schema);
  const verbatim = useMemo(() => {
    const out = Object.values(schema.raw).filter((r) => r.target === table.id);
    for (const r of [...out]) {
      if (r.nodeType !== 'CreateTrigStmt') continue;
      for (const d of r.deps) {
        const f = schema.raw[d];
        if (f && f.defines?.kind === 'function' && !out.includes(f)) out.push(f);
      }
    }
    return out.sort((a, b) => a.seq - b.seq || (a.id < b.id ? -1 : 1));
  }, [schema.raw, table.id]);
  if (!verbatim.length) return null;
  // Matches are only offered when they were computed for the document as it is now.
  const matches = analysis.status === 'ready' && analysis.schema === schema ? analysis.matches : [];
  const byTrigger = new Map(matches.map((m) => [m.triggerRawId, m]));
  const byFunction = new Map<Id, TriggerMatchInfo>();
  for (const m of matches) byFunction.set(m.functionRawId, m);
  return (
    <>
      <h4 id={`insp-verbatim-${table.id}`} className="tw-beh__h4">
        Kept verbatim <span className="tw-count">{verbatim.length}</span>
      </h4>
      <ul className="tw-beh__verbatim" aria-labelledby={`insp-verbatim-${table.id}`} data-testid="verbatim-statements">
        {verbatim.map((r) => {
          const m = byTrigger.get(r.id);
          const fm = !m ? byFunction.get(r.id) : undefined;
          const ownerName = m ? schema.tables[m.tableId]?.name : undefined;
          return (
            <li key={r.id} className="tw-beh__raw" title={r.sql.slice(0, 2000)}>
              <code>{r.label}</code>
              {m ? (
                <div className="tw-beh__match">
                  <span className="tw-insp__muted">
                    recognised as {KIND_LABEL[m.behavior]}
                    {m.tableId !== table.id && ownerName ? ` on ${ownerName}` : ''}
                  </span>
                  <button type="button" className="tw-btn tw-btn--small" aria-label={`Convert ${r.label} to behaviour`} onClick={() => apply(convertTriggerToBehavior(m))}>
                    Convert to behaviour
                  </button>
                </div>
              ) : fm ? (
                <div className="tw-insp__muted">called by a trigger recognised as {KIND_LABEL[fm.behavior]}</div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {analysis.status === 'ready' && analysis.recognitionError ? <p className="tw-beh__error">Recognition failed: {analysis.recognitionError}</p> : null}
    </>
  );
}
