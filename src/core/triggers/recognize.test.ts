import { beforeAll, describe, expect, it } from 'vitest';
import { importSql } from '../sql/import/index';
import { exportDdl } from '../sql/export/ddl';
import { documentFromModel } from '../document/document';
import { History } from '../commands/history';
import type { SchemaModel, Table } from '../model/types';
import { initTriggers } from './check';
import { behaviorRawRecord, generateTriggerSql } from './generate';
import { rawStatementsByTable, recognizeBehaviors } from './recognize';
import { addCounter, enableAudit, enableSearch, enableSoftDelete, enableUpdatedAt } from './commands';

beforeAll(async () => {
  await initTriggers();
});

const byName = (m: SchemaModel, name: string): Table => Object.values(m.tables).find((t) => t.name === name)!;

describe('recognizeBehaviors', () => {
  it('turns a hand-written updated_at trigger into a behaviour and keeps other triggers verbatim', () => {
    const { model } = importSql(`
      CREATE TABLE users (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE posts (id int PRIMARY KEY, modified timestamp);
      CREATE FUNCTION trigger_set_timestamp() RETURNS trigger AS $$
      BEGIN
        NEW.updated_at = NOW();
        RETURN NEW;
      END;
      $$ LANGUAGE plpgsql;
      CREATE FUNCTION touch_modified() RETURNS trigger LANGUAGE plpgsql AS 'begin new.modified := current_timestamp; return new; end';
      CREATE FUNCTION notify_users() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('users', NEW.id::text); RETURN NULL; END $$;
      CREATE TRIGGER set_timestamp BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE trigger_set_timestamp();
      CREATE TRIGGER users_notify AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION notify_users();
      CREATE TRIGGER posts_touch BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION public.touch_modified();
      CREATE TRIGGER posts_touch_when BEFORE UPDATE ON posts FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION touch_modified();
    `);
    const users = byName(model, 'users');
    const posts = byName(model, 'posts');
    const r = recognizeBehaviors(model);
    expect(r.model.behaviors?.[users.id]).toEqual({ updatedAt: { column: 'updated_at', trigger: 'set_timestamp', function: 'trigger_set_timestamp' } });
    expect(r.model.behaviors?.[posts.id]).toEqual({ updatedAt: { column: 'modified', trigger: 'posts_touch', function: 'touch_modified' } });
    expect(r.recognized.map((x) => [x.tableId, x.behavior, x.rawIds.length])).toEqual([
      [users.id, 'updatedAt', 2],
      [posts.id, 'updatedAt', 1], // touch_modified is still used by the WHEN trigger, so it stays
    ]);
    const left = Object.values(r.model.raw).map((x) => x.label).sort();
    expect(left).toEqual([
      'function public.notify_users()',
      'function public.touch_modified()',
      'trigger posts_touch_when on posts',
      'trigger users_notify on users',
    ]);
    const per = rawStatementsByTable(r.model);
    expect(per[users.id]!.map((x) => x.label)).toEqual(['function public.notify_users()', 'trigger users_notify on users']);
    expect(per[posts.id]!.map((x) => x.label)).toEqual(['function public.touch_modified()', 'trigger posts_touch_when on posts']);
    expect(model.behaviors).toBeUndefined(); // input untouched
  });

  it('recognises a hand-written soft delete trigger and rejects one that does more', () => {
    const { model } = importSql(`
      CREATE TABLE a (id int PRIMARY KEY, deleted_at timestamptz);
      CREATE TABLE b (id int PRIMARY KEY, deleted_at timestamptz);
      CREATE FUNCTION a_sd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE a SET deleted_at = now() WHERE id = OLD.id; RETURN NULL; END $$;
      CREATE FUNCTION b_sd() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE b SET deleted_at = now() WHERE id = OLD.id; DELETE FROM a; RETURN NULL; END $$;
      CREATE TRIGGER a_sd BEFORE DELETE ON a FOR EACH ROW EXECUTE FUNCTION a_sd();
      CREATE TRIGGER b_sd BEFORE DELETE ON b FOR EACH ROW EXECUTE FUNCTION b_sd();
    `);
    const r = recognizeBehaviors(model);
    expect(r.model.behaviors?.[byName(model, 'a').id]).toEqual({ softDelete: { column: 'deleted_at', interceptDelete: true, trigger: 'a_sd', function: 'a_sd' } });
    expect(r.model.behaviors?.[byName(model, 'b').id]).toBeUndefined();
    expect(Object.values(r.model.raw)).toHaveLength(2);
  });

  it('round trip: generated SQL pasted back is recognised as the same behaviours, and regenerates the same triggers', () => {
    const { model } = importSql(`
      CREATE SCHEMA app;
      CREATE TABLE app.authors (id int PRIMARY KEY, name text, bio text);
      CREATE TABLE app.books (id int PRIMARY KEY, author_id int REFERENCES app.authors, title text);
      CREATE TABLE app.logs (id int PRIMARY KEY, msg text);
    `);
    let doc = documentFromModel(model);
    const h = new History();
    const authors = byName(model, 'authors');
    const books = byName(model, 'books');
    const fk = books.constraints.find((c) => c.kind === 'foreign')!;
    for (const c of [
      enableUpdatedAt(authors.id),
      enableUpdatedAt(books.id, { column: 'changed_at', trigger: 'books_touch' }),
      enableSoftDelete(authors.id, { liveView: true }),
      enableAudit(authors.id, 'shared'),
      enableAudit(byName(model, 'logs').id, 'per-table'),
      addCounter(authors.id, books.id, fk.id, { column: 'book_count' }),
      enableSearch(authors.id, { sources: ['name', 'bio'], config: 'english', weights: { name: 'A' } }),
    ]) {
      const res = h.apply(doc, c);
      expect(res.error).toBeUndefined();
      doc = res.doc;
    }
    const m1 = doc.schema;
    const ddl = exportDdl({ ...m1, raw: { ...m1.raw, ...behaviorRawRecord(m1) } }).sql;
    const imported = importSql(ddl);
    expect(imported.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = recognizeBehaviors(imported.model);
    const m2 = r.model;
    expect(Object.values(m2.raw).filter((x) => /Create(Trig|Function)Stmt/.test(x.nodeType))).toEqual([]);
    // behaviours equal, modulo table/column/constraint ids
    const named = (m: SchemaModel) => {
      const out: Record<string, unknown> = {};
      const tname = (id: string) => m.tables[id]?.name;
      const cname = (t: string, id: string) => m.tables[t]?.columns.find((c) => c.id === id)?.name;
      for (const [id, b] of Object.entries(m.behaviors ?? {})) {
        out[tname(id)!] = {
          ...b,
          ...(b.counters ? { counters: b.counters.map(({ id: _i, fkId: _f, childTableId, ...c }) => ({ ...c, child: tname(childTableId) })) } : {}),
          ...(b.search
            ? { search: { ...b.search, sources: b.search.sources.map((s) => cname(id, s)), weights: Object.fromEntries(Object.entries(b.search.weights ?? {}).map(([k, v]) => [cname(id, k), v])) } }
            : {}),
        };
      }
      return out;
    };
    expect(named(m2)).toEqual(named(m1));
    const fnTrig = (m: SchemaModel) => generateTriggerSql(m).statements.filter((s) => s.kind === 'function' || s.kind === 'trigger').map((s) => s.sql);
    expect(fnTrig(m2)).toEqual(fnTrig(m1));
    expect(r.recognized.map((x) => x.behavior).sort()).toEqual(['audit', 'audit', 'counter', 'search', 'softDelete', 'updatedAt', 'updatedAt']);
  });
});
