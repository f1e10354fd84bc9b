import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quickLayout, type QuickEdge, type QuickNode } from './quick';

const overlaps = (nodes: QuickNode[], pos: Record<string, { x: number; y: number }>) => {
  const bad: string[] = [];
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      const pa = pos[a.id]!;
      const pb = pos[b.id]!;
      if (pa.x < pb.x + b.width && pb.x < pa.x + a.width && pa.y < pb.y + b.height && pb.y < pa.y + a.height) bad.push(`${a.id}/${b.id}`);
    }
  return bad;
};

const graph = fc
  .integer({ min: 1, max: 60 })
  .chain((n) =>
    fc.record({
      nodes: fc.tuple(...Array.from({ length: n }, (_, i) => fc.record({ id: fc.constant(`t${i}`), width: fc.integer({ min: 220, max: 420 }), height: fc.integer({ min: 60, max: 400 }) }))),
      edges: fc.array(fc.record({ source: fc.integer({ min: 0, max: n - 1 }).map((i) => `t${i}`), target: fc.integer({ min: 0, max: n - 1 }).map((i) => `t${i}`) }), { maxLength: n * 2 }),
    }),
  );

describe('quickLayout', () => {
  it('places every table, never two on top of each other (random graphs with cycles and self-references)', () => {
    fc.assert(
      fc.property(graph, ({ nodes, edges }) => {
        const pos = quickLayout(nodes, edges);
        expect(Object.keys(pos).sort()).toEqual(nodes.map((n) => n.id).sort());
        expect(overlaps(nodes, pos)).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('puts a referenced table left of the tables that reference it (acyclic)', () => {
    fc.assert(
      fc.property(graph, ({ nodes, edges }) => {
        // Keep only edges from a higher to a lower index: a DAG.
        const dag = edges.filter((e) => Number(e.source.slice(1)) > Number(e.target.slice(1)));
        const pos = quickLayout(nodes, dag);
        const w = new Map<string, number>(nodes.map((n) => [n.id, n.width]));
        for (const e of dag) expect(pos[e.target]!.x + w.get(e.target)!).toBeLessThanOrEqual(pos[e.source]!.x);
      }),
      { numRuns: 150 },
    );
  });

  it('packs unrelated tables into a wide block rather than one long row or column', () => {
    const nodes = Array.from({ length: 300 }, (_, i) => ({ id: `t${i}`, width: 240, height: 180 }));
    const pos = quickLayout(nodes, []);
    const xs = Object.values(pos).map((p) => p.x);
    const ys = Object.values(pos).map((p) => p.y);
    const width = Math.max(...xs) + 240 - Math.min(...xs);
    const height = Math.max(...ys) + 180 - Math.min(...ys);
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(2.5);
  });

  it('is deterministic and ignores edges to unknown tables', () => {
    const nodes: QuickNode[] = [
      { id: 'a', width: 240, height: 100 },
      { id: 'b', width: 240, height: 100 },
    ];
    const edges: QuickEdge[] = [{ source: 'b', target: 'a' }, { source: 'b', target: 'zz' }];
    const one = quickLayout(nodes, edges);
    expect(quickLayout(nodes, edges)).toEqual(one);
    expect(one.a!.x).toBeLessThan(one.b!.x);
  });

  it('handles 1,000 tables in one chain and an empty diagram', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => ({ id: `t${i}`, width: 240, height: 120 }));
    const edges = nodes.slice(1).map((n, i) => ({ source: n.id, target: `t${i}` }));
    const pos = quickLayout(nodes, edges);
    expect(pos.t999!.x).toBeGreaterThan(pos.t0!.x);
    expect(quickLayout([], [])).toEqual({});
  });
});
