/**
 * `tablewright` command line. Diagnostics go to stderr as `FILE:LINE:COL: severity: message`.
 * Exit codes: 0 ok, 1 the input had errors (whatever could be processed is still printed), 2 usage error.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { initParser, importSql } from '../core/sql/import/index';
import { decodeSqlBytes } from '../core/sql/import/decode';
import { exportDdl } from '../core/sql/export/ddl';
import { loadDocument } from '../core/document/load';
import { documentFromModel, serializeDocument, type TablewrightDocument } from '../core/document/document';
import type { Diagnostic } from '../core/model/diagnostics';
import { runLint } from './lint';
import { runDiff } from './diff';
import { runTriggers } from './triggers';

const USAGE = `Usage: tablewright <command> [options]

Commands:
  import FILE.sql [--out doc.json]           Read PostgreSQL DDL (or a pg_dump) and print the Tablewright document (JSON).
  export FILE.sql|doc.json [--out FILE.sql]  Print PostgreSQL DDL for a SQL file or a .json document.
         [--if-not-exists] [--drop] [--qualify always|non-public] [--no-header]
  lint FILE.sql|doc.json [--json]            Check the schema (keys, relationships, indexes, normalization, types,
                                             naming, auditing, security). Exit 1 when an error-severity finding exists.
  diff FROM TO [--down] [--safe] [--format plain|golang-migrate|dbmate|flyway|alembic|prisma] [--out DIR]
                                             Migration from FROM to TO (.sql or .json); prints the up SQL (--down: down).
  triggers FILE.sql|doc.json [--updated-at TABLES|all] [--soft-delete TABLES] [--audit TABLES]
                                             Trigger SQL for those behaviours (TABLES: comma-separated names).

Options:
  --out FILE   write to FILE instead of stdout
  -q, --quiet  do not print info diagnostics
  -h, --help   show this help

Diagnostics are printed to stderr as FILE:LINE:COL: severity: message.
Exit status: 0 ok, 1 the input had errors (what could be read is still printed), 2 usage error.`;

class UsageError extends Error {}

interface Parsed {
  positional: string[];
  flags: Map<string, string | true>;
}

function parseArgs(args: string[], valued: string[], boolean: string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const [k0, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
      const k = k0 === '-q' ? '--quiet' : k0 === '-h' ? '--help' : k0;
      if (valued.includes(k)) {
        const v = inline ?? args[++i];
        if (v === undefined) throw new UsageError(`${k} needs a value`);
        flags.set(k, v);
      } else if (boolean.includes(k) || k === '--help' || k === '--quiet') flags.set(k, true);
      else throw new UsageError(`unknown option ${a}`);
    } else positional.push(a);
  }
  return { positional, flags };
}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readFile: (path: string) => Uint8Array;
  writeFile: (path: string, data: string) => void;
}

const nodeIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readFile: (p) => readFileSync(p),
  writeFile: (p, d) => writeFileSync(p, d),
};

function formatDiagnostic(file: string, d: Diagnostic): string {
  const pos = d.line !== undefined ? `${d.line}:${d.column ?? 1}:` : '';
  return `${file}:${pos} ${d.severity}: ${d.message}\n`;
}

interface Loaded {
  doc: TablewrightDocument | null;
  diagnostics: Diagnostic[];
}

async function loadInput(path: string, io: Io): Promise<Loaded> {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (/\.json$/i.test(path)) {
    const text = new TextDecoder().decode(bytes);
    const r = loadDocument(text);
    return r.ok ? { doc: r.document, diagnostics: r.diagnostics } : { doc: null, diagnostics: r.diagnostics };
  }
  const dec = decodeSqlBytes(bytes);
  await initParser();
  const r = importSql(dec.text);
  return { doc: documentFromModel(r.model, basename(path).replace(/\.[^.]+$/, '')), diagnostics: [...dec.diagnostics, ...r.diagnostics] };
}

function report(file: string, diags: Diagnostic[], io: Io, quiet: boolean): boolean {
  let errors = false;
  for (const d of diags) {
    if (d.severity === 'error') errors = true;
    if (quiet && d.severity === 'info') continue;
    io.stderr(formatDiagnostic(file, d));
  }
  return errors;
}

function output(text: string, out: string | true | undefined, io: Io): void {
  if (typeof out === 'string') io.writeFile(out, text);
  else io.stdout(text);
}

export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  try {
    const [cmd, ...rest] = argv;
    if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      (cmd ? io.stdout : io.stderr)(USAGE + '\n');
      return cmd ? 0 : 2;
    }
    if (cmd === 'import') {
      const a = parseArgs(rest, ['--out'], []);
      if (a.flags.has('--help')) return io.stdout(USAGE + '\n'), 0;
      if (a.positional.length !== 1) throw new UsageError('import needs exactly one FILE.sql');
      const file = a.positional[0]!;
      const r = await loadInput(file, io);
      const errors = report(file, r.diagnostics, io, a.flags.has('--quiet'));
      if (r.doc) output(serializeDocument(r.doc), a.flags.get('--out'), io);
      return errors || !r.doc ? 1 : 0;
    }
    if (cmd === 'export') {
      const a = parseArgs(rest, ['--out', '--qualify'], ['--if-not-exists', '--drop', '--no-header']);
      if (a.flags.has('--help')) return io.stdout(USAGE + '\n'), 0;
      if (a.positional.length !== 1) throw new UsageError('export needs exactly one FILE.sql or doc.json');
      const qualify = a.flags.get('--qualify') ?? 'always';
      if (qualify !== 'always' && qualify !== 'non-public') throw new UsageError('--qualify must be "always" or "non-public"');
      const file = a.positional[0]!;
      const r = await loadInput(file, io);
      let errors = report(file, r.diagnostics, io, a.flags.has('--quiet'));
      if (!r.doc) return 1;
      const ex = exportDdl(r.doc.schema, { ifNotExists: a.flags.has('--if-not-exists'), dropPrelude: a.flags.has('--drop'), qualify, header: !a.flags.has('--no-header') });
      errors = report(file, ex.diagnostics, io, a.flags.has('--quiet')) || errors;
      output(ex.sql, a.flags.get('--out'), io);
      return errors ? 1 : 0;
    }
    if (cmd === 'lint') return await runLint(rest, io);
    if (cmd === 'diff') return await runDiff(rest, io);
    if (cmd === 'triggers') return await runTriggers(rest, io);
    throw new UsageError(`unknown command "${cmd}"`);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tablewright: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`tablewright: internal error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}
