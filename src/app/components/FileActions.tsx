import '../persistence/persistence.css';
import { useEffect, useRef, useState } from 'react';
import { useApp } from '../store';
import { usePersist } from '../persistence/autosave';
import { FILE_SUFFIX, openDocumentFile, saveDocumentFile } from '../persistence/file';
import { DiagramsDialog } from './DiagramsDialog';
import { ExportDialog } from './ExportDialog';

const STATUS: Record<string, string> = { saving: 'Saving…', saved: 'Saved', error: 'Not saved', conflict: 'Not saved' };

/** Toolbar group: stored diagrams, open / save a file, export an image, and the autosave state. */
export function FileActions({ resolvedTheme }: { resolvedTheme: 'light' | 'dark' }) {
  const [dialog, setDialog] = useState<'diagrams' | 'export' | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const busy = useApp((s) => s.busy);
  const empty = useApp((s) => Object.keys(s.doc.schema.tables).length === 0);
  const status = usePersist((s) => s.status);
  const message = usePersist((s) => s.message);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        saveDocumentFile();
      } else if (k === 'o') {
        e.preventDefault();
        input.current?.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <button type="button" className="tw-btn" onClick={() => setDialog('diagrams')} disabled={!!busy}>
        Diagrams
      </button>
      <button type="button" className="tw-btn" onClick={() => input.current?.click()} disabled={!!busy} title={`Open a ${FILE_SUFFIX} file (Ctrl+O)`}>
        Open…
      </button>
      <input
        ref={input}
        type="file"
        accept={`${FILE_SUFFIX},.json,application/json`}
        className="tw-visually-hidden"
        tabIndex={-1}
        aria-label="Open a Tablewright file"
        data-testid="open-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void openDocumentFile(f);
        }}
      />
      <button type="button" className="tw-btn" onClick={() => saveDocumentFile()} title={`Download as ${FILE_SUFFIX} (Ctrl+S)`}>
        Save file
      </button>
      <button type="button" className="tw-btn" onClick={() => setDialog('export')} disabled={empty}>
        Export
      </button>
      {status !== 'off' && status !== 'idle' ? (
        <span className={`tw-savestate is-${status}`} data-testid="save-state" title={message ?? undefined}>
          {STATUS[status] ?? ''}
        </span>
      ) : null}
      <DiagramsDialog open={dialog === 'diagrams'} onClose={() => setDialog(null)} />
      <ExportDialog open={dialog === 'export'} onClose={() => setDialog(null)} theme={resolvedTheme} />
    </>
  );
}
