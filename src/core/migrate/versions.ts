import type { Id, SchemaModel } from '../model/types';

/** A named, saved version of the schema (an import counts as the first). Migrations go version → version. */
export interface DocVersion {
  id: Id;
  name: string;
  /** ISO timestamp. */
  createdAt: string;
  /** Requirement / spec ids the user attached (traceability in migration headers and reports). */
  requirementIds: string[];
  /** Frozen copy of the schema at that version (ids preserved, so renames diff as renames). */
  schema: SchemaModel;
}
