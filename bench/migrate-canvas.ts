/**
 * Migration → canvas bench: for two 1,000-table versions (the generated schema, then ~50 edits), the time to turn the
 * plan's changes into per-table canvas marks and their strings (what the panel does on every new plan), and to build
 * the zip of each format's files plus the report. Prints figures, asserts nothing. `npx tsx bench/migrate-canvas.ts`.
 */
import { fileURLToPath } from 'node:url';
import { initParser, importSql } from '../src/core/sql/import/index';
import { History, type Command } from '../src/core/commands/history';
import { addColumn, addTable, removeColumn, renameTable, updateColumn } from '../src/core/commands/schema';
import { documentFromModel } from '../src/core/document/document';
import { migrationSql } from '../src/core/migrate/index';
import { changeMarks, encodeMarks } from '../src/core/migrate/marks';
import { MIGRATION_FORMATS } from '../src/core/migrate/formats';
import { migrationBundle, zipFiles } from '../src/core/migrate/zip';
import { generateSchemaSql } from './generate';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
function time(n: number, f: () => void): number {
  for (let i = 0; i < 3; i++) f();
  const xs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}

export async function runMigrateCanvasBench(tables = 1000): Promise<void> {
  await initParser();
  const v1 = documentFromModel(importSql(generateSchemaSql(tables)).model);
  const h = new History();
  let doc = v1;
  const apply = (c: Command) => {
    const r = h.apply(doc, c);
    if (r.error) throw new Error(r.error);
    doc = r.doc;
  };
  const list = Object.values(doc.schema.tables).sort((a, b) => a.seq - b.seq);
  const pick = (i: number) => list[(i * 97 + 13) % list.length]!;
  for (let i = 0; i < 10; i++) apply(renameTable(pick(i).id, `${pick(i).name}_renamed`));
  for (let i = 10; i < 30; i++) apply(addColumn(pick(i).id, { name: 'note', type: 'text' }));
  for (let i = 30; i < 40; i++) apply(updateColumn(pick(i).id, pick(i).columns.find((c) => c.name === 'name')!.id, { type: 'varchar(200)' }));
  for (let i = 40; i < 45; i++) apply(removeColumn(pick(i).id, pick(i).columns.find((c) => c.name === 'created_at')!.id));
  for (let i = 0; i < 5; i++) apply(addTable({ name: `new_table_${i}` }));
  const m = migrationSql(v1.schema, doc.schema);
  const changes = m.changes!;
  let marked = 0;
  const marksMs = time(30, () => {
    const marks = changeMarks(changes, doc.schema);
    marked = Object.keys(encodeMarks(marks)).length;
  });
  console.log(`\nMigration marks on the canvas: ${tables} tables, ${changes.length} changes → ${marked} marked tables`);
  console.log(`  changes → canvas marks + strings (median of 30)   ${marksMs.toFixed(2)} ms`);
  const input = { name: 'bench', from: { name: 'v1' }, to: { name: 'v2', createdAt: '2025-01-01T00:00:00Z' }, migration: m, timestamp: '20250101000000', changes };
  for (const f of MIGRATION_FORMATS) {
    let bytes = 0;
    const ms = time(5, () => {
      bytes = zipFiles(migrationBundle(f, input), { mtime: '2025-01-01T00:00:00Z' }).length;
    });
    console.log(`  zip ${f.padEnd(15)} files + report (median of 5)   ${ms.toFixed(1)} ms   ${(bytes / 1024).toFixed(0)} KB`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runMigrateCanvasBench(Number(process.argv[2]) || 1000);
