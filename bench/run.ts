/**
 * `npm run bench`: prints figures, asserts nothing. Import / export time and MB/s for the shared corpus and for
 * generated schemas, beside the raw libpg-query parse of the same text, and the CLI end-to-end ratio for 5,000
 * tables (target: CLI export ≤ 3× the raw parse, process start not counted).
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { parseSync } from 'libpg-query';
import { initParser, importSql } from '../src/core/sql/import/index';
import { exportDdl } from '../src/core/sql/export/ddl';
import { generateSchemaSql } from './generate';
import { runLintBench } from './lint';
import { runMigrateBench } from './migrate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = join(root, '..', 'shared', 'corpus');
const outDir = join(root, 'bench', 'out');
mkdirSync(outDir, { recursive: true });

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(fn: () => void, runs: number): number {
  fn(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return median(xs);
}
/** The raw parser on the same text, with psql meta-command lines blanked (the server never sees them). */
const rawText = (sql: string) => sql.replace(/^\\.*$/gm, (m) => ' '.repeat(m.length));

const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, d = 1) => x.toFixed(d).padStart(8);

async function main() {
  await initParser();
  const inputs: { name: string; sql: string }[] = [];
  if (existsSync(corpusDir)) for (const f of readdirSync(corpusDir).filter((f) => f.endsWith('.sql')).sort()) inputs.push({ name: f, sql: readFileSync(join(corpusDir, f), 'utf8') });
  for (const n of [100, 1000, 5000]) inputs.push({ name: `generated ${n} tables`, sql: generateSchemaSql(n) });

  console.log('\nImport / export (median of runs, ms; MB/s over the input size)\n');
  console.log(`${pad('input', 28)}${'KB'.padStart(8)}${'parse'.padStart(8)}${'import'.padStart(8)}${'export'.padStart(8)}${'imp MB/s'.padStart(9)}${'exp MB/s'.padStart(9)}${'ratio'.padStart(7)}  tables`);
  for (const { name, sql } of inputs) {
    const runs = sql.length > 1_000_000 ? 3 : 7;
    const kb = sql.length / 1024;
    let parseMs = NaN;
    try {
      const txt = rawText(sql);
      parseMs = time(() => parseSync(txt), runs);
    } catch {
      /* raw parse fails on files with psql-only syntax; our import handles them */
    }
    let result = importSql(sql);
    const importMs = time(() => (result = importSql(sql)), runs);
    const exportMs = time(() => exportDdl(result.model), runs);
    const mb = sql.length / 1e6;
    const ratio = (importMs + exportMs) / parseMs;
    console.log(
      `${pad(name, 28)}${num(kb, 0)}${num(parseMs)}${num(importMs)}${num(exportMs)}${num(mb / (importMs / 1000), 1).padStart(9)}${num(mb / (exportMs / 1000), 1).padStart(9)}${(Number.isFinite(ratio) ? ratio.toFixed(2) + '×' : '  n/a').padStart(7)}  ${result.stats.tables}`,
    );
  }

  // CLI end to end: `tablewright export` of the 5,000-table file, minus process start (measured with --help).
  const big = join(outDir, 'generated-5000.sql');
  const bigSql = generateSchemaSql(5000);
  writeFileSync(big, bigSql);
  const bin = join(root, 'bin', 'tablewright.mjs');
  const wall = (args: string[]) => {
    const t = performance.now();
    execFileSync(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
    return performance.now() - t;
  };
  // Fixed start-up cost: Node, the TypeScript loader and the WASM parser, measured on an empty input file.
  const empty = join(outDir, 'empty.sql');
  writeFileSync(empty, '');
  const helpMs = median([0, 1, 2].map(() => wall(['--help'])));
  const startMs = median([0, 1, 2].map(() => wall(['export', empty, '--out', join(outDir, 'empty.out.sql')])));
  const cliMs = median([0, 1, 2].map(() => wall(['export', big, '--out', join(outDir, 'generated-5000.out.sql')])));
  const rawParseMs = time(() => parseSync(bigSql), 3);
  // The same parse cold, in a fresh process, like the CLI's own parse.
  const coldParseMs = median(
    [0, 1, 2].map(() => Number(execFileSync(process.execPath, [join(root, 'bench', 'raw-parse.mjs'), big], { encoding: 'utf8', maxBuffer: 1 << 26 }))),
  );
  const cliWork = cliMs - startMs;
  console.log(`\nCLI export, 5,000 tables (${(bigSql.length / 1e6).toFixed(2)} MB):`);
  console.log(`  process start (--help)          ${helpMs.toFixed(0)} ms`);
  console.log(`  start-up incl. parser (empty)   ${startMs.toFixed(0)} ms`);
  console.log(`  export, whole process           ${cliMs.toFixed(0)} ms`);
  console.log(`  export, start-up excluded       ${cliWork.toFixed(0)} ms`);
  console.log(`  raw libpg-query parse, cold     ${coldParseMs.toFixed(0)} ms   (fresh process, one parse)`);
  console.log(`  raw libpg-query parse, warm     ${rawParseMs.toFixed(0)} ms   (median after warm-up)`);
  console.log(`  ratio vs cold parse             ${(cliWork / coldParseMs).toFixed(2)}×   (target ≤ 3×)`);
  console.log(`  ratio vs warm parse             ${(cliWork / rawParseMs).toFixed(2)}×\n`);
  await runLintBench();
  await runMigrateBench();

  // Browser part (Playwright + Chromium); a missing browser only prints a note.
  try {
    const { runBrowserBench } = await import('./browser');
    await runBrowserBench();
  } catch (e) {
    console.log(`\nBrowser bench skipped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  }
  try {
    const { runSqlPaneBench } = await import('./sqlpane');
    await runSqlPaneBench();
  } catch (e) {
    console.log(`\nSQL pane bench skipped: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}\n`);
  }
}

await main();
