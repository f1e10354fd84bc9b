import { beforeAll, describe, expect, it } from 'vitest';
import { initParser } from '../../sql/import/index';
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
