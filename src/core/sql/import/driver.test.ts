import { beforeAll, describe, expect, it } from 'vitest';
import { loadModule } from 'libpg-query';
import { parseFile } from './driver';
import { splitSql } from './split';

beforeAll(async () => {
  await loadModule();
});

describe('splitSql (psql rules)', () => {
  it('splits on top-level semicolons only', () => {
    const sql = `select ';' as a; select $$;$$; select $x$ $$; $x$; select "a;b"; select (1;2); -- c;\nselect 1 /* ; /* ; */ */;`;
    const segs = splitSql(sql).filter((s) => s.kind === 'statement');
    expect(segs.map((s) => sql.slice(s.start, s.end))).toEqual([
      `select ';' as a`,
      `select $$;$$`,
      `select $x$ $$; $x$`,
      `select "a;b"`,
      `select (1;2)`,
      `select 1 /* ; /* ; */ */`,
    ]);
  });
  it('treats E strings with backslash escapes and standard strings correctly', () => {
    const sql = `select E'\\';'; select 'a\\'; select 2;`;
    const segs = splitSql(sql);
    expect(segs.map((s) => sql.slice(s.start, s.end))).toEqual([`select E'\\';'`, `select 'a\\'`, `select 2`]);
  });
  it('keeps BEGIN ATOMIC bodies together', () => {
    const sql = `create function f() returns int language sql begin atomic select 1; select case when true then 2 end; end; select 3;`;
    const segs = splitSql(sql);
    expect(segs).toHaveLength(2);
    expect(sql.slice(segs[1]!.start, segs[1]!.end)).toBe('select 3');
  });
  it('separates meta-commands and COPY data without shifting offsets', () => {
    const sql = `\\restrict abc\nselect 1;\nCOPY t (a) FROM stdin;\n1\n2;x\n\\.\n\\connect db\nselect 2;\n`;
    const segs = splitSql(sql);
    expect(segs.map((s) => s.kind)).toEqual(['meta', 'statement', 'statement', 'copy-data', 'meta', 'statement']);
    const data = segs[3]!;
    expect(sql.slice(data.start, data.end)).toBe('1\n2;x\n');
    expect(sql.slice(segs[5]!.start, segs[5]!.end)).toBe('select 2');
  });
  it('reports unterminated quotes, dollar quotes and comments', () => {
    expect(splitSql(`select 1; select 'abc`).at(-1)!.unterminated?.what).toBe('quoted string');
    expect(splitSql(`select $q$abc`).at(-1)!.unterminated?.what).toBe('dollar-quoted string');
    expect(splitSql(`select 1 /* abc`).at(-1)!.unterminated?.what).toBe('comment');
    expect(splitSql(`select "abc`).at(-1)!.unterminated?.what).toBe('quoted identifier');
  });
});

describe('parseFile', () => {
  it('parses a valid file in one go with exact statement text and positions', () => {
    const src = `-- head\nCREATE TABLE "ü" (a int);\n\nCREATE INDEX ON "ü" (a);`;
    const r = parseFile(src);
    expect(r.diagnostics).toEqual([]);
    expect(r.statements.map((s) => s.nodeType)).toEqual(['CreateStmt', 'IndexStmt']);
    expect(r.statements[1]!.sql).toBe('CREATE INDEX ON "ü" (a)');
    expect(src.slice(r.statements[1]!.start, r.statements[1]!.end)).toBe('CREATE INDEX ON "ü" (a)');
    // a node location inside the second statement maps back to the source
    const rel = r.statements[1]!.node.relation;
    expect(src.slice(r.statements[1]!.locate(rel.location)).startsWith('"ü"')).toBe(true);
    expect(r.statements[1]!.sql.slice(r.statements[1]!.sqlOffset(rel.location)).startsWith('"ü"')).toBe(true);
  });
  it('reports a syntax error at line:column (non-ASCII before it) and keeps the rest', () => {
    const src = `create table ä (ö text);\nselect 'ü€😀', 1 frm x;\ncreate table b (c int);`;
    const r = parseFile(src);
    expect(r.statements.map((s) => s.nodeType)).toEqual(['CreateStmt', 'CreateStmt']);
    const err = r.diagnostics.find((d) => d.severity === 'error')!;
    expect(err.message).toMatch(/syntax error at or near "x"/);
    expect(err.line).toBe(2);
    expect(src.split('\n')[1]!.slice(err.column! - 1).startsWith('x;')).toBe(true);
  });
  it('skips INSERT and COPY data, counting them, and ignores meta-commands', () => {
    const src = `\\connect foo\ncreate table t (a int);\ninsert into t values (1);\ninsert into t values (2);\nCOPY t (a) FROM stdin;\n1\n2\n\\.\ncreate index i on t (a);`;
    const r = parseFile(src);
    expect(r.statements.map((s) => s.nodeType)).toEqual(['CreateStmt', 'IndexStmt']);
    expect(r.stats).toMatchObject({ inserts: 2, copies: 1, copyRows: 2, metaCommands: 1 });
    expect(r.diagnostics.some((d) => d.code === 'skipped-data' && /2 INSERT/.test(d.message) && /2 rows/.test(d.message))).toBe(true);
  });
  it('handles empty input, comments only, NUL bytes and garbage without throwing', () => {
    expect(parseFile('').statements).toEqual([]);
    expect(parseFile('-- nothing\n/* x */').statements).toEqual([]);
    const nul = parseFile('select 1;\0\0 create table t(a int);');
    expect(nul.diagnostics[0]!.code).toBe('nul-character');
    expect(nul.statements.map((s) => s.nodeType)).toEqual(['SelectStmt', 'CreateStmt']);
    const garbage = parseFile('\u00ff\ufffd\u0001 ))) ((( ;;; $$');
    expect(garbage.diagnostics.some((d) => d.severity === 'error' && d.line !== undefined)).toBe(true);
  });
  it('reports an unterminated dollar quote with its position', () => {
    const r = parseFile(`create table a (b int);\ncreate function f() returns int as $$ select 1;`);
    expect(r.statements).toHaveLength(1);
    const d = r.diagnostics.find((x) => x.code === 'syntax')!;
    expect(d).toMatchObject({ line: 2, column: 36 });
    expect(d.message).toMatch(/unterminated dollar-quoted string/);
  });
});
