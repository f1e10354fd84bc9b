/** Drawing a relationship with the mouse: from a column port to another column or a table header. */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Id } from '../../core/model/types';
import { connectByDrag } from './actions';

export interface ConnectDrag {
  tableId: Id;
  columnId: Id;
  from: { x: number; y: number };
  to: { x: number; y: number };
  /** What the pointer is over: a column row or a table header. */
  over: { table: Id; column?: Id } | null;
}

export const useConnect = create<{ drag: ConnectDrag | null }>()(() => ({ drag: null }));

function targetAt(x: number, y: number): ConnectDrag['over'] {
  const el = document.elementFromPoint(x, y) as HTMLElement | null;
  const node = el?.closest<HTMLElement>('[data-table-id]');
  const table = node?.dataset.tableId;
  if (!el || !table) return null;
  const row = el.closest<HTMLElement>('[data-col-id]');
  if (row?.dataset.colId) return { table, column: row.dataset.colId };
  return { table };
}

export function startConnect(tableId: Id, columnId: Id, x: number, y: number): void {
  useConnect.setState({ drag: { tableId, columnId, from: { x, y }, to: { x, y }, over: null } });
  const move = (e: PointerEvent) => {
    const d = useConnect.getState().drag;
    if (!d) return;
    const over = targetAt(e.clientX, e.clientY);
    useConnect.setState({ drag: { ...d, to: { x: e.clientX, y: e.clientY }, over: over && !(over.table === tableId && (!over.column || over.column === columnId)) ? over : null } });
  };
  const end = (e: PointerEvent) => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', end);
    window.removeEventListener('keydown', esc);
    const d = useConnect.getState().drag;
    useConnect.setState({ drag: null });
    if (!d || e.type !== 'pointerup') return;
    const over = targetAt(e.clientX, e.clientY);
    if (over && !(over.table === tableId && (!over.column || over.column === columnId))) connectByDrag(tableId, columnId, over);
  };
  const esc = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', end);
    window.removeEventListener('keydown', esc);
    useConnect.setState({ drag: null });
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', end);
  window.addEventListener('keydown', esc);
}

/** The rubber band while connecting (screen coordinates, above the canvas). */
export function ConnectLine() {
  const drag = useConnect((s) => s.drag);
  const overTable = drag?.over?.table;
  const overCol = drag?.over?.column;
  useEffect(() => {
    if (!overTable) return;
    const node = document.querySelector<HTMLElement>(`[data-table-id="${CSS.escape(overTable)}"]`);
    const el = overCol ? node?.querySelector<HTMLElement>(`[data-col-id="${CSS.escape(overCol)}"]`) : node;
    el?.classList.add('is-drop');
    return () => el?.classList.remove('is-drop');
  }, [overTable, overCol]);
  useEffect(() => {
    if (!drag) return;
    document.body.classList.add('tw-connecting');
    return () => document.body.classList.remove('tw-connecting');
  }, [!!drag]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!drag) return null;
  const { from, to, over } = drag;
  const mx = (from.x + to.x) / 2;
  return (
    <svg className="tw-connect" aria-hidden="true">
      <path d={`M${from.x},${from.y} C${mx},${from.y} ${mx},${to.y} ${to.x},${to.y}`} className={over ? 'is-valid' : ''} />
      <circle cx={to.x} cy={to.y} r={4} />
    </svg>
  );
}
