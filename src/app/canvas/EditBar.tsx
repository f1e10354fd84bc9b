/** The floating editing toolbar on the canvas: undo / redo, create, relate, collapse, delete, search, shortcuts. */
import type { ReactNode } from 'react';
import { useApp, history, historyIsLive } from '../store';
import { useUi } from '../editor/ui';
import { addAreaAroundSelection, addNoteAtCenter, addTableAt, manyToMany, requestDelete, toggleCollapseSelection } from '../editor/actions';

const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

const I = ({ d }: { d: string }) => (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
    <path d={d} />
  </svg>
);
const ICONS = {
  undo: 'M9 14L4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11',
  redo: 'M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13',
  table: 'M4 5h16v14H4zM4 10h16M10 10v9M12 2v0',
  note: 'M5 4h14v10l-6 6H5zM13 20v-6h6',
  area: 'M4 7V4h3M17 4h3v3M20 17v3h-3M7 20H4v-3M10 4h4M10 20h4M4 10v4M20 10v4',
  m2n: 'M3 6h5v5H3zM16 13h5v5h-5zM8 8.5h3v7h5',
  collapse: 'M4 6h16M4 12h10M4 18h6M18 15l3 3-3 3',
  arrange: 'M3 4h6v5H3zM15 4h6v5h-6zM9 15h6v5H9zM6 9v3h12V9M12 12v3',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  search: 'M11 4a7 7 0 1 0 0 14 7 7 0 0 0 0-14zM20 20l-4-4',
  help: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17.5v.01',
};

function Btn({ label, title, onClick, disabled, children, testId }: { label: string; title?: string; onClick: () => void; disabled?: boolean; children: ReactNode; testId?: string }) {
  return (
    <button type="button" className="tw-btn tw-btn--icon tw-editbar__btn" aria-label={label} title={title ?? label} onClick={onClick} disabled={disabled} data-testid={testId}>
      {children}
    </button>
  );
}

export function EditBar() {
  useApp((s) => s.historyTick);
  const docId = useApp((s) => s.doc.id);
  const selection = useApp((s) => s.selection);
  const tablesSelected = useApp((s) => s.selection.filter((id) => s.doc.schema.tables[id]).length);
  const { undo, redo } = useApp.getState();
  // History only belongs to the document it was recorded on (see store.apply).
  const live = historyIsLive(docId);
  const undoLabel = live ? history.undoLabel : undefined;
  const redoLabel = live ? history.redoLabel : undefined;
  return (
    <div className="tw-editbar" role="toolbar" aria-label="Edit">
      <Btn label="Undo" title={undoLabel ? `Undo ${undoLabel} (${mod}Z)` : 'Nothing to undo'} onClick={undo} disabled={!undoLabel} testId="undo">
        <I d={ICONS.undo} />
      </Btn>
      <Btn label="Redo" title={redoLabel ? `Redo ${redoLabel} (${mod}Shift+Z)` : 'Nothing to redo'} onClick={redo} disabled={!redoLabel} testId="redo">
        <I d={ICONS.redo} />
      </Btn>
      <span className="tw-editbar__sep" aria-hidden="true" />
      <button type="button" className="tw-btn tw-editbar__add" onClick={() => addTableAt()} title="Add table (N)">
        <I d={ICONS.table} /> Add table
      </button>
      <Btn label="Add note" onClick={addNoteAtCenter}>
        <I d={ICONS.note} />
      </Btn>
      <Btn label="Add area" title={tablesSelected ? 'Add an area around the selected tables' : 'Add area'} onClick={addAreaAroundSelection}>
        <I d={ICONS.area} />
      </Btn>
      <span className="tw-editbar__sep" aria-hidden="true" />
      <Btn label="Many-to-many" title={tablesSelected === 2 ? 'Many-to-many: add a junction table between the two selected tables' : 'Many-to-many: select two tables first'} onClick={manyToMany} disabled={tablesSelected !== 2}>
        <I d={ICONS.m2n} />
      </Btn>
      <Btn label="Arrange selected" title={tablesSelected >= 2 ? 'Auto-layout the selected tables only' : 'Arrange selected: select two or more tables first'} onClick={() => void useApp.getState().autoLayout(useApp.getState().selection)} disabled={tablesSelected < 2}>
        <I d={ICONS.arrange} />
      </Btn>
      <Btn label="Collapse to keys" title="Collapse / expand to key columns (C)" onClick={toggleCollapseSelection} disabled={!tablesSelected}>
        <I d={ICONS.collapse} />
      </Btn>
      <Btn label="Delete" title="Delete selection (Delete)" onClick={() => requestDelete()} disabled={!selection.length}>
        <I d={ICONS.trash} />
      </Btn>
      <span className="tw-editbar__sep" aria-hidden="true" />
      <Btn label="Jump to table" title={`Jump to table (${mod}K)`} onClick={() => useUi.setState({ paletteOpen: true })}>
        <I d={ICONS.search} />
      </Btn>
      <Btn label="Keyboard shortcuts" title="Keyboard shortcuts (?)" onClick={() => useUi.setState({ helpOpen: true })}>
        <I d={ICONS.help} />
      </Btn>
    </div>
  );
}
