/**
 * Private helpers of the KEY-* and REL-* rules: object refs, SQL names, quick-fix commands, and allocation-free tests.
 *
 * Performance convention of these rules (most tables have no finding): `checkTable` returns NONE when it finds
 * nothing, tests with plain loops, and builds messages, fixes and closures in a separate function called only for a
 * finding. A closure inside `checkTable` (or inside a loop body) makes V8 allocate a context for the variables it
 * captures on every call (or iteration), even when the closure itself is never created.
 */
import type { Command } from '../../commands/history';
import type { TablewrightDocument } from '../../document/document';
import type { Column, Constraint, ForeignKey, Id, Index, PrimaryKey, SchemaModel, Table } from '../../model/types';
import { uniqueName } from '../../model/query';
import { quoteIdent } from '../../sql/ident';
import { newId } from '../../util/ids';
import type { Finding, ObjectRef, QuickFix, RuleContext, Severity } from '../types';
import { attachFix, type FixSource } from '../lazy';
export { NONE } from './results';

export function tref(ctx: RuleContext, t: Table, extra: Partial<ObjectRef> = {}): ObjectRef {
  return { schema: ctx.helpers.schemaName(t), table: t.name, tableId: t.id, ...extra };
}
export function cref(ctx: RuleContext, t: Table, c: Column, extra: Partial<ObjectRef> = {}): ObjectRef {
  return tref(ctx, t, { columnId: c.id, column: c.name, ...extra });
}

/** `fix`: the fix, or a function that builds it when it is read (pass `ctx` then, see ../lazy.ts). */
export function mk(rule: string, severity: Severity, object: ObjectRef, message: string, why: string, fix?: FixSource, ctx?: RuleContext): Finding {
  const f: Finding = { rule, severity, object, message, why };
  return attachFix(f, ctx ?? ONCE, fix);
}
/** A context whose model never changes: a lazy fix without a context is built once. */
const ONCE = { model: undefined } as unknown as RuleContext;

/** Table name for fix SQL: schema-qualified unless in `public`. */
export function qt(model: SchemaModel, t: Table): string {
  const s = model.schemas[t.schemaId]?.name ?? 'public';
  return s === 'public' ? quoteIdent(t.name) : `${quoteIdent(s)}.${quoteIdent(t.name)}`;
}

/** The primary key constraint of a table (a plain loop: no closure per call). */
export function primaryKey(t: Table): PrimaryKey | undefined {
  const cs = t.constraints;
  for (let i = 0; i < cs.length; i++) {
    const c = cs[i]!;
    if (c.kind === 'primary') return c;
  }
  return undefined;
}

/** True when the table has an outgoing foreign key with a column of `id` (what `fkColumnIds(t).has(id)` says). */
export function isFkColumn(ctx: RuleContext, t: Table, id: Id): boolean {
  const fks = ctx.helpers.outgoing(t);
  for (let i = 0; i < fks.length; i++) if (fks[i]!.columns.includes(id)) return true;
  return false;
}

/** The model's tables in no particular order, one array per check shared by the global rules (do not mutate). */
export function allTables(ctx: RuleContext): readonly Table[] {
  return ctx.helpers.shared('KEY-REL/tables', () => Object.values(ctx.model.tables));
}

/** Number of distinct ids in a short list (shared with the H5 / H6 helpers). */
export { distinctCount } from '../helpers/keys';

export function colName(t: Table, id: Id): string {
  return column(t, id)?.name ?? '?';
}
export function colNames(t: Table, ids: readonly Id[]): string[] {
  return ids.map((id) => colName(t, id));
}
export function colList(t: Table, ids: readonly Id[]): string {
  return colNames(t, ids).map(quoteIdent).join(', ');
}
export function column(t: Table, id: Id): Column | undefined {
  const cs = t.columns;
  for (let i = 0; i < cs.length; i++) if (cs[i]!.id === id) return cs[i];
  return undefined;
}
/** Every id of `ids` is in `set` (short lists: no Set). */
export function within(ids: readonly Id[], set: readonly Id[]): boolean {
  for (let i = 0; i < ids.length; i++) if (!set.includes(ids[i]!)) return false;
  return true;
}
/** Every id names a column of the table. */
export function allColumns(t: Table, ids: readonly Id[]): boolean {
  for (let i = 0; i < ids.length; i++) if (!column(t, ids[i]!)) return false;
  return true;
}

/** The name PostgreSQL gives (or gave) a constraint: its explicit name, else the generated one. */
export function constraintName(t: Table, c: Constraint): string {
  if (c.name) return c.name;
  switch (c.kind) {
    case 'primary':
      return `${t.name}_pkey`;
    case 'unique':
      return `${t.name}_${colNames(t, c.columns).join('_')}_key`;
    case 'foreign':
      return `${t.name}_${colNames(t, c.columns).join('_')}_fkey`;
    case 'check':
      return `${t.name}_check`;
    default:
      return `${t.name}_excl`;
  }
}
export function indexName(t: Table, ix: Index): string {
  if (ix.name) return ix.name;
  const parts = ix.elements.map((e) => (e.column ? colName(t, e.column) : 'expr'));
  return `${t.name}_${parts.join('_')}_idx`;
}

