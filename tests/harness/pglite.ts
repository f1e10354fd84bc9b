/**
 * Fresh PGlite databases for tests, fast.
 *
 * The first call in a worker process builds (or loads from a disk cache) one pristine data directory — a freshly
 * initdb'd cluster with nothing in it — and keeps it as an uncompressed tar in memory. Every `freshDb()` boots a new
 * PGlite from that tar (what `PGlite.clone()` does internally, minus the dump), with the useful contrib extensions
 * registered, so `CREATE EXTENSION pgcrypto / citext / "uuid-ossp" / hstore / btree_gist / pg_trgm / ...` works as on
 * a real server. Roles are cluster-wide, so each fresh database is also a clean cluster (only `postgres` exists).
 *
 * The pristine instance itself is closed as soon as it has been dumped, so nothing but the databases handed out
 * needs closing. Always `await db.close()` (or use `withFreshDb`) — an open PGlite keeps the process alive.
 */
import { PGlite, type Extensions } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { bloom } from '@electric-sql/pglite/contrib/bloom';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { dict_int } from '@electric-sql/pglite/contrib/dict_int';
import { dict_xsyn } from '@electric-sql/pglite/contrib/dict_xsyn';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import { file_fdw } from '@electric-sql/pglite/contrib/file_fdw';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { hstore } from '@electric-sql/pglite/contrib/hstore';
import { intarray } from '@electric-sql/pglite/contrib/intarray';
import { isn } from '@electric-sql/pglite/contrib/isn';
import { lo } from '@electric-sql/pglite/contrib/lo';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { moddatetime } from '@electric-sql/pglite/contrib/moddatetime';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { seg } from '@electric-sql/pglite/contrib/seg';
import { tablefunc } from '@electric-sql/pglite/contrib/tablefunc';
import { tcn } from '@electric-sql/pglite/contrib/tcn';
import { tsm_system_rows } from '@electric-sql/pglite/contrib/tsm_system_rows';
import { tsm_system_time } from '@electric-sql/pglite/contrib/tsm_system_time';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp';
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type { PGlite };

/**
 * Contrib extensions available to `CREATE EXTENSION` in every fresh database (the ones a schema file may plausibly
 * use; diagnostic-only modules like pageinspect are left out). `vector`, `postgis` etc. are not part of PGlite's
 * contrib set and fail with "extension ... is not available", as on a server without them.
 */
export const EXTENSIONS = {
  amcheck,
  bloom,
  btree_gin,
  btree_gist,
  citext,
  cube,
  dict_int,
  dict_xsyn,
  earthdistance,
  file_fdw,
  fuzzystrmatch,
  hstore,
  intarray,
  isn,
  lo,
  ltree,
  moddatetime,
  pg_trgm,
  pgcrypto,
  seg,
  tablefunc,
  tcn,
  tsm_system_rows,
  tsm_system_time,
  unaccent,
  uuid_ossp,
} satisfies Extensions;

let pristine: Promise<Blob> | undefined;

function pgliteVersion(): string {
  try {
    // The package's exports do not include package.json: walk up from its entry point.
    let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    for (let i = 0; i < 5; i++, dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
        if (pkg.name === '@electric-sql/pglite') return pkg.version ?? 'unknown';
      } catch {
        // keep walking
      }
    }
    return 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Disk cache of the pristine data directory, shared by worker processes (an initdb costs ~2-3 s, a load ~1 s). */
function cacheFile(): string {
  return path.join(tmpdir(), 'tablewright-test-cache', `pglite-${pgliteVersion()}-pristine.tar`);
}

async function buildPristine(): Promise<Blob> {
  const file = cacheFile();
  if (process.env.TABLEWRIGHT_NO_PGLITE_CACHE !== '1') {
    try {
      const bytes = readFileSync(file);
      if (bytes.byteLength > 1_000_000) return new Blob([bytes]);
    } catch {
      // no cache yet
    }
  }
  const db = await PGlite.create();
  let dump: Blob;
  try {
    dump = await db.dumpDataDir('none');
  } finally {
    await db.close();
  }
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, new Uint8Array(await dump.arrayBuffer()));
    renameSync(tmp, file); // atomic: concurrent workers never see a half-written cache
  } catch {
    // cache is an optimisation only
  }
  return dump;
}

function pristineDump(): Promise<Blob> {
  pristine ??= buildPristine();
  return pristine;
}

/**
 * A new, empty PGlite database (clean cluster: only the `postgres` role, only plpgsql installed, contrib extensions
 * available). ~1 s. The caller must `await db.close()`.
 */
export async function freshDb(): Promise<PGlite> {
  const dump = await pristineDump();
  try {
    return await PGlite.create({ loadDataDir: dump, extensions: EXTENSIONS });
  } catch (err) {
    // A corrupt disk cache must not break the suite: rebuild once from scratch.
    try {
      rmSync(cacheFile(), { force: true });
    } catch {
      // ignore
    }
    pristine = undefined;
    process.env.TABLEWRIGHT_NO_PGLITE_CACHE = '1';
    const again = await pristineDump();
    if (again === dump) throw err;
    return PGlite.create({ loadDataDir: again, extensions: EXTENSIONS });
  }
}

/** Run `fn` with a fresh database and close it afterwards, whatever happens. */
export async function withFreshDb<T>(fn: (db: PGlite) => Promise<T>): Promise<T> {
  const db = await freshDb();
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
