/**
 * Shared test kit of the rule tests (KEY/REL have their own fixtures; IDX, NF, TYPE, NAME, AUD and SEC use this):
 * one PGlite per test file, fixture loading, running rules, and the quick-fix proofs (the finding disappears, the
 * fix SQL runs on the original schema, the fixed model applies, undo restores).
 *
 * `ruleFixKit(rules, { openDb })` registers the per-file set-up (parser, trigger generator, a database from
 * `openDb`, by default a plain PGlite; tests that need contrib extensions pass tests/harness `freshDb`) and returns
 * the helpers; rules are looked up by id in `rules` or passed as objects.
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect } from 'vitest';
import { History } from '../../commands/history';
import { documentFromModel } from '../../document/document';
import type { SchemaModel, Table } from '../../model/types';
import { exportDdl } from '../../sql/export/ddl';
import { importSql, initParser } from '../../sql/import/index';
import { initTriggers } from '../../triggers/check';
import { behaviorRawRecord } from '../../triggers/generate';
import { createHelpers } from '../helpers/index';
import type { Finding, QuickFix, Rule, RuleContext, TableRole } from '../types';

export type Roles = Record<string, TableRole>;

/** Import SQL (the parser must be initialised); throws on import errors. */
export function load(sql: string): SchemaModel {
  const r = importSql(sql);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map((e) => e.message).join('; '));
  return r.model;
}

/** A rule context like the engine's; `roles` overrides roles by table name. */
export function ctxFor(model: SchemaModel, roles: Roles = {}): RuleContext {
  const helpers = createHelpers(model);
  return { model, helpers, role: (t: Table) => roles[t.name] ?? helpers.inferRole(t) };
}

/** Run one rule over the whole model (table checks in document order, then the global check). */
export function run(rule: Rule, model: SchemaModel, roles: Roles = {}): Finding[] {
  const ctx = ctxFor(model, roles);
  const out: Finding[] = [];
  const tables = Object.values(model.tables).sort((a, b) => a.seq - b.seq);
  if (rule.checkTable) for (const t of tables) out.push(...rule.checkTable(t, ctx));
  if (rule.checkModel) out.push(...rule.checkModel(ctx));
  return out;
}

/** `table.column` (or `table`) of a finding. */
export function where(f: Finding): string {
  return f.object.column ? `${f.object.table}.${f.object.column}` : `${f.object.table}`;
}

/** Same rule and object (table, column, index, constraint). */
export function same(a: Finding, b: Finding): boolean {
  return a.rule === b.rule && a.object.tableId === b.object.tableId && a.object.columnId === b.object.columnId && a.object.indexId === b.object.indexId && a.object.constraintId === b.object.constraintId;
}

/** Apply a quick fix through History; returns the new model (throws when the command fails or changes nothing). */
export function applyTo(model: SchemaModel, fix: QuickFix): SchemaModel {
  const h = new History();
  const r = h.apply(documentFromModel(model), fix.command);
  if (r.error) throw new Error(r.error);
  if (!r.changed) throw new Error(`fix "${fix.label}" changed nothing`);
  return r.doc.schema;
}

/** DDL of a model, behaviour triggers included (the kit initialises the trigger generator). */
export function ddl(model: SchemaModel): string {
  return exportDdl({ ...model, raw: { ...model.raw, ...behaviorRawRecord(model) } }, { header: false }).sql;
}

