/**
 * Trigger SQL for the table behaviours (model.behaviors): updated_at, soft delete, audit history, counters and
 * search vectors. Output is idempotent (CREATE OR REPLACE FUNCTION, DROP TRIGGER IF EXISTS + CREATE TRIGGER,
 * CREATE TABLE / INDEX IF NOT EXISTS, ADD COLUMN IF NOT EXISTS, backfills that only touch stale rows), every name
 * is quoted with quoteIdent and fitted into 63 bytes, and every PL/pgSQL body is checked with libpg-query's PL/pgSQL
 * parser (`await initTriggers()` once before calling anything here).
 *
 * Audit actor: the audit triggers record `current_setting('app.user_id', true)` (NULL when unset or empty). The
 * application sets it per transaction: `SET LOCAL app.user_id = '42'` or `SELECT set_config('app.user_id', '42', true)`.
 * Soft delete escape hatch: with `SET LOCAL app.hard_delete = 'on'` a DELETE really deletes.
 */
import type { Diagnostic } from '../model/diagnostics';
import type { BehaviorNames, SearchWeight, TableBehaviors } from '../model/behaviors';
import type { Column, ForeignKey, Id, RawDefines, RawStatement, SchemaModel, Table } from '../model/types';
import { primaryKey } from '../model/query';
import { quoteIdent, quoteLiteral } from '../sql/ident';
import { checkPlpgsql } from './check';
import { DEFAULT_NAMES, fitIdent } from './names';

export type BehaviorKind = 'updatedAt' | 'softDelete' | 'audit' | 'counter' | 'search';

export type PieceKind = 'table' | 'comment' | 'column' | 'function' | 'drop-trigger' | 'trigger' | 'index' | 'view' | 'backfill';

/** One generated statement. */
export interface TriggerStatement {
  /** Stable key: shared objects are keyed by what they are (`function:public.set_updated_at`), others by table. */
  key: string;
  kind: PieceKind;
  /** One statement, without the trailing semicolon. */
  sql: string;
  /** Parser node type of `sql` (as the importer would record it). */
  nodeType: string;
  label: string;
  /** The model table this statement belongs to / acts on. */
  tableId?: Id;
  behavior: BehaviorKind;
  /** Keys of other statements and model ids this one needs first. */
  deps: string[];
  defines?: RawDefines;
}

export interface GenerateOptions {
  /** Schema of shared objects (the updated_at function, the shared audit table and its function). Default `public`. */
  sharedSchema?: string;
  /** Shared audit table name (default `audit_log`) and its function (default `audit_row_change`). */
  auditTable?: string;
  auditFunction?: string;
  /** Setting the audit actor is read from (default `app.user_id`). */
  actorSetting?: string;
  /** Setting that lets a DELETE through a soft-delete trigger when `on` (default `app.hard_delete`). */
  hardDeleteSetting?: string;
}

export interface TriggerSqlResult {
  sql: string;
  statements: TriggerStatement[];
  diagnostics: Diagnostic[];
}

const ORDER: PieceKind[] = ['table', 'comment', 'column', 'function', 'drop-trigger', 'trigger', 'index', 'view', 'backfill'];
const NODE: Record<PieceKind, string> = {
  table: 'CreateStmt',
  comment: 'CommentStmt',
  column: 'AlterTableStmt',
  function: 'CreateFunctionStmt',
  'drop-trigger': 'DropStmt',
  trigger: 'CreateTrigStmt',
  index: 'IndexStmt',
  view: 'ViewStmt',
  backfill: 'UpdateStmt',
};

const TEXTY = /^(text|character varying|varchar|char|character|bpchar|citext|name)\b/i;

