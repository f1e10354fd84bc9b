import { DialogHead, useModalDialog } from './dialog';
import { useEffect, useId, useState } from 'react';
import { useApp } from '../store';
import { listDiagrams, type DiagramMeta } from '../persistence/repository';
import { currentDiagramId, deleteStored, duplicateStored, openStored, persistenceStarted, renameStored, usePersist } from '../persistence/autosave';

const when = (t: number) => new Date(t).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
const count = (n: number) => `${n.toLocaleString('en-US')} table${n === 1 ? '' : 's'}`;

/** The stored diagrams: open, rename, duplicate, delete. */
export function DiagramsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const titleId = useId();
  const [items, setItems] = useState<DiagramMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const listVersion = usePersist((s) => s.listVersion);
  const openName = useApp((s) => s.doc.name);
  const enabled = persistenceStarted();

  const ref = useModalDialog(open, () => {
    setError(null);
    setRenaming(null);
    setConfirmDelete(null);
  });

  useEffect(() => {
    if (!open || !enabled) return;
    let live = true;
    listDiagrams()
      .then((l) => live && setItems(l))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [open, enabled, listVersion, openName]);

  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const current = currentDiagramId();

  return (
    <dialog ref={ref} className="tw-dialog tw-diagrams" aria-labelledby={titleId} onClose={onClose}>
      <div className="tw-dialog__body">
        <DialogHead id={titleId} title="Diagrams" onClose={onClose} />
        <p className="tw-dialog__hint">Diagrams are saved automatically in this browser. Save a file to keep a copy elsewhere.</p>
        {!enabled ? <p className="tw-dialog__error">Saving is not available in this browser (IndexedDB is disabled).</p> : null}
        {error ? (
          <p className="tw-dialog__error" role="alert">
            {error}
          </p>
        ) : null}
        <ul className="tw-diagrams__list" aria-label="Saved diagrams">
          {(items ?? []).map((m) => {
            const isOpen = m.id === current;
            return (
              <li key={m.id} className={`tw-diagrams__item${isOpen ? ' is-open' : ''}`} data-diagram={m.id}>
                {renaming?.id === m.id ? (
                  <form
                    className="tw-diagrams__rename"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const name = renaming.name;
                      setRenaming(null);
                      void act(() => renameStored(m.id, name));
                    }}
                  >
                    <label className="tw-visually-hidden" htmlFor={`rn-${m.id}`}>
                      New name for {m.name}
                    </label>
                    <input
                      id={`rn-${m.id}`}
                      className="tw-input"
                      value={renaming.name}
                      autoFocus
                      onChange={(e) => setRenaming({ id: m.id, name: e.target.value })}
                      onKeyDown={(e) => {
                        if (e.key === 'Escape') {
                          e.preventDefault();
                          e.stopPropagation();
                          setRenaming(null);
                        }
                      }}
                    />
                    <button type="submit" className="tw-btn tw-btn--primary" disabled={!renaming.name.trim()}>
                      Save name
                    </button>
                    <button type="button" className="tw-btn" onClick={() => setRenaming(null)}>
                      Cancel
                    </button>
                  </form>
                ) : (
                  <>
                    <div className="tw-diagrams__info">
                      <span className="tw-diagrams__name">{m.name}</span>
                      <span className="tw-diagrams__meta">
                        {count(m.tables)} · edited {when(m.updatedAt)}
                        {isOpen ? ' · open' : ''}
                      </span>
                    </div>
                    {confirmDelete === m.id ? (
                      <div className="tw-diagrams__actions">
                        <span className="tw-diagrams__confirm">Delete “{m.name}”?</span>
                        <button type="button" className="tw-btn tw-btn--danger" onClick={() => void act(() => deleteStored(m.id)).then(() => setConfirmDelete(null))}>
                          Delete
                        </button>
                        <button type="button" className="tw-btn" onClick={() => setConfirmDelete(null)}>
                          Keep
                        </button>
                      </div>
                    ) : (
                      <div className="tw-diagrams__actions">
                        <button
                          type="button"
                          className="tw-btn tw-btn--primary"
                          disabled={isOpen}
                          aria-label={`Open ${m.name}`}
                          onClick={() =>
                            void act(async () => {
                              const r = await openStored(m.id);
                              if (!r.ok) throw new Error(r.error);
                              onClose();
                            })
                          }
                        >
                          Open
                        </button>
                        <button type="button" className="tw-btn" aria-label={`Rename ${m.name}`} onClick={() => setRenaming({ id: m.id, name: m.name })}>
                          Rename
                        </button>
                        <button type="button" className="tw-btn" aria-label={`Duplicate ${m.name}`} onClick={() => void act(() => duplicateStored(m.id))}>
                          Duplicate
                        </button>
                        <button type="button" className="tw-btn" aria-label={`Delete ${m.name}`} onClick={() => setConfirmDelete(m.id)}>
                          Delete
                        </button>
                      </div>
                    )}
                  </>
                )}
              </li>
            );
          })}
          {items && items.length === 0 ? <li className="tw-diagrams__empty">No saved diagrams yet.</li> : null}
        </ul>
        <div className="tw-dialog__foot">
          <button
            type="button"
            className="tw-btn"
            onClick={() => {
              useApp.getState().newDiagram();
              onClose();
            }}
          >
            New diagram
          </button>
          <button type="button" className="tw-btn tw-btn--primary" onClick={onClose}>
            Done
          </button>
        </div>
      </div>
    </dialog>
  );
}
