import { memo, useContext, useEffect, useRef, useState, type CSSProperties, type PointerEvent as ReactPointerEvent } from 'react';
import { renameTable } from '../../core/commands';
import { useUi } from '../editor/ui';
import { startConnect } from '../editor/connect';
import type { NodeProps } from '@xyflow/react';
import { useApp, type AppState } from '../store';
import { computeHighlight } from './highlight';
import { HEADER_HANDLE, handleId, type Badge, type ColumnRow, type TableNode as TableNodeType } from './projection';
import { HEADER_H, rowCenterY } from './geometry';
import { parseBadge, tableBadge, useProblems } from '../problems/store';
import { ChangeChips, useTableChange } from '../migrations/canvasMarks';
import { PartitionsLine } from './PartitionsLine';
import { LOW_ZOOM, ZoomBandContext } from './zoomBand';

export { LOW_ZOOM };


const activeTables = (s: AppState) => (s.hover.tableId && !s.selection.includes(s.hover.tableId) ? [...s.selection, s.hover.tableId] : s.selection);
const highlightOf = (s: AppState) => computeHighlight(s.doc.schema, activeTables(s), s.hover.edgeId);

const BADGE_TITLES: Record<Badge, string> = {
  PK: 'Primary key',
  FK: 'Foreign key',
  UQ: 'Unique',
  NN: 'Not null',
  IDX: 'Indexed',
};

function onPortDown(e: ReactPointerEvent<HTMLSpanElement>) {
  if (e.button !== 0) return;
  const el = e.currentTarget;
  const tableId = el.closest<HTMLElement>('[data-table-id]')?.dataset.tableId;
  const columnId = el.dataset.port;
  if (!tableId || !columnId) return;
  e.stopPropagation();
  e.preventDefault();
  startConnect(tableId, columnId, e.clientX, e.clientY);
}

const Row = memo(function Row({ row, active, change }: { row: ColumnRow; active: boolean; change?: string }) {
  const key = row.badges.includes('PK');
  return (
    <div className={`tw-row${active ? ' is-active' : ''}${key ? ' is-key' : ''}${change ? ` tw-row--chg-${change}` : ''}`} title={row.comment} data-col-id={row.id} data-col={row.name} data-change={change}>
      <span className="tw-port tw-port--l nodrag" data-port={row.id} onPointerDown={onPortDown} title="Drag to another table to relate" />
      <span className="tw-port tw-port--r nodrag" data-port={row.id} onPointerDown={onPortDown} title="Drag to another table to relate" />
      <span className="tw-row__name">{row.name}</span>
      <span className="tw-row__type">{row.type}</span>
      <span className="tw-row__badges">
        {row.badges.map((b) => (
          <span key={b} className={`tw-badge tw-badge--${b.toLowerCase()}`} title={BADGE_TITLES[b]}>
            {b}
          </span>
        ))}
      </span>
    </div>
  );
});

/** Plain handle elements (React Flow measures `.source` children with data-handleid); all are sources (loose mode). */
function Handles({ nodeId, rows }: { nodeId: string; rows: ColumnRow[] }) {
  return (
    <>
      {rows.map((r, i) => {
        const top = rowCenterY(i);
        return [
          <div key={`${r.id}:l`} className="react-flow__handle react-flow__handle-left source tw-handle" data-handleid={handleId(r.id, 'l')} data-nodeid={nodeId} data-handlepos="left" style={{ top }} />,
          <div key={`${r.id}:r`} className="react-flow__handle react-flow__handle-right source tw-handle" data-handleid={handleId(r.id, 'r')} data-nodeid={nodeId} data-handlepos="right" style={{ top }} />,
        ];
      })}
      <div className="react-flow__handle react-flow__handle-left source tw-handle" data-handleid={handleId(HEADER_HANDLE, 'l')} data-nodeid={nodeId} data-handlepos="left" style={{ top: HEADER_H / 2 }} />
      <div className="react-flow__handle react-flow__handle-right source tw-handle" data-handleid={handleId(HEADER_HANDLE, 'r')} data-nodeid={nodeId} data-handlepos="right" style={{ top: HEADER_H / 2 }} />
    </>
  );
}

