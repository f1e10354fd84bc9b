/** Keyboard shortcuts, the `?` overlay, the Ctrl+K palette and the delete confirmation. Names render as text only. */
import './editor.css';
import { useEffect, useMemo, useRef, useState } from 'react';
import { deletionImpact } from '../../core/commands';
import { useApp } from '../store';
import { useUi } from './ui';
import { addTableAt, confirmDeletion, copySelection, duplicateSelection, paste, requestDelete, toggleCollapseSelection } from './actions';

const mod = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl';

export const SHORTCUTS: [string, string][] = [
  ['N', 'Add a table (or double-click empty canvas)'],
  ['Double-click header', 'Rename a table'],
  ['Drag a column dot → column', 'Foreign key between the columns'],
  ['Drag a key dot → table header', 'That table gets a <name>_id foreign key'],
  [`${mod}+Z`, 'Undo'],
  [`${mod}+Shift+Z / ${mod}+Y`, 'Redo'],
  [`${mod}+C / ${mod}+V`, 'Copy / paste tables'],
  [`${mod}+D`, 'Duplicate selected tables'],
  [`${mod}+A`, 'Select all tables'],
  ['Delete / Backspace', 'Delete the selection (asks first)'],
  ['Shift+click', 'Add to / remove from the selection'],
  ['Shift+drag', 'Box select'],
  ['C', 'Collapse / expand selected tables to key columns'],
  [`${mod}+K`, 'Search / jump to a table'],
  ['Esc', 'Clear selection, close dialogs'],
  ['?', 'This list'],
];

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el) return false;
  return el.isContentEditable || el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || !!el.closest?.('.monaco-editor');
}

export function useEditorShortcuts(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ui = useUi.getState();
      const app = useApp.getState();
      const ctrl = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      if (ctrl && k === 'k') {
        e.preventDefault();
        useUi.setState({ paletteOpen: !ui.paletteOpen });
        return;
      }
      if (isTyping(e.target) || ui.confirmDelete || ui.paletteOpen) return;
      if (ui.helpOpen) {
        if (e.key === 'Escape' || e.key === '?') useUi.setState({ helpOpen: false });
        return;
      }
      if (ctrl && k === 'z') {
        e.preventDefault();
        if (e.shiftKey) app.redo();
        else app.undo();
      } else if (ctrl && k === 'y') {
        e.preventDefault();
        app.redo();
      } else if (ctrl && k === 'c') {
        if (copySelection()) e.preventDefault();
      } else if (ctrl && k === 'v') {
        e.preventDefault();
        paste();
      } else if (ctrl && k === 'd') {
        e.preventDefault();
        duplicateSelection();
      } else if (ctrl && k === 'a') {
        e.preventDefault();
        app.setSelection(Object.keys(app.doc.schema.tables));
      } else if (ctrl || e.altKey) {
        return;
      } else if (e.key === 'Delete' || e.key === 'Backspace') {
        if (app.selection.length) {
          e.preventDefault();
          requestDelete();
        }
      } else if (e.key === '?') {
        useUi.setState({ helpOpen: true });
      } else if (k === 'n') {
        e.preventDefault();
        addTableAt();
      } else if (k === 'c') {
        toggleCollapseSelection();
      } else if (e.key === 'Escape') {
        app.setSelection([]);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function Modal({ label, onClose, children, className = '' }: { label: string; onClose: () => void; children: React.ReactNode; className?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    if (!ref.current?.contains(document.activeElement)) ref.current?.querySelector<HTMLElement>('input, button')?.focus();
    return () => prev?.focus?.();
  }, []);
  return (
    <div className="tw-modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`tw-modal ${className}`}
        role="dialog"
        aria-modal="true"
        aria-label={label}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}

function HelpOverlay() {
  const close = () => useUi.setState({ helpOpen: false });
  return (
    <Modal label="Keyboard shortcuts" onClose={close} className="tw-help">
      <h2>Keyboard shortcuts</h2>
      <dl className="tw-help__list">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys} className="tw-help__row">
            <dt>{keys.split(' / ').map((k, i) => <span key={k}>{i ? ' / ' : ''}{k.includes(' ') ? <span className="tw-help__mouse">{k}</span> : <kbd>{k}</kbd>}</span>)}</dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <div className="tw-modal__actions">
        <button type="button" className="tw-btn" onClick={close}>Close</button>
      </div>
    </Modal>
  );
}

function Palette() {
  const model = useApp((s) => s.doc.schema);
  const [q, setQ] = useState('');
  const [active, setActive] = useState(0);
  const close = () => useUi.setState({ paletteOpen: false });
  const results = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const all = Object.values(model.tables).map((t) => ({ id: t.id, name: t.name, schema: model.schemas[t.schemaId]?.name ?? 'public', cols: t.columns.length }));
    const scored = all
      .map((t) => {
        const n = t.name.toLowerCase();
        const score = !needle ? 1 : n === needle ? 4 : n.startsWith(needle) ? 3 : n.includes(needle) ? 2 : `${t.schema}.${n}`.includes(needle) ? 1 : 0;
        return { ...t, score };
      })
      .filter((t) => t.score > 0)
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
    return scored.slice(0, 50);
  }, [model, q]);
  const go = (id: string) => {
    close();
    useApp.getState().focusTable(id);
  };
  return (
    <Modal label="Jump to table" onClose={close} className="tw-palette">
      <input
        className="tw-palette__input"
        placeholder="Jump to table…"
        aria-label="Search tables"
        role="combobox"
        aria-expanded="true"
        aria-controls="tw-palette-list"
        aria-activedescendant={results[active] ? `tw-pal-${results[active].id}` : undefined}
        value={q}
        autoFocus
        onChange={(e) => {
          setQ(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(a + 1, results.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && results[active]) go(results[active].id);
        }}
      />
      <ul className="tw-palette__list" id="tw-palette-list" role="listbox" aria-label="Tables">
        {results.map((r, i) => (
          <li key={r.id} id={`tw-pal-${r.id}`} role="option" aria-selected={i === active} className={i === active ? 'is-active' : ''} onMouseEnter={() => setActive(i)} onClick={() => go(r.id)}>
            <span className="tw-palette__schema">{r.schema}.</span>
            <span className="tw-palette__name">{r.name}</span>
            <span className="tw-palette__meta">{r.cols} col{r.cols === 1 ? '' : 's'}</span>
          </li>
        ))}
        {results.length === 0 ? <li className="tw-palette__empty">No table matches.</li> : null}
      </ul>
    </Modal>
  );
}

