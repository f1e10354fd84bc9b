/**
 * Hand-built models: a tiny builder used by unit tests, the synthetic large-diagram mode (`?tables=1000`) and as a
 * fallback sample while the SQL importer is unavailable.
 */
import type { Column, Constraint, Id, Index, SchemaModel, Table } from '../core/model/types';
import { emptySchemaModel } from '../core/model/types';

export interface ColumnSpec {
  name: string;
  type: string;
  nullable?: boolean;
  comment?: string;
}

export class ModelBuilder {
  readonly model: SchemaModel = emptySchemaModel();
  private n = 0;
  private schemaIds = new Map<string, Id>();

  private id(prefix: string): Id {
    return `${prefix}_${(++this.n).toString(36)}`;
  }

  schema(name: string): Id {
    const existing = this.schemaIds.get(name);
    if (existing) return existing;
    const id = this.id('s');
    this.model.schemas[id] = { id, name, explicit: name !== 'public', seq: this.model.nextSeq++ };
    this.schemaIds.set(name, id);
    return id;
  }

  table(name: string, columns: ColumnSpec[], opts: { schema?: string; comment?: string } = {}): Table {
    const id = this.id('t');
    const cols: Column[] = columns.map((c) => ({
      id: this.id('c'),
      name: c.name,
      type: c.type,
      nullable: c.nullable ?? true,
      ...(c.comment ? { comment: c.comment } : {}),
    }));
    const table: Table = {
      id,
      schemaId: this.schema(opts.schema ?? 'public'),
      name,
      columns: cols,
      constraints: [],
      indexes: [],
      seq: this.model.nextSeq++,
      ...(opts.comment ? { comment: opts.comment } : {}),
    };
    this.model.tables[id] = table;
    return table;
  }

  col(table: Table, name: string): Id {
    const c = table.columns.find((x) => x.name === name);
    if (!c) throw new Error(`no column ${table.name}.${name}`);
    return c.id;
  }

  pk(table: Table, ...cols: string[]): void {
    for (const name of cols) {
      const c = table.columns.find((x) => x.name === name);
      if (c) c.nullable = false;
    }
    this.add(table, { kind: 'primary', id: this.id('k'), columns: cols.map((c) => this.col(table, c)) });
  }

  unique(table: Table, ...cols: string[]): void {
    this.add(table, { kind: 'unique', id: this.id('k'), columns: cols.map((c) => this.col(table, c)) });
  }

  fk(table: Table, cols: string[], ref: Table, refCols: string[]): void {
    this.add(table, {
      kind: 'foreign',
      id: this.id('k'),
      columns: cols.map((c) => this.col(table, c)),
      refTableId: ref.id,
      refColumns: refCols.map((c) => this.col(ref, c)),
      onDelete: 'no action',
      onUpdate: 'no action',
      match: 'simple',
    });
  }

  index(table: Table, name: string, ...cols: string[]): void {
    const idx: Index = {
      id: this.id('i'),
      name,
      unique: false,
      method: 'btree',
      elements: cols.map((c) => ({ column: this.col(table, c) })),
      seq: this.model.nextSeq++,
    };
    table.indexes.push(idx);
  }

  private add(table: Table, c: Constraint): void {
    table.constraints.push(c);
  }
}

/** The sample shop, built by hand (same shape as `SAMPLE_SQL`). */
export function sampleModel(): SchemaModel {
  const b = new ModelBuilder();
  const ts = (name: string): ColumnSpec => ({ name, type: 'timestamptz', nullable: false });
  const users = b.table('users', [{ name: 'id', type: 'bigint' }, { name: 'email', type: 'text', nullable: false }, { name: 'full_name', type: 'text', nullable: false }, ts('created_at'), ts('updated_at')], { comment: 'People who can sign in and place orders.' });
  b.pk(users, 'id');
  b.unique(users, 'email');
  const products = b.table('products', [{ name: 'id', type: 'bigint' }, { name: 'sku', type: 'varchar(32)', nullable: false }, { name: 'name', type: 'text', nullable: false }, { name: 'price', type: 'numeric(10,2)', nullable: false }, ts('created_at'), ts('updated_at')]);
  b.pk(products, 'id');
  const orders = b.table('orders', [{ name: 'id', type: 'bigint' }, { name: 'user_id', type: 'bigint', nullable: false }, { name: 'status', type: 'public.order_status', nullable: false }, ts('created_at'), ts('updated_at')]);
  b.pk(orders, 'id');
  b.fk(orders, ['user_id'], users, ['id']);
  b.index(orders, 'orders_user_id_idx', 'user_id');
  const items = b.table('order_items', [{ name: 'order_id', type: 'bigint' }, { name: 'product_id', type: 'bigint' }, { name: 'quantity', type: 'integer', nullable: false }, ts('created_at'), ts('updated_at')]);
  b.pk(items, 'order_id', 'product_id');
  b.fk(items, ['order_id'], orders, ['id']);
  b.fk(items, ['product_id'], products, ['id']);
  return b.model;
}

/**
 * A synthetic model with `count` tables for performance checks: modules of ~20 tables (FKs mostly inside a module,
 * a few across), roughly 1.5 FKs per table, some self references.
 */
export function syntheticModel(count: number): SchemaModel {
  const b = new ModelBuilder();
  const tables: Table[] = [];
  const MODULE = 20;
  for (let i = 0; i < count; i++) {
    const mod = Math.floor(i / MODULE);
    const local = i % MODULE;
    const schema = mod % 5 === 0 ? 'audit' : 'public';
    const cols: ColumnSpec[] = [{ name: 'id', type: 'bigint' }];
    const extra = 3 + (i % 6);
    for (let j = 0; j < extra; j++) cols.push({ name: `field_${j}`, type: j % 3 === 0 ? 'text' : j % 3 === 1 ? 'integer' : 'timestamptz', nullable: j % 2 === 0 });
    cols.push({ name: 'parent_id', type: 'bigint' }, { name: 'owner_id', type: 'bigint', nullable: false });
    const t = b.table(`m${mod}_entity_${local}`, cols, { schema });
    b.pk(t, 'id');
    const base = mod * MODULE;
    if (local > 0) b.fk(t, ['owner_id'], tables[base + Math.floor((local - 1) / 3)] ?? t, ['id']);
    else if (mod > 0 && mod % 4 !== 0) b.fk(t, ['owner_id'], tables[(mod - 1) * MODULE] ?? t, ['id']);
    if (local > 4 && local % 2 === 0) b.fk(t, ['parent_id'], tables[base + local - 3] ?? t, ['id']);
    if (local === 7) b.fk(t, ['parent_id'], t, ['id']);
    if (i % 7 === 0) b.index(t, `m${mod}_entity_${local}_field_0_idx`, 'field_0');
    tables.push(t);
  }
  return b.model;
}
