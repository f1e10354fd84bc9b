import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModule } from 'libpg-query';
import { importSql } from './testHelpers';

const DIR = '/work/shared/corpus';
const load = (f: string) =>
  readFileSync(`${DIR}/${f}`, 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('\\'))
    .join('\n');

beforeAll(async () => {
  await loadModule();
});

const files: Record<string, { tables: number; views?: number }> = {
  'pagila.sql': { tables: 71 },
  'northwind.sql': { tables: 14 },
  'chinook.sql': { tables: 11 },
  'postgrest_spec_schema.sql': { tables: -1 },
  'supabase_auth_init.sql': { tables: -1 },
};

describe.skipIf(!existsSync(DIR))('corpus', () => {
  for (const [file, exp] of Object.entries(files)) {
    it(file, () => {
      const ctx = importSql(load(file));
      const errs = ctx.diagnostics.filter((d) => d.severity === 'error');
      expect(errs).toEqual([]);
      const warn = ctx.diagnostics.filter((d) => d.severity === 'warning');
      if (process.env.CORPUS_VERBOSE) {
        console.log(file, Object.keys(ctx.model.tables).length, 'tables', Object.keys(ctx.model.views).length, 'views', Object.keys(ctx.model.raw).length, 'raw');
        for (const d of warn.slice(0, 60)) console.log(d.severity, d.code, d.message);
      }
      if (exp.tables >= 0) expect(Object.keys(ctx.model.tables)).toHaveLength(exp.tables);
    });
  }
});
