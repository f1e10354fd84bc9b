/** Messages of the checker worker (findings cross the boundary without their quick-fix commands). */
import type { LintConfig } from '../../core/lint/config';
import type { SchemaModel } from '../../core/model/types';
import type { Finding, Severity } from '../../core/lint/types';

/** A finding as the UI lists it: the fix's label and SQL only (the command is resolved on demand). */
export type ListedFinding = Omit<Finding, 'fix'> & { fix?: { label: string; sql: string }; key: string };

export interface LintRequest {
  id: number;
  schema: SchemaModel;
  config: LintConfig;
}
export interface LintResponse {
  id: number;
  ok: boolean;
  error?: string;
  findings?: ListedFinding[];
  suppressed?: number;
  counts?: Record<Severity, number>;
  ms?: number;
}

/** Stable identity of a finding (rule, object, message). */
export function findingKey(f: Pick<Finding, 'rule' | 'object' | 'message'>): string {
  const o = f.object;
  return [f.rule, o.tableId ?? '', o.columnId ?? '', o.indexId ?? '', o.constraintId ?? '', o.typeId ?? '', f.message].join('|');
}

export function listed(f: Finding): ListedFinding {
  const { fix, ...rest } = f;
  const out: ListedFinding = { ...rest, key: findingKey(f) };
  if (fix) out.fix = { label: fix.label, sql: fix.sql };
  return out;
}
