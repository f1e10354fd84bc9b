/**
 * `tablewright triggers FILE.sql|doc.json [--updated-at TABLES|all] [--soft-delete TABLES] [--audit TABLES]`
 *
 * Prints the trigger SQL (functions, the extra columns / tables they need, triggers) for the named tables. TABLES is
 * a comma-separated list of table names, optionally schema-qualified (`public.users`, `"Odd Name"`), or `all`.
 * Without any behaviour option it prints the behaviours the document already has (for a .sql file: the triggers
 * recognised in it). Diagnostics go to stderr as `FILE:LINE:COL: severity: message`.
 * Exit status: 0 ok, 1 input errors or unknown table (what could be generated is still printed), 2 usage error.
 */
import type { Io } from './main';
import { initParser, importSql } from '../core/sql/import/index';
import { decodeSqlBytes } from '../core/sql/import/decode';
import { loadDocument } from '../core/document/load';
import type { Diagnostic } from '../core/model/diagnostics';
import type { TableBehaviors } from '../core/model/behaviors';
import type { Id, SchemaModel, Table } from '../core/model/types';
import { generateTriggerSql } from '../core/triggers/generate';
import { recognizeBehaviors } from '../core/triggers/recognize';

const USAGE = `Usage: tablewright triggers FILE.sql|doc.json [options]

Print idempotent trigger SQL (functions, extra columns or tables, triggers) for table behaviours.

Options:
  --updated-at TABLES     keep updated_at current (BEFORE UPDATE; adds the column when missing)
  --soft-delete TABLES    DELETE sets deleted_at instead (adds the column when missing)
  --audit TABLES          record INSERT/UPDATE/DELETE with old/new rows as jsonb and the actor
                          (current_setting('app.user_id', true); set it with SET LOCAL app.user_id = '...')
  --audit-mode shared|per-table
                          one shared audit_log table (default) or a <table>_history table per table
  --out FILE              write to FILE instead of stdout
  -q, --quiet             do not print info diagnostics
  -h, --help              show this help

TABLES is a comma-separated list of table names, optionally schema-qualified, or "all".
Without a behaviour option, the behaviours already in the document (or recognised in the SQL) are printed.
Exit status: 0 ok, 1 input errors or unknown table, 2 usage error.`;

class UsageError extends Error {}

const VALUED = ['--updated-at', '--soft-delete', '--audit', '--audit-mode', '--out'];

function parseArgs(args: string[]): { positional: string[]; flags: Map<string, string | true> } {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const k0 = eq > 0 ? a.slice(0, eq) : a;
      const k = k0 === '-q' ? '--quiet' : k0 === '-h' ? '--help' : k0;
      if (VALUED.includes(k)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined || v === '') throw new UsageError(`${k} needs a value`);
        const prev = flags.get(k);
        flags.set(k, typeof prev === 'string' && k !== '--out' && k !== '--audit-mode' ? `${prev},${v}` : v);
      } else if (k === '--help' || k === '--quiet') flags.set(k, true);
      else throw new UsageError(`unknown option ${a}`);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Split `a, s.b, "Odd, Name"` into [schema?, name] pairs. */
