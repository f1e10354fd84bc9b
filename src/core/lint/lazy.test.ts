/** Lazy quick fixes: built on first read, rebuilt for a new model, visible to spread / JSON, never throwing. */
import { beforeAll, expect, it } from 'vitest';
import { initParser, importSql } from '../sql/import/index';
import { emptyLintConfig } from './config';
import { lintModelDetailed } from './engine';
import { attachFix, withSeverity } from './lazy';
import type { Finding, QuickFix, RuleContext } from './types';

beforeAll(async () => {
  await initParser();
});

const base = (): Finding => ({ rule: 'X-01', severity: 'info', object: { schema: 'public', table: 't' }, message: 'message', why: 'why' });
const quick = (sql: string): QuickFix => ({ label: sql, sql, command: { label: sql, run: () => {} } });

it('builds the fix on first read only, and again when the context points at another model', () => {
  const ctx = { model: {} } as unknown as RuleContext;
  let built = 0;
  const f = attachFix(base(), ctx, () => quick(`v${++built}`));
  expect(built).toBe(0);
  expect(f.fix?.sql).toBe('v1');
  expect(f.fix?.sql).toBe('v1');
  expect(built).toBe(1);
  ctx.model = {} as RuleContext['model'];
  expect(f.fix?.sql).toBe('v2');
  // Spread and JSON see the fix like a plain property.
  expect({ ...f }.fix?.sql).toBe('v2');
  expect(JSON.parse(JSON.stringify(f)).fix.sql).toBe('v2');
  expect(Object.keys(f)).toContain('fix');
});

it('a builder that returns nothing or throws gives no fix', () => {
  const ctx = { model: {} } as unknown as RuleContext;
  expect(attachFix(base(), ctx, () => undefined).fix).toBeUndefined();
  expect(
    attachFix(base(), ctx, () => {
      throw new Error('boom');
    }).fix,
  ).toBeUndefined();
});

it('a severity override keeps the fix lazy', () => {
  const ctx = { model: {} } as unknown as RuleContext;
  let built = 0;
  const f = attachFix(base(), ctx, () => quick(`v${++built}`));
  const g = withSeverity(f, 'error');
  expect(g.severity).toBe('error');
  expect(f.severity).toBe('info');
  expect(built).toBe(0);
  expect(g.fix?.sql).toBe('v1');
});

it('the engine hands out lazy fixes with the same content as reading them at once', () => {
  const { model } = importSql(`create table orders (id bigint primary key, code varchar(255), amount numeric(12,2), created_at timestamp);`);
  const cfg = emptyLintConfig();
  cfg.rules['TYPE-06'] = { severity: 'warning' };
  const a = lintModelDetailed(model, cfg).findings;
  const b = lintModelDetailed(model, cfg).findings;
  const withFix = a.filter((f) => Object.getOwnPropertyDescriptor(f, 'fix')?.get);
  expect(withFix.length).toBeGreaterThan(0);
  const t06 = a.find((f) => f.rule === 'TYPE-06')!;
  expect(t06.severity).toBe('warning');
  expect(t06.fix?.sql).toContain('ALTER COLUMN code TYPE text');
  expect(a.map((f) => [f.rule, f.message, f.fix?.label, f.fix?.sql])).toEqual(b.map((f) => [f.rule, f.message, f.fix?.label, f.fix?.sql]));
});
