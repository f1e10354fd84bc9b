import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import type { Layout } from '../../core/model/layout';
import { emptyLayout } from '../../core/model/layout';
import type { ForeignKey, SchemaModel } from '../../core/model/types';
import { sampleModel } from '../fixtures';
import { createEdgeProjection, createNodeProjection, PARTITIONS_H } from './projection';

function setup() {
  const model = sampleModel();
  const layout: Layout = emptyLayout();
  Object.values(model.tables).forEach((t, i) => (layout.nodes[t.id] = { x: i * 400, y: 0 }));
  return { model, layout };
}

const byName = (model: SchemaModel, name: string) => Object.values(model.tables).find((t) => t.name === name)!;

describe('node projection', () => {
  it('returns the identical node object for tables whose schema and layout records are unchanged', () => {
    const { model, layout } = setup();
    const project = createNodeProjection();
    const first = project(model, layout);
    expect(first).toHaveLength(4);
    const users = byName(model, 'users');
    const orders = byName(model, 'orders');

    // Move one table: only its node changes.
    const moved = produce(layout, (d) => {
      d.nodes[users.id]!.x += 10;
    });
    const second = project(model, moved);
    for (const n of second) {
      const before = first.find((x) => x.id === n.id)!;
      if (n.id === users.id) {
        expect(n).not.toBe(before);
        expect(n.position.x).toBe(before.position.x + 10);
      } else expect(n).toBe(before);
    }

    // Edit one table's schema record: only its node changes.
    const edited = produce(model, (d) => {
      d.tables[orders.id]!.columns[0]!.name = 'order_id';
    });
    const third = project(edited, moved);
    for (const n of third) {
      const before = second.find((x) => x.id === n.id)!;
      if (n.id === orders.id) {
        expect(n).not.toBe(before);
        expect(n.data.rows[0]?.name).toBe('order_id');
      } else expect(n).toBe(before);
    }

    // Same inputs: the same array.
    expect(project(edited, moved)).toBe(third);
  });

  it('rebuilds a node when its schema is renamed', () => {
    const { model, layout } = setup();
    const project = createNodeProjection();
    const first = project(model, layout);
    const renamed = produce(model, (d) => {
      for (const s of Object.values(d.schemas)) s.name = 'shop';
    });
    const second = project(renamed, layout);
    second.forEach((n, i) => {
      expect(n).not.toBe(first[i]);
      expect(n.data.schemaName).toBe('shop');
    });
  });

  it('derives badges', () => {
    const { model, layout } = setup();
    const nodes = createNodeProjection()(model, layout);
    const users = nodes.find((n) => n.data.name === 'users')!;
    expect(users.data.rows.find((r) => r.name === 'id')?.badges).toEqual(['PK']);
    expect(users.data.rows.find((r) => r.name === 'email')?.badges).toEqual(['UQ', 'NN']);
    const orders = nodes.find((n) => n.data.name === 'orders')!;
    expect(orders.data.rows.find((r) => r.name === 'user_id')?.badges).toEqual(['FK', 'NN', 'IDX']);
  });
});

describe('edge projection', () => {
  it('makes one edge per FK with cardinality and optionality, stable across unrelated changes', () => {
    const { model, layout } = setup();
    const nodes = createNodeProjection();
    const edges = createEdgeProjection();
    const n1 = nodes(model, layout);
    const e1 = edges(model, n1);
    expect(e1).toHaveLength(3);
    expect(e1.every((e) => e.data?.many === true && e.data.optional === false)).toBe(true);

    const products = byName(model, 'products');
    const users = byName(model, 'users');
    // Moving users a little does not change which sides edges use: every edge object is kept.
    const n2 = nodes(model, produce(layout, (d) => void (d.nodes[users.id]!.y += 50)));
    const e2 = edges(model, n2);
    e2.forEach((e, i) => expect(e).toBe(e1[i]));

    // A self reference on a nullable unique column: one-to-one, optional, drawn.
    const withSelf = produce(model, (d) => {
      const p = d.tables[products.id]!;
      p.columns.push({ id: 'c_succ', name: 'successor_id', type: 'bigint', nullable: true });
      p.constraints.push({ kind: 'unique', id: 'k_succ_uq', columns: ['c_succ'] });
      const fk: ForeignKey = { kind: 'foreign', id: 'k_succ', columns: ['c_succ'], refTableId: p.id, refColumns: [p.columns[0]!.id], onDelete: 'no action', onUpdate: 'no action', match: 'simple' };
      p.constraints.push(fk);
    });
    const e3 = edges(withSelf, nodes(withSelf, layout));
    const self = e3.find((e) => e.id === 'k_succ')!;
    expect(self.source).toBe(products.id);
    expect(self.target).toBe(products.id);
    expect(self.data).toMatchObject({ many: false, optional: true, selfRef: true });
  });
});

