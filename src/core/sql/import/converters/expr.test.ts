import { beforeAll, describe, expect, it } from 'vitest';
import { loadModule, parseSync } from 'libpg-query';
import { exprText } from '../expr';
import { typeText } from '../types';

beforeAll(async () => {
  await loadModule();
});

const strip = (o: unknown) =>
  JSON.stringify(o, (k, v) => (k === 'location' || k.endsWith('_start') || k.endsWith('_end') ? undefined : v));
const expr = (e: string) => (parseSync('SELECT ' + e).stmts![0]!.stmt as any).SelectStmt.targetList[0].ResTarget.val;

describe('exprText', () => {
  const cases: [string, string?][] = [
    [`nextval('film_film_id_seq'::regclass)`, `nextval('film_film_id_seq'::regclass)`],
    [`'a'::text`, `'a'::text`],
    [`ARRAY[1,2]::int[]`, `ARRAY[1, 2]::integer[]`],
    [`(-1)::int`, `(-1)::integer`],
    [`(a + b)::numeric(10,2)`, `(a + b)::numeric(10,2)`],
    [`x IN (1,2,3)`], [`CASE WHEN a THEN 1 ELSE 2 END`], [`'public.seq'::regclass`], [`a COLLATE "C"`],
    [`a OPERATOR(pg_catalog.=) b`], [`E'it''s\\n'`], [`a IS DISTINCT FROM b`], [`ROW(1,2)`], [`(1,2)`],
    [`a = ANY (ARRAY['x','y'])`], [`x LIKE 'a%' ESCAPE '!'`], [`EXISTS (SELECT 1 FROM t WHERE t.a = b)`],
    [`(x -> 'a') ->> 'b'`], [`-(a)::int`], [`interval '1 day'`], [`now() AT TIME ZONE 'UTC'`], [`'{}'::text[]`],
    [`x::"char"`], [`x::char(3)`], [`(now())::date`], [`CURRENT_TIMESTAMP`], [`b'101'`], [`NOT (a AND b)`],
  ];
  for (const [src, want] of cases) {
    it(src, () => {
      const node = expr(src);
      const out = exprText(node);
      if (want) expect(out).toBe(want);
      if (!src.includes('\\')) expect(out).not.toMatch(/\n/);
      expect(strip(expr(out))).toBe(strip(node));
    });
  }
});

describe('typeText', () => {
  const tn = (t: string) => (parseSync(`CREATE TABLE x (c ${t})`).stmts![0]!.stmt as any).CreateStmt.tableElts[0].ColumnDef.typeName;
  it.each([
    ['int', 'integer'], ['int8', 'bigint'], ['smallint', 'smallint'], ['float', 'double precision'], ['float(3)', 'real'],
    ['character varying', 'varchar'], ['varchar(5)[]', 'varchar(5)[]'], ['character(2)', 'char(2)'], ['bpchar', 'bpchar'],
    ['"char"', '"char"'], ['timestamp', 'timestamp'], ['timestamp(0) without time zone', 'timestamp(0)'],
    ['time(2) with time zone', 'timetz(2)'], ['interval(3)', 'interval(3)'], ['interval year to month', 'interval year to month'],
    ['decimal(10, 2)', 'numeric(10,2)'], ['bit', 'bit'], ['"My Type"', '"My Type"'],
    ['int array', 'integer[]'], ['text[][]', 'text[][]'],
  ])('%s → %s', (src, want) => {
    expect(typeText(tn(src))).toBe(want);
  });
});
