/**
 * Model comparison modulo ids: replaces every id by a name-based path and drops bookkeeping (seq, nextSeq),
 * so that export → import can be compared with the original model.
 */
import type { SchemaModel, Table } from '../../src/core/model/types';

export function normalizeModel(m: SchemaModel): unknown {
  const schemaName = (id: string) => m.schemas[id]?.name ?? `?${id}`;
  const tableKey = (id: string | null) => {
    if (!id) return null;
    const t = m.tables[id];
    return t ? `${schemaName(t.schemaId)}.${t.name}` : `?${id}`;
  };
  const typeKey = (id: string | undefined) => {
    if (!id) return undefined;
    const t = m.types[id];
    return t ? `${schemaName(t.schemaId)}.${t.name}` : `?${id}`;
  };
  const colName = (t: Table | undefined, id: string) => t?.columns.find((c) => c.id === id)?.name ?? `?${id}`;
  const strip = <T extends object>(o: T, drop: string[] = []): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(o)) if (k !== 'id' && k !== 'seq' && !drop.includes(k) && v !== undefined) out[k] = v;
    return out;
  };
  const byName = <T extends { name: string }>(xs: T[]) => [...xs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const tables: Record<string, any>[] = Object.values(m.tables).map((t) => ({
    ...strip(t, ['schemaId', 'columns', 'constraints', 'indexes', 'partitionOf', 'inherits']),
    schema: schemaName(t.schemaId),
    columns: t.columns.map((c) => ({ ...strip(c, ['typeRef']), typeRef: typeKey(c.typeRef) })),
    constraints: t.constraints
      .map((c) => {
        const base: Record<string, unknown> = strip(c);
        if ('columns' in c) base.columns = c.columns.map((x) => colName(t, x));
        if ('include' in c && c.include) base.include = c.include.map((x) => colName(t, x));
        if (c.kind === 'foreign') {
          base.refTableId = tableKey(c.refTableId);
          base.refColumns = c.refColumns.map((x) => colName(c.refTableId ? m.tables[c.refTableId] : undefined, x));
          if (c.onDeleteColumns) base.onDeleteColumns = c.onDeleteColumns.map((x) => colName(t, x));
        }
        return base;
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    indexes: t.indexes
      .map((ix) => ({
        ...strip(ix, ['elements', 'include']),
        elements: ix.elements.map((e) => ({ ...e, column: e.column ? colName(t, e.column) : undefined })),
        include: ix.include?.map((x) => colName(t, x)),
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    partitionOf: t.partitionOf ? { ...t.partitionOf, parentId: tableKey(t.partitionOf.parentId) } : undefined,
    inherits: t.inherits?.map((x) => tableKey(x)),
  }));
  return {
    schemas: byName(Object.values(m.schemas)).map((s) => strip(s)),
    extensions: byName(Object.values(m.extensions)).map((e) => strip(e)),
    types: byName(Object.values(m.types)).map((t) => ({ ...strip(t, ['schemaId']), schema: schemaName(t.schemaId), ...('values' in t ? { values: t.values.map((v) => v.label) } : {}) })),
    sequences: byName(Object.values(m.sequences)).map((s) => ({
      ...strip(s, ['schemaId', 'ownedBy']),
      schema: schemaName(s.schemaId),
      ownedBy: s.ownedBy ? `${tableKey(s.ownedBy.tableId)}.${colName(m.tables[s.ownedBy.tableId], s.ownedBy.columnId)}` : undefined,
    })),
    tables: tables.sort((a, b) => `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`)),
    views: byName(Object.values(m.views)).map((v) => ({ ...strip(v, ['schemaId', 'deps']), schema: schemaName(v.schemaId) })),
    raw: Object.values(m.raw).map((r) => r.sql),
  };
}
