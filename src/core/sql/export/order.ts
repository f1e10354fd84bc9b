/**
 * Dependency ordering: Kahn's topological sort with a priority tie-break of (rank, seq, sub, insertion index).
 * On a cycle the smallest remaining node (same key) is emitted anyway and reported, then the sort continues.
 */

export interface SortNode {
  key: string;
  rank: number;
  seq: number;
  sub: number;
  /** Keys of nodes that must come first (unknown keys and self references are ignored). */
  deps: Iterable<string>;
}

function less(a: SortNode, ai: number, b: SortNode, bi: number): boolean {
  if (a.rank !== b.rank) return a.rank < b.rank;
  if (a.seq !== b.seq) return a.seq < b.seq;
  if (a.sub !== b.sub) return a.sub < b.sub;
  return ai < bi;
}

/** Returns the node indices in emission order; `onCycle` gets the index of each node emitted despite a cycle. */
export function topoSort(nodes: readonly SortNode[], onCycle: (index: number, blocked: number[]) => void): number[] {
  const n = nodes.length;
  const index = new Map<string, number>();
  nodes.forEach((node, i) => index.set(node.key, i));
  const indeg = new Int32Array(n);
  const dependents: number[][] = Array.from({ length: n }, () => []);
  for (let i = 0; i < n; i++) {
    const seen = new Set<number>();
    for (const d of nodes[i]!.deps) {
      const j = index.get(d);
      if (j === undefined || j === i || seen.has(j)) continue;
      seen.add(j);
      dependents[j]!.push(i);
      indeg[i]!++;
    }
  }

  // binary min-heap of node indices
  const heap: number[] = [];
  const lt = (x: number, y: number) => less(nodes[x]!, x, nodes[y]!, y);
  const push = (x: number) => {
    heap.push(x);
    let k = heap.length - 1;
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!lt(heap[k]!, heap[p]!)) break;
      [heap[k], heap[p]] = [heap[p]!, heap[k]!];
      k = p;
    }
  };
  const pop = (): number => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let k = 0;
      for (;;) {
        const l = 2 * k + 1;
        const r = l + 1;
        let m = k;
        if (l < heap.length && lt(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && lt(heap[r]!, heap[m]!)) m = r;
        if (m === k) break;
        [heap[k], heap[m]] = [heap[m]!, heap[k]!];
        k = m;
      }
    }
    return top;
  };

  for (let i = 0; i < n; i++) if (indeg[i] === 0) push(i);
  const done = new Uint8Array(n);
  const out: number[] = [];
  let fallback: number[] | undefined;
  let fp = 0;
  while (out.length < n) {
    let x: number;
    if (heap.length) {
      x = pop();
      if (done[x]) continue;
    } else {
      if (!fallback) {
        fallback = Array.from({ length: n }, (_, i) => i).sort((a, b) => (less(nodes[a]!, a, nodes[b]!, b) ? -1 : 1));
      }
      while (done[fallback[fp]!]) fp++;
      x = fallback[fp]!;
      const blocked: number[] = [];
      for (let i = 0; i < n && blocked.length < 6; i++) if (!done[i] && i !== x) blocked.push(i);
      onCycle(x, blocked);
    }
    done[x] = 1;
    out.push(x);
    for (const y of dependents[x]!) {
      if (--indeg[y]! === 0 && !done[y]) push(y);
    }
  }
  return out;
}
