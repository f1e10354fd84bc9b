import { beforeAll, describe, expect, it } from 'vitest';
import { importSql, initParser } from '../../core/sql/import';
import { findTableStatement, tableAtOffset, tableStatements } from './statements';

beforeAll(() => initParser());

const SQL = `-- shop
CREATE SCHEMA "Sales";
CREATE TABLE public.customers (id bigint PRIMARY KEY, note text DEFAULT 'a;b');
CREATE TABLE IF NOT EXISTS "Sales"."Ördèrs" (id bigint, customer_id bigint);
ALTER TABLE ONLY "Sales"."Ördèrs" ADD CONSTRAINT fk FOREIGN KEY (customer_id) REFERENCES customers(id);
CREATE INDEX ix ON customers (id);
`;

describe('statements', () => {
  const model = () => importSql(SQL).model;
  it('finds headers with quoted, non-ASCII and qualified names', () => {
    const l = tableStatements(SQL);
    expect(l.map((s) => [s.schema, s.name, s.create])).toEqual([
      ['public', 'customers', true],
      ['Sales', 'Ördèrs', true],
      ['Sales', 'Ördèrs', false],
      [undefined, 'customers', false],
    ]);
    expect(SQL.slice(l[1]!.nameStart, l[1]!.nameEnd)).toBe('"Sales"."Ördèrs"');
  });
  it('maps tables to statements and offsets to tables', () => {
    const m = model();
    const orders = Object.values(m.tables).find((t) => t.name === 'Ördèrs')!.id;
    const customers = Object.values(m.tables).find((t) => t.name === 'customers')!.id;
    const st = findTableStatement(SQL, m, orders)!;
    expect(SQL.slice(st.start, st.end)).toMatch(/^CREATE TABLE IF NOT EXISTS "Sales"."Ördèrs" .*\);$/);
    expect(tableAtOffset(SQL, m, SQL.indexOf('customer_id bigint'))).toBe(orders);
    expect(tableAtOffset(SQL, m, SQL.indexOf('ADD CONSTRAINT'))).toBe(orders);
    expect(tableAtOffset(SQL, m, SQL.indexOf('ix ON'))).toBe(customers);
    expect(tableAtOffset(SQL, m, 2)).toBeUndefined();
  });
});
