import { describe, expect, it } from 'vitest';
import { main, type Io } from './main';

function fakeIo(files: Record<string, string | Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: Io = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('nope'), { code: 'ENOENT' });
      return typeof f === 'string' ? new TextEncoder().encode(f) : f;
    },
    writeFile: (p, d) => void (written[p] = d),
  };
  return { io, out, err, written };
}

describe('tablewright CLI: import / export', () => {
  it('import prints the document JSON and exits 0', async () => {
    const t = fakeIo({ 'a.sql': 'create table users (id bigint primary key, email text not null);' });
    expect(await main(['import', 'a.sql'], t.io)).toBe(0);
    const doc = JSON.parse(t.out.join(''));
    expect(doc.format).toBe('tablewright');
    expect(Object.values<any>(doc.schema.tables).map((x) => x.name)).toEqual(['users']);
  });

  it('export prints DDL; syntax errors go to stderr as FILE:LINE:COL and exit 1 while the rest is printed', async () => {
    const t = fakeIo({ 'b.sql': 'create table a (x int);\ncreate tabel b (y int);\ncreate table "Ünï" (z int);' });
    expect(await main(['export', 'b.sql', '--no-header'], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/^b\.sql:2:8: error: syntax error at or near "tabel"/m);
    const sql = t.out.join('');
    expect(sql).toContain('CREATE TABLE public.a');
    expect(sql).toContain('CREATE TABLE public."Ünï"');
    expect(sql).not.toContain('tabel');
  });

  it('export of a saved document, with --out', async () => {
    const t = fakeIo({ 'c.sql': 'create table t (id int primary key);' });
    await main(['import', 'c.sql', '--out', 'c.json'], t.io);
    const t2 = fakeIo({ 'c.json': t.written['c.json']! });
    expect(await main(['export', 'c.json', '--out', 'c.out.sql'], t2.io)).toBe(0);
    const out = t2.written['c.out.sql']!;
    expect(out).toContain('CREATE TABLE public.t (');
    expect(out).toMatch(/id integer NOT NULL/);
    expect(out).toMatch(/PRIMARY KEY \(id\)/);
  });

  it('a corrupt document is an input error (exit 1) with a message', async () => {
    const t = fakeIo({ 'bad.json': '{"format":"tablewright","version":1' });
    expect(await main(['export', 'bad.json'], t.io)).toBe(1);
    expect(t.err.join('')).toMatch(/bad\.json:1:\d+: error: Not a Tablewright file: invalid JSON/);
  });

  it('usage errors exit 2', async () => {
    for (const args of [[], ['frobnicate'], ['import'], ['export', 'x.sql', '--qualify', 'sometimes'], ['import', 'a.sql', '--bogus'], ['export', 'missing.sql']]) {
      const t = fakeIo({ 'a.sql': '' });
      expect(await main(args, t.io), args.join(' ')).toBe(2);
      expect(t.err.join('')).toMatch(/Usage|tablewright:/);
    }
  });
});
