/**
 * "Convert to behaviour" on a real dump: pagila's `last_updated` triggers (one per table) share one function
 * (`NEW.last_update = CURRENT_TIMESTAMP`). Converting one table, then all of them, keeps every table's trigger name
 * and behaviour when the export is applied in PostgreSQL; the shared function's ALTER ... OWNER keeps it verbatim.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { withFreshDb } from '../../../tests/harness/pglite';
import { applyLikePsql } from '../../../tests/harness/apply';
import { corpusAvailable, corpusDir, readCorpus } from '../../../tests/harness/corpus';
import { importSql } from '../sql/import/index';
import { exportDdl } from '../sql/export/ddl';
import { documentFromModel, type TablewrightDocument } from '../document/document';
import { History } from '../commands/history';
import { initTriggers } from './check';
import { recognizeTriggerMatches } from './recognize';
import { convertTriggerToBehavior } from './convert';

beforeAll(async () => {
  await initTriggers();
});

interface Observed {
  triggers: string[];
  errors: string[];
  /** Tables whose UPDATE moved last_update. */
  moved: string[];
}

async function observe(doc: TablewrightDocument): Promise<Observed> {
  const sql = exportDdl(doc.schema).sql;
  return withFreshDb(async (db: PGlite) => {
    const r = await applyLikePsql(db, sql);
    const triggers = (
      await db.query<{ t: string }>(
        `SELECT c.relname || '.' || tg.tgname || ':' || tg.tgtype AS t FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
         WHERE NOT tg.tgisinternal AND c.relnamespace = 'public'::regnamespace ORDER BY 1`,
      )
    ).rows.map((x) => x.t);
    const moved: string[] = [];
    // language and actor have no foreign keys: insert a row dated in the past, update it, see whether it moved.
    await db.exec(`INSERT INTO public.language (language_id, name, last_update) VALUES (1, 'English', '2000-01-01')`);
    await db.exec(`INSERT INTO public.actor (actor_id, first_name, last_name, last_update) VALUES (1, 'A', 'B', '2000-01-01')`);
    await db.exec(`UPDATE public.language SET name = 'Inglés'; UPDATE public.actor SET first_name = 'C'`);
    for (const t of ['actor', 'language']) {
      const q = await db.query<{ m: boolean }>(`SELECT last_update > '2001-01-01' AS m FROM public.${t}`);
      if (q.rows[0]?.m) moved.push(t);
    }
    return { triggers, errors: r.errors.map((e) => e.message), moved };
  });
}

describe.runIf(corpusAvailable())('convert pagila last_updated triggers', () => {
  it('one table, then all: same trigger names and behaviour; undo restores', async () => {
    const pagila = readCorpus('pagila');
    const expected = pagila.match(/EXECUTE FUNCTION public\.last_updated\(\)/g)!.length;
    const imported = importSql(pagila);
    const original = documentFromModel(imported.model);
    const byName = (n: string) => Object.values(original.schema.tables).find((t) => t.name === n)!;
    const all = recognizeTriggerMatches(original.schema).filter((m) => m.behavior === 'updatedAt');
    expect(all).toHaveLength(expected);
    const before = await observe(original);
    // film_embedding needs pgvector, which this PGlite build lacks: those errors are the same before and after.
    expect(before.errors.filter((e) => !/vector|film_embedding/.test(e))).toEqual([]);
    expect(before.moved).toEqual(["actor", "language"]);
    expect(before.triggers.filter((t) => t.includes('.last_updated:'))).toHaveLength(expected - 1); // all but film_embedding

    const h = new History();
    const actor = all.find((m) => m.tableId === byName('actor').id)!;
    expect(actor.behaviors).toEqual({ updatedAt: { column: 'last_update', trigger: 'last_updated', function: 'last_updated' } });
    const one = h.apply(original, convertTriggerToBehavior(actor)).doc;
    expect(await observe(one)).toEqual(before);

    let every = one;
    for (const m of all) {
      if (m === actor) continue;
      const r = h.apply(every, convertTriggerToBehavior(m));
      expect(r.error).toBeUndefined();
      every = r.doc;
    }
    expect(Object.values(every.schema.raw).filter((r) => r.nodeType === 'CreateTrigStmt' && /last_updated\(\)/.test(r.sql))).toEqual([]);
    // ALTER FUNCTION ... OWNER TO still needs the function, so its CREATE FUNCTION stays verbatim.
    expect(Object.values(every.schema.raw).some((r) => r.nodeType === 'CreateFunctionStmt' && r.defines?.name === 'last_updated')).toBe(true);
    expect(await observe(every)).toEqual(before);

    let back = every;
    for (let i = 0; i < all.length; i++) back = h.undo(back);
    expect(back).toEqual(original);
  });
});

describe.runIf(!corpusAvailable())('convert pagila last_updated triggers', () => {
  it('corpus directory missing', () => {
    throw new Error(`corpus not found at ${corpusDir}`);
  });
});
