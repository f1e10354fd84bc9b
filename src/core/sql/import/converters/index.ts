/** Dispatch of statements to converters. */
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { convertAlterEnum } from './alterEnum';
import { convertAlterFunction } from './alterFunction';
import { convertAlterOwner } from './alterOwner';
import { convertAlterSeq } from './alterSequence';
import { convertAlterTable } from './alterTable';
import { convertComment } from './comment';
import { convertCompositeType } from './compositeType';
import { convertCreateCast } from './createCast';
import { convertCreateDomain } from './createDomain';
import { convertCreateEnum } from './createEnum';
import { convertCreateExtension } from './createExtension';
import { convertCreateFunction } from './createFunction';
import { convertCreatePolicy } from './createPolicy';
import { convertRule } from './createRule';
import { convertCreateSchema } from './createSchema';
import { convertCreateSeq } from './createSequence';
import { convertCreateTable } from './createTable';
import { convertCreateTableAs } from './createTableAs';
import { convertCreateTrigger } from './createTrigger';
import { convertView } from './createView';
import { convertDefine } from './define';
import { convertDrop } from './drop';
import { convertGrant } from './grant';
import { convertIndex } from './indexStmt';
import { convertOther } from './other';
import { convertRename } from './rename';
import { convertRole } from './role';
import { convertSelect } from './selectStmt';
import { resolveFkTarget, Unsupported, type Converter } from './shared';
import { convertVariableSet } from './variableSet';

export type { Converter } from './shared';

const skipped: Converter = (stmt, ctx) => {
  ctx.diag(stmt, 'info', 'skipped', `${stmt.nodeType}: transaction control is not kept`);
};

export const converters: Record<string, Converter> = {
  CreateStmt: convertCreateTable,
  AlterTableStmt: convertAlterTable,
  CreateSeqStmt: convertCreateSeq,
  AlterSeqStmt: convertAlterSeq,
  IndexStmt: convertIndex,
  CreateEnumStmt: convertCreateEnum,
  AlterEnumStmt: convertAlterEnum,
  CreateDomainStmt: convertCreateDomain,
  CompositeTypeStmt: convertCompositeType,
  ViewStmt: convertView,
  CreateTableAsStmt: convertCreateTableAs,
  CreateExtensionStmt: convertCreateExtension,
  CreateSchemaStmt: convertCreateSchema,
  CommentStmt: convertComment,
  RenameStmt: convertRename,
  DropStmt: convertDrop,
  VariableSetStmt: convertVariableSet,
  SelectStmt: convertSelect,
  CreateFunctionStmt: convertCreateFunction,
  AlterFunctionStmt: convertAlterFunction,
  CreateTrigStmt: convertCreateTrigger,
  CreatePolicyStmt: convertCreatePolicy,
  RuleStmt: convertRule,
  GrantStmt: convertGrant,
  AlterOwnerStmt: convertAlterOwner,
  DefineStmt: convertDefine,
  CreateCastStmt: convertCreateCast,
  CreateRoleStmt: convertRole,
  AlterRoleStmt: convertRole,
  DropRoleStmt: convertRole,
  TransactionStmt: skipped,
};

/** Converters that may edit existing objects before failing: their edits are rolled back on failure. */
const MUTATING = new Set(['AlterTableStmt', 'DropStmt', 'RenameStmt', 'AlterEnumStmt', 'AlterSeqStmt', 'CommentStmt', 'CreateStmt', 'ViewStmt']);

/** Convert one statement into the context's model. Never throws: problems become diagnostics. */
/** Thrown in fail-fast mode when a converter fails: the caller restarts the import with that statement kept raw. */
export class ConversionFailed extends Error {
  constructor(readonly cause: unknown) {
    super('conversion failed');
  }
}

/**
 * Convert one statement. `snapshot` mode copies the model first so a failing converter can be rolled back (safe but
 * O(model) per statement); `fail-fast` mode throws ConversionFailed instead, and the caller re-runs the import with
 * that statement marked as failed (`keepFailed`). Imports use fail-fast: failures are rare, copies are not free.
 */
export function convertStatement(stmt: StatementInfo, ctx: ImportContext, mode: 'snapshot' | 'fail-fast' = 'snapshot'): void {
  const conv = converters[stmt.nodeType] ?? convertOther;
  const snapshot = mode === 'snapshot' && MUTATING.has(stmt.nodeType) ? JSON.stringify(ctx.model) : undefined;
  const nDiag = ctx.diagnostics.length;
  try {
    conv(stmt, ctx);
  } catch (e) {
    if (mode === 'fail-fast') throw new ConversionFailed(e);
    // roll back partial edits, keep the statement verbatim
    if (snapshot !== undefined) ctx.model = JSON.parse(snapshot);
    ctx.diagnostics.length = nDiag;
    ctx.invalidate();
    keepFailed(stmt, ctx, e);
  }
}

/** Keep a statement whose converter failed verbatim, with a diagnostic saying why. */
export function keepFailed(stmt: StatementInfo, ctx: ImportContext, e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof Unsupported) {
    ctx.diag(stmt, 'warning', 'unsupported', `${msg}; statement kept verbatim`);
  } else {
    ctx.diag(stmt, 'error', 'internal', `internal error converting ${stmt.nodeType}: ${msg}; statement kept verbatim`);
  }
  try {
    ctx.keepRaw(stmt, { note: false });
  } catch {
    /* keepRaw cannot really fail */
  }
}

/**
 * After all statements: resolve foreign keys that referenced tables defined later in the file (not valid in
 * PostgreSQL for CREATE TABLE, but common in hand-written files). Removes their `unresolved` warnings.
 */
export function finishImport(ctx: ImportContext): void {
  for (const t of Object.values(ctx.model.tables)) {
    for (const c of t.constraints) {
      if (c.kind !== 'foreign' || c.refTableId || !c.refTableName) continue;
      const ref = ctx.findTable(c.refTableName.schema || undefined, c.refTableName.name);
      if (!ref) continue;
      const fake = { ...c };
      const dummyStmt = { nodeType: '', node: null, sql: '', start: 0, end: 0, index: -1, locate: () => 0, sqlOffset: () => 0 };
      const before = ctx.diagnostics.length;
      resolveFkTarget(fake, { schemaname: c.refTableName.schema || undefined, relname: c.refTableName.name }, c.refColumnNames ?? [], t, dummyStmt, ctx);
      ctx.diagnostics.length = before;
      if (fake.refTableId && (fake.refColumns.length || !c.refColumnNames?.length)) {
        c.refTableId = fake.refTableId;
        c.refColumns = fake.refColumns;
        delete c.refTableName;
        delete c.refColumnNames;
        const name = c.refTableName;
        void name;
        ctx.diagnostics = ctx.diagnostics.filter((d) => !(d.code === 'unresolved' && d.message.includes('foreign key references table') && d.message.includes(ref.name)));
      }
    }
  }
}
