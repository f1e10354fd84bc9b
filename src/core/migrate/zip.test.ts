import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, importSql } from '../sql/import/index';
import { migrationSql, diffModels } from './index';
import { formatMigration, MIGRATION_FORMATS, type ReportInput } from './formats';
import { migrationBundle, REPORT_FILE, zipFiles } from './zip';

beforeAll(async () => {
  await initParser();
});

function input(): ReportInput {
  const from = importSql('CREATE TABLE t (id int PRIMARY KEY, a text);').model;
  const to = importSql('CREATE TABLE t (id int PRIMARY KEY, a text, b int); CREATE INDEX t_b ON t (b);').model;
  const m = migrationSql(from, to, { safe: true, matchBy: 'name' });
  return {
    name: 'Add b',
    from: { name: 'v1', id: 'ver_1' },
    to: { name: 'v2', id: 'ver_2', createdAt: '2025-01-01T00:00:00.000Z' },
    requirementIds: ['REQ-1'],
    migration: m,
    timestamp: '20250101000000',
    sequence: 2,
    revision: 'aaaaaaaaaaaa',
    downRevision: 'bbbbbbbbbbbb',
    changes: diffModels(from, to, { matchBy: 'name' }),
  };
}

describe('migration zip', () => {
  it('holds, for every format, exactly the format files plus the report, byte for byte', () => {
    const inp = input();
    for (const f of MIGRATION_FORMATS) {
      const files = migrationBundle(f, inp);
      const expected = formatMigration(f, inp);
      expect(files.map((x) => x.path), f).toEqual([...expected.map((x) => x.path), REPORT_FILE]);
      const zip = zipFiles(files, { mtime: '2025-01-01T00:00:00Z' });
      // a zip starts with a local file header
      expect([...zip.slice(0, 4)], f).toEqual([0x50, 0x4b, 0x03, 0x04]);
      const out = unzipSync(zip);
      expect(Object.keys(out).sort(), f).toEqual(files.map((x) => x.path).sort());
      for (const file of files) expect(strFromU8(out[file.path]!), `${f} ${file.path}`).toBe(file.content);
      expect(strFromU8(out[REPORT_FILE]!)).toContain('## Checklist');
    }
  });

  it('expected names per format (golang-migrate pair, dbmate, Flyway V/U, Alembic, Prisma, plain)', () => {
    const inp = input();
    const names = (f: (typeof MIGRATION_FORMATS)[number]) => Object.keys(unzipSync(zipFiles(migrationBundle(f, inp))));
    expect(names('plain')).toEqual(['up.sql', 'down.sql', REPORT_FILE]);
    expect(names('golang-migrate')).toEqual(['000002_add_b.up.sql', '000002_add_b.down.sql', REPORT_FILE]);
    expect(names('dbmate')).toEqual(['db/migrations/20250101000000_add_b.sql', REPORT_FILE]);
    // safe mode: CREATE INDEX CONCURRENTLY cannot run in Flyway's transaction, so each script has a .conf
    expect(names('flyway')).toEqual(['V2__add_b.sql', 'V2__add_b.sql.conf', 'U2__add_b.sql', 'U2__add_b.sql.conf', REPORT_FILE]);
    expect(names('alembic')).toEqual(['versions/aaaaaaaaaaaa_add_b.py', REPORT_FILE]);
    expect(names('prisma')).toEqual(['migrations/20250101000000_add_b/migration.sql', 'migrations/20250101000000_add_b/down.sql', REPORT_FILE]);
  });

  it('non-ASCII contents survive; a root folder prefixes every entry; bad paths are refused', () => {
    const files = [{ path: 'up.sql', content: 'COMMENT ON TABLE "Ünïcode" IS \'日本\';\n' }];
    const out = unzipSync(zipFiles(files, { root: 'migration/' }));
    expect(Object.keys(out)).toEqual(['migration/up.sql']);
    expect(strFromU8(out['migration/up.sql']!)).toBe(files[0]!.content);
    expect(() => zipFiles([{ path: '../evil.sql', content: '' }])).toThrow(/Bad file path/);
    expect(() => zipFiles([{ path: 'a.sql', content: '' }, { path: 'a.sql', content: '' }])).toThrow(/Duplicate/);
  });

  it('the report in the bundle ticks "reversible" only when verification passed', () => {
    const inp = input();
    const report = (v?: ReportInput['verified']) => strFromU8(unzipSync(zipFiles(migrationBundle('plain', { ...inp, ...(v ? { verified: v } : {}) })))[REPORT_FILE]!);
    expect(report()).toMatch(/- \[ \] Reversible/);
    expect(report({ ok: false, stage: 'compare-down', differences: ['x'] })).toMatch(/- \[ \] Reversible/);
    expect(report({ ok: true })).toMatch(/- \[x\] Reversible/);
  });
});
