/**
 * Prove a migration in a real PostgreSQL (PGlite, e.g. in a browser worker): base DDL + up must give the catalog of
 * the target's DDL, and + down must give the base's catalog again. Works on anything with `exec` and `query`.
 * Column order is compared separately (`orderNotes`): ADD COLUMN always appends, so a column added in the middle or
 * dropped and restored ends up in another position, which PostgreSQL cannot change without rebuilding the table.
 */
import type { SchemaModel } from '../model/types';
import { exportDdl } from '../sql/export/ddl';
import type { Statement } from './types';

export interface PgLike {
  exec(sql: string): Promise<unknown>;
  query(sql: string): Promise<{ rows: any[] }>;
}

export interface VerifyResult {
  ok: boolean;
  /** Which step failed first. */
  stage?: 'base' | 'target' | 'up' | 'down' | 'compare-up' | 'compare-down';
  error?: string;
  /** First differences (path: expected ≠ actual). */
  differences: string[];
  /** Column order differences (not failures). */
  orderNotes: string[];
  ms: number;
}

type Cat = Record<string, unknown>;

const USER_NS = `n.nspname NOT IN ('pg_catalog','information_schema','pg_toast') AND n.nspname NOT LIKE 'pg\\_temp%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp%'`;

/** A compact, name-keyed snapshot of the user catalog (no OIDs, no owners / ACLs). */
export async function snapshotCatalog(db: PgLike): Promise<Cat> {
  const q = async (sql: string) => (await db.query(sql)).rows as Record<string, any>[];
  await db.exec(`SET search_path = pg_catalog`);
  try {
    const cat: Record<string, Record<string, unknown>> = {};
    const put = (kind: string, key: string, v: unknown) => ((cat[kind] ??= {})[key] = v);
    for (const r of await q(`SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment FROM pg_namespace n WHERE ${USER_NS} ORDER BY 1`)) put('schemas', r.name, r.comment);
    for (const r of await q(`SELECT e.extname AS name, e.extversion AS v, n.nspname AS s FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY 1`)) put('extensions', r.name, `${r.v} ${r.s}`);
    const ext = `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = %OID% AND d.deptype = 'e')`;
    for (const r of await q(
      `SELECT c.oid, c.relkind::text AS kind, quote_ident(n.nspname)||'.'||quote_ident(c.relname) AS name, c.relpersistence::text AS p,
              pg_get_partkeydef(c.oid) AS pk, pg_get_expr(c.relpartbound, c.oid) AS bound, c.relrowsecurity AS rls, c.relforcerowsecurity AS frls,
              c.reloptions::text AS opts, obj_description(c.oid, 'pg_class') AS comment,
              CASE WHEN c.relkind IN ('v','m') THEN pg_get_viewdef(c.oid) END AS def,
              (SELECT string_agg(h.inhparent::regclass::text, ',' ORDER BY h.inhseqno) FROM pg_inherits h WHERE h.inhrelid = c.oid) AS parents
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r','p','v','m','S','c') AND ${USER_NS} AND ${ext.replace('%OID%', 'c.oid')}
         AND NOT (c.relkind = 'c' AND EXISTS (SELECT 1 FROM pg_type t WHERE t.typrelid = c.oid AND t.typtype <> 'c'))`,
    )) {
      const cols = await q(
        `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS nn, pg_get_expr(d.adbin, d.adrelid) AS def,
                a.attidentity::text AS ident, a.attgenerated::text AS gen, CASE WHEN a.attcollation <> t.typcollation THEN a.attcollation::regcollation::text END AS coll,
                col_description(a.attrelid, a.attnum) AS comment
         FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE a.attrelid = ${r.oid} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
      );
      const cons = await q(
        `SELECT conname AS name, contype::text AS type, pg_get_constraintdef(oid) AS def, convalidated AS valid, obj_description(oid, 'pg_constraint') AS comment
         FROM pg_constraint WHERE conrelid = ${r.oid} ORDER BY 1`,
      );
      const idx = await q(
        `SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def, obj_description(ic.oid, 'pg_class') AS comment
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = ${r.oid} ORDER BY 1`,
      );
      const trg = await q(`SELECT tgname AS name, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE tgrelid = ${r.oid} AND NOT tgisinternal ORDER BY 1`);
      const pol = await q(`SELECT polname AS name, polcmd::text AS cmd, pg_get_expr(polqual, polrelid) AS qual, pg_get_expr(polwithcheck, polrelid) AS wc FROM pg_policy WHERE polrelid = ${r.oid} ORDER BY 1`);
      const entry: Record<string, unknown> = { kind: r.kind, persistence: r.p, partitionKey: r.pk, bound: r.bound, rls: `${r.rls}/${r.frls}`, options: r.opts, comment: r.comment, def: r.def, parents: r.parents };
      entry.columns = Object.fromEntries(cols.map((c) => [c.name, { type: c.type, notNull: c.nn, default: c.def, identity: c.ident, generated: c.gen, collation: c.coll, comment: c.comment }]));
      entry.columnOrder = cols.map((c) => c.name);
      entry.constraints = Object.fromEntries(cons.map((c) => [c.name, `${c.type} ${c.def}${c.valid ? '' : ' NOT VALID'}${c.comment ? ` -- ${c.comment}` : ''}`]));
      entry.indexes = Object.fromEntries(idx.map((c) => [c.name, `${c.def}${c.comment ? ` -- ${c.comment}` : ''}`]));
      entry.triggers = Object.fromEntries(trg.map((c) => [c.name, c.def]));
      entry.policies = Object.fromEntries(pol.map((c) => [c.name, `${c.cmd} ${c.qual} ${c.wc}`]));
      put(r.kind === 'S' ? 'sequences' : 'relations', r.name, entry);
    }
    for (const r of await q(
      `SELECT quote_ident(n.nspname)||'.'||quote_ident(c.relname) AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart AS st, s.seqincrement AS inc,
              s.seqmin AS min, s.seqmax AS max, s.seqcache AS cache, s.seqcycle AS cyc
       FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS}`,
    )) {
      const e = (cat.sequences?.[r.name] ?? {}) as Record<string, unknown>;
      e.options = `${r.type} ${r.st} ${r.inc} ${r.min} ${r.max} ${r.cache} ${r.cyc}`;
      delete e.columns;
      delete e.columnOrder;
      put('sequences', r.name, e);
    }
    for (const r of await q(
      `SELECT t.oid, t.typtype::text AS k, quote_ident(n.nspname)||'.'||quote_ident(t.typname) AS name, obj_description(t.oid, 'pg_type') AS comment,
              CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END AS base, t.typnotnull AS nn, t.typdefault AS def,
              (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels,
              (SELECT string_agg(conname || ' ' || pg_get_constraintdef(oid), '; ' ORDER BY conname) FROM pg_constraint WHERE contypid = t.oid) AS cons
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE t.typtype IN ('e','d','c') AND ${USER_NS} AND ${ext.replace('%OID%', 't.oid')}
         AND (t.typtype <> 'c' OR EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c'))`,
    )) {
      const attrs =
        r.k === 'c'
          ? (await q(`SELECT a.attname AS n, format_type(a.atttypid, a.atttypmod) AS t FROM pg_attribute a JOIN pg_type t ON t.typrelid = a.attrelid WHERE t.oid = ${r.oid} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`)).map((a) => `${a.n} ${a.t}`).join(', ')
          : undefined;
      put('types', r.name, { kind: r.k, comment: r.comment, base: r.base, notNull: r.nn, default: r.def, labels: r.labels, constraints: r.cons, attributes: attrs });
    }
    for (const r of await q(
      `SELECT p.oid::regprocedure::text AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
       WHERE ${USER_NS} AND p.prokind IN ('f','p') AND ${ext.replace('%OID%', 'p.oid')}`,
    )) put('functions', r.name, r.def);
    // drop composite row types of relations (duplicates of the relation)
    for (const k of Object.keys(cat.relations ?? {})) delete cat.types?.[k];
    return cat;
  } finally {
    await db.exec('RESET search_path');
  }
}

/** Differences between two snapshots; column order is reported separately. */
export function compareSnapshots(a: Cat, b: Cat): { differences: string[]; orderNotes: string[] } {
  const differences: string[] = [];
  const orderNotes: string[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (x === y || (x == null && y == null)) return;
    if (path.endsWith('.columnOrder')) {
      if (JSON.stringify(x) !== JSON.stringify(y)) orderNotes.push(`${path}: ${JSON.stringify(x)} ≠ ${JSON.stringify(y)}`);
      return;
    }
    if (x && y && typeof x === 'object' && typeof y === 'object' && !Array.isArray(x) && !Array.isArray(y)) {
      const keys = [...new Set([...Object.keys(x), ...Object.keys(y)])].sort();
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    if (JSON.stringify(x) === JSON.stringify(y)) return;
    differences.push(`${path.slice(1)}: ${JSON.stringify(x) ?? '(absent)'} ≠ ${JSON.stringify(y) ?? '(absent)'}`);
  };
  walk(a, b, '');
  return { differences, orderNotes };
}

async function runEach(db: PgLike, statements: readonly Statement[]): Promise<void> {
  for (const s of statements) {
    if (/^\s*--/.test(s.sql) && !s.sql.includes('\n')) continue;
    try {
      await db.exec(s.sql);
    } catch (e) {
      throw new Error(`${(e as Error).message}\n  in: ${s.sql.split('\n')[0]}`);
    }
  }
}

/** Empty the database's user schemas (for reuse of one instance). */
async function reset(db: PgLike): Promise<void> {
  const rows = (await db.query(`SELECT n.nspname AS name FROM pg_namespace n WHERE ${USER_NS}`)).rows as { name: string }[];
  const exts = (await db.query(`SELECT extname AS name FROM pg_extension WHERE extname <> 'plpgsql'`)).rows as { name: string }[];
  for (const e of exts) await db.exec(`DROP EXTENSION IF EXISTS "${e.name.replace(/"/g, '""')}" CASCADE`);
  // Relations first, a batch per transaction: one DROP SCHEMA ... CASCADE over thousands of tables runs out of lock
  // slots (max_locks_per_transaction).
  const rels = (
    await db.query(
      `SELECT quote_ident(n.nspname)||'.'||quote_ident(c.relname) AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind IN ('r','p','v','m','f') AND c.relispartition = false AND ${USER_NS}`,
    )
  ).rows as { name: string; kind: string }[];
  if (rels.length > 200) {
    const word: Record<string, string> = { r: 'TABLE', p: 'TABLE', v: 'VIEW', m: 'MATERIALIZED VIEW', f: 'FOREIGN TABLE' };
    for (let i = 0; i < rels.length; i += 100) {
      await db.exec(rels.slice(i, i + 100).map((r) => `DROP ${word[r.kind]} IF EXISTS ${r.name} CASCADE;`).join('\n'));
    }
  }
  for (const r of rows) await db.exec(`DROP SCHEMA IF EXISTS "${r.name.replace(/"/g, '""')}" CASCADE`);
  await db.exec('CREATE SCHEMA public; RESET ALL');
}

/**
 * Verify up / down in `db` (default: a new in-memory PGlite, loaded lazily). The database is emptied first and left
 * holding the base schema.
 */
export async function verifyMigration(
  from: SchemaModel,
  to: SchemaModel,
  up: readonly Statement[],
  down: readonly Statement[],
  db?: PgLike,
): Promise<VerifyResult> {
  const t0 = Date.now();
  let own: (PgLike & { close(): Promise<void> }) | undefined;
  if (!db) {
    const mod = (await import('@electric-sql/pglite')) as unknown as { PGlite: { create(): Promise<PgLike & { close(): Promise<void> }> } };
    own = await mod.PGlite.create();
    db = own;
  }
  const res = (r: Omit<VerifyResult, 'ms' | 'differences' | 'orderNotes'> & Partial<VerifyResult>): VerifyResult => ({ differences: [], orderNotes: [], ...r, ms: Date.now() - t0 });
  try {
    const stage = async (name: VerifyResult['stage'], fn: () => Promise<void>): Promise<VerifyResult | null> => {
      try {
        await fn();
        return null;
      } catch (e) {
        return res({ ok: false, stage: name, error: (e as Error).message });
      }
    };
    await reset(db);
    let fail = await stage('target', async () => {
      await db!.exec(exportDdl(to).sql);
    });
    if (fail) return fail;
    const target = await snapshotCatalog(db);
    await reset(db);
    fail = await stage('base', async () => {
      await db!.exec(exportDdl(from).sql);
    });
    if (fail) return fail;
    const base = await snapshotCatalog(db);
    fail = await stage('up', () => runEach(db!, up));
    if (fail) return fail;
    const afterUp = await snapshotCatalog(db);
    const c1 = compareSnapshots(target, afterUp);
    if (c1.differences.length) return res({ ok: false, stage: 'compare-up', differences: c1.differences.slice(0, 30), orderNotes: c1.orderNotes });
    fail = await stage('down', () => runEach(db!, down));
    if (fail) return fail;
    const afterDown = await snapshotCatalog(db);
    const c2 = compareSnapshots(base, afterDown);
    if (c2.differences.length) return res({ ok: false, stage: 'compare-down', differences: c2.differences.slice(0, 30), orderNotes: [...c1.orderNotes, ...c2.orderNotes] });
    return res({ ok: true, orderNotes: [...c1.orderNotes, ...c2.orderNotes] });
  } finally {
    if (own) await own.close();
  }
}
