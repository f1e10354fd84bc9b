/**
 * A tiny promise wrapper over the raw IndexedDB API (no dependency). One database, a few object stores, and
 * transactions expressed as async callbacks over request promises.
 */

export const DB_NAME = 'tablewright';
export const DB_VERSION = 1;
/** Diagram metadata for the list (small): id, name, timestamps, revision, table count. */
export const META = 'meta';
/** Full documents, keyed by document id. */
export const DOCS = 'docs';
/** Per-diagram view state (viewport) beside the document, never inside it. */
export const VIEWS = 'views';

let dbPromise: Promise<IDBDatabase> | null = null;

export function idbAvailable(): boolean {
  return typeof indexedDB !== 'undefined';
}

export function openDb(): Promise<IDBDatabase> {
  if (dbPromise) return dbPromise;
  dbPromise = new Promise<IDBDatabase>((resolve, reject) => {
    if (!idbAvailable()) {
      reject(new Error('IndexedDB is not available in this browser'));
      return;
    }
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      for (const name of [META, DOCS, VIEWS]) if (!db.objectStoreNames.contains(name)) db.createObjectStore(name, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the schema: close so it can proceed; the next call reopens.
      db.onversionchange = () => {
        db.close();
        dbPromise = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error ?? new Error('Could not open IndexedDB'));
    req.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
  });
  dbPromise.catch(() => {
    dbPromise = null;
  });
  return dbPromise;
}

/** A request as a promise. */
export function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * Run `body` inside one transaction over `stores`; resolves with its result once the transaction commits.
 * `body` must only await requests of this transaction (awaiting anything else lets the transaction auto-commit).
 */
export async function tx<T>(stores: string[], mode: IDBTransactionMode, body: (t: IDBTransaction) => Promise<T>): Promise<T> {
  const db = await openDb();
  const t = db.transaction(stores, mode);
  const done = new Promise<void>((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
  });
  let result: T;
  try {
    result = await body(t);
  } catch (e) {
    try {
      t.abort();
    } catch {
      /* already finished */
    }
    await done.catch(() => undefined);
    throw e;
  }
  await done;
  return result;
}
