/**
 * Problems panel: the checker's findings grouped by severity and table, with filters (severity, rule group, text)
 * and counts. Clicking a finding selects its table and brings it into view; each finding shows why it matters and,
 * where there is one, its quick fix ("Preview SQL", then "Apply" — an undoable command) and "Suppress…" (with a
 * reason, stored in the document).
 */
import { useMemo, useState } from 'react';
import { suppressFinding } from '../../core/lint/commands';
import { allRules } from '../../core/lint/rules/index';
import type { Severity } from '../../core/lint/types';
import { useApp } from '../store';
import { resolveFinding, resolveFix, SEVERITY_RANK, useProblems, type ListedFinding } from './store';
import './problems.css';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };
const GROUPS = ['KEY', 'REL', 'IDX', 'NF', 'TYPE', 'NAME', 'AUD', 'SEC'];
const ruleGroup = new Map(allRules.map((r) => [r.id, r.group]));
const groupOf = (rule: string) => ruleGroup.get(rule) ?? rule.replace(/-\d+$/, '');
/** Rendering cap (the list stays responsive on big models; filters narrow it). */
const MAX_ROWS = 400;

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The fix's SQL (resolved on demand for findings that came from the worker without it). */
function FixSql({ f }: { f: ListedFinding }) {
  const sql = useMemo(() => f.fix?.sql ?? resolveFix(f)?.sql ?? null, [f]);
  return (
    <pre className="tw-problem__sql" aria-label="Fix SQL">
      {sql ?? 'This finding changed; its fix is no longer available.'}
    </pre>
  );
}

