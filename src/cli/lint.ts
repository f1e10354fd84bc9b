/**
 * `tablewright lint FILE.sql|doc.json [--json]`: run the schema checker.
 * Human output: `FILE: severity RULE schema.table[.column]: message` per finding (stdout), load diagnostics on stderr.
 * `--json`: stdout is a JSON array of `{ rule, severity, schema, table, column?, message, fix? }` (fix = SQL text).
 * Exit: 1 when any error-severity finding exists (or the input could not be read), 0 otherwise, 2 usage.
 */
import { initParser, importSql } from '../core/sql/import/index';
import { decodeSqlBytes } from '../core/sql/import/decode';
import { loadDocument } from '../core/document/load';
import { emptyLintConfig, type LintConfig } from '../core/lint/config';
import { lintModelDetailed } from '../core/lint/engine';
import type { SchemaModel } from '../core/model/types';
import type { Io } from './main';

const USAGE = 'Usage: tablewright lint FILE.sql|doc.json [--json]';

export interface LintJsonFinding {
  rule: string;
  severity: 'error' | 'warning' | 'info';
  schema: string;
  table: string;
  column?: string;
  message: string;
  fix?: string;
}

export async function runLint(argv: string[], io: Io): Promise<number> {
  let json = false;
  const files: string[] = [];
  for (const a of argv) {
    if (a === '--json') json = true;
    else if (a === '-h' || a === '--help') {
      io.stdout(USAGE + '\n');
      return 0;
    } else if (a.startsWith('-') && a !== '-') {
      io.stderr(`tablewright: unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else files.push(a);
  }
  if (files.length !== 1) {
    io.stderr(`tablewright: lint needs exactly one FILE.sql or doc.json\n${USAGE}\n`);
    return 2;
  }
  const file = files[0]!;
  let bytes: Uint8Array;
  try {
    bytes = io.readFile(file);
  } catch (e) {
    io.stderr(`tablewright: cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  let model: SchemaModel;
  let config: LintConfig = emptyLintConfig();
  if (/\.json$/i.test(file)) {
    const r = loadDocument(new TextDecoder().decode(bytes));
    for (const d of r.diagnostics) if (d.severity !== 'info') io.stderr(`${file}: ${d.severity}: ${d.message}\n`);
    if (!r.ok) return 1;
    model = r.document.schema;
    if (r.document.lint) config = r.document.lint;
  } else {
    const dec = decodeSqlBytes(bytes);
    await initParser();
    const r = importSql(dec.text);
    for (const d of [...dec.diagnostics, ...r.diagnostics]) {
      if (d.severity === 'info') continue;
      io.stderr(`${file}:${d.line !== undefined ? `${d.line}:${d.column ?? 1}:` : ''} ${d.severity}: ${d.message}\n`);
    }
    model = r.model;
  }
  const res = lintModelDetailed(model, config);
  for (const f of res.failures) io.stderr(`${file}: internal error in rule ${f.rule}: ${f.message}\n`);
  const out: LintJsonFinding[] = res.findings.map((f) => {
    const o: LintJsonFinding = { rule: f.rule, severity: f.severity, schema: f.object.schema, table: f.object.table ?? '', message: f.message };
    if (f.object.column) o.column = f.object.column;
    if (f.fix) o.fix = f.fix.sql;
    return o;
  });
  if (json) io.stdout(JSON.stringify(out, null, 2) + '\n');
  else {
    for (const f of out) io.stdout(`${file}: ${f.severity} ${f.rule} ${f.schema}.${f.table}${f.column ? '.' + f.column : ''}: ${f.message}\n`);
    const c = res.counts;
    io.stderr(`${file}: ${c.error} error(s), ${c.warning} warning(s), ${c.info} info${res.suppressed.length ? `, ${res.suppressed.length} suppressed` : ''}\n`);
  }
  return res.counts.error > 0 ? 1 : 0;
}
