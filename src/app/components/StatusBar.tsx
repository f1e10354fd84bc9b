import { useMemo } from 'react';
import { useApp } from '../store';
import { useProblems } from '../problems/store';
import type { SchemaModel, Table } from '../../core/model/types';

const numberFormat = new Intl.NumberFormat('en-US');
/** `1 table`, `1,000 tables` (one shared formatter: toLocaleString builds a new one per call). */
export const plural = (n: number, one: string, many = `${one}s`) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;

/**
 * What the status bar counts: tables and partitions apart (partitions are drawn inside their parent), and the
 * relationships drawn on the canvas (foreign keys between tables that have nodes, so a partition's copies of its
 * parent's foreign keys are not counted again).
 */
type Counts = { tables: number; partitions: number; rels: number; types: number; views: number };
/** By tables record (a big import computes its counts ahead of the commit, see sql/sync.ts). */
const countMemo = new WeakMap<SchemaModel['tables'], Omit<Counts, 'types' | 'views'>>();

export function countSchema(schema: SchemaModel): Counts {
  const hit = countMemo.get(schema.tables);
  const types = Object.keys(schema.types).length;
  const views = Object.keys(schema.views).length;
  if (hit) return { ...hit, types, views };
  const c = countTables(schema);
  countMemo.set(schema.tables, c);
  return { ...c, types, views };
}

function countTables(schema: SchemaModel): Omit<Counts, 'types' | 'views'> {
  let tables = 0;
  let partitions = 0;
  let rels = 0;
  const isPartition = (t: Table | undefined) => !!t?.partitionOf && !!schema.tables[t.partitionOf.parentId];
  for (const t of Object.values(schema.tables)) {
    if (isPartition(t)) {
      partitions++;
      continue;
    }
    tables++;
    for (const c of t.constraints) if (c.kind === 'foreign' && c.refTableId && schema.tables[c.refTableId] && !isPartition(schema.tables[c.refTableId])) rels++;
  }
  return { tables, partitions, rels };
}

export function StatusBar() {
  const schema = useApp((s) => s.doc.schema);
  const lastImport = useApp((s) => s.lastImport);
  const zoom = useApp((s) => s.viewport.zoom);
  const busy = useApp((s) => s.busy);
  const problems = useProblems((s) => s.counts.error + s.counts.warning + s.counts.info);
  const worst = useProblems((s) => (s.counts.error ? 'error' : s.counts.warning ? 'warning' : s.counts.info ? 'info' : ''));
  const counts = useMemo(() => countSchema(schema), [schema]);
  const diag = lastImport?.diagnostics ?? [];
  const errors = diag.filter((d) => d.severity === 'error').length;
  const warnings = diag.filter((d) => d.severity === 'warning').length;
  const diagText = !lastImport
    ? 'No import yet'
    : diag.length === 0
      ? 'No import issues'
      : `${plural(diag.length, 'import diagnostic')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`;
  return (
    <footer className="tw-status" role="contentinfo">
      <span data-testid="counts">
        {plural(counts.tables, 'table')}
        {counts.partitions > 0 ? ` (+${plural(counts.partitions, 'partition')})` : ''} · {plural(counts.rels, 'relationship')}
      </span>
      {counts.types > 0 ? <span className="tw-status__muted">{plural(counts.types, 'type')}</span> : null}
      {counts.views > 0 ? <span className="tw-status__muted">{plural(counts.views, 'view')}</span> : null}
      <span className={`tw-status__diag${errors ? ' is-error' : warnings ? ' is-warning' : ''}`} data-testid="diagnostics">
        <span className="tw-dot" aria-hidden="true" />
        {diagText}
      </span>
      <button type="button" className="tw-status__problems" data-testid="findings" onClick={() => useProblems.getState().setOpen(!useProblems.getState().open)} title="Show the problems panel">
        {worst ? <span className={`tw-sev tw-sev--${worst}`} aria-hidden="true" /> : null}
        {plural(problems, 'finding')}
      </button>
      <span className="tw-status__spacer" />
      <span role="status" aria-live="polite" className="tw-status__muted">
        {busy ?? ''}
      </span>
      <span className="tw-status__muted" aria-label="Zoom level">
        {Math.round(zoom * 100)}%
      </span>
    </footer>
  );
}
