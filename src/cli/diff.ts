/**
 * `tablewright diff FROM TO [--down] [--safe] [--format plain|golang-migrate|dbmate|flyway|alembic|prisma] [--out DIR]
 *  [--name NAME] [--rename KIND:OLD=NEW]... [--requirements IDS] [--sequence N] [--revision ID] [--down-revision ID]
 *  [--verify]`
 *
 * FROM / TO are .sql files or .json documents. Two .json documents that share ids (versions of one diagram) are
 * compared by id; otherwise objects are matched by name (with optional rename hints). Without --out the up SQL (or
 * with --down the down SQL) goes to stdout, ready for psql; with --out the files of the chosen format are written
 * under DIR, plus the Markdown change report (CHANGES.md). --verify proves the migration in PGlite first (base + up
 * gives the target, + down gives the base again); only then does the report tick its "verified" boxes.
 */
import { basename, join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Io } from './main';
import { initParser, importSql } from '../core/sql/import/index';
import { decodeSqlBytes } from '../core/sql/import/decode';
import { loadDocument } from '../core/document/load';
import type { SchemaModel } from '../core/model/types';
import type { Diagnostic } from '../core/model/diagnostics';
import { diffModels, migrationSql, verifyMigration, type PgLike, type RenameHint, type VerifyResult } from '../core/migrate/index';
import { MIGRATION_FORMATS, scriptBody, type MigrationFormat } from '../core/migrate/formats';
import { migrationBundle } from '../core/migrate/zip';

const USAGE = `Usage: tablewright diff FROM TO [options]

FROM and TO are .sql files or .json documents. Prints the up migration SQL (psql-ready).

Options:
  --down                 print the down migration instead
  --safe                 online-safe form (CONCURRENTLY, NOT VALID + VALIDATE, lock_timeout, ...)
  --format F             plain | golang-migrate | dbmate | flyway | alembic | prisma (with --out; default plain)
  --out DIR              write the format's migration files and CHANGES.md (change report) under DIR
  --name NAME            migration name for file names (default: TO's file name)
  --requirements IDS     requirement / spec ids for the headers and the report (comma separated)
  --sequence N           migration number (golang-migrate, Flyway; default 1)
  --revision ID          Alembic revision id of this migration (default: derived from the names)
  --down-revision ID     Alembic revision it revises (the previous migration's --revision; default none)
  --verify               prove up and down in PGlite first; exit 1 when that fails
  --match id|name        how objects are paired (default: id for two .json documents, else name)
  --rename KIND:OLD=NEW  rename hint for name matching, e.g. table:public.users=members,
                         column:public.users.mail=email (repeatable)
  -q, --quiet            no info diagnostics`;

interface Loaded {
  model: SchemaModel | null;
  diagnostics: Diagnostic[];
  name: string;
  json: boolean;
}

async function load(path: string, io: Io): Promise<Loaded> {
  const bytes = io.readFile(path);
  const name = basename(path).replace(/\.[^.]+$/, '');
  if (/\.json$/i.test(path)) {
    const r = loadDocument(new TextDecoder().decode(bytes));
    return { model: r.ok ? r.document.schema : null, diagnostics: r.diagnostics, name: r.ok ? r.document.name || name : name, json: true };
  }
  const dec = decodeSqlBytes(bytes);
  await initParser();
  const r = importSql(dec.text);
  return { model: r.model, diagnostics: [...dec.diagnostics, ...r.diagnostics], name, json: false };
}