export function ruleFixKit(rules: readonly Rule[] = [], opts: { openDb?: () => Promise<PGlite> } = {}) {
  let db: PGlite;
  beforeAll(async () => {
    await initParser();
    await initTriggers();
    db = await (opts.openDb ?? (() => PGlite.create()))();
  });
  afterAll(async () => {
    await db?.close();
  });

  const rule = (id: string | Rule): Rule => {
    if (typeof id !== 'string') return id;
    const r = rules.find((x) => x.id === id);
    if (!r) throw new Error(`rule ${id} missing`);
    return r;
  };

  /** Run a rule and check the shape of what it reports (its id, a message and a why in plain words). */
  function check(id: string | Rule, model: SchemaModel, roles: Roles = {}): Finding[] {
    const r = rule(id);
    const out = run(r, model, roles);
    for (const f of out) {
      expect(f.rule).toBe(r.id);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.why.length).toBeGreaterThan(10);
    }
    return out;
  }

  /** The findings of a rule on a fixture. */
  const hits = (id: string | Rule, sql: string, roles: Roles = {}) => check(id, load(sql), roles);
  /** `table.column` of every finding of a rule on a fixture. */
  const spots = (id: string | Rule, sql: string, roles: Roles = {}) => hits(id, sql, roles).map(where);

  /** Empty the public schema between PostgreSQL runs. */
  async function resetDb(): Promise<void> {
    await db.exec('RESET ALL; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public; SET search_path = public;');
  }

  /** Create a model's schema (behaviour triggers included) in an empty database. */
  async function deploy(m: SchemaModel): Promise<void> {
    await resetDb();
    await db.exec(ddl(m));
  }

  /**
   * Apply the first fix of rule `id` (or the one whose message matches `pick`): the finding disappears, the fix SQL
   * runs on the original schema, the fixed model exports to DDL that PostgreSQL accepts, and undo restores.
   */
  async function applyFix(id: string | Rule, sql: string, pick?: RegExp, roles: Roles = {}): Promise<{ before: Finding[]; after: Finding[]; model: SchemaModel; fix: Finding }> {
    const model = load(sql);
    const before = check(id, model, roles);
    const f = before.find((x) => x.fix && (!pick || pick.test(x.message)));
    expect(f, `a ${rule(id).id} finding with a fix`).toBeTruthy();
    const h = new History();
    const res = h.apply(documentFromModel(model), f!.fix!.command);
    expect(res.error).toBeUndefined();
    expect(res.changed).toBe(true);
    const after = check(id, res.doc.schema, roles);
    expect(after.map((x) => x.message)).not.toContain(f!.message);
    expect(after.length).toBeLessThan(before.length);
    // the SQL shown for the fix runs on the original schema
    await resetDb();
    await db.exec(exportDdl(model).sql);
    await db.exec(f!.fix!.sql.replace(/ CONCURRENTLY/g, ''));
    // the fixed model still applies
    await resetDb();
    const out = exportDdl(res.doc.schema);
    expect(out.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await db.exec(out.sql);
    // and undo restores the original
    expect(h.undo(res.doc).schema).toEqual(model);
    return { before, after, model: res.doc.schema, fix: f! };
  }

  /**
   * Every quick fix of the rule on the fixture (at least `min`, default 1): its SQL runs on the deployed original
   * schema; applied to the model through History it makes the finding disappear; the fixed model's DDL applies.
   */
  async function checkFixes(id: string | Rule, sql: string, opts: { roles?: Roles; min?: number } = {}): Promise<Finding[]> {
    const r = rule(id);
    const m = load(sql);
    const found = run(r, m, opts.roles).filter((f) => f.fix);
    expect(found.length, `fixes of ${r.id}`).toBeGreaterThanOrEqual(opts.min ?? 1);
    for (const f of found) {
      await deploy(m);
      try {
        await db.exec(f.fix!.sql);
      } catch (e) {
        throw new Error(`${r.id} ${where(f)}: fix SQL failed: ${(e as Error).message}\n${f.fix!.sql}`);
      }
      const m2 = applyTo(m, f.fix!);
      const again = run(r, m2, opts.roles).filter((x) => same(x, f));
      expect(again.map((x) => x.message), `${r.id} ${where(f)} after "${f.fix!.label}"`).toEqual([]);
      try {
        await deploy(m2);
      } catch (e) {
        throw new Error(`${r.id} ${where(f)}: fixed model does not apply: ${(e as Error).message}\n${ddl(m2)}`);
      }
    }
    return found;
  }

  return { rule, load, ctxFor, run, check, hits, spots, where, same, resetDb, deploy, applyFix, applyTo, checkFixes, db: () => db };
}