export function parseTableList(list: string): { schema?: string; name: string; text: string }[] {
  const out: { schema?: string; name: string; text: string }[] = [];
  let parts: string[] = [];
  let cur = '';
  let quoted = false;
  let text = '';
  const flush = () => {
    parts.push(cur);
    cur = '';
  };
  const end = () => {
    flush();
    const p = parts.map((x) => x.trim());
    const t = text.trim();
    parts = [];
    text = '';
    if (p.length === 1 && p[0] === '') return;
    if (p.length > 2 || p.some((x) => x === '')) throw new UsageError(`bad table name "${t}"`);
    out.push(p.length === 2 ? { schema: p[0]!, name: p[1]!, text: t } : { name: p[0]!, text: t });
  };
  for (let i = 0; i < list.length; i++) {
    const ch = list[i]!;
    if (quoted) {
      text += ch;
      if (ch === '"' && list[i + 1] === '"') {
        cur += '"';
        text += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') {
      quoted = true;
      text += ch;
    } else if (ch === '.') {
      text += ch;
      flush();
    } else if (ch === ',') end();
    else {
      text += ch;
      cur += ch;
    }
  }
  if (quoted) throw new UsageError(`unterminated quoted table name in "${list}"`);
  end();
  return out;
}

function formatDiagnostic(file: string, d: Diagnostic): string {
  const pos = d.line !== undefined ? `${d.line}:${d.column ?? 1}:` : '';
  return `${file}:${pos} ${d.severity}: ${d.message}\n`;
}

async function load(file: string, io: Io): Promise<{ model: SchemaModel | null; diagnostics: Diagnostic[] }> {
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as { code?: string }).code ?? (e as Error).message}`);
  }
  await initParser();
  if (/\.json$/i.test(file)) {
    const r = loadDocument(new TextDecoder().decode(bytes));
    return r.ok ? { model: r.document.schema, diagnostics: r.diagnostics } : { model: null, diagnostics: r.diagnostics };
  }
  const dec = decodeSqlBytes(bytes);
  const r = importSql(dec.text);
  return { model: r.model, diagnostics: [...dec.diagnostics, ...r.diagnostics] };
}

export async function runTriggers(argv: string[], io: Io): Promise<number> {
  try {
    const a = parseArgs(argv[0] === 'triggers' ? argv.slice(1) : argv);
    if (a.flags.has('--help')) {
      io.stdout(USAGE + '\n');
      return 0;
    }
    if (a.positional.length !== 1) throw new UsageError('triggers needs exactly one FILE.sql or doc.json');
    const mode = a.flags.get('--audit-mode') ?? 'shared';
    if (mode !== 'shared' && mode !== 'per-table') throw new UsageError('--audit-mode must be "shared" or "per-table"');
    const requested = (['--updated-at', '--soft-delete', '--audit'] as const)
      .filter((k) => a.flags.has(k))
      .map((k) => ({ flag: k, tables: parseTableList(String(a.flags.get(k))) }));
    const file = a.positional[0]!;
    const quiet = a.flags.has('--quiet');
    let errors = false;
    const report = (ds: Diagnostic[]) => {
      for (const d of ds) {
        if (d.severity === 'error') errors = true;
        if (quiet && d.severity === 'info') continue;
        io.stderr(formatDiagnostic(file, d));
      }
    };
    const loaded = await load(file, io);
    // Only errors of the input count here: the import's info notes about verbatim triggers are expected.
    report(loaded.diagnostics.filter((d) => d.severity !== 'info'));
    if (!loaded.model) return 1;
    const model = recognizeBehaviors(loaded.model).model;

    let behaviors: Record<Id, TableBehaviors>;
    if (!requested.length) behaviors = model.behaviors ?? {};
    else {
      behaviors = {};
      const schemaOf = (t: Table) => model.schemas[t.schemaId]?.name ?? 'public';
      const tables = Object.values(model.tables).sort((x, y) => x.seq - y.seq);
      for (const { flag, tables: names } of requested) {
        const picked: Table[] = [];
        for (const n of names) {
          if (!n.schema && n.name === 'all' && n.text === 'all') {
            picked.push(...tables.filter((t) => !t.partitionOf));
            continue;
          }
          const hits = tables.filter((t) => t.name === n.name && (n.schema === undefined || schemaOf(t) === n.schema));
          if (hits.length === 1) picked.push(hits[0]!);
          else if (!hits.length) report([{ severity: 'error', code: 'unknown-table', message: `${flag}: unknown table ${n.text}` }]);
          else report([{ severity: 'error', code: 'ambiguous-table', message: `${flag}: table ${n.text} is in several schemas (${hits.map(schemaOf).join(', ')}); qualify it` }]);
        }
        for (const t of picked) {
          const b = (behaviors[t.id] ??= {});
          if (flag === '--updated-at') b.updatedAt = model.behaviors?.[t.id]?.updatedAt ?? { column: 'updated_at' };
          else if (flag === '--soft-delete') b.softDelete = model.behaviors?.[t.id]?.softDelete ?? { column: 'deleted_at', interceptDelete: true };
          else b.audit = { ...model.behaviors?.[t.id]?.audit, mode };
        }
      }
    }
    const gen = generateTriggerSql(model, behaviors);
    report(gen.diagnostics);
    if (!gen.statements.length && !errors) report([{ severity: 'info', code: 'nothing', message: 'no behaviours: nothing to generate' }]);
    const out = a.flags.get('--out');
    if (typeof out === 'string') io.writeFile(out, gen.sql);
    else io.stdout(gen.sql);
    return errors ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`tablewright triggers: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    io.stderr(`tablewright triggers: internal error: ${(e as Error).stack ?? e}\n`);
    return 1;
  }
}