function DeleteDialog({ ids }: { ids: string[] }) {
  const model = useApp((s) => s.doc.schema);
  const impact = useMemo(() => deletionImpact(model, ids), [model, ids]);
  const names = ids.map((id) => model.tables[id]?.name ?? '?');
  const close = () => useUi.setState({ confirmDelete: null });
  const colNames = (t: { columns: { id: string; name: string }[] }, cols: string[]) => cols.map((c) => t.columns.find((x) => x.id === c)?.name ?? '?').join(', ');
  return (
    <Modal label="Delete tables" onClose={close} className="tw-confirm">
      <h2>{ids.length === 1 ? 'Delete table' : `Delete ${ids.length} tables`}</h2>
      <ul className="tw-confirm__names">
        {names.map((n, i) => (
          <li key={i}><code>{n}</code></li>
        ))}
      </ul>
      {impact.length ? (
        <>
          <p>These foreign keys point at {ids.length === 1 ? 'it' : 'them'} and will be removed too:</p>
          <ul className="tw-confirm__impact" aria-label="Also removed">
            {impact.map(({ table, fk }) => (
              <li key={fk.id}>
                <code>{table.name}</code> ({colNames(table, fk.columns)}){fk.name ? <span className="tw-insp__muted"> — {fk.name}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="tw-insp__muted">Nothing else references {ids.length === 1 ? 'it' : 'them'}.</p>
      )}
      <p className="tw-insp__muted">You can undo this with {mod}+Z.</p>
      <div className="tw-modal__actions">
        <button type="button" className="tw-btn" onClick={close}>Cancel</button>
        <button type="button" className="tw-btn tw-btn--danger" autoFocus onClick={confirmDeletion}>Delete</button>
      </div>
    </Modal>
  );
}

export function EditorOverlays() {
  useEditorShortcuts();
  const ui = useUi();
  return (
    <>
      {ui.helpOpen ? <HelpOverlay /> : null}
      {ui.paletteOpen ? <Palette /> : null}
      {ui.confirmDelete ? <DeleteDialog ids={ui.confirmDelete} /> : null}
    </>
  );
}
