import type { Id } from '../model/types';
import type { Severity, TableRole } from './types';

/** Checker settings, stored in each saved diagram (`doc.lint`). */
export interface LintConfig {
  /** Per rule: switched off, or a different severity. */
  rules: Record<string, { enabled?: boolean; severity?: Severity }>;
  /** Suppressions with a reason: a whole rule (no tableId), a table, or one column of a table. */
  suppressions: LintSuppression[];
  /** User overrides of the inferred table role (H2); doubles as a suppression tool. */
  roles: Record<Id, TableRole>;
}

export interface LintSuppression {
  id: Id;
  rule: string;
  tableId?: Id;
  columnId?: Id;
  reason: string;
}

export function emptyLintConfig(): LintConfig {
  return { rules: {}, suppressions: [], roles: {} };
}
