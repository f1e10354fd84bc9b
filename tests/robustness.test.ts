/**
 * Bad input never crashes the importer: every case gives diagnostics with a position, the rest of the file still
 * imports, and the parser stays usable afterwards.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, importSql } from '../src/core/sql/import/index';
import { decodeSqlBytes } from '../src/core/sql/import/decode';
import { exportDdl } from '../src/core/sql/export/ddl';
import { generateSchemaSql } from '../bench/generate';

beforeAll(async () => {
  await initParser();
});

const errors = (sql: string) => importSql(sql).diagnostics.filter((d) => d.severity === 'error');
const stillWorks = () => expect(importSql('create table ok (a int);').stats.tables).toBe(1);

describe('robustness', () => {
  it('empty and whitespace-only input', () => {
    for (const s of ['', '   \n\t', ';', ';;;', '-- c\n', '/* c */']) {
      const r = importSql(s);
      expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(r.stats.tables).toBe(0);
    }
  });

  it('binary garbage gives positioned errors, not a crash', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) % 256);
    const bytes = new Uint8Array(20000).map(() => rnd());
    const { text, diagnostics } = decodeSqlBytes(bytes);
    expect(diagnostics[0]?.code).toBe('invalid-utf8');
    const r = importSql(text + '\n;create table after_garbage (a int);');
    expect(r.diagnostics.some((d) => d.severity === 'error' && d.line !== undefined && d.column !== undefined)).toBe(true);
    stillWorks();
  });

  it('unterminated string, dollar quote, quoted identifier and comment', () => {
    const cases: [string, RegExp, number, number][] = [
      [`create table a (b int);\nselect 'abc`, /unterminated quoted string/, 2, 8],
      [`create table a (b int);\ncreate function f() returns int as $body$ select 1`, /unterminated dollar-quoted string/, 2, 36],
      [`create table a (b int);\nselect "abc`, /unterminated quoted identifier/, 2, 8],
      [`create table a (b int);\n/* never closed`, /unterminated comment/, 2, 1],
    ];
    for (const [sql, msg, line, column] of cases) {
      const r = importSql(sql);
      expect(r.stats.tables, sql).toBe(1);
      const e = r.diagnostics.find((d) => d.severity === 'error')!;
      expect(e.message).toMatch(msg);
      expect([e.line, e.column], sql).toEqual([line, column]);
    }
  });

  it('invalid UTF-8 is reported with its line and column and decoding goes on', () => {
    const enc = new TextEncoder();
    const head = enc.encode('create table a (b int);\ncreate table ü (');
    const bytes = new Uint8Array([...head, 0xff, 0xfe, ...enc.encode('x int);\ncreate table c (d int);')]);
    const { text, diagnostics } = decodeSqlBytes(bytes);
    expect(diagnostics[0]).toMatchObject({ code: 'invalid-utf8', line: 2, column: 17 });
    const r = importSql(text);
    expect(r.stats.tables).toBeGreaterThanOrEqual(2);
  });

  it('deeply nested expressions give a diagnostic, and the parser survives', () => {
    const deep = 'select ' + '('.repeat(50000) + '1' + ')'.repeat(50000) + ';\ncreate table after_deep (a int);';
    const r = importSql(deep);
    const e = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(e.line).toBe(1);
    expect(r.stats.tables).toBe(1);
    const plus = 'create table p (a int default 1' + ' + 1'.repeat(20000) + ');\ncreate table q (a int);';
    const r2 = importSql(plus);
    expect(r2.diagnostics.some((d) => d.severity === 'error' && d.line === 1)).toBe(true);
    expect(Object.values(r2.model.tables).map((t) => t.name)).toContain('q');
    stillWorks();
  });

  it('a 10 MB file imports completely', () => {
    const sql = generateSchemaSql(21000);
    expect(sql.length).toBeGreaterThan(10_000_000);
    const r = importSql(sql);
    expect(errors(sql).length + r.diagnostics.filter((d) => d.severity === 'error').length).toBe(0);
    expect(r.stats.tables).toBe(21000);
    expect(r.stats.relationships).toBe(20999);
    const out = exportDdl(r.model);
    expect(out.sql.length).toBeGreaterThan(5_000_000);
  });

  it('a syntax error in the middle keeps everything around it', () => {
    const sql = `create table a (x int);\ncreate tabel b (y int);\ncreate table c (z int references a);\nselect from from;\ncreate index on c (z);`;
    const r = importSql(sql);
    expect(Object.values(r.model.tables).map((t) => t.name).sort()).toEqual(['a', 'c']);
    expect(r.model.tables[Object.keys(r.model.tables).find((k) => r.model.tables[k]!.name === 'c')!]!.indexes).toHaveLength(1);
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((d) => [d.line, d.column])).toEqual([
      [2, 8],
      [4, 13],
    ]);
  });
});
