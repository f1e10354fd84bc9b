/** Messages of the checker worker (findings cross the boundary without their quick-fix commands). */
import type { LintConfig } from '../../core/lint/config';
import type { Id, SchemaModel, Table } from '../../core/model/types';
import type { Finding, Severity } from '../../core/lint/types';

/**
 * A finding as the UI lists it: the fix's label and, from the main-thread checker, its SQL (the command, and for
 * findings from the worker the SQL too, are resolved on demand: a fix's SQL can be large — a type change across a
 * thousand tables — and thousands of them would make the worker's answer a long task to receive).
 */
export type ListedFinding = Omit<Finding, 'fix'> & { fix?: { label: string; sql?: string }; key: string };

/**
 * The model crosses to the worker in pieces, so no single main-thread task clones thousands of tables: `tables`
 * messages carry the tables that changed since the last check (the worker keeps the others, so unchanged tables keep
 * their identity and the incremental checker skips them), then `check` carries the rest of the model, the table order
 * and the configuration.
 */
export type LintRequest =
  | { kind: 'tables'; id: number; tables: Table[] }
  | { kind: 'check'; id: number; tableIds: Id[]; rest: Omit<SchemaModel, 'tables'>; config: LintConfig };

/** Findings come back in chunks (`done` on the last one) for the same reason. */
export interface LintResponse {
  id: number;
  ok: boolean;
  error?: string;
  findings?: ListedFinding[];
  done?: boolean;
  suppressed?: number;
  counts?: Record<Severity, number>;
  ms?: number;
}

/** Findings per response message. */
export const FINDINGS_CHUNK = 1500;
/** Tables per request message. */
export const TABLES_CHUNK = 150;

/** Stable identity of a finding (rule, object, message). */
export function findingKey(f: Pick<Finding, 'rule' | 'object' | 'message'>): string {
  const o = f.object;
  return [f.rule, o.tableId ?? '', o.columnId ?? '', o.indexId ?? '', o.constraintId ?? '', o.typeId ?? '', f.message].join('|');
}

export function listed(f: Finding, withSql = true): ListedFinding {
  const { fix, ...rest } = f;
  const out: ListedFinding = { ...rest, key: findingKey(f) };
  if (fix) out.fix = withSql ? { label: fix.label, sql: fix.sql } : { label: fix.label };
  return out;
}
