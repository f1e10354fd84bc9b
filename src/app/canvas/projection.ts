/**
 * The canvas is a projection of the document: React Flow nodes and edges are derived from the schema model and the
 * layout by pure, memoised functions. A table whose schema record, layout record and schema name are unchanged keeps
 * the identical node object, so React Flow and the memoised node components skip it.
 *
 * Partitions (tables that are PARTITION OF a parent in the model) are not nodes: the parent's node carries them as one
 * "N partitions" line, and their foreign keys (copies of the parent's) are not drawn as edges.
 */
import type { Edge, Node, NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { ForeignKey, Id, SchemaModel, Table } from '../../core/model/types';
import type { Layout, NodeLayout } from '../../core/model/layout';
import { HEADER_H, nodeHeight, nodeWidth, rowCenterY } from './geometry';

export type Badge = 'PK' | 'FK' | 'UQ' | 'NN' | 'IDX';

export interface ColumnRow {
  id: Id;
  name: string;
  type: string;
  badges: Badge[];
  comment?: string;
}

export interface TableNodeData extends Record<string, unknown> {
  tableId: Id;
  schemaName: string;
  name: string;
  comment?: string;
  color?: string;
  rows: ColumnRow[];
  /** Collapsed to key columns: how many columns are hidden. */
  collapsed?: boolean;
  hiddenCount?: number;
  /** A partitioned table: its partitions (drawn inside this node as one line, not as nodes of their own). */
  partitions?: PartitionInfo[];
}

export interface PartitionInfo {
  id: Id;
  /** Schema-qualified when the partition lives in another schema than its parent. */
  name: string;
  /** `FOR VALUES ...` / `DEFAULT`. */
  bound: string;
}

/** Height of the "N partitions" line at the bottom of a partitioned table's node. */
export const PARTITIONS_H = 24;

/** A partition drawn inside its parent's node (its parent is in the model). */
export function isPartitionChild(model: SchemaModel, table: Table): boolean {
  return !!table.partitionOf && !!model.tables[table.partitionOf.parentId];
}

/** Partitions of every partitioned table in the model, in source order (parent id → child tables). */
export function partitionsByParent(model: SchemaModel): Map<Id, Table[]> {
  const out = new Map<Id, Table[]>();
  for (const t of Object.values(model.tables)) {
    if (!t.partitionOf || !model.tables[t.partitionOf.parentId]) continue;
    const l = out.get(t.partitionOf.parentId);
    if (l) l.push(t);
    else out.set(t.partitionOf.parentId, [t]);
  }
  for (const l of out.values()) l.sort((a, b) => a.seq - b.seq);
  return out;
}

export type TableNode = Node<TableNodeData, 'table'>;

export type Side = 'l' | 'r';

export interface RelationEdgeData extends Record<string, unknown> {
  /** Cardinality at the referencing (FK) end. */
  many: boolean;
  /** The FK columns are nullable: a child may exist without a parent. */
  optional: boolean;
  selfRef: boolean;
  label: string;
  /** The foreign key this edge draws (several edges for a multi-column FK: one per column pair). */
  fkId: string;
  /** Column pair index within a multi-column FK (0 for the first / only one). */
  pair: number;
  pairs: number;
}

export type RelationEdge = Edge<RelationEdgeData, 'relation'>;

export const handleId = (columnId: Id, side: Side): string => `${columnId}:${side}`;
/** Handle on the header of a table (edges to columns hidden by collapsing end here). */
export const HEADER_HANDLE = '@header';

/** Badges of each column of a table (pure). */
export function columnBadges(table: Table): Map<Id, Badge[]> {
  const pk = new Set<Id>();
  const fk = new Set<Id>();
  const uq = new Set<Id>();
  const idx = new Set<Id>();
  for (const c of table.constraints) {
    if (c.kind === 'primary') c.columns.forEach((id) => pk.add(id));
    else if (c.kind === 'foreign') c.columns.forEach((id) => fk.add(id));
    else if (c.kind === 'unique' && c.columns.length === 1) c.columns.forEach((id) => uq.add(id));
  }
  for (const ix of table.indexes) {
    const cols = ix.elements.map((e) => e.column).filter((x): x is Id => !!x);
    if (ix.unique && cols.length === 1 && ix.elements.length === 1 && !ix.where) cols.forEach((id) => uq.add(id));
    else cols.forEach((id) => idx.add(id));
  }
  const out = new Map<Id, Badge[]>();
  for (const col of table.columns) {
    const b: Badge[] = [];
    if (pk.has(col.id)) b.push('PK');
    if (fk.has(col.id)) b.push('FK');
    if (uq.has(col.id) && !pk.has(col.id)) b.push('UQ');
    if (!col.nullable && !pk.has(col.id)) b.push('NN');
    if (idx.has(col.id) && !pk.has(col.id)) b.push('IDX');
    out.set(col.id, b);
  }
  return out;
}

function sameSet(a: readonly Id[], b: readonly Id[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/** FK columns covered exactly by the PK, a UNIQUE constraint or a plain unique index: at most one child per parent. */
export function fkIsOneToOne(table: Table, fk: ForeignKey): boolean {
  for (const c of table.constraints) {
    if ((c.kind === 'primary' || c.kind === 'unique') && sameSet(c.columns, fk.columns)) return true;
  }
  for (const ix of table.indexes) {
    if (!ix.unique || ix.where) continue;
    const cols = ix.elements.map((e) => e.column);
    if (cols.every((x): x is Id => !!x) && sameSet(cols, fk.columns)) return true;
  }
  return false;
}

export function fkIsOptional(table: Table, fk: ForeignKey): boolean {
  return fk.columns.some((id) => table.columns.find((c) => c.id === id)?.nullable ?? true);
}

/** Columns shown when a table is collapsed: primary key and foreign key columns. */
export function keyColumnIds(table: Table): Set<Id> {
  const out = new Set<Id>();
  for (const c of table.constraints) if (c.kind === 'primary' || c.kind === 'foreign') c.columns.forEach((id) => out.add(id));
  return out;
}

function buildNode(table: Table, layout: NodeLayout | undefined, schemaName: string, parts: Table[] | undefined, model: SchemaModel): TableNode {
  const badges = columnBadges(table);
  const keys = layout?.collapsed ? keyColumnIds(table) : null;
  const rows: ColumnRow[] = table.columns
    .filter((c) => !keys || keys.has(c.id))
    .map((c) => ({
      id: c.id,
      name: c.name,
      type: c.type,
      badges: badges.get(c.id) ?? [],
      ...(c.comment ? { comment: c.comment } : {}),
    }));
  const width = nodeWidth(`${schemaName}.${table.name}`, rows);
  const height = nodeHeight(rows.length) + (keys ? 22 : 0) + (parts?.length ? PARTITIONS_H : 0);
  const handles: NodeHandle[] = [];
  rows.forEach((r, i) => {
    const y = rowCenterY(i) - 0.5;
    handles.push({ id: handleId(r.id, 'l'), type: 'source', position: Position.Left, x: -0.5, y, width: 1, height: 1 });
    handles.push({ id: handleId(r.id, 'r'), type: 'source', position: Position.Right, x: width - 0.5, y, width: 1, height: 1 });
  });
  const hy = HEADER_H / 2 - 0.5;
  handles.push({ id: handleId(HEADER_HANDLE, 'l'), type: 'source', position: Position.Left, x: -0.5, y: hy, width: 1, height: 1 });
  handles.push({ id: handleId(HEADER_HANDLE, 'r'), type: 'source', position: Position.Right, x: width - 0.5, y: hy, width: 1, height: 1 });
  const data: TableNodeData = {
    tableId: table.id,
    schemaName,
    name: table.name,
    rows,
    ...(table.comment ? { comment: table.comment } : {}),
    ...(layout?.color ? { color: layout.color } : {}),
    ...(keys ? { collapsed: true, hiddenCount: table.columns.length - rows.length } : {}),
    ...(parts?.length
      ? {
          partitions: parts.map((p) => ({
            id: p.id,
            name: p.schemaId === table.schemaId ? p.name : `${model.schemas[p.schemaId]?.name ?? '?'}.${p.name}`,
            bound: p.partitionOf?.bound ?? '',
          })),
        }
      : {}),
  };
  return {
    id: table.id,
    type: 'table',
    position: { x: layout?.x ?? 0, y: layout?.y ?? 0 },
    width,
    height,
    measured: { width, height },
    handles,
    data,
  };
}

interface NodeCacheEntry {
  table: Table;
  layout: NodeLayout | undefined;
  schemaName: string;
  /** The partition tables drawn inside this node (compared element by element). */
  parts: Table[] | undefined;
  /** Schema names of partitions in other schemas, when any (they appear in the node). */
  partSchemas: string;
  node: TableNode;
}

const sameTables = (a: Table[] | undefined, b: Table[] | undefined) => a === b || (!!a && !!b && a.length === b.length && a.every((t, i) => t === b[i]));

/**
 * Nodes built by any projection (or ahead of time by `prewarmNodes`), by table object. A projection that misses its
 * own cache looks here first, so a big import's nodes can be built in slices before the commit instead of inside
 * the commit's render.
 */
const shared = new WeakMap<Table, NodeCacheEntry>();

function nodeEntry(model: SchemaModel, table: Table, nl: NodeLayout | undefined, byParent: Map<Id, Table[]>, hit: NodeCacheEntry | undefined): NodeCacheEntry {
  const schemaName = model.schemas[table.schemaId]?.name ?? 'public';
  const parts = byParent.get(table.id);
  const partSchemas = parts ? parts.map((p) => (p.schemaId === table.schemaId ? '' : (model.schemas[p.schemaId]?.name ?? '?'))).join('.') : '';
  const same = (e: NodeCacheEntry | undefined): e is NodeCacheEntry =>
    !!e && e.table === table && e.layout === nl && e.schemaName === schemaName && sameTables(e.parts, parts) && e.partSchemas === partSchemas;
  if (same(hit)) return hit;
  const pre = shared.get(table);
  if (same(pre)) return pre;
  const entry = { table, layout: nl, schemaName, parts, partSchemas, node: buildNode(table, nl, schemaName, parts, model) };
  shared.set(table, entry);
  return entry;
}

/**
 * Build the nodes of `model` with `layout` ahead of time, yielding between slices (`yieldFn`) so no single task runs
 * longer than about `budgetMs`. The canvas's projection then finds them ready.
 */
export async function prewarmNodes(model: SchemaModel, layout: Layout, yieldFn: () => Promise<void>, budgetMs = 12): Promise<TableNode[]> {
  const byParent = partitionsByParent(model);
  const out: TableNode[] = [];
  let t0 = performance.now();
  for (const table of Object.values(model.tables)) {
    if (isPartitionChild(model, table)) continue;
    out.push(nodeEntry(model, table, layout.nodes[table.id], byParent, undefined).node);
    if (performance.now() - t0 > budgetMs) {
      await yieldFn();
      t0 = performance.now();
    }
  }
  return out;
}

/** Nodes, then the edges between them, built ahead of time in slices. */
export async function prewarmCanvas(model: SchemaModel, layout: Layout, yieldFn: () => Promise<void>, budgetMs = 12): Promise<void> {
  const nodes = await prewarmNodes(model, layout, yieldFn, budgetMs);
  await yieldFn();
  await prewarmEdges(model, nodes, yieldFn, budgetMs);
}

export type NodeProjection = (model: SchemaModel, layout: Layout) => TableNode[];

/** A memoised projection with its own cache (one per canvas; tests make their own). */
export function createNodeProjection(): NodeProjection {
  let cache = new Map<Id, NodeCacheEntry>();
  let last: { tables: SchemaModel['tables']; schemas: SchemaModel['schemas']; nodes: Layout['nodes']; out: TableNode[] } | null = null;
  return (model, layout) => {
    if (last && last.tables === model.tables && last.schemas === model.schemas && last.nodes === layout.nodes) return last.out;
    const next = new Map<Id, NodeCacheEntry>();
    const out: TableNode[] = [];
    const tables = Object.values(model.tables).sort((a, b) => a.seq - b.seq);
    const byParent = partitionsByParent(model);
    for (const table of tables) {
      if (isPartitionChild(model, table)) continue;
      const entry = nodeEntry(model, table, layout.nodes[table.id], byParent, cache.get(table.id));
      next.set(table.id, entry);
      out.push(entry.node);
    }
    cache = next;
    last = { tables: model.tables, schemas: model.schemas, nodes: layout.nodes, out };
    return out;
  };
}

interface EdgeCacheEntry {
  table: Table;
  refTable: Table | undefined;
  fk: ForeignKey;
  sourceSide: Side;
  targetSide: Side;
  srcCollapsed: boolean;
  dstCollapsed: boolean;
  edges: RelationEdge[];
}

export type EdgeProjection = (model: SchemaModel, nodes: TableNode[]) => RelationEdge[];

/** Which sides the edge leaves and enters, from the nodes' horizontal placement. */
export function edgeSides(src: TableNode, dst: TableNode): [Side, Side] {
  if (src.id === dst.id) return ['r', 'r'];
  const sw = src.width ?? 0;
  const dw = dst.width ?? 0;
  if (src.position.x + sw + 40 <= dst.position.x) return ['r', 'l'];
  if (dst.position.x + dw + 40 <= src.position.x) return ['l', 'r'];
  // Overlapping columns: loop around the side closer to both.
  const srcMid = src.position.x + sw / 2;
  const dstMid = dst.position.x + dw / 2;
  return srcMid <= dstMid ? ['l', 'l'] : ['r', 'r'];
}

/**
 * One edge per foreign-key column pair (a single-column FK is one edge, id = FK id; pair i > 0 of a multi-column FK
 * gets id `<fk id>#i`), from the FK column's row to the referenced column's row. A column hidden by collapsing is
 * reached at the table header instead.
 */
/** Edges built by any projection (or ahead of time by `prewarmEdges`), by foreign-key object. */
const sharedEdges = new WeakMap<ForeignKey, EdgeCacheEntry>();

function edgeEntry(model: SchemaModel, table: Table, c: ForeignKey, n: TableNode, dst: TableNode, hit: EdgeCacheEntry | undefined): EdgeCacheEntry {
  const [sourceSide, targetSide] = edgeSides(n, dst);
  const refTable = model.tables[c.refTableId!];
  const srcCollapsed = !!n.data.collapsed;
  const dstCollapsed = !!dst.data.collapsed;
  const same = (e: EdgeCacheEntry | undefined): e is EdgeCacheEntry =>
    !!e &&
    e.fk === c &&
    e.table === table &&
    e.refTable === refTable &&
    e.sourceSide === sourceSide &&
    e.targetSide === targetSide &&
    e.srcCollapsed === srcCollapsed &&
    e.dstCollapsed === dstCollapsed;
  if (same(hit)) return hit;
  const pre = sharedEdges.get(c);
  if (same(pre)) return pre;
  const refName = refTable?.name ?? '?';
  const visible = (node: TableNode, col: Id) => (node.data.rows.some((r) => r.id === col) ? col : HEADER_HANDLE);
  const pairs = Math.min(c.columns.length, c.refColumns.length);
  const many = !fkIsOneToOne(table, c);
  const optional = fkIsOptional(table, c);
  const edges: RelationEdge[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < pairs; i++) {
    const srcH = handleId(visible(n, c.columns[i]!), sourceSide);
    const dstH = handleId(visible(dst, c.refColumns[i]!), targetSide);
    // Collapsed ends can fold several pairs onto the same two handles: draw that once.
    if (seen.has(`${srcH}>${dstH}`)) continue;
    seen.add(`${srcH}>${dstH}`);
    edges.push({
      id: i === 0 ? c.id : `${c.id}#${i}`,
      type: 'relation',
      source: table.id,
      target: c.refTableId!,
      sourceHandle: srcH,
      targetHandle: dstH,
      data: {
        many,
        optional,
        selfRef: table.id === c.refTableId,
        label: `${c.name ?? 'foreign key'}: ${table.name} → ${refName}${pairs > 1 ? ` (column pair ${i + 1} of ${pairs})` : ''}`,
        fkId: c.id,
        pair: i,
        pairs,
      },
    });
  }
  const entry: EdgeCacheEntry = { table, refTable, fk: c, sourceSide, targetSide, srcCollapsed, dstCollapsed, edges };
  sharedEdges.set(c, entry);
  return entry;
}

/** Build the edges between `nodes` ahead of time, in slices (see prewarmNodes). */
export async function prewarmEdges(model: SchemaModel, nodes: TableNode[], yieldFn: () => Promise<void>, budgetMs = 12): Promise<void> {
  const byId = new Map<Id, TableNode>();
  for (const n of nodes) byId.set(n.id, n);
  let t0 = performance.now();
  for (const n of nodes) {
    const table = model.tables[n.id];
    if (!table) continue;
    for (const c of table.constraints) {
      if (c.kind !== 'foreign' || !c.refTableId) continue;
      const dst = byId.get(c.refTableId);
      if (!dst || !c.columns[0] || !c.refColumns[0]) continue;
      edgeEntry(model, table, c, n, dst, undefined);
    }
    if (performance.now() - t0 > budgetMs) {
      await yieldFn();
      t0 = performance.now();
    }
  }
}

export function createEdgeProjection(): EdgeProjection {
  let cache = new Map<Id, EdgeCacheEntry>();
  let last: { tables: SchemaModel['tables']; nodes: TableNode[]; out: RelationEdge[] } | null = null;
  return (model, nodes) => {
    if (last && last.tables === model.tables && last.nodes === nodes) return last.out;
    const byId = new Map<Id, TableNode>();
    for (const n of nodes) byId.set(n.id, n);
    const next = new Map<Id, EdgeCacheEntry>();
    const out: RelationEdge[] = [];
    for (const n of nodes) {
      const table = model.tables[n.id];
      if (!table) continue;
      for (const c of table.constraints) {
        if (c.kind !== 'foreign' || !c.refTableId) continue;
        const dst = byId.get(c.refTableId);
        if (!dst || !c.columns[0] || !c.refColumns[0]) continue;
        const entry = edgeEntry(model, table, c, n, dst, cache.get(c.id));
        next.set(c.id, entry);
        for (const e of entry.edges) out.push(e);
      }
    }
    cache = next;
    last = { tables: model.tables, nodes, out };
    return out;
  };
}
