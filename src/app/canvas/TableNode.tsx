import { memo, type CSSProperties } from 'react';
import { useStore as useFlowStore, type NodeProps, type ReactFlowState } from '@xyflow/react';
import { useApp, type AppState } from '../store';
import { computeHighlight } from './highlight';
import { handleId, type Badge, type ColumnRow, type TableNode as TableNodeType } from './projection';
import { rowCenterY } from './geometry';

/** Below this zoom level nodes render as a name-only box (same size, so edges do not move). */
export const LOW_ZOOM = 0.42;

const lowZoomSelector = (s: ReactFlowState) => s.transform[2] < LOW_ZOOM;

const activeTables = (s: AppState) => (s.hover.tableId && !s.selection.includes(s.hover.tableId) ? [...s.selection, s.hover.tableId] : s.selection);
const highlightOf = (s: AppState) => computeHighlight(s.doc.schema, activeTables(s), s.hover.edgeId);

const BADGE_TITLES: Record<Badge, string> = {
  PK: 'Primary key',
  FK: 'Foreign key',
  UQ: 'Unique',
  NN: 'Not null',
  IDX: 'Indexed',
};

const Row = memo(function Row({ row, active }: { row: ColumnRow; active: boolean }) {
  const key = row.badges.includes('PK');
  return (
    <div className={`tw-row${active ? ' is-active' : ''}${key ? ' is-key' : ''}`} title={row.comment}>
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
    </>
  );
}

function TableNodeView({ id, data, selected }: NodeProps<TableNodeType>) {
  const lowZoom = useFlowStore(lowZoomSelector);
  const activeCols = useApp((s) => highlightOf(s).columns.get(id) ?? '');
  const related = useApp((s) => highlightOf(s).related.has(id));
  const style = data.color ? ({ '--tw-accent': data.color } as CSSProperties) : undefined;
  const cls = ['tw-node', selected && 'is-selected', related && 'is-related', lowZoom && 'is-simple', data.color && 'has-color'].filter(Boolean).join(' ');
  const active = activeCols ? new Set(activeCols.split(' ')) : null;
  const label = `Table ${data.schemaName}.${data.name}, ${data.rows.length} column${data.rows.length === 1 ? '' : 's'}`;
  return (
    <div className={cls} style={style} aria-label={label} data-table={data.name}>
      {lowZoom ? (
        <div className="tw-node__simple" title={data.comment}>
          <span className="tw-node__simple-schema">{data.schemaName}</span>
          <span className="tw-node__simple-name">{data.name}</span>
        </div>
      ) : (
        <>
          <div className="tw-node__header" title={data.comment}>
            <span className="tw-node__schema">{data.schemaName}.</span>
            <span className="tw-node__name">{data.name}</span>
            {data.comment ? <span className="tw-node__note" aria-hidden="true">i</span> : null}
          </div>
          <div className="tw-node__body">
            {data.rows.map((r) => (
              <Row key={r.id} row={r} active={active?.has(r.id) ?? false} />
            ))}
          </div>
        </>
      )}
      <Handles nodeId={id} rows={data.rows} />
    </div>
  );
}

export const TableNode = memo(TableNodeView);
