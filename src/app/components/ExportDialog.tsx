import { DialogHead, useModalDialog } from './dialog';
import { useId, useState } from 'react';
import { useApp } from '../store';
import { buildSvg } from '../exporters/svg';
import { svgToPng } from '../exporters/png';
import { downloadBlob, fileStem } from '../exporters/download';

type Format = 'png' | 'svg';

/** Export the diagram or the selection as PNG or SVG (built from the document; nothing leaves the browser). */
export function ExportDialog({ open, onClose, theme }: { open: boolean; onClose: () => void; theme: 'light' | 'dark' }) {
  const titleId = useId();
  const selected = useApp((s) => s.selection.filter((id) => !!s.doc.schema.tables[id]).length);
  const empty = useApp((s) => Object.keys(s.doc.schema.tables).length === 0);
  const [format, setFormat] = useState<Format>('png');
  const [scope, setScope] = useState<'all' | 'selection'>('all');
  const [scale, setScale] = useState(2);
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ref = useModalDialog(open, () => {
    setError(null);
    setScope(useApp.getState().selection.length ? 'selection' : 'all');
  });

  const run = async () => {
    setWorking(true);
    setError(null);
    try {
      const { doc, selection } = useApp.getState();
      const only = scope === 'selection' ? selection.filter((id) => !!doc.schema.tables[id]) : undefined;
      const out = buildSvg(doc, { theme, ...(only ? { only } : {}) });
      const stem = `${fileStem(doc.name)}${only ? '-selection' : ''}`;
      if (format === 'svg') downloadBlob(new Blob([out.svg], { type: 'image/svg+xml' }), `${stem}.svg`);
      else downloadBlob(await svgToPng(out.svg, out.width, out.height, scale), `${stem}.png`);
      onClose();
    } catch (e) {
      setError(`Export failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setWorking(false);
    }
  };

  return (
    <dialog ref={ref} className="tw-dialog tw-export" aria-labelledby={titleId} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <DialogHead id={titleId} title="Export image" onClose={onClose} />
        <fieldset className="tw-fieldset">
          <legend>Format</legend>
          <label>
            <input type="radio" name="tw-export-format" value="png" checked={format === 'png'} onChange={() => setFormat('png')} /> PNG image
          </label>
          <label>
            <input type="radio" name="tw-export-format" value="svg" checked={format === 'svg'} onChange={() => setFormat('svg')} /> SVG (vector)
          </label>
        </fieldset>
        <fieldset className="tw-fieldset">
          <legend>What</legend>
          <label>
            <input type="radio" name="tw-export-scope" value="all" checked={scope === 'all'} onChange={() => setScope('all')} /> Whole diagram
          </label>
          <label>
            <input type="radio" name="tw-export-scope" value="selection" checked={scope === 'selection'} disabled={selected === 0} onChange={() => setScope('selection')} /> Selection
            {selected ? ` (${selected} table${selected === 1 ? '' : 's'})` : ' (nothing selected)'}
          </label>
        </fieldset>
        {format === 'png' ? (
          <fieldset className="tw-fieldset">
            <legend>Resolution</legend>
            {[1, 2, 3].map((n) => (
              <label key={n}>
                <input type="radio" name="tw-export-scale" value={n} checked={scale === n} onChange={() => setScale(n)} /> {n}×
              </label>
            ))}
          </fieldset>
        ) : null}
        <p className="tw-dialog__hint">Colours follow the current {theme} theme. Very large diagrams are scaled down to fit the browser’s image limits.</p>
        {error ? (
          <p className="tw-dialog__error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="tw-dialog__foot">
          <button type="button" className="tw-btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="tw-btn tw-btn--primary" disabled={working || empty}>
            {working ? 'Exporting…' : `Export ${format.toUpperCase()}`}
          </button>
        </div>
      </form>
    </dialog>
  );
}