export async function runDiff(argv: string[], io: Io): Promise<number> {
  const pos: string[] = [];
  const hints: RenameHint[] = [];
  let down = false;
  let safe = false;
  let quiet = false;
  let format: MigrationFormat = 'plain';
  let out: string | undefined;
  let name: string | undefined;
  let matchBy: 'id' | 'name' | undefined;
  let requirementIds: string[] = [];
  let sequence: number | undefined;
  let revision: string | undefined;
  let downRevision: string | null | undefined;
  let verify = false;
  const usage = (msg: string) => {
    io.stderr(`tablewright diff: ${msg}\n\n${USAGE}\n`);
    return 2;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [k, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (k) {
      case '-h':
      case '--help':
        io.stdout(USAGE + '\n');
        return 0;
      case '--down':
        down = true;
        break;
      case '--safe':
        safe = true;
        break;
      case '-q':
      case '--quiet':
        quiet = true;
        break;
      case '--format': {
        const v = value();
        if (!v || !MIGRATION_FORMATS.includes(v as MigrationFormat)) return usage(`--format must be one of ${MIGRATION_FORMATS.join(', ')}`);
        format = v as MigrationFormat;
        break;
      }
      case '--out':
        out = value();
        if (!out) return usage('--out needs a directory');
        break;
      case '--name':
        name = value();
        if (!name) return usage('--name needs a value');
        break;
      case '--requirements':
        requirementIds = (value() ?? '').split(/[,\s]+/).filter(Boolean);
        break;
      case '--sequence': {
        const v = value();
        if (!v || !/^[1-9][0-9]{0,8}$/.test(v)) return usage('--sequence must be a positive whole number');
        sequence = Number(v);
        break;
      }
      case '--revision': {
        const v = value();
        if (!v || !/^[A-Za-z0-9_]+$/.test(v)) return usage('--revision must be letters, digits or _');
        revision = v;
        break;
      }
      case '--down-revision': {
        const v = value();
        if (!v || !/^[A-Za-z0-9_]+$/.test(v)) return usage('--down-revision must be letters, digits or _');
        downRevision = v;
        break;
      }
      case '--verify':
        verify = true;
        break;
      case '--match': {
        const v = value();
        if (v !== 'id' && v !== 'name') return usage('--match must be id or name');
        matchBy = v;
        break;
      }
      case '--rename': {
        const v = value() ?? '';
        const m = /^([a-z-]+):(.+)=(.+)$/.exec(v);
        const kinds = ['schema', 'table', 'view', 'type', 'sequence', 'column', 'index', 'constraint', 'enum-value'];
        if (!m || !kinds.includes(m[1]!)) return usage(`--rename must look like KIND:OLD=NEW with KIND one of ${kinds.join(', ')}`);
        hints.push({ kind: m[1] as RenameHint['kind'], from: m[2]!, to: m[3]! });
        break;
      }
      default:
        if (a.startsWith('-') && a !== '-') return usage(`unknown option ${a}`);
        pos.push(a);
    }
  }
  if (pos.length !== 2) return usage('diff needs FROM and TO');
  const [fromPath, toPath] = pos as [string, string];
  let a: Loaded;
  let b: Loaded;
  try {
    a = await load(fromPath, io);
    b = await load(toPath, io);
  } catch (e) {
    return usage(`cannot read input: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let errors = false;
  for (const [file, l] of [[fromPath, a], [toPath, b]] as const) {
    for (const d of l.diagnostics) {
      if (d.severity === 'error') errors = true;
      if (quiet && d.severity === 'info') continue;
      const p = d.line !== undefined ? `${d.line}:${d.column ?? 1}:` : '';
      io.stderr(`${file}:${p} ${d.severity}: ${d.message}\n`);
    }
  }
  if (!a.model || !b.model) return 1;
  const opts = { matchBy: matchBy ?? (a.json && b.json ? 'id' : 'name'), renameHints: hints, safe } as const;
  const m = migrationSql(a.model, b.model, opts);
  let verified: VerifyResult | undefined;
  if (verify) {
    try {
      verified = await verifyInPglite(a.model, b.model, m.up, m.down);
    } catch (e) {
      verified = { ok: false, stage: 'base', error: e instanceof Error ? e.message : String(e), differences: [], orderNotes: [], ms: 0 };
    }
    if (verified.ok) io.stderr(`verified in PGlite: up gives the target, down gives the base (${Math.round(verified.ms)} ms)\n`);
    else {
      errors = true;
      io.stderr(`verify failed at ${verified.stage}: ${verified.error ?? verified.differences[0] ?? 'catalogs differ'}\n`);
    }
  }
  if (!out) {
    io.stdout(scriptBody(down ? m.down : m.up, false));
    return errors ? 1 : 0;
  }
  const changes = m.changes ?? diffModels(a.model, b.model, opts);
  const input = {
    name: name ?? b.name,
    from: { name: a.name },
    to: { name: b.name },
    requirementIds,
    migration: m,
    ...(sequence !== undefined ? { sequence } : {}),
    ...(revision !== undefined ? { revision } : {}),
    ...(downRevision !== undefined ? { downRevision } : {}),
  };
  const files = migrationBundle(format, { ...input, changes, ...(verified ? { verified } : {}) });
  for (const f of files) {
    const path = join(out, f.path);
    try {
      mkdirSync(join(path, '..'), { recursive: true });
    } catch {
      // the Io may be virtual; let writeFile decide
    }
    io.writeFile(path, f.content);
    if (!quiet) io.stderr(`wrote ${path}\n`);
  }
  return errors ? 1 : 0;
}

/** Prove the migration in a fresh in-memory PGlite (loaded only when --verify is given). */
async function verifyInPglite(from: SchemaModel, to: SchemaModel, up: Parameters<typeof verifyMigration>[2], down: Parameters<typeof verifyMigration>[3]): Promise<VerifyResult> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  try {
    return await verifyMigration(from, to, up, down, db as unknown as PgLike);
  } finally {
    await db.close();
  }
}
