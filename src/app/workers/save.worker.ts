/// <reference lib="webworker" />
/**
 * Autosave of big documents off the main thread: IndexedDB's structured clone of a thousand-table document is a long
 * task on the page. Tables arrive in slices (mirror.ts); the write itself is the same transaction as on the page
 * (repository.saveDiagram: revision check, metadata and document in one transaction).
 */
import type { Table } from '../../core/model/types';
import { saveDiagram, type SaveResult } from '../persistence/repository';
import { decodeDocument, type EncodedDocument } from './mirror';

export type SaveWorkerRequest = { kind: 'tables'; tables: [number, Table][] } | { kind: 'save'; id: number; doc: EncodedDocument; baseRev: number };
export type SaveWorkerResponse = { id: number; ok: true; result: SaveResult } | { id: number; ok: false; error: string };

const store = new Map<number, Table>();
const post = (m: SaveWorkerResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(m);

self.onmessage = async (ev: MessageEvent<SaveWorkerRequest>) => {
  const req = ev.data;
  if (req.kind === 'tables') {
    for (const [k, t] of req.tables) store.set(k, t);
    return;
  }
  try {
    const doc = decodeDocument(req.doc, store);
    post({ id: req.id, ok: true, result: await saveDiagram(doc, req.baseRev) });
  } catch (e) {
    post({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
