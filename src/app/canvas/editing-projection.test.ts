import { describe, expect, it } from 'vitest';
import { produce } from 'immer';
import { emptyLayout, type Layout } from '../../core/model/layout';
import type { SchemaModel } from '../../core/model/types';
import { sampleModel } from '../fixtures';
import { createEdgeProjection, createNodeProjection, HEADER_HANDLE, handleId } from './projection';
import { createDecorProjection } from './decor';

function setup() {
  const model = sampleModel();
  const layout: Layout = emptyLayout();
  Object.values(model.tables).forEach((t, i) => (layout.nodes[t.id] = { x: i * 400, y: 0 }));
  return { model, layout };
}
const byName = (model: SchemaModel, name: string) => Object.values(model.tables).find((t) => t.name === name)!;

describe('collapsed tables and multi-column foreign keys', () => {
  it('a collapsed table shows key columns only; edges to hidden columns end at the header', () => {
    const { model, layout } = setup();
    const users = byName(model, 'users');
    // Point a FK at a non-key column of users, then collapse users.
    const orders = byName(model, 'orders');
    const email = users.columns.find((c) => c.name === 'email')!;
    const m2 = produce(model, (d) => {
      const o = d.tables[orders.id]!;
      const c = o.columns.find((x) => x.name === 'status')!;
      o.constraints.push({ id: 'k_mail', kind: 'foreign', columns: [c.id], refTableId: users.id, refColumns: [email.id], onDelete: 'no action', onUpdate: 'no action', match: 'simple' });
    });
    const collapsed = produce(layout, (d) => {
      d.nodes[users.id]!.collapsed = true;
    });
    const nodes = createNodeProjection()(m2, collapsed);
    const u = nodes.find((n) => n.id === users.id)!;
    expect(u.data.rows.map((r) => r.name)).toEqual(['id']);
    expect(u.data.hiddenCount).toBe(users.columns.length - 1);
    const edges = createEdgeProjection()(m2, nodes);
    const mail = edges.find((e) => e.id === 'k_mail')!;
    expect(mail.targetHandle).toMatch(new RegExp(`^${HEADER_HANDLE}:`));
  });

  it('draws one edge per column pair of a multi-column FK, all tied to the FK', () => {
    const { model, layout } = setup();
    const items = byName(model, 'order_items');
    const orders = byName(model, 'orders');
    const m2 = produce(model, (d) => {
      const it = d.tables[items.id]!;
      const o = d.tables[orders.id]!;
      it.constraints.push({ id: 'k_pair', kind: 'foreign', columns: [it.columns[0]!.id, it.columns[1]!.id], refTableId: orders.id, refColumns: [o.columns[0]!.id, o.columns[1]!.id], onDelete: 'no action', onUpdate: 'no action', match: 'simple' });
    });
    const nodes = createNodeProjection()(m2, layout);
    const edges = createEdgeProjection()(m2, nodes).filter((e) => e.data?.fkId === 'k_pair');
    expect(edges.map((e) => e.id)).toEqual(['k_pair', 'k_pair#1']);
    expect(edges[1]!.sourceHandle?.startsWith(items.columns[1]!.id)).toBe(true);
    expect(edges[1]!.targetHandle).toBe(handleId(orders.columns[1]!.id, edges[1]!.targetHandle!.endsWith(':l') ? 'l' : 'r'));
    expect(edges.every((e) => e.data!.pairs === 2)).toBe(true);
  });

  it('areas and notes project to nodes below tables and keep identity when unchanged', () => {
    const layout = produce(emptyLayout(), (d) => {
      d.areas.a1 = { id: 'a1', name: 'Sales', x: 0, y: 0, width: 400, height: 300, color: '#6366f1', members: [] };
      d.notes.n1 = { id: 'n1', text: 'hi', x: 10, y: 10, width: 200, height: 100, color: '#fef3c7' };
    });
    const project = createDecorProjection();
    const first = project(layout);
    expect(first.areas[0]!.zIndex!).toBeLessThan(0);
    const moved = produce(layout, (d) => {
      d.notes.n1!.x = 50;
    });
    const second = project(moved);
    expect(second.areas[0]).toBe(first.areas[0]);
    expect(second.notes[0]).not.toBe(first.notes[0]);
  });
});
