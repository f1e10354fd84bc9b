/**
 * Migration changes drawn on the canvas: a table node reads its own mark (a string from the migrations store, so
 * nodes whose mark did not change do not re-render), outlines itself and shows chips; column rows get a change class.
 */
import { useMemo } from 'react';
import { decodeTableMark, type MarkKind, type TableMark } from '../../core/migrate/marks';
import type { Id } from '../../core/model/types';
import { tableMarkOf, useMigrationsUi } from './store';
import './migrations.css';

const CHIP: Record<MarkKind, string> = { added: 'new', renamed: 'renamed', changed: 'changed' };

export interface NodeChange {
  mark: TableMark;
  /** Class names for the node's root element. */
  className: string;
}

/** This table's change mark in the compared migration (null: unchanged, or markers switched off). */
export function useTableChange(id: Id): NodeChange | null {
  const s = useMigrationsUi(tableMarkOf(id));
  return useMemo(() => {
    const mark = decodeTableMark(s);
    if (!mark) return null;
    return { mark, className: `tw-chg tw-chg--${mark.kinds[0]}` };
  }, [s]);
}

function chipTitle(k: MarkKind, m: TableMark): string {
  if (k === 'added') return 'New table in this migration';
  if (k === 'renamed') return m.renamedFrom ? `Renamed from ${m.renamedFrom}` : 'Renamed';
  const n = Object.keys(m.columns).length;
  return n ? `Changed in this migration (${n} column${n === 1 ? '' : 's'} marked)` : 'Changed in this migration';
}

/** The "new" / "renamed" / "changed" chips of a table header. */
export function ChangeChips({ change }: { change: NodeChange }) {
  return (
    <span className="tw-chg__chips" data-testid="change-chips">
      {change.mark.kinds.map((k) => (
        <span key={k} className={`tw-chg__chip tw-chg__chip--${k}`} data-change={k} title={chipTitle(k, change.mark)}>
          {CHIP[k]}
        </span>
      ))}
    </span>
  );
}
