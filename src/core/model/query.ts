/** Read-only helpers over the model, shared by commands, export, canvas and lint. */
import type { Column, ForeignKey, Id, PrimaryKey, SchemaModel, Table } from './types';

export function schemaName(model: SchemaModel, schemaId: Id): string {
  return model.schemas[schemaId]?.name ?? 'public';
}

export function tableQName(model: SchemaModel, t: Table): { schema: string; name: string } {
  return { schema: schemaName(model, t.schemaId), name: t.name };
}

export function findSchemaByName(model: SchemaModel, name: string) {
  return Object.values(model.schemas).find((s) => s.name === name);
}

export function findTableByName(model: SchemaModel, schema: string, name: string): Table | undefined {
  return Object.values(model.tables).find((t) => t.name === name && schemaName(model, t.schemaId) === schema);
}

export function primaryKey(t: Table): PrimaryKey | undefined {
  return t.constraints.find((c): c is PrimaryKey => c.kind === 'primary');
}

export function foreignKeys(t: Table): ForeignKey[] {
  return t.constraints.filter((c): c is ForeignKey => c.kind === 'foreign');
}

export function columnById(t: Table, id: Id): Column | undefined {
  return t.columns.find((c) => c.id === id);
}

/** Every FK in the model that references the given table: [owning table, fk]. */
export function incomingForeignKeys(model: SchemaModel, tableId: Id): [Table, ForeignKey][] {
  const out: [Table, ForeignKey][] = [];
  for (const t of Object.values(model.tables)) for (const fk of foreignKeys(t)) if (fk.refTableId === tableId) out.push([t, fk]);
  return out;
}

/** True when the column set is exactly covered by the PK or a UNIQUE constraint (order-insensitive). */
export function isUniqueColumnSet(t: Table, cols: Id[]): boolean {
  const set = new Set(cols);
  const same = (list: Id[]) => list.length === set.size && list.every((c) => set.has(c));
  if (t.constraints.some((c) => (c.kind === 'primary' || c.kind === 'unique') && same(c.columns))) return true;
  return t.indexes.some((ix) => ix.unique && !ix.where && ix.elements.every((e) => e.column) && same(ix.elements.map((e) => e.column!)));
}

const IRREGULAR: Record<string, string> = { people: 'person', statuses: 'status', addresses: 'address', categories: 'category', indices: 'index', children: 'child', men: 'man', women: 'woman', data: 'data' };

/** A simple English singular for conventional FK names (`customers` → `customer`). */
export function singular(word: string): string {
  const w = word.toLowerCase();
  if (IRREGULAR[w]) return IRREGULAR[w]!;
  if (/(ss|us|is)$/.test(w)) return word;
  if (/ies$/.test(w)) return word.slice(0, -3) + 'y';
  if (/(xes|ches|shes|sses|zes)$/.test(w)) return word.slice(0, -2);
  if (/s$/.test(w)) return word.slice(0, -1);
  return word;
}

/** A name not yet used in `taken`: `base`, `base_2`, `base_3`, ... */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const set = new Set(taken);
  if (!set.has(base)) return base;
  for (let i = 2; ; i++) if (!set.has(`${base}_${i}`)) return `${base}_${i}`;
}
