import { describe, expect, it } from 'vitest';
import type { Io } from '../../cli/main';
import { parseTableList, runTriggers } from '../../cli/triggers';
import { documentFromModel, serializeDocument } from '../document/document';
import { importSql, initParser } from '../sql/import/index';

const SQL = `
CREATE SCHEMA app;
CREATE TABLE public.users (id int PRIMARY KEY, email text UNIQUE);
CREATE TABLE app.users (id int PRIMARY KEY);
CREATE TABLE app.orders (id int PRIMARY KEY, user_id int REFERENCES app.users, updated_at timestamptz);
CREATE TABLE app.nokey (v int);
CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch();
`;

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const io: Io = {
    stdout: (s) => void out.push(s),
    stderr: (s) => void err.push(s),
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return new TextEncoder().encode(f);
    },
    writeFile: (p, d) => void (written[p] = d),
  };
  return { io, out: () => out.join(''), err: () => err.join(''), written };
}

describe('tablewright triggers', () => {
  it('prints trigger SQL for the named tables', async () => {
    const f = fakeIo({ 's.sql': SQL });
    const code = await runTriggers(['s.sql', '--updated-at', 'public.users,app.orders', '--soft-delete', 'public.users', '--audit', 'app.orders'], f.io);
    expect(f.err()).not.toMatch(/error/);
    expect(code).toBe(0);
    const sql = f.out();
    expect(sql).toContain('ALTER TABLE public.users ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now()');
    expect(sql).toContain('CREATE TRIGGER users_set_updated_at BEFORE UPDATE ON public.users');
    // the recognised hand-written trigger keeps its names
    expect(sql).toContain('CREATE TRIGGER orders_touch BEFORE UPDATE ON app.orders FOR EACH ROW EXECUTE FUNCTION app.touch()');
    expect(sql).toContain('CREATE TRIGGER users_soft_delete BEFORE DELETE ON public.users');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS public.audit_log');
    expect(sql).toContain("current_setting('app.user_id', true)");
    expect(f.err()).toContain('s.sql: info: public.users: consider CREATE UNIQUE INDEX IF NOT EXISTS users_email_live_key');
  });

  it('--updated-at all, per-table audit, --out', async () => {
    const f = fakeIo({ 's.sql': SQL });
    expect(await runTriggers(['s.sql', '--updated-at=all', '--audit', 'app.users', '--audit-mode', 'per-table', '--out', 'o.sql', '-q'], f.io)).toBe(0);
    const sql = f.written['o.sql']!;
    expect(sql.match(/CREATE TRIGGER \S+ BEFORE UPDATE/g)).toHaveLength(4);
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS app.users_history');
    expect(f.out()).toBe('');
    expect(f.err()).toBe('');
  });

  it('without behaviour options prints the behaviours of the document', async () => {
    await initParser();
    const f = fakeIo({ 's.sql': SQL });
    expect(await runTriggers(['s.sql'], f.io)).toBe(0);
    expect(f.out()).toContain('CREATE OR REPLACE FUNCTION app.touch()');
    const model = importSql('CREATE TABLE t (id int PRIMARY KEY);').model;
    const t = Object.values(model.tables)[0]!;
    model.behaviors = { [t.id]: { audit: { mode: 'shared' } } };
    const g = fakeIo({ 'd.json': serializeDocument(documentFromModel(model)) });
    expect(await runTriggers(['d.json'], g.io)).toBe(0);
    expect(g.out()).toContain('CREATE TRIGGER t_audit AFTER INSERT OR UPDATE OR DELETE ON public.t');
  });

  it('unknown or ambiguous tables and generator errors exit 1 with FILE: severity: message', async () => {
    const f = fakeIo({ 's.sql': SQL });
    expect(await runTriggers(['s.sql', '--updated-at', 'nope,users,app.orders'], f.io)).toBe(1);
    expect(f.err()).toContain('s.sql: error: --updated-at: unknown table nope');
    expect(f.err()).toContain('s.sql: error: --updated-at: table users is in several schemas (public, app); qualify it');
    expect(f.out()).toContain('app.orders'); // what could be generated is still printed
    const g = fakeIo({ 's.sql': SQL });
    expect(await runTriggers(['s.sql', '--soft-delete', 'app.nokey'], g.io)).toBe(1);
    expect(g.err()).toMatch(/s\.sql: error: app\.nokey: soft delete cannot intercept DELETE without a primary key/);
    const h = fakeIo({ 'bad.sql': 'CREATE TABLE (;' });
    expect(await runTriggers(['bad.sql', '--updated-at', 'all'], h.io)).toBe(1);
    expect(h.err()).toMatch(/^bad\.sql:1:\d+: error: /);
  });

  it('usage errors exit 2', async () => {
    for (const argv of [[], ['a.sql', 'b.sql'], ['s.sql', '--bogus'], ['s.sql', '--audit'], ['s.sql', '--audit-mode', 'x'], ['missing.sql'], ['s.sql', '--audit', '"open']]) {
      const f = fakeIo({ 's.sql': SQL });
      expect(await runTriggers(argv, f.io)).toBe(2);
      expect(f.err()).toContain('Usage: tablewright triggers');
    }
    const f = fakeIo({});
    expect(await runTriggers(['--help'], f.io)).toBe(0);
    expect(f.out()).toContain('--soft-delete');
  });

  it('parses table lists', () => {
    expect(parseTableList('a, s.b ,"Odd, ""Name""",x."y.z"')).toEqual([
      { name: 'a', text: 'a' },
      { schema: 's', name: 'b', text: 's.b' },
      { name: 'Odd, "Name"', text: '"Odd, ""Name"""' },
      { schema: 'x', name: 'y.z', text: 'x."y.z"' },
    ]);
  });
});
