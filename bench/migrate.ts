/**
 * Migration bench: diff + up / down SQL between two 1,000-table versions (the generated schema, then ~50 edits made
 * with the schema commands), median ms (target ≤ 100 ms), and the PGlite verification time of the same migration.
 * Prints figures, asserts nothing. Run alone with `npx tsx bench/migrate.ts`.
 */
import { fileURLToPath } from 'node:url';
import { initParser, importSql } from '../src/core/sql/import/index';
import { History, type Command } from '../src/core/commands/history';
import { addColumn, addIndex, addTable, deleteTables, removeColumn, renameTable, setTableComment, updateColumn } from '../src/core/commands/schema';
import { documentFromModel, type TablewrightDocument } from '../src/core/document/document';
import { diffModels, migrationSql, verifyMigration } from '../src/core/migrate/index';
import { generateSchemaSql } from './generate';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** ~50 edits spread over the schema: renames, added / changed / removed columns, indexes, new and dropped tables. */
function edit(doc0: TablewrightDocument): { doc: TablewrightDocument; edits: number } {
  const h = new History();
  let doc = doc0;
  let edits = 0;
  const apply = (c: Command) => {
    const r = h.apply(doc, c);
    if (r.error) throw new Error(`${c.label}: ${r.error}`);
    doc = r.doc;
    edits++;
  };
  const tables = Object.values(doc.schema.tables).sort((a, b) => a.seq - b.seq);
  const pick = (i: number) => tables[(i * 97 + 13) % tables.length]!;
  const col = (tid: string, name: string) => doc.schema.tables[tid]!.columns.find((c) => c.name === name)!;
  for (let i = 0; i < 8; i++) apply(renameTable(pick(i).id, `${pick(i).name}_renamed`));
  for (let i = 8; i < 18; i++) apply(addColumn(pick(i).id, { name: 'note', type: 'text' }));
  for (let i = 18; i < 24; i++) apply(updateColumn(pick(i).id, col(pick(i).id, 'name').id, { type: 'varchar(200)' }));
  for (let i = 24; i < 28; i++) apply(updateColumn(pick(i).id, col(pick(i).id, 'amount').id, { default: '0' }));
  for (let i = 28; i < 33; i++) apply(removeColumn(pick(i).id, col(pick(i).id, 'created_at').id));
  for (let i = 33; i < 38; i++) apply(addIndex(pick(i).id, { unique: false, method: 'btree', elements: [{ column: col(pick(i).id, 'name').id }] }));
  for (let i = 38; i < 43; i++) apply(setTableComment(pick(i).id, `Edited table ${i}`));
  for (let i = 0; i < 4; i++) apply(addTable({ name: `new_table_${i}` }));
  // drop leaf tables (no table references them), so the FK graph stays valid
  const referenced = new Set(Object.values(doc.schema.tables).flatMap((t) => t.constraints.flatMap((c) => (c.kind === 'foreign' ? [c.refTableId] : []))));
  const leaves = tables.filter((t) => !referenced.has(t.id) && doc.schema.tables[t.id]).slice(-4);
  apply(deleteTables(leaves.map((t) => t.id)));
  return { doc, edits: edits + leaves.length - 1 };
}

export async function runMigrateBench(): Promise<void> {
  await initParser();
  const imported = importSql(generateSchemaSql(1000));
  const v1 = documentFromModel(imported.model);
  const { doc: v2, edits } = edit(v1);
  const from = v1.schema;
  const to = v2.schema;

  let changes = 0;
  let up = 0;
  let down = 0;
  // the diff (changes) comes from the same plan as the up SQL
  const once = () => {
    const m = migrationSql(from, to);
    changes = m.changes!.length;
    up = m.up.length;
    down = m.down.length;
    return m;
  };
  for (let i = 0; i < 3; i++) once(); // warm-up
  const xs: number[] = [];
  for (let i = 0; i < 15; i++) {
    const t = performance.now();
    once();
    xs.push(performance.now() - t);
  }
  const safeXs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    migrationSql(from, to, { safe: true });
    safeXs.push(performance.now() - t);
  }
  const ms = median(xs);
  const diffXs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    diffModels(from, to);
    diffXs.push(performance.now() - t);
  }
  console.log(`\nMigrations: two ${Object.keys(from.tables).length}-table versions, ${edits} edits → ${changes} changes, ${up} up / ${down} down statements`);
  console.log(`  diff + up/down SQL (median of 15)   ${ms.toFixed(1)} ms   (target ≤ 100 ms: ${ms <= 100 ? 'met' : 'MISSED'})`);
  console.log(`  same, online-safe mode (median)    ${median(safeXs).toFixed(1)} ms`);
  console.log(`  diffModels alone (median)          ${median(diffXs).toFixed(1)} ms`);

  if (process.env.TW_BENCH_NO_VERIFY) return;
  const m = once();
  const t0 = performance.now();
  const v = await verifyMigration(from, to, m.up, m.down);
  const verifyMs = performance.now() - t0;
  console.log(
    `  PGlite verification (load + base DDL + target DDL + up + down + 4 catalog snapshots)   ${verifyMs.toFixed(0)} ms   ${v.ok ? '✓' : `✗ ${v.stage}: ${v.error ?? v.differences[0]}`}\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runMigrateBench();
