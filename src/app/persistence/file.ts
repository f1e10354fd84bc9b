/** `.tablewright.json` files: save by download, open through loadDocument (validated; never replaces on error). */
import { loadDocument } from '../../core/document/load';
import { serializeDocument, type TablewrightDocument } from '../../core/document/document';
import { downloadBlob, fileStem } from '../exporters/download';
import { useApp } from '../store';
import { adoptDocument } from './autosave';

export const FILE_SUFFIX = '.tablewright.json';

export function saveDocumentFile(doc: TablewrightDocument = useApp.getState().doc): string {
  const name = `${fileStem(doc.name)}${FILE_SUFFIX}`;
  downloadBlob(new Blob([serializeDocument(doc)], { type: 'application/json' }), name);
  return name;
}

/** Read and open a file. On any problem the open diagram stays as it is and a message is shown. */
export async function openDocumentFile(file: File): Promise<{ ok: boolean; message?: string }> {
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    return fail(`Could not read “${file.name}”: ${e instanceof Error ? e.message : String(e)}`);
  }
  const res = loadDocument(text);
  if (!res.ok) {
    const errors = res.diagnostics.filter((d) => d.severity === 'error');
    const first = (errors[0] ?? res.diagnostics[0])?.message ?? 'unknown problem';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length > 2 ? 's' : ''})` : '';
    return fail(`Could not open “${file.name}”: ${first}${more}. The open diagram was not changed.`);
  }
  const doc = await adoptDocument(res.document);
  useApp.getState().openDocument(doc);
  useApp.getState().requestFit();
  return { ok: true };
}

function fail(message: string) {
  useApp.setState({ error: message });
  return { ok: false, message };
}
