/**
 * The schema core's proof: for every public schema in ../shared/corpus, applied the way `psql -f` applies a file,
 * catalog(original) == catalog(export(import(original))) in real PostgreSQL (PGlite), and the statements that fail
 * (missing extension, missing role, ...) fail the same way for our export — nothing else may.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, importSql } from '../../src/core/sql/import/index';
import { exportDdl } from '../../src/core/sql/export/ddl';
import { corpusAvailable, corpusNames, readCorpus } from '../harness/corpus';
import { withFreshDb } from '../harness/pglite';
import { applyLikePsql, type ApplyResult } from '../harness/apply';
import { readCatalog, type Catalog } from '../harness/catalog';
import { diffCatalogs, formatCatalogDiff } from '../harness/diff';

/** Roles some corpus files expect to exist on the server (cluster-level, never in a schema file). */
const ROLES = ['postgres', 'supabase_admin', 'supabase_auth_admin', 'authenticated', 'anon', 'service_role', 'dashboard_user', 'postgrest_test_anonymous', 'postgrest_test_default_role', 'postgrest_test_author'];
const prelude = ROLES.map((r) => `DO $$ BEGIN CREATE ROLE ${r}; EXCEPTION WHEN duplicate_object THEN NULL; END $$;`).join('\n');

async function applyAndRead(sql: string): Promise<{ result: ApplyResult; catalog: Catalog }> {
  return withFreshDb(async (db) => {
    await db.exec(prelude);
    const result = await applyLikePsql(db, sql);
    const catalog = await readCatalog(db, { roles: false });
    return { result, catalog };
  });
}

/**
 * The distinct reasons statements failed. Compared as a set: the export may group what the source split over
 * several statements (an inline PRIMARY KEY instead of a later ALTER TABLE), so the number of knock-on failures of a
 * missing extension can differ, but no new reason may appear and none may vanish.
 */
const failures = (r: ApplyResult) => [...new Set(r.errors.map((e) => e.message.replace(/\s+/g, ' ')))].sort();

/** `relation "x" does not exist` / `type x does not exist` for an object that the original did not build either. */
function knockOn(message: string, cat: Catalog): boolean {
  const m = /^(relation|type) "?([^"]+)"? does not exist$/.exec(message);
  if (!m) return false;
  const name = m[2]!;
  const keys = [...Object.keys(cat.tables), ...Object.keys(cat.views), ...Object.keys(cat.types), ...Object.keys(cat.sequences)];
  const plain = (k: string) => k.replace(/"/g, '');
  return !keys.some((k) => plain(k) === name || plain(k).endsWith('.' + name));
}

beforeAll(async () => {
  await initParser();
});

describe.runIf(corpusAvailable())('corpus round trip in PostgreSQL', () => {
  for (const name of corpusNames()) {
    it(`${name}.sql: catalog(original) == catalog(export(import(original)))`, async () => {
      const original = readCorpus(name);
      const imported = importSql(original);
      const importErrors = imported.diagnostics.filter((d) => d.severity === 'error');
      expect(importErrors, 'import errors').toEqual([]);
      const exported = exportDdl(imported.model);
      expect(exported.diagnostics.filter((d) => d.severity === 'error'), 'export errors').toEqual([]);

      const a = await applyAndRead(original);
      const b = await applyAndRead(exported.sql);

      // Nothing may fail for our export that did not fail for the original, and vice versa — except knock-on
      // "does not exist" errors about an object that exists in neither database (its creation failed in both for
      // the same root cause, e.g. a type from a missing extension).
      const fa = failures(a.result).filter((m) => !knockOn(m, a.catalog));
      const fb = failures(b.result).filter((m) => !knockOn(m, a.catalog));
      expect(fb, 'failing statements of the export vs the original').toEqual(fa);
      const diffs = diffCatalogs(a.catalog, b.catalog);
      expect(diffs.length, formatCatalogDiff(diffs)).toBe(0);
      // The proof is not vacuous: the original built real objects.
      expect(Object.keys(a.catalog.tables).length + Object.keys(a.catalog.views).length).toBeGreaterThan(0);

      // A second trip is stable: export(import(export)) == export.
      const again = exportDdl(importSql(exported.sql).model);
      expect(again.sql).toBe(exported.sql);
    });
  }
});
