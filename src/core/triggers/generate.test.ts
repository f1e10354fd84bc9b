import { beforeAll, describe, expect, it } from 'vitest';
import { parsePlPgSQLSync } from 'libpg-query';
import { importSql } from '../sql/import/index';
import { utf8Length } from '../sql/ident';
import { checkPlpgsql, initTriggers, TriggerGeneratorError } from './check';
import { behaviorRawStatements, generateTriggerSql } from './generate';
import { fitIdent } from './names';

beforeAll(async () => {
  await initTriggers();
});

describe('generateTriggerSql', () => {
  it('checks PL/pgSQL with libpg-query and throws an internal error on a bad body', () => {
    expect(() => checkPlpgsql('CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW END $$')).toThrow(TriggerGeneratorError);
    expect(() => checkPlpgsql('CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN x := 1; RETURN NEW; END $$')).toThrow(/not a known variable/);
    expect(() => checkPlpgsql('CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$')).not.toThrow();
  });

  it('fits every generated name into 63 bytes and quotes odd identifiers; all functions parse', () => {
    const long = 'x'.repeat(60);
    const { model } = importSql(`
      CREATE SCHEMA "Odd Schema";
      CREATE TABLE "Odd Schema"."Order Items" ("ID" int PRIMARY KEY, "Title" text, "select" text, qty int);
      CREATE TABLE ${long} (id int PRIMARY KEY, "naïve_žluťoučký_kůň_${'é'.repeat(10)}" text);
    `);
    const odd = Object.values(model.tables).find((t) => t.name === 'Order Items')!;
    const lng = Object.values(model.tables).find((t) => t.name === long)!;
    const title = odd.columns.find((c) => c.name === 'Title')!;
    const gen = generateTriggerSql(model, {
      [odd.id]: {
        updatedAt: { column: 'Updated At' },
        softDelete: { column: 'deleted_at', interceptDelete: true, liveView: true },
        audit: { mode: 'per-table' },
        search: { column: 'tsv', sources: [title.id, 'select', 'qty'], config: 'english', weights: { [title.id]: 'A' } },
      },
      [lng.id]: { updatedAt: { column: 'updated_at' }, audit: { mode: 'per-table' }, softDelete: { column: 'deleted_at', interceptDelete: true, liveView: true } },
    });
    expect(gen.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(gen.sql).toContain('CREATE OR REPLACE FUNCTION public."set_Updated At"()');
    expect(gen.sql).toContain('NEW."Updated At" := now();');
    expect(gen.sql).toContain('ON "Odd Schema"."Order Items"');
    expect(gen.sql).toContain(`coalesce(NEW.qty::text, '')`);
    for (const s of gen.statements) {
      // every identifier in a DROP/CREATE TRIGGER/INDEX/TABLE head is <= 63 bytes
      for (const m of s.sql.matchAll(/"((?:[^"]|"")*)"|\b([a-z_][a-z0-9_$]*)\b/g)) {
        const id = (m[1] ?? m[2] ?? '').replace(/""/g, '"');
        expect(utf8Length(id)).toBeLessThanOrEqual(63);
      }
      if (s.kind === 'function') expect(parsePlPgSQLSync(s.sql)).toHaveProperty('plpgsql_funcs');
    }
    const longTrig = gen.statements.find((s) => s.kind === 'trigger' && s.tableId === lng.id && s.behavior === 'updatedAt')!;
    expect(longTrig.sql).toMatch(/CREATE TRIGGER x{54}_[0-9a-f]{8} BEFORE UPDATE/);
  });

  it('fitIdent is stable and distinct for long names', () => {
    const a = fitIdent('a'.repeat(70) + '_one');
    const b = fitIdent('a'.repeat(70) + '_two');
    expect(a).not.toBe(b);
    expect(utf8Length(a)).toBe(63);
    expect(fitIdent('short')).toBe('short');
    expect(utf8Length(fitIdent('é'.repeat(40)))).toBeLessThanOrEqual(63);
  });

  it('raw statements carry ids, deps and targets; shared objects are emitted once', () => {
    const { model } = importSql(`CREATE TABLE a (id int PRIMARY KEY); CREATE TABLE b (id int PRIMARY KEY, updated_at timestamptz);`);
    const [a, b] = Object.values(model.tables);
    model.behaviors = { [a!.id]: { updatedAt: { column: 'updated_at' }, audit: { mode: 'shared' } }, [b!.id]: { updatedAt: { column: 'updated_at' }, audit: { mode: 'shared' } } };
    const raws = behaviorRawStatements(model);
    const ids = new Set(raws.map((r) => r.id));
    expect(ids.size).toBe(raws.length);
    expect(raws.filter((r) => r.nodeType === 'CreateFunctionStmt').map((r) => r.label)).toEqual(['function public.set_updated_at()', 'function public.audit_row_change()']);
    expect(raws.filter((r) => r.nodeType === 'CreateStmt')).toHaveLength(1);
    const trig = raws.find((r) => r.nodeType === 'CreateTrigStmt' && r.target === a!.id && r.label.includes('set_updated_at'))!;
    expect(trig.deps).toContain(a!.id);
    expect(trig.deps).toContain('bh:function:public.set_updated_at');
    expect(trig.deps.some((d) => d.endsWith(':drop'))).toBe(true);
    expect(trig.deps.every((d) => ids.has(d) || !!model.tables[d])).toBe(true);
    expect(raws.some((r) => r.sql.includes('ADD COLUMN IF NOT EXISTS updated_at') && r.target === a!.id)).toBe(true);
    expect(raws.some((r) => r.sql.includes('ADD COLUMN') && r.target === b!.id)).toBe(false);
  });

  it('reports unusable configurations as diagnostics, not exceptions', () => {
    const { model } = importSql(`CREATE TABLE n (v int); CREATE TABLE p (id int PRIMARY KEY);`);
    const [n, p] = Object.values(model.tables);
    const gen = generateTriggerSql(model, {
      [n!.id]: { softDelete: { column: 'deleted_at', interceptDelete: true }, search: { column: 's', sources: ['nope'], config: 'simple' } },
      [p!.id]: { counters: [{ id: 'x', column: 'c', childTableId: n!.id, fkId: 'missing' }] },
      ghost: { updatedAt: { column: 'updated_at' } },
    });
    expect(gen.diagnostics.map((d) => d.code).sort()).toEqual(
      ['behavior-column-added', 'behavior-counter-fk', 'behavior-no-key', 'behavior-search-source', 'behavior-search-source', 'behavior-unknown-table'].sort(),
    );
  });
});

describe('configured names', () => {
  it('warns when a configured function schema is not in the diagram, and uses the configured names', () => {
    const { model } = importSql(`CREATE SCHEMA util; CREATE TABLE posts (id int PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now());`);
    const posts = Object.values(model.tables)[0]!;
    const ok = generateTriggerSql(model, { [posts.id]: { updatedAt: { column: 'updated_at', function: 'touch', functionSchema: 'util', trigger: 'posts_touch' } } });
    expect(ok.diagnostics.filter((d) => d.code === 'behavior-missing-schema')).toEqual([]);
    expect(ok.sql).toContain('CREATE OR REPLACE FUNCTION util.touch()');
    expect(ok.sql).toContain('CREATE TRIGGER posts_touch BEFORE UPDATE ON public.posts FOR EACH ROW EXECUTE FUNCTION util.touch()');
    const bad = generateTriggerSql(model, { [posts.id]: { updatedAt: { column: 'updated_at', functionSchema: 'nowhere' } } });
    expect(bad.diagnostics).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'behavior-missing-schema' }));
  });
});