function FindingRow({ f }: { f: ListedFinding }) {
  const [open, setOpen] = useState(false);
  const [sqlShown, setSqlShown] = useState(false);
  const [suppressing, setSuppressing] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const where = [f.object.table, f.object.column].filter(Boolean).join('.');

  const select = () => {
    setOpen((o) => !o);
    if (f.object.tableId && useApp.getState().doc.schema.tables[f.object.tableId]) useApp.getState().focusTable(f.object.tableId);
  };
  const apply = () => {
    const full = resolveFinding(f);
    if (!full?.fix) return setError('This finding changed; its fix is no longer available.');
    const r = useApp.getState().apply(full.fix.command);
    if (r.error) setError(r.error);
    else if (!r.changed) setError('The fix changed nothing.');
  };
  const suppress = () => {
    if (!reason.trim()) return setError('Give a reason for the suppression.');
    const full = resolveFinding(f) ?? { ...f, fix: undefined };
    const r = useApp.getState().apply(suppressFinding(full, reason.trim()));
    if (r.error) setError(r.error);
  };

  return (
    <li className={`tw-problem tw-problem--${f.severity}${open ? ' is-open' : ''}`} data-rule={f.rule} data-finding={f.key}>
      <button type="button" className="tw-problem__main" onClick={select} aria-expanded={open}>
        <span className={`tw-sev tw-sev--${f.severity}`} aria-label={f.severity} />
        <span className="tw-problem__msg">{f.message}</span>
        <span className="tw-problem__rule">{f.rule}</span>
      </button>
      {open ? (
        <div className="tw-problem__detail">
          {where ? <div className="tw-problem__where">{where}</div> : null}
          <p className="tw-problem__why">{f.why}</p>
          <div className="tw-problem__actions">
            {f.fix ? (
              <>
                <button type="button" className="tw-btn tw-btn--ghost" onClick={() => setSqlShown((v) => !v)} aria-expanded={sqlShown}>
                  {sqlShown ? 'Hide SQL' : 'Preview SQL'}
                </button>
                <button type="button" className="tw-btn tw-btn--primary" onClick={apply} title={f.fix.label}>
                  Apply
                </button>
                <span className="tw-problem__fixlabel">{f.fix.label}</span>
              </>
            ) : null}
            <button type="button" className="tw-btn tw-btn--ghost" onClick={() => setSuppressing((v) => !v)}>
              Suppress…
            </button>
          </div>
          {f.fix && sqlShown ? <FixSql f={f} /> : null}
          {suppressing ? (
            <form
              className="tw-problem__suppress"
              onSubmit={(e) => {
                e.preventDefault();
                suppress();
              }}
            >
              <input
                aria-label="Suppression reason"
                placeholder="Why is this intentional?"
                value={reason}
                autoFocus
                onChange={(e) => setReason(e.target.value)}
                onKeyDown={(e) => e.stopPropagation()}
              />
              <button type="submit" className="tw-btn tw-btn--primary">
                Suppress
              </button>
            </form>
          ) : null}
          {error ? (
            <div className="tw-problem__error" role="alert">
              {error}
            </div>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

export function ProblemsPanel() {
  const findings = useProblems((s) => s.findings);
  const counts = useProblems((s) => s.counts);
  const suppressed = useProblems((s) => s.suppressed);
  const open = useProblems((s) => s.open);
  const setOpen = useProblems((s) => s.setOpen);
  const schema = useApp((s) => s.doc.schema);
  const [sev, setSev] = useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const [group, setGroup] = useState('');
  const [text, setText] = useState('');

  const filtered = useMemo(() => {
    const q = text.trim().toLowerCase();
    return findings.filter(
      (f) =>
        sev[f.severity] &&
        (!group || groupOf(f.rule) === group) &&
        (!q || f.message.toLowerCase().includes(q) || f.rule.toLowerCase().includes(q) || (f.object.table ?? '').toLowerCase().includes(q) || (f.object.column ?? '').toLowerCase().includes(q)),
    );
  }, [findings, sev, group, text]);

  const grouped = useMemo(() => {
    const bySev = new Map<Severity, Map<string, { label: string; items: ListedFinding[] }>>();
    const sorted = [...filtered].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
    for (const f of sorted) {
      let tables = bySev.get(f.severity);
      if (!tables) bySev.set(f.severity, (tables = new Map()));
      const key = f.object.tableId ?? `(schema) ${f.object.schema}`;
      const t = f.object.tableId ? schema.tables[f.object.tableId] : undefined;
      const label = t ? `${f.object.schema}.${t.name}` : f.object.table ? `${f.object.schema}.${f.object.table}` : `schema ${f.object.schema}`;
      let g = tables.get(key);
      if (!g) tables.set(key, (g = { label, items: [] }));
      g.items.push(f);
    }
    return bySev;
  }, [filtered, schema]);

  const total = counts.error + counts.warning + counts.info;
  let budget = MAX_ROWS;

  return (
    <section className={`tw-problems${open ? ' is-open' : ''}`} aria-label="Problems">
      <header className="tw-problems__head">
        <button type="button" className="tw-problems__toggle" onClick={() => setOpen(!open)} aria-expanded={open}>
          Problems <span className="tw-problems__total">{total}</span>
        </button>
        {SEVERITIES.map((s) => (
          <span key={s} className={`tw-problems__count tw-problems__count--${s}`} title={SEVERITY_LABEL[s]}>
            <span className={`tw-sev tw-sev--${s}`} aria-hidden="true" />
            {counts[s]}
          </span>
        ))}
        {suppressed ? <span className="tw-problems__muted">{suppressed} suppressed</span> : null}
      </header>
      {open ? (
        <div className="tw-problems__body">
          <div className="tw-problems__filters" role="group" aria-label="Filters">
            {SEVERITIES.map((s) => (
              <label key={s} className="tw-problems__chk">
                <input type="checkbox" checked={sev[s]} onChange={(e) => setSev({ ...sev, [s]: e.target.checked })} />
                {SEVERITY_LABEL[s]} ({counts[s]})
              </label>
            ))}
            <select aria-label="Rule group" value={group} onChange={(e) => setGroup(e.target.value)}>
              <option value="">All groups</option>
              {GROUPS.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </select>
            <input type="search" aria-label="Filter findings" placeholder="Filter…" value={text} onChange={(e) => setText(e.target.value)} onKeyDown={(e) => e.stopPropagation()} />
            <span className="tw-problems__muted">{plural(filtered.length, 'finding')} shown</span>
          </div>
          {filtered.length === 0 ? <p className="tw-problems__empty">{total ? 'No finding matches the filters.' : 'No problems found.'}</p> : null}
          {SEVERITIES.filter((s) => grouped.has(s)).map((s) => {
            const tables = grouped.get(s)!;
            const n = [...tables.values()].reduce((a, g) => a + g.items.length, 0);
            return (
              <div key={s} className="tw-problems__sev" data-severity={s}>
                <h3 className="tw-problems__sevhead">
                  {SEVERITY_LABEL[s]} <span className="tw-problems__muted">{n}</span>
                </h3>
                {[...tables.entries()].map(([key, g]) => {
                  if (budget <= 0) return null;
                  const items = g.items.slice(0, budget);
                  budget -= items.length;
                  return (
                    <div key={key} className="tw-problems__table">
                      <h4 className="tw-problems__tablehead">
                        {g.label} <span className="tw-problems__muted">{g.items.length}</span>
                      </h4>
                      <ul className="tw-problems__list">
                        {items.map((f) => (
                          <FindingRow key={f.key} f={f} />
                        ))}
                      </ul>
                    </div>
                  );
                })}
              </div>
            );
          })}
          {filtered.length > MAX_ROWS ? <p className="tw-problems__muted">Showing the first {MAX_ROWS}; narrow the filters to see the rest.</p> : null}
        </div>
      ) : null}
    </section>
  );
}
