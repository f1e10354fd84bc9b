import { describe, expect, it } from 'vitest';
import { runLint, type LintJsonFinding } from './lint';
import type { Io } from './main';
import { documentFromModel, serializeDocument } from '../core/document/document';
import { initParser, importSql } from '../core/sql/import/index';

function memIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (p) => {
      if (!(p in files)) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return new TextEncoder().encode(files[p]);
    },
    writeFile: () => {},
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

const BAD = `create table notes (body text);\ncreate table customers (id bigint primary key);\ncreate table orders (id bigint primary key, customer_id bigint);\n`;
const OK = `create table customers (id bigint generated always as identity primary key, name text not null);\n`;

describe('tablewright lint', () => {
  it('--json prints the findings array and exits 1 on errors', async () => {
    const m = memIo({ 'a.sql': BAD });
    expect(await runLint(['a.sql', '--json'], m.io)).toBe(1);
    const arr = JSON.parse(m.out()) as LintJsonFinding[];
    const key01 = arr.find((f) => f.rule === 'KEY-01')!;
    expect(key01).toMatchObject({ rule: 'KEY-01', severity: 'error', schema: 'public', table: 'notes' });
    expect(key01.fix).toMatch(/GENERATED ALWAYS AS IDENTITY/);
    expect(arr.find((f) => f.rule === 'REL-01')).toMatchObject({ table: 'orders', column: 'customer_id', severity: 'warning' });
    for (const f of arr) expect(Object.keys(f).every((k) => ['rule', 'severity', 'schema', 'table', 'column', 'message', 'fix'].includes(k))).toBe(true);
  });

  it('human output and exit 0 without errors; usage errors exit 2', async () => {
    const m = memIo({ 'ok.sql': OK });
    expect(await runLint(['ok.sql'], m.io)).toBe(0);
    for (const line of m.out().trim().split('\n').filter(Boolean)) expect(line).toMatch(/^ok\.sql: (warning|info) [A-Z]+-\d+ public\.\w+(\.\w+)?: /);
    expect(await runLint([], memIo({}).io)).toBe(2);
    expect(await runLint(['x.sql', '--bogus'], memIo({}).io)).toBe(2);
    expect(await runLint(['missing.sql'], memIo({}).io)).toBe(2);
  });

  it('reads a document and applies its lint config', async () => {
    await initParser();
    const doc = documentFromModel(importSql(BAD).model);
    doc.lint = { rules: { 'KEY-01': { enabled: false } }, suppressions: [], roles: {} };
    const m = memIo({ 'd.json': serializeDocument(doc) });
    const code = await runLint(['d.json', '--json'], m.io);
    const arr = JSON.parse(m.out()) as LintJsonFinding[];
    expect(arr.some((f) => f.rule === 'KEY-01')).toBe(false);
    expect(code).toBe(arr.some((f) => f.severity === 'error') ? 1 : 0);
  });
});
