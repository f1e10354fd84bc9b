import { beforeAll, describe, expect, it } from 'vitest';
import { importSql, initParser } from '../../sql/import/index';
import type { Table } from '../../model/types';
import { createHelpers } from '../helpers/index';
import { lintModel } from '../engine';
import { allRules } from './index';
import { fixtureModel, fixtures, matching } from './__fixtures__/key-rel';

beforeAll(async () => {
  await initParser();
});

describe('KEY / REL rules: fixtures', () => {
  for (const fx of fixtures) {
    it(`${fx.rule} ${fx.hit ? 'flags' : 'does not flag'}: ${fx.name}`, () => {
      const model = fixtureModel(fx);
      if (fx.on) expect(Object.values(model.tables).map((t) => t.name)).toContain(fx.on.table);
      const found = matching(lintModel(model), fx);
      if (!fx.hit) {
        expect(found.map((f) => f.message)).toEqual([]);
        return;
      }
      expect(found.length).toBeGreaterThan(0);
      if (fx.severity) expect(found.map((f) => f.severity)).toContain(fx.severity);
      for (const f of found) {
        expect(f.message.length).toBeGreaterThan(10);
        expect(f.why.length).toBeGreaterThan(20);
        expect(f.object.schema).toBeTruthy();
      }
    });
  }

  it('every KEY-01..14 and REL-01..15 rule is registered, has fixtures that hit and that miss', () => {
    const ids = [...Array.from({ length: 14 }, (_, i) => `KEY-${String(i + 1).padStart(2, '0')}`), ...Array.from({ length: 15 }, (_, i) => `REL-${String(i + 1).padStart(2, '0')}`)];
    for (const id of ids) {
      const r = allRules.find((x) => x.id === id);
      expect(r, id).toBeDefined();
      expect(r!.slug).toMatch(/^[a-z0-9-]+$/);
      expect(fixtures.some((f) => f.rule === id && f.hit), `${id} hit`).toBe(true);
      expect(fixtures.some((f) => f.rule === id && !f.hit), `${id} miss`).toBe(true);
    }
  });

  it('KEY-01 offers the right fix per case', () => {
    const sqlOf = (name: string) => matching(lintModel(fixtureModel(fixtures.find((f) => f.name === name)!)), fixtures.find((f) => f.name === name)!)[0]!.fix!.sql;
    expect(sqlOf('entity without PK')).toMatch(/ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY/);
    expect(sqlOf('junction without PK')).toMatch(/ADD PRIMARY KEY \(a_id, b_id\)/);
    expect(sqlOf('promote a NOT NULL unique')).toMatch(/PRIMARY KEY USING INDEX/);
  });

  it('H3 resolves prefixed names and REL-01 proposes the FK SQL with NOT VALID + VALIDATE', () => {
    const fx = fixtures.find((f) => f.name === 'prefixed: billing_customer_id')!;
    const f = matching(lintModel(fixtureModel(fx)), fx)[0]!;
    expect(f.fix!.sql).toContain('REFERENCES customers (id) ON DELETE RESTRICT NOT VALID');
    expect(f.fix!.sql).toContain('VALIDATE CONSTRAINT');
  });
});

describe('KEY / REL rules: cheap pre-checks agree with the full checks', () => {
  const found = (sql: string, rule: string) => lintModel(importSql(sql).model).filter((f) => f.rule === rule);

  it('REL-09: an FK to a later table without a cycle is no finding; one that closes a cycle is', () => {
    // Not in creation order: the seq test cannot prove the schema acyclic, the peel does.
    const forward = `create table aa (id bigint primary key, bb_id bigint not null); create table bb (id bigint primary key); create table cc (id bigint primary key, aa_id bigint not null references aa(id)); alter table aa add foreign key (bb_id) references bb(id);`;
    expect(found(forward, 'REL-09')).toEqual([]);
    const cycle = `create table aa (id bigint primary key, cc_id bigint not null); create table bb (id bigint primary key, aa_id bigint not null references aa(id)); create table cc (id bigint primary key, bb_id bigint not null references bb(id)); create table dd (id bigint primary key, aa_id bigint references aa(id)); alter table aa add foreign key (cc_id) references cc(id);`;
    const f = found(cycle, 'REL-09');
    expect(f.map((x) => x.message)).toEqual(['Tables aa, bb, cc reference each other through NOT NULL, non-deferrable foreign keys: no row can be inserted first.']);
    // Self-references are no cycle.
    expect(found(`create table tree (id bigint primary key, parent_id bigint not null references tree(id));`, 'REL-09')).toEqual([]);
  });

  it('REL-11: a table without FKs of its own is an island only when nothing references it', () => {
    const base = `create table t1 (id bigint primary key); create table t2 (id bigint primary key, t1_id bigint references t1(id)); create table t3 (id bigint primary key, t2_id bigint references t2(id));`;
    expect(found(`${base} create table t4 (id bigint primary key, t3_id bigint references t3(id));`, 'REL-11')).toEqual([]);
    const f = found(`${base} create table loner (id bigint primary key); create table selfish (id bigint primary key, up bigint references selfish(id));`, 'REL-11');
    expect(f.map((x) => x.object.table).sort()).toEqual(['loner', 'selfish']);
  });

  it('REL-10: FKs to the same table with different columns are no duplicates; reversed column pairs are', () => {
    const sql = `create table p (a int, b int, primary key (a, b)); create table c (id bigint primary key, x int, y int, foreign key (x, y) references p (a, b), foreign key (y, x) references p (b, a), foreign key (y, x) references p (a, b));`;
    const f = found(sql, 'REL-10');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toBe('Foreign key c_y_x_fkey on c duplicates c_x_y_fkey.');
  });

  it('rules without findings return a frozen empty result (never pushed into)', () => {
    const model = importSql(`create table t (id bigint generated always as identity primary key, v text);`).model;
    const helpers = createHelpers(model);
    const ctx = { model, helpers, role: (t: Table) => helpers.inferRole(t) };
    const t = Object.values(model.tables)[0]!;
    for (const r of allRules.filter((x) => /^(KEY|REL)-/.test(x.id) && x.checkTable)) {
      const out = r.checkTable!(t, ctx);
      if (!out.length) expect(Object.isFrozen(out), r.id).toBe(true);
    }
  });
});
