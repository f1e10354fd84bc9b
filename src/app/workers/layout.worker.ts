/// <reference lib="webworker" />
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { LayoutRequest, LayoutResponse } from './protocol';

const elk = new ELK();

const OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '110',
  'elk.spacing.nodeNode': '48',
  'elk.spacing.componentComponent': '90',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.separateConnectedComponents': 'true',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
};

const post = (msg: LayoutResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = async (ev: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges } = ev.data;
  const t0 = performance.now();
  try {
    const ids = new Set(nodes.map((n) => n.id));
    const graph: ElkNode = {
      id: 'root',
      // Large diagrams: fewer crossing-minimisation sweeps keep ELK to a few seconds (1,000 tables: ~3 s at 2, ~1 s at 1).
      layoutOptions: nodes.length > 600 ? { ...OPTIONS, 'elk.layered.thoroughness': '1' } : nodes.length > 300 ? { ...OPTIONS, 'elk.layered.thoroughness': '2' } : OPTIONS,
      children: nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
      // Referenced (parent) tables go left of the tables that point at them: lay out parent → child.
      edges: edges
        .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
        .map((e) => ({ id: e.id, sources: [e.target], targets: [e.source] })),
    };
    const out = await elk.layout(graph);
    const positions: Record<string, { x: number; y: number }> = {};
    for (const c of out.children ?? []) positions[c.id] = { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) };
    post({ id, ok: true, positions, ms: performance.now() - t0 });
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
