/**
 * Property: random models — with hostile names (quotes, reserved words, case, Unicode, 63+ bytes) — survive
 * export → import unchanged (modulo ids), and the exported SQL runs in real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { initParser, importSql } from '../../src/core/sql/import/index';
import { exportDdl } from '../../src/core/sql/export/ddl';
import { emptySchemaModel, type Column, type Constraint, type Index, type SchemaModel, type Table } from '../../src/core/model/types';
import { normalizeModel } from '../util/normalize';
import { quoteIdent } from '../../src/core/sql/ident';
import { freshDb, type PGlite } from '../harness/pglite';
import { applyLikePsql } from '../harness/apply';

const HOSTILE = ['a"b', 'select', 'Ünïcode', 'Mixed Case', "it's", 'user', 'order', 'x'.repeat(63), 'ü'.repeat(31) + 'a', '$$', 'a.b', '', 'end', 'public', '1abc', 'from', 'char', 'a\\b', '-- c', '/* c */'];
const TYPES = ['integer', 'bigint', 'smallint', 'text', 'boolean', 'varchar(255)', 'numeric(10,2)', 'timestamptz', 'timestamp', 'date', 'uuid', 'jsonb', 'bytea', 'double precision', 'real', 'char(3)', 'integer[]', 'text[]', 'interval', 'inet', 'time', 'numeric'];

const identArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE.filter((h) => h !== '')) },
  { weight: 5, arbitrary: fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).filter((s) => !s.includes('\0') && s.trim() === s && s.length > 0) },
);
// PostgreSQL truncates names over 63 bytes; those are reported, not round-tripped, so keep generated names within it.
const fits = (s: string) => new TextEncoder().encode(s).length <= 63;
const nameArb = identArb.filter(fits);
const commentArb = fc.option(fc.oneof(fc.constantFrom("it's", 'a "quote"', '$$ dollar $$', 'line\nbreak', '*/ end', 'back\\slash', '<img src=x onerror=alert(1)>'), fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes('\0'))), { nil: undefined }); // '' means no comment in PostgreSQL

interface Spec {
  schema: string;
  enumName: string;
  labels: string[];
  tables: { name: string; comment?: string; cols: { name: string; type: string; nullable: boolean; comment?: string; useEnum: boolean }[]; pk: boolean; uniqueFirst: boolean; fkTo: number | null; index: boolean }[];
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  schema: nameArb,
  enumName: nameArb,
  labels: fc.uniqueArray(fc.oneof(fc.constantFrom("it's", 'a"b', 'Ü', 'select', ' spaced '), fc.string({ minLength: 1, maxLength: 10 }).filter((s) => !s.includes('\0') && fits(s))), { minLength: 1, maxLength: 4 }),
  tables: fc.uniqueArray(
    fc.record({
      name: nameArb,
      comment: commentArb,
      cols: fc.uniqueArray(fc.record({ name: nameArb, type: fc.constantFrom(...TYPES), nullable: fc.boolean(), comment: commentArb, useEnum: fc.boolean() }), { minLength: 1, maxLength: 5, selector: (c) => c.name }),
      pk: fc.boolean(),
      uniqueFirst: fc.boolean(),
      fkTo: fc.option(fc.nat(5), { nil: null }),
      index: fc.boolean(),
    }),
    { minLength: 1, maxLength: 4, selector: (t) => t.name },
  ),
});

let n = 0;
const id = (p: string) => `${p}${++n}`;

