/**
 * Loading a document file: JSON parse → format check → numbered upgrade steps → structural validation.
 * Never throws: every problem is reported, and the caller keeps its current document unless `ok` is true.
 */
import type { Diagnostic } from '../model/diagnostics';
import { DOCUMENT_FORMAT, DOCUMENT_VERSION, type TablewrightDocument } from './document';
import { upgradeDocument } from './upgrades';
import { validateDocument } from './validate';

export type LoadResult =
  | { ok: true; document: TablewrightDocument; diagnostics: Diagnostic[]; upgradedFrom?: number }
  | { ok: false; diagnostics: Diagnostic[] };

const err = (message: string, code = 'invalid-document'): Diagnostic => ({ severity: 'error', code, message });

export function loadDocument(text: string): LoadResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    const d = err(`Not a Tablewright file: invalid JSON (${(e as Error).message})`, 'invalid-json');
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      d.start = pos;
      d.line = before.split('\n').length;
      d.column = pos - before.lastIndexOf('\n');
    }
    return { ok: false, diagnostics: [d] };
  }
  return loadDocumentValue(raw);
}

export function loadDocumentValue(raw: unknown): LoadResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, diagnostics: [err('Not a Tablewright file: the top level is not an object')] };
  const obj = raw as Record<string, unknown>;
  if (obj.format !== DOCUMENT_FORMAT) return { ok: false, diagnostics: [err(`Not a Tablewright file: "format" is ${JSON.stringify(obj.format)}, expected "${DOCUMENT_FORMAT}"`)] };
  const version = obj.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) return { ok: false, diagnostics: [err(`Unknown document version ${JSON.stringify(version)}`)] };
  if (version > DOCUMENT_VERSION) {
    return { ok: false, diagnostics: [err(`This file was saved by a newer Tablewright (format version ${version}; this one reads up to ${DOCUMENT_VERSION})`, 'newer-version')] };
  }
  const up = upgradeDocument(structuredClone(obj), version);
  if (!up.ok) return { ok: false, diagnostics: [err(up.message, 'upgrade-failed')] };
  const problems = validateDocument(up.value);
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) return { ok: false, diagnostics: problems };
  const res: LoadResult = { ok: true, document: up.value as unknown as TablewrightDocument, diagnostics: problems };
  if (version < DOCUMENT_VERSION) res.upgradedFrom = version;
  return res;
}
