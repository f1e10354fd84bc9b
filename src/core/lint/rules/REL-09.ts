import { quoteIdent } from '../../sql/ident';
import type { ForeignKey, Id, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { allTables, constraintName, fix, mk, NONE, qt, tableCmd, tref } from './key-rel-util';

interface Edge {
  from: Table;
  to: Id;
  fk: ForeignKey;
  mandatory: boolean;
}

/** Strongly connected components (Tarjan, iterative) of size ≥ 2. */
function sccs(nodes: Id[], out: Map<Id, Edge[]>): Id[][] {
  let index = 0;
  const idx = new Map<Id, number>();
  const low = new Map<Id, number>();
  const on = new Set<Id>();
  const stack: Id[] = [];
  const res: Id[][] = [];
  for (const root of nodes) {
    if (idx.has(root)) continue;
    const work: [Id, number][] = [[root, 0]];
    idx.set(root, index);
    low.set(root, index++);
    stack.push(root);
    on.add(root);
    while (work.length) {
      const top = work[work.length - 1]!;
      const [v, i] = top;
      const edges = out.get(v) ?? [];
      if (i < edges.length) {
        top[1]++;
        const w = edges[i]!.to;
        if (!idx.has(w)) {
          idx.set(w, index);
          low.set(w, index++);
          stack.push(w);
          on.add(w);
          work.push([w, 0]);
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent[0], Math.min(low.get(parent[0])!, low.get(v)!));
      if (low.get(v) === idx.get(v)) {
        const comp: Id[] = [];
        let w: Id;
        do {
          w = stack.pop()!;
          on.delete(w);
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1) res.push(comp);
      }
    }
  }
  return res;
}

/**
 * True when the foreign keys between tables (self-references aside) form no cycle, found without building the graph
 * the report needs: first, when every FK points at an earlier table (by `seq`, as in schemas written or imported in
 * dependency order) no cycle is possible; else by peeling off tables that reference no remaining table (Kahn).
 */
function acyclic(ctx: RuleContext): boolean {
  const model = ctx.model;
  const list = allTables(ctx);
  let ordered = true;
  for (let i = 0; i < list.length && ordered; i++) {
    const t = list[i]!;
    const fks = ctx.helpers.outgoing(t);
    for (let k = 0; k < fks.length; k++) {
      const ref = fks[k]!.refTableId;
      if (!ref || ref === t.id) continue;
      const p = model.tables[ref];
      if (p && !(p.seq < t.seq)) {
        ordered = false;
        break;
      }
    }
  }
  if (ordered) return true;
  const n = list.length;
  const index = new Map<Id, number>();
  for (let i = 0; i < n; i++) index.set(list[i]!.id, i);
  // The position of the table an FK of `t` points at, or -1 when the FK is no edge of the cycle graph.
  const target = (t: Table, ref: Id | null | undefined): number => {
    if (!ref || ref === t.id || !model.tables[ref]) return -1;
    return index.get(ref) ?? -1;
  };
  // Edges i → j stored by target j: srcs[start[j] .. start[j + 1]) are the i.
  const outDeg = new Int32Array(n);
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const fks = ctx.helpers.outgoing(list[i]!);
    for (let k = 0; k < fks.length; k++) {
      const j = target(list[i]!, fks[k]!.refTableId);
      if (j < 0) continue;
      outDeg[i]!++;
      start[j + 1]!++;
    }
  }
  for (let j = 0; j < n; j++) start[j + 1]! += start[j]!;
  const srcs = new Int32Array(start[n]!);
  const fill = start.slice(0, n);
  for (let i = 0; i < n; i++) {
    const fks = ctx.helpers.outgoing(list[i]!);
    for (let k = 0; k < fks.length; k++) {
      const j = target(list[i]!, fks[k]!.refTableId);
      if (j >= 0) srcs[fill[j]!++] = i;
    }
  }
  // Peel: a table whose FK targets are all peeled off cannot be on a cycle.
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) if (outDeg[i] === 0) queue[tail++] = i;
  while (head < tail) {
    const j = queue[head++]!;
    for (let e = start[j]!; e < start[j + 1]!; e++) {
      const i = srcs[e]!;
      if (--outDeg[i]! === 0) queue[tail++] = i;
    }
  }
  return tail === n;
}

function cycleFindings(ctx: RuleContext): Finding[] {
  if (acyclic(ctx)) return NONE;
  const tables = Object.values(ctx.model.tables).sort((a, b) => a.seq - b.seq);
  const all = new Map<Id, Edge[]>();
  const mand = new Map<Id, Edge[]>();
  for (const t of tables) {
    for (const fk of ctx.helpers.outgoing(t)) {
      if (!fk.refTableId || fk.refTableId === t.id || !ctx.model.tables[fk.refTableId]) continue;
      const mandatory = !fk.deferrable && fk.columns.every((id) => t.columns.find((c) => c.id === id)?.nullable === false);
      const e: Edge = { from: t, to: fk.refTableId, fk, mandatory };
      (all.get(t.id) ?? all.set(t.id, []).get(t.id)!).push(e);
      if (mandatory) (mand.get(t.id) ?? mand.set(t.id, []).get(t.id)!).push(e);
    }
  }
  const ids = tables.map((t) => t.id);
  const out: Finding[] = [];
  const hard = sccs(ids, mand);
  const inHard = new Set(hard.flat());
  const name = (id: Id) => ctx.model.tables[id]!.name;
  const first = (comp: Id[]) => tables.find((t) => comp.includes(t.id))!;
  for (const comp of hard) {
    const set = new Set(comp);
    const t = first(comp);
    const edge = tables.flatMap((x) => (set.has(x.id) ? (mand.get(x.id) ?? []) : [])).find((e) => set.has(e.to))!;
    const fkName = constraintName(edge.from, edge.fk);
    const label = `Make ${fkName} DEFERRABLE INITIALLY DEFERRED`;
    out.push(
      mk('REL-09', 'warning', tref(ctx, t), `Tables ${comp.map(name).sort().join(', ')} reference each other through NOT NULL, non-deferrable foreign keys: no row can be inserted first.`,
        'In a cycle of mandatory foreign keys every insert needs a row that does not exist yet. Make one FK DEFERRABLE INITIALLY DEFERRED (checked at commit) or one side nullable.',
        fix(label, `ALTER TABLE ${qt(ctx.model, edge.from)} ALTER CONSTRAINT ${quoteIdent(fkName)} DEFERRABLE INITIALLY DEFERRED;`, tableCmd(label, edge.from.id, (tt) => {
          const f = tt.constraints.find((c) => c.id === edge.fk.id);
          if (!f || f.kind !== 'foreign') throw new Error('No such foreign key');
          f.deferrable = true;
          f.initiallyDeferred = true;
        }))),
    );
  }
  for (const comp of sccs(ids, all)) {
    if (comp.some((id) => inHard.has(id))) continue;
    out.push(
      mk('REL-09', 'info', tref(ctx, first(comp)), `Tables ${comp.map(name).sort().join(', ')} form a foreign key cycle (insertable, because one FK is nullable or deferrable).`,
        'Cycles complicate inserts, deletes, data loading and dumps; make sure the optional or deferred link is intended.'),
    );
  }
  return out;
}

/** REL-09: a cycle of foreign keys in which every FK is mandatory. */
export const rule: Rule = {
  id: 'REL-09',
  slug: 'fk-cycle-all-mandatory',
  group: 'REL',
  defaultSeverity: 'warning',
  scope: 'global',
  description: 'Tables that reference each other in a cycle of NOT NULL, non-deferrable foreign keys: no row can be inserted first.',
  checkModel: cycleFindings,
};
