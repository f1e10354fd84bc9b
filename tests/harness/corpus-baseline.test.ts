/**
 * Baseline: each corpus file applied to a fresh PGlite the way `psql -f` would. Prints what fails and why, and
 * checks that the failures are only the kinds SOURCES.md allows — a missing extension or role, DROP/CREATE DATABASE,
 * `CREATE SCHEMA public` — plus their knock-on effects (an object that could not be created because of one of those
 * is missing later; statements in a transaction aborted by one of those).
 */
import { describe, expect, test } from 'vitest';
import { applyLikePsql, groupErrors, type ApplyError } from './apply';
import { catalogSummary, formatSummary, readCatalog } from './catalog';
import { corpusAvailable, corpusDir, corpusNames, readCorpus } from './corpus';
import { withFreshDb } from './pglite';

/** Minimum number of tables (incl. partitions) each file must leave behind, and roles to create first (if any). */
const EXPECT: Record<string, { minTables: number }> = {
  pagila: { minTables: 60 },
  northwind: { minTables: 14 },
  chinook: { minTables: 11 },
  postgrest_spec_schema: { minTables: 200 },
  // CREATE SCHEMA auth AUTHORIZATION supabase_admin fails without the role, and everything else is in that schema.
  supabase_auth_init: { minTables: 0 },
};

/** Types that come from extensions PGlite does not ship; using them is a knock-on of the missing extension. */
const EXTENSION_TYPES: Record<string, string[]> = {
  vector: ['vector', 'halfvec', 'sparsevec'],
  postgis: ['geometry', 'geography', 'box2d', 'box3d', 'raster'],
};

type Verdict = { allowed: true; why: string } | { allowed: false };

/** Why a failure is acceptable, given the failures before it. */
export function classifyFailure(e: ApplyError, earlier: ApplyError[]): Verdict {
  const m = e.message;
  const sql = e.sql.replace(/\s+/g, ' ').trim();
  if (/^extension "[^"]+" is not available$/.test(m)) return { allowed: true, why: 'missing extension' };
  if (/^role "[^"]+" does not exist$/.test(m)) return { allowed: true, why: 'missing role' };
  if (/^(DROP|CREATE) DATABASE\b/i.test(sql)) return { allowed: true, why: 'DROP/CREATE DATABASE' };
  if (m === 'schema "public" already exists' && /^CREATE SCHEMA public$/i.test(sql)) return { allowed: true, why: 'CREATE SCHEMA public' };
  if (m.startsWith('current transaction is aborted') && earlier.length) return { allowed: true, why: 'knock-on: aborted transaction' };
  // Knock-on: the missing object was to be created by a statement that failed earlier.
  const dne = /^(?:relation|type|schema|function|extension|table|view|sequence|domain) (.+?) does not exist$/.exec(m);
  if (dne) {
    const full = dne[1]!.replace(/"/g, '');
    const name = full.split('.').pop()!.replace(/\(.*$/, '').toLowerCase();
    const createdBy = earlier.find((x) => x.sql.toLowerCase().includes(name));
    if (createdBy) return { allowed: true, why: `knock-on: ${full} (statement ${createdBy.index} failed)` };
    for (const x of earlier) {
      const ext = /^extension "([^"]+)" is not available$/.exec(x.message)?.[1];
      if (ext && EXTENSION_TYPES[ext]?.includes(name)) return { allowed: true, why: `knock-on: ${full} (extension ${ext})` };
    }
  }
  return { allowed: false };
}

describe.runIf(corpusAvailable())('corpus baseline (psql -f semantics)', () => {
  const names = corpusNames();
  test('the corpus is there', () => {
    expect(names.length, `no .sql files in ${corpusDir}`).toBeGreaterThanOrEqual(5);
  });

  for (const name of names) {
    test(name, async () => {
      const sql = readCorpus(name);
      await withFreshDb(async (db) => {
        const t0 = performance.now();
        const r = await applyLikePsql(db, sql);
        const t1 = performance.now();
        const cat = await readCatalog(db);
        const t2 = performance.now();
        const summary = catalogSummary(cat);

        const verdicts = r.errors.map((e, i) => ({ e, v: classifyFailure(e, r.errors.slice(0, i)) }));
        const lines = [
          `${name}: ${r.statements} statements, ${r.errors.length} failed; apply ${(t1 - t0).toFixed(0)} ms, readCatalog ${(t2 - t1).toFixed(0)} ms`,
          `  ${formatSummary(summary)}`,
          ...groupErrors(r.errors).map((g) => `  ${String(g.count).padStart(4)} × ${g.message}  (first at line ${g.firstLine})`),
          ...r.skipped.map((s) => `  skipped ${s.kind} at line ${s.line}: ${s.text.split('\n')[0]!.slice(0, 60)}`),
        ];
        console.log(lines.join('\n'));

        const unexpected = verdicts.filter((x) => !x.v.allowed).map((x) => `line ${x.e.line}: ${x.e.message}\n    ${x.e.sql.slice(0, 200)}`);
        expect(unexpected, `unexpected failures in ${name}:\n${unexpected.join('\n')}`).toEqual([]);
        const min = EXPECT[name]?.minTables ?? 1;
        expect(summary.tables, `${name}: ${formatSummary(summary)}`).toBeGreaterThanOrEqual(min);
        expect(r.rolledBackAtEnd).toBe(false);
      });
    });
  }

  test('supabase_auth_init applies cleanly once the roles it expects exist', async () => {
    if (!names.includes('supabase_auth_init')) return;
    await withFreshDb(async (db) => {
      await db.exec('CREATE ROLE supabase_admin; CREATE ROLE anon; CREATE ROLE authenticated; CREATE ROLE service_role;');
      const r = await applyLikePsql(db, readCorpus('supabase_auth_init'));
      expect(r.errors).toEqual([]);
      const summary = catalogSummary(await readCatalog(db));
      expect(summary.tables).toBeGreaterThanOrEqual(5);
    });
  });
});

describe.runIf(!corpusAvailable())('corpus baseline', () => {
  test('corpus directory missing', () => {
    throw new Error(`corpus not found at ${corpusDir} (expected ../shared/corpus beside the repository)`);
  });
});
