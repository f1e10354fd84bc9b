/**
 * Migration engine: diff two models and produce up / down SQL with hazards.
 *
 *   diffModels(from, to)      → Change[] (what changed, renames included)
 *   migrationSql(from, to)    → { up, down } statements
 *   verifyMigration(...)      → applies base + up / down in a PGlite-like database and compares catalogs
 */
import type { SchemaModel } from '../model/types';
import { alignByName } from './align';
import { planMigration } from './plan';
import { behaviorRawRecord } from '../triggers/generate';
import type { Change, DiffOptions, Migration, MigrationOptions, Statement } from './types';

export * from './types';
export { alignByName } from './align';
export { planMigration } from './plan';

function aligned(from: SchemaModel, to: SchemaModel, opts: DiffOptions): SchemaModel {
  return opts.matchBy === 'name' ? alignByName(from, to, opts.renameHints ?? []) : to;
}

/**
 * The model with its trigger behaviours (model.behaviors) merged into `raw` as generated statements (ids
 * `bh:<key>`, the same the DDL export uses), so switching a behaviour on or off diffs as its up and down. Needs the
 * PL/pgSQL checker loaded (`await initTriggers()`); models without behaviours are returned as they are.
 */
export function withBehaviorRaw(model: SchemaModel): SchemaModel {
  if (!model.behaviors || !Object.keys(model.behaviors).length) return model;
  return { ...model, raw: { ...model.raw, ...behaviorRawRecord(model) } };
}

/** The changes from `from` to `to`, by stable id (default) or by name. */
export function diffModels(from0: SchemaModel, to0: SchemaModel, opts: DiffOptions = {}): Change[] {
  return planMigration(withBehaviorRaw(from0), withBehaviorRaw(aligned(from0, to0, opts))).changes;
}

/**
 * Up and down statements. Down is the plan in the other direction, so it undoes every up step; steps that lose data
 * (or restore structure without the lost data) and steps that cannot be derived are flagged in both directions.
 */
export function migrationSql(from0: SchemaModel, to0: SchemaModel, opts: MigrationOptions = {}): Migration {
  const from = withBehaviorRaw(from0);
  const target = withBehaviorRaw(aligned(from0, to0, opts));
  const upPlan = planMigration(from, target, { safe: opts.safe });
  const up = upPlan.statements;
  const down = planMigration(target, from, { safe: opts.safe }).statements;
  if (opts.lockTimeout && opts.safe) for (const s of [...up, ...down]) s.sql = s.sql.replace(/^SET lock_timeout = '5s';$/, `SET lock_timeout = '${opts.lockTimeout.replace(/'/g, "''")}';`);
  crossMark(up, down, 'Restores the structure only: data lost by the up migration is not brought back');
  crossMark(down, up, 'Not exactly reversible: undoing this step in the down migration loses data');
  return { up, down, changes: upPlan.changes };
}

function crossMark(a: Statement[], b: Statement[], message: string): void {
  const lossy = new Set(a.filter((s) => s.lossy && s.key).map((s) => s.key!));
  const irrev = new Set(a.filter((s) => s.irreversible && s.key).map((s) => s.key!));
  for (const s of b) {
    if (!s.key) continue;
    if (lossy.has(s.key) && !s.lossy) {
      s.lossy = true;
      if (!s.hazards.some((h) => h.kind === 'data-loss')) {
        s.hazards.push({ kind: 'data-loss', severity: 'info', message });
      }
    }
    if (irrev.has(s.key)) s.irreversible = true;
  }
}

/** The statements as one SQL script (no transaction wrapping). */
export function statementsToSql(statements: readonly Statement[]): string {
  return statements.map((s) => s.sql).join('\n') + (statements.length ? '\n' : '');
}

export { verifyMigration, type VerifyResult, type PgLike } from './verify';
