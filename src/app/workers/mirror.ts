/**
 * Sending big documents to a worker without one long main-thread task: tables (the bulk of a model) cross once, in
 * slices, and are referenced by token afterwards. The worker keeps the tables of the last message, so a document
 * where one table changed sends one table. Tokens are per object (WeakMap), so versions that share table objects with
 * the working copy cost nothing extra, and an edited table (a new object under immer) gets a new token.
 */
import type { Id, SchemaModel, Table } from '../../core/model/types';
import type { TablewrightDocument } from '../../core/document/document';

export interface EncodedModel {
  rest: Omit<SchemaModel, 'tables'>;
  /** Table ids in key order, with the token of each table object. */
  ids: Id[];
  tokens: number[];
}

export type EncodedDocument = Omit<TablewrightDocument, 'schema' | 'versions'> & {
  schema: EncodedModel;
  versions?: (Omit<NonNullable<TablewrightDocument['versions']>[number], 'schema'> & { schema: EncodedModel })[];
};

/** Tables per message. */
export const MIRROR_SLICE = 150;

export class TableMirror {
  private tokens = new WeakMap<Table, number>();
  private seq = 0;
  /** Tokens the worker holds. */
  private held = new Set<number>();

  private token(t: Table): number {
    let k = this.tokens.get(t);
    if (k === undefined) this.tokens.set(t, (k = ++this.seq));
    return k;
  }

  private model(m: SchemaModel, missing: Map<number, Table>, used: Set<number>): EncodedModel {
    const { tables, ...rest } = m;
    const ids: Id[] = [];
    const tokens: number[] = [];
    for (const [id, t] of Object.entries(tables)) {
      const k = this.token(t);
      ids.push(id);
      tokens.push(k);
      used.add(k);
      if (!this.held.has(k)) missing.set(k, t);
    }
    return { rest, ids, tokens };
  }

  /**
   * Encode `doc`: the tables the worker lacks (to send first, in slices) and the document referencing tables by token.
   * Call `commit()` once everything was posted: the worker then holds exactly the tables this document uses.
   */
  encode(doc: TablewrightDocument): { missing: [number, Table][]; doc: EncodedDocument; commit: () => void } {
    const missing = new Map<number, Table>();
    const used = new Set<number>();
    const { schema, versions, ...rest } = doc;
    const enc: EncodedDocument = { ...rest, schema: this.model(schema, missing, used) };
    if (versions) enc.versions = versions.map((v) => ({ ...v, schema: this.model(v.schema, missing, used) }));
    return {
      missing: [...missing],
      doc: enc,
      commit: () => {
        this.held = used;
      },
    };
  }

  /** The worker was replaced: it holds nothing. */
  reset(): void {
    this.held = new Set();
  }
}

/** Worker side: rebuild a document from the held tables (and forget the ones it no longer uses). */
export function decodeDocument(enc: EncodedDocument, store: Map<number, Table>): TablewrightDocument {
  const used = new Set<number>();
  const model = (e: EncodedModel): SchemaModel => {
    const tables: Record<Id, Table> = {};
    e.ids.forEach((id, i) => {
      const k = e.tokens[i]!;
      const t = store.get(k);
      if (!t) throw new Error(`table ${id} was not sent`);
      tables[id] = t;
      used.add(k);
    });
    return { ...e.rest, tables };
  };
  const { schema, versions, ...rest } = enc;
  const doc: TablewrightDocument = { ...rest, schema: model(schema) };
  if (versions) doc.versions = versions.map((v) => ({ ...v, schema: model(v.schema) }));
  for (const k of [...store.keys()]) if (!used.has(k)) store.delete(k);
  return doc;
}