describe('partitions', () => {
  const SQL = `
CREATE TABLE customer (id int PRIMARY KEY);
CREATE TABLE events (id int, at date NOT NULL, customer_id int REFERENCES customer (id)) PARTITION BY RANGE (at);
${[0, 1, 2, 3, 4].map((i) => `CREATE TABLE events_${2020 + i} PARTITION OF events FOR VALUES FROM ('${2020 + i}-01-01') TO ('${2021 + i}-01-01');`).join('\n')}
CREATE TABLE audit (id int PRIMARY KEY, customer_id int REFERENCES customer (id));
`;
  async function load() {
    const { importSql, initParser } = await import('../../core/sql/import');
    await initParser();
    const { model } = importSql(SQL);
    const layout: Layout = emptyLayout();
    Object.values(model.tables).forEach((t, i) => (layout.nodes[t.id] = { x: i * 400, y: 0 }));
    return { model, layout };
  }

  it('draws partitions inside their parent: one node with the list and bounds, no nodes or edges of their own', async () => {
    const { model, layout } = await load();
    expect(Object.keys(model.tables)).toHaveLength(8);
    const nodes = createNodeProjection()(model, layout);
    expect(nodes.map((n) => n.data.name).sort()).toEqual(['audit', 'customer', 'events']);
    const events = nodes.find((n) => n.data.name === 'events')!;
    expect(events.data.partitions?.map((p) => p.name)).toEqual(['events_2020', 'events_2021', 'events_2022', 'events_2023', 'events_2024']);
    expect(events.data.partitions?.[0]?.bound).toMatch(/^FOR VALUES FROM \('2020-01-01'\) TO \('2021-01-01'\)$/);
    const audit = nodes.find((n) => n.data.name === 'audit')!;
    // The partitions line adds to the node's height (same number of rows as audit: 3 vs 2 columns + the line).
    expect(events.height! - audit.height!).toBe(26 + PARTITIONS_H);
    expect(audit.data.partitions).toBeUndefined();
    const edges = createEdgeProjection()(model, nodes);
    const partIds = new Set(Object.values(model.tables).filter((t) => t.partitionOf).map((t) => t.id));
    expect(edges.some((e) => partIds.has(e.source) || partIds.has(e.target))).toBe(false);
    expect(edges.map((e) => `${model.tables[e.source]!.name}>${model.tables[e.target]!.name}`).sort()).toEqual(['audit>customer', 'events>customer']);
  });

  it('keeps nodes identical when nothing they show changed; a partition edit rebuilds only its parent', async () => {
    const { model, layout } = await load();
    const project = createNodeProjection();
    const first = project(model, layout);
    const audit = byName(model, 'audit');
    const p3 = byName(model, 'events_2023');
    const moved = produce(layout, (d) => void (d.nodes[audit.id]!.x += 5));
    const second = project(model, moved);
    for (const n of second) if (n.data.name !== 'audit') expect(n).toBe(first.find((x) => x.id === n.id));
    const renamed = produce(model, (d) => void (d.tables[p3.id]!.name = 'events_y2023'));
    const third = project(renamed, moved);
    for (const n of third) {
      const before = second.find((x) => x.id === n.id)!;
      if (n.data.name === 'events') {
        expect(n).not.toBe(before);
        expect(n.data.partitions?.map((p) => p.name)).toContain('events_y2023');
      } else expect(n).toBe(before);
    }
  });

  it('a partition whose parent is not in the model is a node of its own', async () => {
    const { model, layout } = await load();
    const events = byName(model, 'events');
    const orphaned = produce(model, (d) => void delete d.tables[events.id]);
    const nodes = createNodeProjection()(orphaned, layout);
    expect(nodes.map((n) => n.data.name).sort()).toEqual(['audit', 'customer', 'events_2020', 'events_2021', 'events_2022', 'events_2023', 'events_2024']);
  });
});

describe('nodes built ahead of the commit', () => {
  it('nodes built ahead (prewarmNodes) or by another projection are shared, never stale', async () => {
    const { model, layout } = setup();
    const { prewarmNodes } = await import('./projection');
    let yields = 0;
    await prewarmNodes(model, layout, async () => void yields++, 0);
    expect(yields).toBeGreaterThan(0); // a zero budget yields after every table
    const a = createNodeProjection()(model, layout);
    const b = createNodeProjection()(model, layout);
    // Two independent projections share the prewarmed node objects.
    a.forEach((n, i) => expect(n).toBe(b[i]));
    // A different layout record for a table is a different node (never a stale one).
    const users = byName(model, 'users');
    const moved = produce(layout, (d) => void (d.nodes[users.id]!.x = 999));
    const c = createNodeProjection()(model, moved);
    expect(c.find((n) => n.id === users.id)!.position.x).toBe(999);
    expect(c.find((n) => n.id === users.id)).not.toBe(a.find((n) => n.id === users.id));
  });
});

describe('edges built ahead of the commit', () => {
  it('prewarmCanvas builds edges a projection then shares; a moved node that changes sides gets a new edge', async () => {
    const { model, layout } = setup();
    const { prewarmCanvas } = await import('./projection');
    await prewarmCanvas(model, layout, async () => undefined);
    const nodesA = createNodeProjection()(model, layout);
    const a = createEdgeProjection()(model, nodesA);
    const b = createEdgeProjection()(model, createNodeProjection()(model, layout));
    expect(a.length).toBe(3);
    a.forEach((e, i) => expect(e).toBe(b[i]));
    // Put users far right of everything: edges into it switch sides, so they are rebuilt, not reused stale.
    const users = byName(model, 'users');
    const before = a.filter((e) => e.target === users.id);
    expect(before.every((e) => e.targetHandle?.endsWith(':r'))).toBe(true);
    const moved = produce(layout, (d) => void (d.nodes[users.id]!.x = 5000));
    const c = createEdgeProjection()(model, createNodeProjection()(model, moved));
    const intoUsers = c.filter((e) => e.target === users.id);
    expect(intoUsers.length).toBeGreaterThan(0);
    for (const e of intoUsers) {
      expect(e.targetHandle?.endsWith(':l')).toBe(true);
      expect(e).not.toBe(a.find((x) => x.id === e.id));
    }
  });
});