/** The table name as an inline text field (double-click the header, or right after adding a table). */
function RenameField({ id, name }: { id: string; name: string }) {
  const [value, setValue] = useState(name);
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (commit: boolean) => {
    if (done.current) return;
    done.current = true;
    const v = value.trim();
    if (commit && v && v !== name) useApp.getState().apply(renameTable(id, v));
    useApp.getState().seal();
    useUi.setState({ renaming: null });
  };
  return (
    <input
      ref={ref}
      className="tw-node__rename nodrag nopan"
      aria-label="Table name"
      value={value}
      spellCheck={false}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') finish(true);
        else if (e.key === 'Escape') finish(false);
      }}
    />
  );
}

function TableNodeView({ id, data, selected }: NodeProps<TableNodeType>) {
  const renaming = useUi((s) => s.renaming === id);
  const band = useContext(ZoomBandContext);
  const lowZoom = band !== 'near';
  const activeCols = useApp((s) => highlightOf(s).columns.get(id) ?? '');
  const related = useApp((s) => highlightOf(s).related.has(id));
  const badge = parseBadge(useProblems(tableBadge(id)));
  const change = useTableChange(id); // migration changes (migrations panel)
  const far = band === 'far';
  // Far zoom: an invisible, childless hit box (FarLayer.tsx draws the table). No handle elements either: even
  // transparent, 20,000 of them made every frame of a pan slow. Edge anchors come from the projected `handles`, and
  // the canvas re-measures the nodes when it leaves far zoom.
  if (far) return <div className="tw-far" title={`${data.schemaName}.${data.name}`} data-table={data.name} data-table-id={id} />;
  const style = data.color ? ({ '--tw-accent': data.color } as CSSProperties) : undefined;
  const cls = ['tw-node', selected && 'is-selected', related && 'is-related', lowZoom && 'is-simple', data.color && 'has-color', change?.className].filter(Boolean).join(' ');
  const active = activeCols ? new Set(activeCols.split(' ')) : null;
  const label = `Table ${data.schemaName}.${data.name}, ${data.rows.length} column${data.rows.length === 1 ? '' : 's'}`;
  return (
    <div className={cls} style={style} aria-label={label} data-table={data.name} data-table-id={id}>
      {lowZoom ? (
        <div className="tw-node__simple" title={data.comment}>
          <span className="tw-node__simple-schema">{data.schemaName}</span>
          <span className="tw-node__simple-name">{data.name}</span>
        </div>
      ) : (
        <>
          <div className="tw-node__header" title={data.comment} data-header-of={id} onDoubleClick={(e) => {
            e.stopPropagation();
            useUi.setState({ renaming: id });
          }}>
            <span className="tw-node__schema">{data.schemaName}.</span>
            {renaming ? <RenameField id={id} name={data.name} /> : <span className="tw-node__name">{data.name}</span>}
            {data.collapsed ? <span className="tw-node__chip" title="Collapsed to key columns">keys</span> : null}
            {data.comment && !renaming ? <span className="tw-node__note" aria-hidden="true">i</span> : null}
            {badge ? (
              <span className={`tw-node__problems tw-node__problems--${badge.worst}`} title={`${badge.count} finding${badge.count === 1 ? '' : 's'} (worst: ${badge.worst})`} data-testid="table-problems">
                {badge.count}
              </span>
            ) : null}
            {change ? <ChangeChips change={change} /> : null}
          </div>
          <div className="tw-node__body">
            {data.rows.map((r) => (
              <Row key={r.id} row={r} active={active?.has(r.id) ?? false} change={change?.mark.columns[r.id]} />
            ))}
            {data.collapsed ? <div className="tw-node__more">+ {data.hiddenCount} more column{data.hiddenCount === 1 ? '' : 's'}</div> : null}
          </div>
          {data.partitions?.length ? <PartitionsLine parts={data.partitions} /> : null}
        </>
      )}
      <Handles nodeId={id} rows={data.rows} />
    </div>
  );
}

export const TableNode = memo(TableNodeView);
