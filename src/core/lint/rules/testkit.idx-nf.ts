/**
 * Shared test kit for the IDX / NF rule tests: one PGlite per test file, fixture loading, rule checks, and the
 * quick-fix proof (the finding disappears, the fix SQL runs, the fixed model applies, undo restores).
 */
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, expect } from 'vitest';
import { History } from '../../commands/history';
import { documentFromModel } from '../../document/document';
import type { SchemaModel, Table } from '../../model/types';
import { exportDdl } from '../../sql/export/ddl';
import { importSql, initParser } from '../../sql/import/index';
import { createHelpers } from '../helpers/index';
import type { Finding, Rule, RuleContext, TableRole } from '../types';

export function ruleFixKit(rules: readonly Rule[]) {
  let db: PGlite;
  beforeAll(async () => {
    await initParser();
    db = await PGlite.create();
  });
  afterAll(async () => {
    await db?.close();
  });

  const rule = (id: string): Rule => {
    const r = rules.find((x) => x.id === id);
    if (!r) throw new Error(`rule ${id} missing`);
    return r;
  };

  function load(sql: string): SchemaModel {
    const r = importSql(sql);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    return r.model;
  }

  function ctxFor(model: SchemaModel, roles: Record<string, TableRole> = {}): RuleContext {
    const helpers = createHelpers(model);
    return { model, helpers, role: (t: Table) => roles[t.name] ?? helpers.inferRole(t) };
  }

  function check(id: string, model: SchemaModel, roles: Record<string, TableRole> = {}): Finding[] {
    const r = rule(id);
    const ctx = ctxFor(model, roles);
    const out: Finding[] = [];
    if (r.checkTable) for (const t of Object.values(model.tables)) out.push(...r.checkTable(t, ctx));
    if (r.checkModel) out.push(...r.checkModel(ctx));
    for (const f of out) {
      expect(f.rule).toBe(id);
      expect(f.message.length).toBeGreaterThan(10);
      expect(f.why.length).toBeGreaterThan(10);
    }
    return out;
  }

  const hits = (id: string, sql: string, roles: Record<string, TableRole> = {}) => check(id, load(sql), roles);

  /** Reset the public schema between PostgreSQL runs. */
  async function resetDb(): Promise<void> {
    await db.exec('RESET ALL; DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;');
  }

  /**
   * Apply the first fix of rule `id` (or the one whose message matches `pick`): the finding disappears, the fix SQL
   * runs on the original schema, and the fixed model exports to DDL that PostgreSQL accepts.
   */
  async function applyFix(id: string, sql: string, pick?: RegExp, roles: Record<string, TableRole> = {}): Promise<{ before: Finding[]; after: Finding[]; model: SchemaModel; fix: Finding }> {
    const model = load(sql);
    const before = check(id, model, roles);
    const f = before.find((x) => x.fix && (!pick || pick.test(x.message)));
    expect(f, `a ${id} finding with a fix`).toBeTruthy();
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
    const ddl = exportDdl(res.doc.schema);
    expect(ddl.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await db.exec(ddl.sql);
    // and undo restores the original
    expect(h.undo(res.doc).schema).toEqual(model);
    return { before, after, model: res.doc.schema, fix: f! };
  }

  return { rule, load, ctxFor, check, hits, resetDb, applyFix, db: () => db };
}
