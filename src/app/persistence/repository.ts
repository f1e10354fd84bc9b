/**
 * Stored diagrams. Each diagram has a metadata record (for the list), the document, and its view state. Every
 * document write bumps a revision counter; a write based on a stale revision is refused, so two tabs never silently
 * overwrite each other.
 */
import type { Viewport } from '@xyflow/react';
import type { TablewrightDocument } from '../../core/document/document';
import { loadDocumentValue } from '../../core/document/load';
import { newId } from '../../core/util/ids';
import { DOCS, META, VIEWS, req, tx } from './idb';

export interface DiagramMeta {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** Incremented on every document write. */
  rev: number;
  tables: number;
}

interface DocRecord {
  id: string;
  doc: TablewrightDocument;
}

interface ViewRecord {
  id: string;
  viewport: Viewport;
}

export interface StoredDiagram {
  meta: DiagramMeta;
  doc: TablewrightDocument;
  viewport: Viewport | null;
}

export type SaveResult = { ok: true; rev: number } | { ok: false; conflict: true; rev: number; deleted: boolean };

const tableCount = (doc: TablewrightDocument) => Object.keys(doc.schema.tables).length;

export async function listDiagrams(): Promise<DiagramMeta[]> {
  const all = await tx([META], 'readonly', (t) => req(t.objectStore(META).getAll() as IDBRequest<DiagramMeta[]>));
  return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function getMeta(id: string): Promise<DiagramMeta | null> {
  const m = await tx([META], 'readonly', (t) => req(t.objectStore(META).get(id) as IDBRequest<DiagramMeta | undefined>));
  return m ?? null;
}

/** A stored diagram, validated like a file (a damaged record is reported, never opened). */
export async function getDiagram(id: string): Promise<StoredDiagram | { error: string } | null> {
  const [meta, rec, view] = await tx([META, DOCS, VIEWS], 'readonly', (t) =>
    Promise.all([
      req(t.objectStore(META).get(id) as IDBRequest<DiagramMeta | undefined>),
      req(t.objectStore(DOCS).get(id) as IDBRequest<DocRecord | undefined>),
      req(t.objectStore(VIEWS).get(id) as IDBRequest<ViewRecord | undefined>),
    ]),
  );
  if (!meta || !rec) return null;
  const loaded = loadDocumentValue(rec.doc);
  if (!loaded.ok) return { error: loaded.diagnostics.map((d) => d.message).join('; ') };
  return { meta, doc: loaded.document, viewport: view?.viewport ?? null };
}

/**
 * Write a document if the stored revision still equals `baseRev` (0 = the diagram is new). Returns the new revision,
 * or the conflicting one.
 */
export async function saveDiagram(doc: TablewrightDocument, baseRev: number): Promise<SaveResult> {
  return tx([META, DOCS], 'readwrite', async (t) => {
    const metas = t.objectStore(META);
    const cur = (await req(metas.get(doc.id) as IDBRequest<DiagramMeta | undefined>)) ?? null;
    const curRev = cur?.rev ?? 0;
    if (curRev !== baseRev) return { ok: false, conflict: true, rev: curRev, deleted: !cur && baseRev > 0 } as const;
    const now = Date.now();
    const meta: DiagramMeta = { id: doc.id, name: doc.name, createdAt: cur?.createdAt ?? now, updatedAt: now, rev: curRev + 1, tables: tableCount(doc) };
    metas.put(meta);
    t.objectStore(DOCS).put({ id: doc.id, doc } satisfies DocRecord);
    return { ok: true, rev: meta.rev } as const;
  });
}

export async function saveViewport(id: string, viewport: Viewport): Promise<void> {
  await tx([VIEWS], 'readwrite', async (t) => {
    t.objectStore(VIEWS).put({ id, viewport: { x: viewport.x, y: viewport.y, zoom: viewport.zoom } } satisfies ViewRecord);
  });
}

/** Rename a stored diagram (document name and list entry); returns the new revision. */
export async function renameDiagram(id: string, name: string): Promise<number | null> {
  return tx([META, DOCS], 'readwrite', async (t) => {
    const meta = (await req(t.objectStore(META).get(id) as IDBRequest<DiagramMeta | undefined>)) ?? null;
    const rec = (await req(t.objectStore(DOCS).get(id) as IDBRequest<DocRecord | undefined>)) ?? null;
    if (!meta || !rec) return null;
    const next: DiagramMeta = { ...meta, name, rev: meta.rev + 1, updatedAt: Date.now() };
    t.objectStore(META).put(next);
    t.objectStore(DOCS).put({ id, doc: { ...rec.doc, name } } satisfies DocRecord);
    return next.rev;
  });
}

export async function duplicateDiagram(id: string, name?: string): Promise<DiagramMeta | null> {
  return tx([META, DOCS, VIEWS], 'readwrite', async (t) => {
    const meta = (await req(t.objectStore(META).get(id) as IDBRequest<DiagramMeta | undefined>)) ?? null;
    const rec = (await req(t.objectStore(DOCS).get(id) as IDBRequest<DocRecord | undefined>)) ?? null;
    const view = (await req(t.objectStore(VIEWS).get(id) as IDBRequest<ViewRecord | undefined>)) ?? null;
    if (!meta || !rec) return null;
    const copyId = newId('doc');
    const now = Date.now();
    const copyName = name ?? `${meta.name} (copy)`;
    const copy: DiagramMeta = { id: copyId, name: copyName, createdAt: now, updatedAt: now, rev: 1, tables: meta.tables };
    t.objectStore(META).put(copy);
    t.objectStore(DOCS).put({ id: copyId, doc: { ...rec.doc, id: copyId, name: copyName } } satisfies DocRecord);
    if (view) t.objectStore(VIEWS).put({ id: copyId, viewport: view.viewport } satisfies ViewRecord);
    return copy;
  });
}

export async function deleteDiagram(id: string): Promise<void> {
  await tx([META, DOCS, VIEWS], 'readwrite', async (t) => {
    t.objectStore(META).delete(id);
    t.objectStore(DOCS).delete(id);
    t.objectStore(VIEWS).delete(id);
  });
}
