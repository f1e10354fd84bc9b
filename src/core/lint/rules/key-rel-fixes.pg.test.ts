/** Quick fixes of KEY-* / REL-*: applying each fix (History.apply) removes its finding and the DDL applies in PGlite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, type PGlite } from '../../../../tests/harness/pglite';
import { History } from '../../commands/history';
import { documentFromModel } from '../../document/document';
import { initParser } from '../../sql/import/index';
import { exportDdl } from '../../sql/export/ddl';
import { lintModel } from '../engine';
import { fixtureModel, fixtures, matching } from './__fixtures__/key-rel';

let db: PGlite;

beforeAll(async () => {
  await initParser();
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
});

async function applies(sql: string): Promise<void> {
  await db.exec(`DO $$ DECLARE s text; BEGIN
    FOR s IN SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP EXECUTE format('DROP SCHEMA %I CASCADE', s); END LOOP;
  END $$; CREATE SCHEMA public;`);
  await db.exec(sql);
}

describe('KEY / REL quick fixes', () => {
  for (const fx of fixtures.filter((f) => f.hit)) {
    it(`${fx.rule}: ${fx.name}`, async () => {
      const model = fixtureModel(fx);
      if (!fx.invalidBefore) await applies(exportDdl(model).sql);
      const before = matching(lintModel(model), fx);
      expect(before.length).toBeGreaterThan(0);
      const withFix = before.filter((f) => f.fix);
      if (!withFix.length) return; // the catalogue gives no fix (REL-06, REL-11, REL-12, REL-14, info-only cycles)
      for (const f of withFix) {
        const history = new History();
        const doc = documentFromModel(model);
        const r = history.apply(doc, f.fix!.command);
        expect(r.error).toBeUndefined();
        expect(r.changed).toBe(true);
        expect(f.fix!.sql.length).toBeGreaterThan(5);
        const after = lintModel(r.doc.schema);
        const same = after.filter((g) => g.rule === f.rule && g.object.tableId === f.object.tableId && g.object.columnId === f.object.columnId && g.message === f.message);
        expect(same.map((g) => g.message)).toEqual([]);
        await applies(exportDdl(r.doc.schema).sql);
        // undo restores the original model
        expect(history.undo(r.doc).schema).toEqual(model);
      }
    });
  }
});
