/** A carefully designed schema yields no error and no warning from ALL rules (every group, via allRules). */
import { beforeAll, describe, expect, it } from 'vitest';
import { initParser, importSql } from '../sql/import/index';
import { lintModel } from './engine';
import { allRules } from './rules/index';

export const CLEAN_SCHEMA = `
CREATE EXTENSION IF NOT EXISTS citext;

CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END $$;

CREATE TABLE customers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id uuid NOT NULL DEFAULT gen_random_uuid(),
  email citext NOT NULL,
  full_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT customers_public_id_key UNIQUE (public_id),
  CONSTRAINT customers_email_key UNIQUE (email),
  CONSTRAINT customers_full_name_check CHECK (length(full_name) > 0)
);
CREATE TRIGGER customers_set_updated_at BEFORE UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE products (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  sku text NOT NULL,
  title text NOT NULL,
  price numeric(12,2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT products_sku_key UNIQUE (sku),
  CONSTRAINT products_price_check CHECK (price >= 0)
);
CREATE TRIGGER products_set_updated_at BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE orders (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  public_id uuid NOT NULL DEFAULT gen_random_uuid(),
  customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
  placed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT orders_public_id_key UNIQUE (public_id)
);
CREATE INDEX orders_customer_id_idx ON orders (customer_id);
CREATE TRIGGER orders_set_updated_at BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE order_items (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id bigint NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  quantity integer NOT NULL,
  unit_price numeric(12,2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT order_items_order_id_product_id_key UNIQUE (order_id, product_id),
  CONSTRAINT order_items_quantity_check CHECK (quantity > 0),
  CONSTRAINT order_items_unit_price_check CHECK (unit_price >= 0)
);
CREATE INDEX order_items_product_id_idx ON order_items (product_id);
CREATE TRIGGER order_items_set_updated_at BEFORE UPDATE ON order_items FOR EACH ROW EXECUTE FUNCTION set_updated_at();
`;

beforeAll(async () => {
  await initParser();
});

describe('clean schema', () => {
  it('yields no error and no warning from any rule', () => {
    const { model, diagnostics } = importSql(CLEAN_SCHEMA);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(allRules.length).toBeGreaterThanOrEqual(29);
    const findings = lintModel(model);
    const serious = findings.filter((f) => f.severity !== 'info').map((f) => `${f.severity} ${f.rule} ${f.object.table}${f.object.column ? '.' + f.object.column : ''}: ${f.message}`);
    expect(serious).toEqual([]);
  });
});