function qn(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** `$fn$ ... $fn$` with a tag that does not occur in the body. */
function dollarQuote(body: string): string {
  let tag = 'fn';
  for (let i = 1; body.includes(`$${tag}$`); i++) tag = `fn${i}`;
  return `$${tag}$\n${body}\n$${tag}$`;
}

function triggerFunction(schema: string, name: string, body: string[]): string {
  const sql = `CREATE OR REPLACE FUNCTION ${qn(schema, name)}()\n RETURNS trigger\n LANGUAGE plpgsql\nAS ${dollarQuote(['BEGIN', ...body.map((l) => '  ' + l), 'END;'].join('\n'))}`;
  checkPlpgsql(sql);
  return sql;
}

/** Generator state for one run. */
class Gen {
  readonly pieces = new Map<string, TriggerStatement>();
  readonly diagnostics: Diagnostic[] = [];
  readonly shared: string;
  readonly actor: string;
  readonly hardDelete: string;
  constructor(
    readonly model: SchemaModel,
    readonly opts: GenerateOptions,
  ) {
    this.shared = opts.sharedSchema ?? DEFAULT_NAMES.sharedSchema;
    this.actor = opts.actorSetting ?? DEFAULT_NAMES.actorSetting;
    this.hardDelete = opts.hardDeleteSetting ?? DEFAULT_NAMES.hardDeleteSetting;
  }

  diag(severity: Diagnostic['severity'], code: string, message: string): void {
    if (!this.diagnostics.some((d) => d.code === code && d.message === message)) this.diagnostics.push({ severity, code, message });
  }

  add(p: Omit<TriggerStatement, 'nodeType'> & { nodeType?: string }): string {
    const prev = this.pieces.get(p.key);
    if (prev) {
      if (prev.sql !== p.sql) this.diag('error', 'behavior-conflict', `${p.label}: two behaviours need different definitions of the same object; the first one is kept`);
      return p.key;
    }
    this.pieces.set(p.key, { ...p, nodeType: p.nodeType ?? NODE[p.kind] });
    return p.key;
  }

  schemaOf(t: Table): string {
    return this.model.schemas[t.schemaId]?.name ?? 'public';
  }
  tname(t: Table): string {
    return qn(this.schemaOf(t), t.name);
  }
  label(t: Table): string {
    return `${this.schemaOf(t)}.${t.name}`;
  }
  /** A name: the configured one (must fit) or the fitted default. */
  name(configured: string | undefined, dflt: string, what: string): string {
    if (configured !== undefined && configured !== '') {
      const fitted = fitIdent(configured);
      if (fitted !== configured) this.diag('warning', 'identifier-too-long', `${what} name "${configured}" is longer than 63 bytes; using "${fitted}"`);
      return fitted;
    }
    return fitIdent(dflt);
  }

  /** ADD COLUMN IF NOT EXISTS when the model table lacks the column; returns the dependency key (table id or piece). */
  ensureColumn(t: Table, column: string, type: string, behavior: BehaviorKind, expectType?: RegExp): string {
    const have = t.columns.find((c) => c.name === column);
    if (have) {
      if (expectType && !expectType.test(have.type)) {
        this.diag('warning', 'behavior-column-type', `${this.label(t)}.${column} is ${have.type}; the ${behaviorWord(behavior)} behaviour expects ${type}`);
      }
      return t.id;
    }
    this.diag('info', 'behavior-column-added', `${this.label(t)} has no column ${column}: it is added as ${type}`);
    return this.add({
      key: `${t.id}:column:${column}`,
      kind: 'column',
      sql: `ALTER TABLE ${this.tname(t)} ADD COLUMN IF NOT EXISTS ${quoteIdent(column)} ${type}`,
      label: `column ${this.label(t)}.${column}`,
      tableId: t.id,
      behavior,
      deps: [t.id],
    });
  }

  trigger(t: Table, behavior: BehaviorKind, name: string, timing: string, forEach: 'ROW', fnKey: string, fnSql: string, deps: string[]): void {
    const key = `${t.id}:trigger:${name}`;
    const drop = this.add({
      key: key + ':drop',
      kind: 'drop-trigger',
      sql: `DROP TRIGGER IF EXISTS ${quoteIdent(name)} ON ${this.tname(t)}`,
      label: `drop trigger ${name} on ${this.label(t)}`,
      tableId: t.id,
      behavior,
      deps: [t.id, ...deps],
    });
    this.add({
      key,
      kind: 'trigger',
      sql: `CREATE TRIGGER ${quoteIdent(name)} ${timing} ON ${this.tname(t)} FOR EACH ${forEach} EXECUTE FUNCTION ${fnSql}()`,
      label: `trigger ${name} on ${this.label(t)}`,
      tableId: t.id,
      behavior,
      deps: [t.id, fnKey, drop, ...deps],
      defines: { kind: 'trigger', schema: this.schemaOf(t), name: `${t.name}.${name}` },
    });
  }

  fn(behavior: BehaviorKind, schema: string, name: string, body: string[], tableId: Id | undefined, deps: string[] = []): { key: string; sqlName: string } {
    const key = `function:${schema}.${name}`;
    if (schema !== 'public' && !Object.values(this.model.schemas).some((s) => s.name === schema)) {
      this.diag('warning', 'behavior-missing-schema', `function ${schema}.${name}(): schema ${schema} is not in the diagram; create it first or the function cannot be created`);
    }
    this.add({
      key,
      kind: 'function',
      sql: triggerFunction(schema, name, body),
      label: `function ${schema}.${name}()`,
      ...(tableId ? { tableId } : {}),
      behavior,
      deps,
      defines: { kind: 'function', schema, name },
    });
    return { key, sqlName: qn(schema, name) };
  }

  hasIndexOn(t: Table, column: string, method?: string): boolean {
    const c = t.columns.find((x) => x.name === column);
    if (!c) return false;
    return t.indexes.some((ix) => ix.elements.length >= 1 && ix.elements[0]?.column === c.id && !ix.where && (!method || ix.method === method));
  }

  findTable(schema: string, name: string): Table | undefined {
    return Object.values(this.model.tables).find((t) => t.name === name && this.schemaOf(t) === schema);
  }

  // ------------------------------------------------------------------ behaviours

  updatedAt(t: Table, b: NonNullable<TableBehaviors['updatedAt']>): void {
    const col = b.column || 'updated_at';
    const colDep = this.ensureColumn(t, col, 'timestamptz NOT NULL DEFAULT now()', 'updatedAt', /^timestamp/i);
    const fschema = b.functionSchema || this.shared;
    const fname = this.name(b.function, DEFAULT_NAMES.updatedAtFunction(col), 'updated_at function');
    const f = this.fn('updatedAt', fschema, fname, [`NEW.${quoteIdent(col)} := now();`, 'RETURN NEW;'], undefined);
    const tname = this.name(b.trigger, DEFAULT_NAMES.updatedAtTrigger(t.name, col), 'updated_at trigger');
    this.trigger(t, 'updatedAt', tname, 'BEFORE UPDATE', 'ROW', f.key, f.sqlName, colDep === t.id ? [] : [colDep]);
  }

  /** Columns identifying a row: the PK, else a UNIQUE constraint on NOT NULL columns. */
  rowKey(t: Table): Column[] | undefined {
    const pk = primaryKey(t);
    const cols = (ids: Id[]) => ids.map((id) => t.columns.find((c) => c.id === id)).filter((c): c is Column => !!c);
    if (pk) return cols(pk.columns);
    for (const c of t.constraints) if (c.kind === 'unique') {
      const cs = cols(c.columns);
      if (cs.length === c.columns.length && cs.every((x) => !x.nullable)) return cs;
    }
    return undefined;
  }

  softDelete(t: Table, b: NonNullable<TableBehaviors['softDelete']>): void {
    const col = b.column || 'deleted_at';
    const qcol = quoteIdent(col);
    const colDep = this.ensureColumn(t, col, 'timestamptz', 'softDelete', /^timestamp/i);
    const extra = colDep === t.id ? [] : [colDep];
    const schema = this.schemaOf(t);
    if (b.interceptDelete) {
      const key = this.rowKey(t);
      if (!key?.length) {
        this.diag('error', 'behavior-no-key', `${this.label(t)}: soft delete cannot intercept DELETE without a primary key (or NOT NULL unique key)`);
      } else {
        const where = key.map((c) => `${quoteIdent(c.name)} = OLD.${quoteIdent(c.name)}`).join(' AND ');
        const fname = this.name(b.function, DEFAULT_NAMES.softDeleteFunction(t.name), 'soft delete function');
        const f = this.fn('softDelete', b.functionSchema || schema, fname, [
          `IF current_setting(${quoteLiteral(this.hardDelete)}, true) = 'on' THEN`,
          '  RETURN OLD;',
          'END IF;',
          `UPDATE ${this.tname(t)} SET ${qcol} = now() WHERE ${where} AND ${qcol} IS NULL;`,
          'RETURN NULL;',
        ], t.id, [t.id, ...extra]);
        const tname = this.name(b.trigger, DEFAULT_NAMES.softDeleteTrigger(t.name), 'soft delete trigger');
        this.trigger(t, 'softDelete', tname, 'BEFORE DELETE', 'ROW', f.key, f.sqlName, extra);
      }
    }
    for (const s of softDeleteIndexSuggestions(this.model, t.id, col)) {
      if (b.partialIndexes) {
        this.add({ key: `${t.id}:index:${s.name}`, kind: 'index', sql: s.sql, label: `index ${s.name} on ${this.label(t)}`, tableId: t.id, behavior: 'softDelete', deps: [t.id, ...extra] });
      } else {
        this.diag('info', 'soft-delete-index-suggestion', `${this.label(t)}: consider ${s.sql} (and dropping the plain unique key) so deleted rows do not block new ones`);
      }
    }
    const vname = this.name(b.view, DEFAULT_NAMES.liveView(t.name), 'live view');
    const viewInModel = Object.values(this.model.views).some((v) => v.name === vname && (this.model.schemas[v.schemaId]?.name ?? 'public') === schema);
    if (b.liveView && !viewInModel) {
      const cols = t.columns.map((c) => quoteIdent(c.name));
      if (!t.columns.some((c) => c.name === col)) cols.push(qcol);
      this.add({
        key: `${t.id}:view:${vname}`,
        kind: 'view',
        sql: `CREATE OR REPLACE VIEW ${qn(schema, vname)} AS\n SELECT ${cols.join(', ')}\n FROM ${this.tname(t)}\n WHERE ${qcol} IS NULL`,
        label: `view ${schema}.${vname}`,
        tableId: t.id,
        behavior: 'softDelete',
        deps: [t.id, ...extra],
      });
    }
  }

  auditTable(schema: string, name: string, shared: boolean, tableId: Id | undefined): string {
    const existing = this.findTable(schema, name);
    if (existing) return existing.id;
    const cols = [
      'id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
      ...(shared ? ['table_schema text NOT NULL', 'table_name text NOT NULL'] : []),
      "operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE'))",
      'old_row jsonb',
      'new_row jsonb',
      'changed_at timestamptz NOT NULL DEFAULT now()',
      'actor text',
    ];
    const key = this.add({
      key: `table:${schema}.${name}`,
      kind: 'table',
      sql: `CREATE TABLE IF NOT EXISTS ${qn(schema, name)} (\n  ${cols.join(',\n  ')}\n)`,
      label: `table ${schema}.${name}`,
      ...(tableId ? { tableId } : {}),
      behavior: 'audit',
      deps: [],
    });
    const doc =
      `Row history written by trigger (operation, old and new row as jsonb, time). actor = current_setting('${this.actor}', true): ` +
      `set it per transaction with SET LOCAL ${this.actor} = '...' or set_config('${this.actor}', '...', true); NULL when unset.`;
    this.add({ key: `comment:${schema}.${name}`, kind: 'comment', sql: `COMMENT ON TABLE ${qn(schema, name)} IS ${quoteLiteral(doc)}`,
      label: `comment on ${schema}.${name}`, ...(tableId ? { tableId } : {}), behavior: 'audit', deps: [key] });
    const iname = fitIdent(shared ? DEFAULT_NAMES.auditIndex(name) : DEFAULT_NAMES.historyIndex(name));
    this.add({
      key: `index:${schema}.${iname}`,
      kind: 'index',
      sql: `CREATE INDEX IF NOT EXISTS ${quoteIdent(iname)} ON ${qn(schema, name)} (${shared ? 'table_schema, table_name, ' : ''}changed_at)`,
      label: `index ${iname}`,
      ...(tableId ? { tableId } : {}),
      behavior: 'audit',
      deps: [key],
    });
    return key;
  }

  audit(t: Table, b: NonNullable<TableBehaviors['audit']>): void {
    const schema = this.schemaOf(t);
    const actor = `nullif(current_setting(${quoteLiteral(this.actor)}, true), '')`;
    const oldRow = `CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN to_jsonb(OLD) END`;
    const newRow = `CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN to_jsonb(NEW) END`;
    let f: { key: string; sqlName: string };
    if (b.mode === 'shared') {
      const aname = this.name(this.opts.auditTable, DEFAULT_NAMES.auditTable, 'audit table');
      const tkey = this.auditTable(this.shared, aname, true, undefined);
      const fname = this.name(b.function ?? this.opts.auditFunction, DEFAULT_NAMES.auditFunction, 'audit function');
      f = this.fn('audit', b.functionSchema || this.shared, fname, [
        `INSERT INTO ${qn(this.shared, aname)} (table_schema, table_name, operation, old_row, new_row, actor)`,
        `VALUES (TG_TABLE_SCHEMA, TG_TABLE_NAME, TG_OP, ${oldRow}, ${newRow}, ${actor});`,
        'RETURN NULL;',
      ], undefined, [tkey]);
    } else {
      const hname = this.name(b.table, DEFAULT_NAMES.historyTable(t.name), 'history table');
      const tkey = this.auditTable(schema, hname, false, t.id);
      const fname = this.name(b.function, DEFAULT_NAMES.historyFunction(t.name), 'history function');
      f = this.fn('audit', b.functionSchema || schema, fname, [
        `INSERT INTO ${qn(schema, hname)} (operation, old_row, new_row, actor)`,
        `VALUES (TG_OP, ${oldRow}, ${newRow}, ${actor});`,
        'RETURN NULL;',
      ], t.id, [tkey]);
    }
    const tname = this.name(b.trigger, DEFAULT_NAMES.auditTrigger(t.name), 'audit trigger');
    this.trigger(t, 'audit', tname, 'AFTER INSERT OR UPDATE OR DELETE', 'ROW', f.key, f.sqlName, []);
  }

  counter(parent: Table, c: NonNullable<TableBehaviors['counters']>[number]): void {
    const child = this.model.tables[c.childTableId];
    const fk = child?.constraints.find((x): x is ForeignKey => x.id === c.fkId && x.kind === 'foreign');
    if (!child || !fk || fk.refTableId !== parent.id) {
      this.diag('error', 'behavior-counter-fk', `${this.label(parent)}.${c.column}: the counted child table or its foreign key to ${this.label(parent)} is not in the model`);
      return;
    }
    const childCols = fk.columns.map((id) => child.columns.find((x) => x.id === id));
    const parentCols = fk.refColumns.map((id) => parent.columns.find((x) => x.id === id));
    if (!childCols.length || childCols.length !== parentCols.length || childCols.some((x) => !x) || parentCols.some((x) => !x)) {
      this.diag('error', 'behavior-counter-fk', `${this.label(parent)}.${c.column}: foreign key columns of ${this.label(child)} are not resolved`);
      return;
    }
    const cc = childCols.map((x) => quoteIdent(x!.name));
    const pc = parentCols.map((x) => quoteIdent(x!.name));
    const col = quoteIdent(c.column);
    const colDep = this.ensureColumn(parent, c.column, 'integer NOT NULL DEFAULT 0', 'counter', /^(integer|bigint|smallint|int|numeric)/i);
    const match = (rec: string) => pc.map((p, i) => `p.${p} = ${rec}.${cc[i]}`).join(' AND ');
    const notNull = (rec: string) => cc.map((x) => `${rec}.${x} IS NOT NULL`).join(' AND ');
    const row = (rec: string) => (cc.length === 1 ? `${rec}.${cc[0]}` : `(${cc.map((x) => `${rec}.${x}`).join(', ')})`);
    const ptable = this.tname(parent);
    const fname = this.name(c.function, DEFAULT_NAMES.counterFunction(parent.name, c.column), 'counter function');
    const deps = [parent.id, child.id, ...(colDep === parent.id ? [] : [colDep])];
    const f = this.fn('counter', c.functionSchema || this.schemaOf(parent), fname, [
      `IF TG_OP = 'UPDATE' THEN`,
      `  IF ${row('OLD')} IS NOT DISTINCT FROM ${row('NEW')} THEN`,
      '    RETURN NULL;',
      '  END IF;',
      'END IF;',
      `IF TG_OP IN ('UPDATE', 'DELETE') THEN`,
      `  IF ${notNull('OLD')} THEN`,
      `    UPDATE ${ptable} AS p SET ${col} = p.${col} - 1 WHERE ${match('OLD')};`,
      '  END IF;',
      'END IF;',
      `IF TG_OP IN ('INSERT', 'UPDATE') THEN`,
      `  IF ${notNull('NEW')} THEN`,
      `    UPDATE ${ptable} AS p SET ${col} = p.${col} + 1 WHERE ${match('NEW')};`,
      '  END IF;',
      'END IF;',
      'RETURN NULL;',
    ], parent.id, deps);
    const tname = this.name(c.trigger, DEFAULT_NAMES.counterTrigger(child.name, parent.name, c.column), 'counter trigger');
    this.trigger(child, 'counter', tname, `AFTER INSERT OR DELETE OR UPDATE OF ${cc.join(', ')}`, 'ROW', f.key, f.sqlName, deps.filter((d) => d !== child.id));
    const count = `(SELECT count(*) FROM ${this.tname(child)} AS c WHERE ${pc.map((p, i) => `c.${cc[i]} = p.${p}`).join(' AND ')})`;
    this.add({
      key: `${parent.id}:backfill:${c.column}`,
      kind: 'backfill',
      sql: `UPDATE ${ptable} AS p SET ${col} = ${count} WHERE p.${col} IS DISTINCT FROM ${count}`,
      label: `backfill ${this.label(parent)}.${c.column}`,
      tableId: parent.id,
      behavior: 'counter',
      deps: [...deps, `${child.id}:trigger:${tname}`],
    });
  }

  search(t: Table, b: NonNullable<TableBehaviors['search']>): void {
    const col = b.column || 'search_vector';
    const sources: Column[] = [];
    for (const s of b.sources) {
      const c = t.columns.find((x) => x.id === s) ?? t.columns.find((x) => x.name === s);
      if (!c) this.diag('error', 'behavior-search-source', `${this.label(t)}: search source column ${s} is not in the table`);
      else if (c.name === col) this.diag('error', 'behavior-search-source', `${this.label(t)}: the search column cannot be its own source`);
      else sources.push(c);
    }
    if (!sources.length) {
      this.diag('error', 'behavior-search-source', `${this.label(t)}.${col}: no source columns; nothing generated`);
      return;
    }
    const colDep = this.ensureColumn(t, col, 'tsvector', 'search', /^tsvector$/i);
    const extra = colDep === t.id ? [] : [colDep];
    const cfg = `${quoteLiteral(b.config || 'simple')}::regconfig`;
    const weightOf = (c: Column): SearchWeight | undefined => b.weights?.[c.id] ?? b.weights?.[c.name];
    const text = (rec: string, c: Column) => {
      const ref = `${rec}${quoteIdent(c.name)}`;
      return `coalesce(${TEXTY.test(c.type) ? ref : `${ref}::text`}, '')`;
    };
    const expr = (rec: string) =>
      sources.some((c) => weightOf(c))
        ? sources.map((c) => {
            const v = `to_tsvector(${cfg}, ${text(rec, c)})`;
            const w = weightOf(c);
            return w ? `setweight(${v}, ${quoteLiteral(w)})` : v;
          }).join(' || ')
        : `to_tsvector(${cfg}, ${sources.map((c) => text(rec, c)).join(" || ' ' || ")})`;
    const fname = this.name(b.function, DEFAULT_NAMES.searchFunction(t.name, col), 'search function');
    const f = this.fn('search', b.functionSchema || this.schemaOf(t), fname, [`NEW.${quoteIdent(col)} := ${expr('NEW.')};`, 'RETURN NEW;'], t.id, [t.id, ...extra]);
    const tname = this.name(b.trigger, DEFAULT_NAMES.searchTrigger(t.name, col), 'search trigger');
    const ofCols = [...sources.map((c) => quoteIdent(c.name)), quoteIdent(col)];
    this.trigger(t, 'search', tname, `BEFORE INSERT OR UPDATE OF ${ofCols.join(', ')}`, 'ROW', f.key, f.sqlName, extra);
    if (!this.hasIndexOn(t, col, 'gin')) {
      const iname = this.name(b.index, DEFAULT_NAMES.searchIndex(t.name, col), 'search index');
      this.add({ key: `${t.id}:index:${iname}`, kind: 'index', sql: `CREATE INDEX IF NOT EXISTS ${quoteIdent(iname)} ON ${this.tname(t)} USING gin (${quoteIdent(col)})`,
        label: `index ${iname} on ${this.label(t)}`, tableId: t.id, behavior: 'search', deps: [t.id, ...extra] });
    }
    this.add({
      key: `${t.id}:backfill:${col}`,
      kind: 'backfill',
      sql: `UPDATE ${this.tname(t)} SET ${quoteIdent(col)} = ${expr('')} WHERE ${quoteIdent(col)} IS DISTINCT FROM ${expr('')}`,
      label: `backfill ${this.label(t)}.${col}`,
      tableId: t.id,
      behavior: 'search',
      deps: [t.id, ...extra, `${t.id}:trigger:${tname}`],
    });
  }

  run(behaviors: Record<Id, TableBehaviors>): void {
    const tables = Object.entries(behaviors)
      .map(([id, b]) => [this.model.tables[id], b, id] as const)
      .sort((a, b) => (a[0]?.seq ?? 0) - (b[0]?.seq ?? 0));
    for (const [t, b, id] of tables) {
      if (!t) {
        this.diag('warning', 'behavior-unknown-table', `behaviours of table ${id}: the table is not in the model; skipped`);
        continue;
      }
      if (b.updatedAt) this.updatedAt(t, b.updatedAt);
      if (b.softDelete) this.softDelete(t, b.softDelete);
      if (b.audit) this.audit(t, b.audit);
      for (const c of b.counters ?? []) this.counter(t, c);
      if (b.search) this.search(t, b.search);
    }
  }

  ordered(): TriggerStatement[] {
    const all = [...this.pieces.values()];
    return ORDER.flatMap((k) => all.filter((p) => p.kind === k));
  }
}

function behaviorWord(b: BehaviorKind): string {
  return { updatedAt: 'updated_at', softDelete: 'soft delete', audit: 'audit', counter: 'counter', search: 'search' }[b];
}

/** Partial unique indexes `WHERE <column> IS NULL` for the table's unique keys (not the PK). */
export function softDeleteIndexSuggestions(model: SchemaModel, tableId: Id, column = 'deleted_at'): { name: string; sql: string }[] {
  const t = model.tables[tableId];
  if (!t) return [];
  const schema = model.schemas[t.schemaId]?.name ?? 'public';
  const keys: string[][] = [];
  const names = (ids: Id[]) => ids.map((id) => t.columns.find((c) => c.id === id)?.name).filter((x): x is string => !!x);
  for (const c of t.constraints) if (c.kind === 'unique') keys.push(names(c.columns));
  for (const ix of t.indexes) if (ix.unique && !ix.where && ix.elements.every((e) => e.column)) keys.push(names(ix.elements.map((e) => e.column!)));
  const seen = new Set<string>();
  const out: { name: string; sql: string }[] = [];
  for (const k of keys) {
    if (!k.length || k.includes(column) || seen.has(k.join('\u0000'))) continue;
    seen.add(k.join('\u0000'));
    const name = fitIdent(DEFAULT_NAMES.liveUniqueIndex(t.name, k));
    out.push({ name, sql: `CREATE UNIQUE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${qn(schema, t.name)} (${k.map(quoteIdent).join(', ')}) WHERE ${quoteIdent(column)} IS NULL` });
  }
  return out;
}

/**
 * The trigger SQL for `behaviorsByTableId` (default: model.behaviors): functions, the extra columns / tables /
 * indexes / views they need, triggers, and backfills. Throws TriggerGeneratorError only for a generator bug.
 */
export function generateTriggerSql(model: SchemaModel, behaviorsByTableId?: Record<Id, TableBehaviors>, opts: GenerateOptions = {}): TriggerSqlResult {
  const g = new Gen(model, opts);
  g.run(behaviorsByTableId ?? model.behaviors ?? {});
  const statements = g.ordered();
  const header = statements.length
    ? [
        '-- Trigger SQL generated by Tablewright (idempotent: safe to apply again).',
        ...(statements.some((s) => s.behavior === 'audit')
          ? [`-- Audit actor: current_setting('${g.actor}', true). Set it per transaction: SET LOCAL ${g.actor} = '<user id>';`]
          : []),
        ...(statements.some((s) => s.behavior === 'softDelete' && s.kind === 'trigger')
          ? [`-- Soft delete: DELETE sets the deleted-at column; SET LOCAL ${g.hardDelete} = 'on' lets a DELETE through.`]
          : []),
        '',
      ].join('\n')
    : '';
  return { sql: header + statements.map((s) => s.sql + ';\n').join('\n'), statements, diagnostics: g.diagnostics };
}

/** The statements the DDL export includes for model.behaviors (same as generateTriggerSql(model).statements). */
export function behaviorStatements(model: SchemaModel, opts: GenerateOptions = {}): TriggerStatement[] {
  return generateTriggerSql(model, undefined, opts).statements;
}

/** Raw statement id of a behaviour statement (stable across runs). */
export function behaviorRawId(key: string): Id {
  return `bh:${key}`;
}

/**
 * The behaviour SQL as RawStatement records (ids `bh:<key>`, deps on model ids and on each other, target = table)
 * for the DDL export to merge into `model.raw`. `seq` continues after model.nextSeq, in generation order.
 */
export function behaviorRawStatements(model: SchemaModel, opts: GenerateOptions = {}): RawStatement[] {
  const stmts = behaviorStatements(model, opts);
  const keys = new Set(stmts.map((s) => s.key));
  // A verbatim CREATE FUNCTION of the same name (kept because other verbatim triggers still call it) goes first, so
  // the behaviour's CREATE OR REPLACE comes after it instead of making the plain CREATE fail.
  const verbatimFns = new Map<string, Id[]>();
  for (const r of Object.values(model.raw)) {
    if (r.defines?.kind !== 'function') continue;
    const k = `${r.defines.schema ?? 'public'}.${r.defines.name}`;
    verbatimFns.set(k, [...(verbatimFns.get(k) ?? []), r.id]);
  }
  return stmts.map((s, i) => {
    const same = s.kind === 'function' && s.defines ? verbatimFns.get(`${s.defines.schema ?? 'public'}.${s.defines.name}`) ?? [] : [];
    const r: RawStatement = {
      id: behaviorRawId(s.key),
      sql: s.sql,
      nodeType: s.nodeType,
      label: s.label,
      deps: [...new Set([...s.deps.map((d) => (keys.has(d) ? behaviorRawId(d) : d)), ...same])],
      phase: 'main',
      seq: model.nextSeq + i,
    };
    if (s.tableId) r.target = s.tableId;
    if (s.defines) r.defines = s.defines;
    return r;
  });
}

/** Same as behaviorRawStatements, keyed by id (ready to spread into `model.raw`). */
export function behaviorRawRecord(model: SchemaModel, opts: GenerateOptions = {}): Record<Id, RawStatement> {
  return Object.fromEntries(behaviorRawStatements(model, opts).map((r) => [r.id, r]));
}

export type { BehaviorNames };