/** Names already used by constraints and indexes of the table (to pick a fresh one). */
export function takenNames(t: Table): string[] {
  return [...t.constraints.map((c) => constraintName(t, c)), ...t.indexes.map((ix) => indexName(t, ix))];
}
export function freshName(t: Table, base: string): string {
  return uniqueName(base.slice(0, 63), takenNames(t));
}

/** A command editing one table of the document (throws when the table is gone). */
export function tableCmd(label: string, tableId: Id, run: (t: Table, d: TablewrightDocument) => void): Command {
  return {
    label,
    run(d) {
      const t = d.schema.tables[tableId];
      if (!t) throw new Error(`No table ${tableId}`);
      run(t, d);
    },
  };
}

/** A quick fix; `sql` may be a thunk, computed on first read (most fixes are never looked at). */
export function fix(label: string, sql: string | (() => string), command: Command): QuickFix {
  if (typeof sql === 'string') return { label, sql, command };
  let text: string | undefined;
  const f = { label, command } as QuickFix;
  Object.defineProperty(f, 'sql', { enumerable: true, get: () => (text ??= sql()) });
  return f;
}

export { newId };

/** The plain integer type behind a column (serial family → integer types). */
export function plainIntType(c: Column): string {
  if (c.serial === 'bigserial') return 'bigint';
  if (c.serial === 'smallserial') return 'smallint';
  if (c.serial === 'serial') return 'integer';
  return c.type;
}

/**
 * Replace the PK with a new surrogate `id bigint GENERATED ALWAYS AS IDENTITY` and keep the old key as UNIQUE.
 * Used by KEY-06 and KEY-10.
 */
export function surrogateSwap(ctx: RuleContext, t: Table, label: string): QuickFix | undefined {
  const pk = t.constraints.find((c) => c.kind === 'primary');
  if (!pk || pk.kind !== 'primary' || t.partitioning || t.partitionOf) return undefined;
  const idName = uniqueName('id', t.columns.map((c) => c.name));
  const ukName = freshName(t, `${t.name}_${colNames(t, pk.columns).join('_')}_key`);
  const pkName = constraintName(t, pk);
  const q = qt(ctx.model, t);
  const sql =
    `ALTER TABLE ${q} ADD COLUMN ${quoteIdent(idName)} bigint GENERATED ALWAYS AS IDENTITY;\n` +
    `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(ukName)} UNIQUE (${colList(t, pk.columns)});\n` +
    `ALTER TABLE ${q} DROP CONSTRAINT ${quoteIdent(pkName)}, ADD CONSTRAINT ${quoteIdent(pkName)} PRIMARY KEY (${quoteIdent(idName)});`;
  const command = tableCmd(label, t.id, (tt) => {
    const p = tt.constraints.find((c) => c.kind === 'primary');
    if (!p || p.kind !== 'primary') throw new Error('No primary key');
    const cid = newId('c');
    tt.columns.unshift({ id: cid, name: uniqueName('id', tt.columns.map((c) => c.name)), type: 'bigint', nullable: false, identity: { always: true, options: {} } });
    const uk: Constraint = { id: newId('k'), kind: 'unique', columns: [...p.columns], name: ukName };
    const i = tt.constraints.indexOf(p);
    tt.constraints.splice(i + 1, 0, uk);
    p.columns = [cid];
  });
  return fix(label, sql, command);
}

/** Rebuild an FK with another ON DELETE action (SQL: drop + add). */
export function fkActionFix(ctx: RuleContext, t: Table, fk: ForeignKey, action: ForeignKey['onDelete'], extra?: (t: Table) => void, extraSql = ''): QuickFix | undefined {
  const parent = ctx.helpers.table(fk.refTableId);
  if (!parent) return undefined;
  const sql = () => {
    const name = constraintName(t, fk);
    const q = qt(ctx.model, t);
    return extraSql +
    `ALTER TABLE ${q} DROP CONSTRAINT ${quoteIdent(name)},\n  ADD CONSTRAINT ${quoteIdent(name)} FOREIGN KEY (${colList(t, fk.columns)}) REFERENCES ${qt(ctx.model, parent)} (${colList(parent, fk.refColumns)}) ON DELETE ${action.toUpperCase()}${fk.onUpdate !== 'no action' ? ` ON UPDATE ${fk.onUpdate.toUpperCase()}` : ''};`;
  };
  const label = `Use ON DELETE ${action.toUpperCase()}`;
  return fix(label, sql, tableCmd(label, t.id, (tt) => {
    const f = tt.constraints.find((c) => c.id === fk.id);
    if (!f || f.kind !== 'foreign') throw new Error('No such foreign key');
    f.onDelete = action;
    delete f.onDeleteColumns;
    extra?.(tt);
  }));
}
