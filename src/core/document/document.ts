import type { Id, SchemaModel } from '../model/types';
import { emptySchemaModel } from '../model/types';
import type { Layout } from '../model/layout';
import { emptyLayout } from '../model/layout';
import { newId } from '../util/ids';
import type { LintConfig } from '../lint/config';
import type { DocVersion } from '../migrate/versions';

export const DOCUMENT_FORMAT = 'tablewright';
/** Bump together with a new numbered step in upgrades.ts. */
export const DOCUMENT_VERSION = 1;

/** A saved diagram: the schema, its layout, and document metadata. Serialised as `.tablewright.json`. */
export interface TablewrightDocument {
  format: typeof DOCUMENT_FORMAT;
  version: number;
  id: Id;
  name: string;
  schema: SchemaModel;
  layout: Layout;
  /** Checker configuration and suppressions. */
  lint?: LintConfig;
  /** Saved versions, oldest first; the pending migration is latest version → working copy. */
  versions?: DocVersion[];
}

export function newDocument(name = 'Untitled diagram'): TablewrightDocument {
  return { format: DOCUMENT_FORMAT, version: DOCUMENT_VERSION, id: newId('doc'), name, schema: emptySchemaModel(), layout: emptyLayout() };
}

export function documentFromModel(schema: SchemaModel, name = 'Imported schema', layout: Layout = emptyLayout()): TablewrightDocument {
  return { ...newDocument(name), schema, layout };
}

/** Stable JSON text (2-space indented, trailing newline). */
export function serializeDocument(doc: TablewrightDocument): string {
  return JSON.stringify(doc, null, 2) + '\n';
}
