import { beforeAll, describe, expect, it } from 'vitest';
import { initTriggers } from '../../core/triggers/check';
import { importSql } from '../../core/sql/import/index';
import { exportDdl } from '../../core/sql/export/ddl';
import { documentFromModel } from '../../core/document/document';
import { History } from '../../core/commands/history';
import { addCounter, enableSearch } from '../../core/triggers/commands';
import { convertTriggerToBehavior } from '../../core/triggers/convert';
import type { SchemaModel } from '../../core/model/types';
import { analyseBehaviors } from './analyse';
import { behaviorSubset } from './subset';
import { corpusAvailable, readCorpus } from '../../../tests/harness/corpus';
import { enableAudit, enableSoftDelete, enableUpdatedAt } from '../../core/triggers/commands';

beforeAll(async () => {
  await initTriggers();
});

const id = (m: SchemaModel, name: string) => Object.values(m.tables).find((t) => t.name === name)!.id;

describe('analyseBehaviors (what the behaviours worker answers)', () => {
  it('previews only the selected table’s behaviours, with diagnostics', () => {
    const m = importSql(`CREATE TABLE authors (id int PRIMARY KEY, name text); CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors, title text);`).model;
    const h = new History();
    let doc = documentFromModel(m);
    const fk = doc.schema.tables[id(m, 'books')]!.constraints.find((c) => c.kind === 'foreign')!;
    doc = h.apply(doc, addCounter(id(m, 'authors'), id(m, 'books'), fk.id)).doc;
    doc = h.apply(doc, enableSearch(id(m, 'books'), { sources: ['title'], config: 'english' })).doc;
    const a = analyseBehaviors(doc.schema, id(m, 'authors'));
    expect(a.preview.kind).toBe('sql');
    const sql = a.preview.kind === 'sql' ? a.preview.sql : '';
    expect(sql).toContain('CREATE TRIGGER books_maintain_authors_books_count AFTER INSERT OR DELETE OR UPDATE OF author_id ON public.books');
    expect(sql).not.toContain('search_vector');
    const b = analyseBehaviors(doc.schema, id(m, 'books'));
    expect(b.preview.kind === 'sql' && b.preview.sql).toContain(`to_tsvector('english'::regconfig, coalesce(NEW.title, ''))`);
    expect(analyseBehaviors(doc.schema, 'no-such-table').preview).toEqual({ kind: 'none' });
  });

  it('lists the table’s recognised verbatim triggers as conversions the command accepts', () => {
    const m = importSql(`
      CREATE TABLE t (id int PRIMARY KEY, modified timestamptz);
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.modified := now(); RETURN NEW; END $$;
      CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();
      CREATE TRIGGER t_other AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION touch();
    `).model;
    const a = analyseBehaviors(m, id(m, 't'));
    expect(a.preview).toEqual({ kind: 'none' });
    expect(a.matches.map((x) => [x.behavior, m.raw[x.triggerRawId]!.label])).toEqual([['updatedAt', 'trigger t_touch on t']]);
    // the match crosses the worker boundary as plain data and drives the command
    const doc = documentFromModel(m);
    const r = new History().apply(doc, convertTriggerToBehavior(structuredClone(a.matches[0]!)));
    expect(r.error).toBeUndefined();
    expect(r.doc.schema.behaviors?.[id(m, 't')]).toEqual({ updatedAt: { column: 'modified', trigger: 't_touch', function: 'touch' } });
    // t_other still calls touch(): the function stays
    expect(Object.values(r.doc.schema.raw).map((x) => x.label).sort()).toEqual(['function public.touch()', 'trigger t_other on t']);
  });
});

describe('behaviorSubset (what is sent to the worker)', () => {
  const same = (m: SchemaModel) => {
    for (const t of Object.values(m.tables)) {
      const sub = behaviorSubset(m, t.id);
      expect(analyseBehaviors(sub, t.id), t.name).toEqual(analyseBehaviors(m, t.id));
    }
  };

  it('gives the same preview and matches as the whole model: counters, audit tables, live views, pasted-back triggers', () => {
    const m = importSql(`
      CREATE TABLE authors (id int PRIMARY KEY, name text, email text UNIQUE);
      CREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors, editor_id int REFERENCES authors, title text);
      CREATE TABLE audit_log (id bigint PRIMARY KEY);
      CREATE TABLE books_history (id bigint PRIMARY KEY);
      CREATE TABLE unrelated (id int PRIMARY KEY);
    `).model;
    const h = new History();
    let doc = documentFromModel(m);
    const books = doc.schema.tables[id(m, 'books')]!;
    const [fa, fe] = books.constraints.filter((c) => c.kind === 'foreign');
    for (const c of [
      addCounter(id(m, 'authors'), books.id, fa!.id),
      addCounter(id(m, 'authors'), books.id, fe!.id, { column: 'edited_count' }),
      enableAudit(id(m, 'authors'), 'shared'),
      enableAudit(books.id, 'per-table'),
      enableSoftDelete(id(m, 'authors'), { liveView: true, partialIndexes: true }),
      enableUpdatedAt(books.id),
      enableSearch(books.id, { sources: ['title'] }),
    ]) doc = h.apply(doc, c).doc;
    same(doc.schema);
    // pasted back: every trigger verbatim, recognised on the subset exactly as on the whole model
    const pasted = importSql(exportDdl(doc.schema).sql).model;
    expect(Object.values(pasted.raw).filter((r) => r.nodeType === 'CreateTrigStmt').length).toBeGreaterThan(5);
    same(pasted);
    expect(Object.values(pasted.tables).flatMap((t) => analyseBehaviors(behaviorSubset(pasted, t.id), t.id).matches.map((x) => x.behavior)).sort())
      .toEqual(['audit', 'audit', 'counter', 'counter', 'search', 'softDelete', 'updatedAt']);
  });

  it.runIf(corpusAvailable())('pagila: same answers for every table', () => {
    same(importSql(readCorpus('pagila')).model);
  });
});

describe('softDeleteSuggestionCount (the count shown beside the partial-index switch)', () => {
  it('equals the number of partial unique indexes the generator would create', async () => {
    const { softDeleteIndexSuggestions } = await import('../../core/triggers/generate');
    const { softDeleteSuggestionCount } = await import('./util');
    const m = importSql(`
      CREATE TABLE a (id int PRIMARY KEY, email text UNIQUE, code text, org int, deleted_at timestamptz, UNIQUE (org, code), UNIQUE (email));
      CREATE UNIQUE INDEX a_code_idx ON a (code);
      CREATE UNIQUE INDEX a_partial ON a (org) WHERE code IS NOT NULL;
      CREATE UNIQUE INDEX a_expr ON a (lower(email));
      CREATE UNIQUE INDEX a_with_deleted ON a (email, deleted_at);
      CREATE TABLE b (id int PRIMARY KEY);
    `).model;
    const counts = Object.values(m.tables).map((t) => [t.name, softDeleteSuggestionCount(t, 'deleted_at'), softDeleteIndexSuggestions(m, t.id, 'deleted_at').length]);
    expect(counts).toEqual([['a', 3, 3], ['b', 0, 0]]);
  });
});
