/**
 * The checker's contract. One rule per file under `rules/`, id = the catalogue id (`KEY-01`), see
 * ../shared/docs/lint-rules.md. Rules work on the model alone; findings carry an optional quick fix that is a
 * document Command (undoable) plus the SQL it implies.
 */
import type { Command } from '../commands/history';
import type { Id, SchemaModel, Table } from '../model/types';
import type { LintHelpers } from './helpers/index';

export type Severity = 'error' | 'warning' | 'info';
export type TableRole = 'entity' | 'junction' | 'lookup' | 'log' | 'staging';
/** Appendix B scopes: which edits can change a rule's result. */
export type RuleScope = 'column' | 'table' | 'relation' | 'global';

export interface ObjectRef {
  tableId?: Id;
  columnId?: Id;
  indexId?: Id;
  constraintId?: Id;
  typeId?: Id;
  /** Plain names for display and the CLI's JSON. */
  schema: string;
  table?: string;
  column?: string;
}

export interface QuickFix {
  label: string;
  /** The SQL this fix implies, shown before applying. */
  sql: string;
  /** The model edit. */
  command: Command;
}

export interface Finding {
  rule: string;
  severity: Severity;
  object: ObjectRef;
  message: string;
  /** Why it matters, in plain words. */
  why: string;
  fix?: QuickFix;
}

export interface RuleContext {
  model: SchemaModel;
  helpers: LintHelpers;
  /** Effective role of a table (inferred, or the user's override). */
  role(t: Table): TableRole;
}

export interface Rule {
  id: string;
  slug: string;
  /** Catalogue group: KEY, REL, IDX, NF, TYPE, NAME, AUD, SEC. */
  group: string;
  defaultSeverity: Severity;
  scope: RuleScope;
  /** Plain-words explanation shown in the UI. */
  description: string;
  /** Table-scoped rules implement checkTable (called per table; enables incremental re-checks). */
  checkTable?(t: Table, ctx: RuleContext): Finding[];
  /**
   * Set to false when checkTable reads tables other than its own, its FK / partition neighbours, and the names and
   * keys of all tables (views, types, schemas, verbatim statements and behaviours are fine: a change to them
   * re-checks every table): the incremental checker then re-runs it for every table on every check.
   */
  incremental?: boolean;
  /**
   * False for opt-in rules (NAME-10, SEC-04): the engine runs them only when the project's config switches them on
   * (`config.rules[id].enabled === true`).
   */
  defaultEnabled?: boolean;
  /** Global rules implement checkModel. */
  checkModel?(ctx: RuleContext): Finding[];
}
