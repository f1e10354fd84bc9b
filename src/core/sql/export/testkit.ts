/** Small hand-built-model helpers for the exporter tests (no framework imports; safe in src/core). */
import type {
  Column,
  CompositeType,
  Constraint,
  DomainType,
  EnumType,
  Id,
  Index,
  IndexElement,
  RawStatement,
  Schema,
  SchemaModel,
  Sequence,
  Table,
  View,
} from '../../model/types';
import { emptySchemaModel } from '../../model/types';

/** A constraint without its id (distributes over the union so that object literals type-check). */
export type NewConstraint = Constraint extends infer C ? (C extends Constraint ? Omit<C, 'id'> & { id?: Id } : never) : never;

export class ModelBuilder {
  readonly m: SchemaModel = emptySchemaModel();
  private n = 0;

  constructor(private readonly prefix = '') {}

  id(p: string): Id {
    return `${this.prefix}${p}${++this.n}`;
  }

  private seq(): number {
    return this.m.nextSeq++;
  }

  schema(name: string, explicit = true, extra: Partial<Schema> = {}): Schema {
    const s: Schema = { id: this.id('s'), name, explicit, seq: this.seq(), ...extra };
    this.m.schemas[s.id] = s;
    return s;
  }

  col(name: string, type: string, extra: Partial<Column> = {}): Column {
    return { id: this.id('c'), name, type, nullable: true, ...extra };
  }

  table(schema: Schema, name: string, columns: Column[], extra: Partial<Table> = {}): Table {
    const t: Table = { id: this.id('t'), schemaId: schema.id, name, columns, constraints: [], indexes: [], seq: this.seq(), ...extra };
    this.m.tables[t.id] = t;
    return t;
  }

  colId(t: Table, name: string): Id {
    const c = t.columns.find((x) => x.name === name);
    if (!c) throw new Error(`no column ${name}`);
    return c.id;
  }

  constraint(t: Table, c: NewConstraint): Constraint {
    const full = { id: this.id('k'), ...c } as Constraint;
    t.constraints.push(full);
    return full;
  }

  pk(t: Table, cols: string[], name?: string): void {
    this.constraint(t, { kind: 'primary', name, columns: cols.map((c) => this.colId(t, c)) });
  }

  fk(t: Table, cols: string[], ref: Table, refCols: string[], extra: Partial<Constraint> = {}): void {
    this.constraint(t, {
      kind: 'foreign',
      columns: cols.map((c) => this.colId(t, c)),
      refTableId: ref.id,
      refColumns: refCols.map((c) => this.colId(ref, c)),
      onDelete: 'no action',
      onUpdate: 'no action',
      match: 'simple',
      ...extra,
    } as NewConstraint);
  }

  index(owner: Table | View, elements: IndexElement[], extra: Partial<Index> = {}): Index {
    const ix: Index = { id: this.id('i'), unique: false, method: 'btree', elements, seq: this.seq(), ...extra };
    owner.indexes.push(ix);
    return ix;
  }

  enumType(schema: Schema, name: string, labels: string[], extra: Partial<EnumType> = {}): EnumType {
    const t: EnumType = {
      kind: 'enum',
      id: this.id('e'),
      schemaId: schema.id,
      name,
      values: labels.map((label) => ({ id: this.id('l'), label })),
      seq: this.seq(),
      ...extra,
    };
    this.m.types[t.id] = t;
    return t;
  }

  domain(schema: Schema, name: string, baseType: string, extra: Partial<DomainType> = {}): DomainType {
    const t: DomainType = { kind: 'domain', id: this.id('d'), schemaId: schema.id, name, baseType, nullable: true, checks: [], seq: this.seq(), ...extra };
    this.m.types[t.id] = t;
    return t;
  }

  composite(schema: Schema, name: string, attrs: { name: string; type: string; typeRef?: Id; collation?: string }[], extra: Partial<CompositeType> = {}): CompositeType {
    const t: CompositeType = {
      kind: 'composite',
      id: this.id('ct'),
      schemaId: schema.id,
      name,
      attributes: attrs.map((a) => ({ id: this.id('a'), ...a })),
      seq: this.seq(),
      ...extra,
    };
    this.m.types[t.id] = t;
    return t;
  }

  sequence(schema: Schema, name: string, extra: Partial<Sequence> = {}): Sequence {
    const s: Sequence = { id: this.id('q'), schemaId: schema.id, name, options: {}, seq: this.seq(), ...extra };
    this.m.sequences[s.id] = s;
    return s;
  }

  view(schema: Schema, name: string, query: string, deps: Id[], extra: Partial<View> = {}): View {
    const v: View = { id: this.id('v'), schemaId: schema.id, name, materialized: false, query, indexes: [], deps, seq: this.seq(), ...extra };
    this.m.views[v.id] = v;
    return v;
  }

  raw(sql: string, extra: Partial<RawStatement> = {}): RawStatement {
    const r: RawStatement = { id: this.id('r'), sql, nodeType: 'RawStmt', label: sql.slice(0, 40), deps: [], phase: 'main', seq: this.seq(), ...extra };
    this.m.raw[r.id] = r;
    return r;
  }
}
