import { useEffect, useId, useRef, useState } from 'react';
import { useApp } from '../store';
import { IconClose } from './icons';

export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [sql, setSql] = useState('');
  const [error, setError] = useState<string | null>(null);
  const busy = useApp((s) => s.busy);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      setError(null);
      d.showModal();
    } else if (!open && d.open) d.close();
  }, [open]);

  const submit = async () => {
    if (!sql.trim()) {
      setError('Paste some SQL first.');
      return;
    }
    const res = await useApp.getState().importSql(sql, 'Imported schema');
    if (res.ok) {
      setSql('');
      onClose();
    } else setError(res.error ?? 'Import failed');
  };

  return (
    <dialog ref={ref} className="tw-dialog" aria-labelledby={titleId} aria-describedby={descId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="tw-dialog__head">
          <h2 id={titleId}>Import SQL</h2>
          <button type="button" className="tw-btn tw-btn--icon tw-btn--ghost" aria-label="Close" onClick={onClose}>
            <IconClose />
          </button>
        </div>
        <p id={descId} className="tw-dialog__hint">
          Paste PostgreSQL DDL — <code>CREATE TABLE</code>, <code>CREATE INDEX</code>, <code>CREATE TYPE</code>, <code>ALTER TABLE</code>, or a whole <code>pg_dump --schema-only</code>. It is parsed locally in your
          browser; nothing is uploaded. This replaces the current diagram.
        </p>
        <label className="tw-visually-hidden" htmlFor="tw-import-sql">
          SQL to import
        </label>
        <textarea
          id="tw-import-sql"
          className="tw-textarea"
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder={'CREATE TABLE customers (\n  id bigint PRIMARY KEY,\n  email text NOT NULL UNIQUE\n);'}
          rows={14}
        />
        {error ? (
          <p className="tw-dialog__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="tw-dialog__foot">
          <span className="tw-dialog__meta">{sql ? `${sql.length.toLocaleString('en-US')} characters` : ''}</span>
          <button type="button" className="tw-btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="tw-btn tw-btn--primary" disabled={!!busy}>
            {busy ? busy : 'Import'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
