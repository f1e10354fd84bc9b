/**
 * Checker figures for `npm run bench`: a full check of a generated 1,000-table schema (each run on a freshly imported
 * model, so no cache of an earlier run helps) and a re-check after a one-column edit (incremental linter, table
 * rules re-run for the edited table and its neighbours; the global rules run debounced in the UI and are timed
 * separately). Prints figures beside the targets; asserts nothing.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import os from 'node:os';
import { initParser, importSql } from '../src/core/sql/import/index';
import { History } from '../src/core/commands/history';
import { updateColumn } from '../src/core/commands/schema';
import { documentFromModel } from '../src/core/document/document';
import { createLinter, lintModelDetailed } from '../src/core/lint/engine';
import { allRules } from '../src/core/lint/rules/index';
import { generateSchemaSql } from './generate';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const min = (xs: number[]) => Math.min(...xs);

/** A collector between runs, so garbage left by the importer is not billed to the checker. */
function collector(): () => void {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (() => void) | undefined;
    if (typeof gc === 'function') return gc;
  } catch {
    /* not available: run without */
  }
  return () => {};
}

export async function runLintBench(): Promise<void> {
  await initParser();
  const gc = collector();
  const sql = generateSchemaSql(1000);
  const runs = 9;
  // The JIT needs a few full checks to settle (tier-up, inline caches, pretenuring): the first `warmFull` runs are not
  // part of the median / min; the very first one is printed apart as the cold figure.
  const warmFull = 3;

  // Full check: fresh model per run (import not timed).
  const full: number[] = [];
  const fullCpu: number[] = [];
  const warmRuns: number[] = [];
  let findings = 0;
  for (let i = 0; i < warmFull + runs; i++) {
    const { model } = importSql(sql);
    gc();
    const c = process.cpuUsage();
    const t = performance.now();
    const r = lintModelDetailed(model);
    const ms = performance.now() - t;
    const cpu = process.cpuUsage(c);
    if (i >= warmFull) {
      full.push(ms);
      fullCpu.push((cpu.user + cpu.system) / 1000);
    } else warmRuns.push(ms);
    findings = r.findings.length;
  }

  // Re-check after a one-column edit: toggle NOT NULL of one column of a table in the middle of the FK graph.
  const { model } = importSql(sql);
  const linter = createLinter();
  linter.check(model);
  const t = Object.values(model.tables).sort((a, b) => a.seq - b.seq)[500]!;
  const col = t.columns.find((c) => c.name === 'amount') ?? t.columns[t.columns.length - 1]!;
  const h = new History();
  let doc = documentFromModel(model);
  const inc: number[] = [];
  const incCpu: number[] = [];
  let checked = 0;
  let globalsMs = 0;
  // An editing session: the first edits warm up the JIT (not counted), then 21 timed edits.
  const warm = 20;
  for (let k = 0; k < warm + 21; k++) {
    doc = h.apply(doc, updateColumn(t.id, col.id, { nullable: k % 2 === 1 })).doc;
    const c = process.cpuUsage();
    const t0 = performance.now();
    const r = linter.check(doc.schema, undefined, { globals: 'cached' });
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(c);
    if (k >= warm) {
      inc.push(ms);
      incCpu.push((cpu.user + cpu.system) / 1000);
    }
    checked = r.stats.tablesChecked;
  }
  // Per rule group: a full check with only that group's rules (fresh model per run, best and median of 5).
  const groups = [...new Set(allRules.map((r) => r.group))];
  const byGroup: { group: string; rules: number; min: number; median: number }[] = [];
  for (const g of groups) {
    const rules = allRules.filter((r) => r.group === g);
    const xs: number[] = [];
    for (let k = 0; k <= 5; k++) {
      const m = importSql(sql).model;
      gc();
      const r = lintModelDetailed(m, undefined, rules);
      if (k > 0) xs.push(r.stats.ms);
    }
    byGroup.push({ group: g, rules: rules.length, min: min(xs), median: median(xs) });
  }

  const withGlobals: number[] = [];
  for (let k = 0; k < 3; k++) {
    doc = h.apply(doc, updateColumn(t.id, col.id, { nullable: k % 2 === 1 })).doc;
    const r = linter.check(doc.schema);
    withGlobals.push(r.stats.ms);
    globalsMs = r.stats.globalMs;
  }

  const f = median(full);
  const i = median(inc);
  const ok = (x: number, target: number) => (x <= target ? 'ok' : 'over');
  console.log('\nChecker (generated 1,000 tables, median of runs)\n');
  console.log(`  full check                          ${f.toFixed(1).padStart(8)} ms   target ≤ 100 ms  ${ok(f, 100)}   (min ${min(full).toFixed(1)} ms of ${full.length} runs; CPU ${median(fullCpu).toFixed(1)} ms; ${findings} findings)`);
  console.log(`  full check while the JIT warms up   ${warmRuns.map((x) => x.toFixed(0)).join(' / ').padStart(8)} ms   (first ${warmFull} runs, not in the median; the first is a cold start)`);
  console.log(`  re-check after a one-column edit    ${i.toFixed(2).padStart(8)} ms   target ≤ 10 ms   ${ok(i, 10)}   (min ${min(inc).toFixed(2)} ms of ${inc.length} edits; CPU ${median(incCpu).toFixed(2)} ms; ${checked} tables re-checked; global rules debounced)`);
  const load = os.loadavg()[0] ?? 0;
  const cpus = os.cpus().length || 1;
  if (load > cpus) console.log(`  note: load average ${load.toFixed(1)} on ${cpus} CPUs; wall-clock figures are inflated (CPU time shown beside them)`);
  console.log(`  re-check incl. global rules         ${median(withGlobals).toFixed(1).padStart(8)} ms   (global rules ${globalsMs.toFixed(1)} ms; run ~300 ms after the last edit in the UI)`);
  console.log('  full check by rule group (only that group\'s rules; median / min ms):');
  for (const g of byGroup) console.log(`    ${g.group.padEnd(5)} ${String(g.rules).padStart(3)} rules ${g.median.toFixed(1).padStart(8)} / ${g.min.toFixed(1)}`);
}

// Run alone: `npx tsx bench/lint.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await runLintBench();