function buildModel(spec: Spec): SchemaModel {
  const m = emptySchemaModel();
  const sid = id('s');
  m.schemas[sid] = { id: sid, name: spec.schema, explicit: spec.schema !== 'public', seq: m.nextSeq++ };
  const eid = id('e');
  m.types[eid] = { kind: 'enum', id: eid, schemaId: sid, name: spec.enumName, values: spec.labels.map((label) => ({ id: id('v'), label })), seq: m.nextSeq++ };
  const tables: Table[] = [];
  for (const ts of spec.tables) {
    const cols: Column[] = ts.cols.map((c) => {
      const col: Column = { id: id('c'), name: c.name, type: c.type, nullable: c.nullable };
      if (c.useEnum) {
        col.type = `${q(spec.schema)}.${q(spec.enumName)}`;
        col.typeRef = eid;
      }
      if (c.comment !== undefined) col.comment = c.comment;
      return col;
    });
    const constraints: Constraint[] = [];
    if (ts.pk) {
      constraints.push({ id: id('k'), kind: 'primary', columns: [cols[0]!.id] });
      cols[0]!.nullable = false;
    } else if (ts.uniqueFirst) constraints.push({ id: id('k'), kind: 'unique', columns: [cols[0]!.id] });
    const indexes: Index[] = ts.index ? [{ id: id('i'), unique: false, method: 'btree', elements: [{ column: cols[cols.length - 1]!.id }], seq: m.nextSeq++ }] : [];
    const t: Table = { id: id('t'), schemaId: sid, name: ts.name, columns: cols, constraints, indexes, seq: m.nextSeq++ };
    if (ts.comment !== undefined) t.comment = ts.comment;
    tables.push(t);
    m.tables[t.id] = t;
  }
  // FKs to a table with a PK whose key type matches a column we add.
  spec.tables.forEach((ts, i) => {
    if (ts.fkTo === null) return;
    const target = tables[ts.fkTo % tables.length]!;
    const pk = target.constraints.find((c) => c.kind === 'primary');
    if (!pk || pk.kind !== 'primary') return;
    const keyCol = target.columns.find((c) => c.id === pk.columns[0])!;
    const t = tables[i]!;
    const name = `fk_${t.columns.length}`;
    const col: Column = { id: id('c'), name, type: keyCol.type, nullable: true };
    if (keyCol.typeRef) col.typeRef = keyCol.typeRef;
    t.columns.push(col);
    t.constraints.push({ id: id('k'), kind: 'foreign', columns: [col.id], refTableId: target.id, refColumns: [keyCol.id], onDelete: 'cascade', onUpdate: 'no action', match: 'simple' });
  });
  return m;
}

const q = quoteIdent;

/** A table's row type shares the namespace of types: the enum must not be named like a table. */
const valid = (spec: Spec) => !spec.tables.some((t) => t.name === spec.enumName || t.cols.some((c) => /^fk_\d+$/.test(c.name)));

let db: PGlite;
beforeAll(async () => {
  await initParser();
  db = await freshDb();
});
afterAll(async () => {
  await db?.close();
});

describe('export → import property', () => {
  it('random models with hostile names survive export → import unchanged', () => {
    fc.assert(
      fc.property(specArb.filter(valid), (spec) => {
        const m = buildModel(spec);
        const { sql } = exportDdl(m);
        const back = importSql(sql);
        const errors = back.diagnostics.filter((d) => d.severity === 'error');
        expect(errors, sql).toEqual([]);
        const normalize = (x: SchemaModel) => {
          const n = normalizeModel(x) as any;
          // The importer records the implicit `public` schema it resolved names against; it is not part of the design.
          n.schemas = n.schemas.filter((s: any) => s.explicit || x === m);
          return n;
        };
        const a = normalize(m);
        const b = normalize(back.model);
        a.schemas = a.schemas.filter((s: any) => s.explicit);
        expect(b, sql).toEqual(a);
      }),
      { numRuns: 150, seed: 20261125 },
    );
  });

  it('the exported SQL of random models runs in PostgreSQL without errors', async () => {
    const specs = fc.sample(specArb.filter(valid), { numRuns: 25, seed: 7 });
    for (const spec of specs) {
      const m = buildModel(spec);
      const { sql } = exportDdl(m, { dropPrelude: true });
      const r = await applyLikePsql(db, sql);
      expect(r.errors.map((e) => `${e.message} :: ${e.sql.slice(0, 200)}`), sql).toEqual([]);
      // clean up for the next model
      await db.exec(`DROP SCHEMA IF EXISTS ${q(spec.schema)} CASCADE; CREATE SCHEMA IF NOT EXISTS public;`);
    }
  });
});
