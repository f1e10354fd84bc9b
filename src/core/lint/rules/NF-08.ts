import type { Table } from '../../model/types';
import type { Finding, Rule } from '../types';
import { cloneBase, finding, ref } from './idx-nf-util';

const ARCHIVE = /archive|backup|_bak$|_old$/i;

function similar(a: Table, b: Table): boolean {
  const sa = new Set(a.columns.map((c) => c.name.toLowerCase()));
  const sb = new Set(b.columns.map((c) => c.name.toLowerCase()));
  if (!sa.size || !sb.size) return false;
  let inter = 0;
  for (const x of sa) if (sb.has(x)) inter++;
  return inter / (sa.size + sb.size - inter) >= 0.8;
}

/**
 * NF-08: two or more tables in one schema whose names differ only by a numeric, year, period or shard suffix
 * (sales_2023 / sales_2024, logs_01, events_eu) and whose columns are near-identical (Jaccard ≥ 0.8 on names).
 * Declared partitions (partitionOf / partitioning), staging tables and archive copies are exempt.
 * No one-click fix: converting to declarative partitioning moves data (the message gives the SQL shape).
 */
export const rule: Rule = {
  id: 'NF-08',
  slug: 'clone-tables',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'global',
  description: 'Copies of one table split by year, number or region (sales_2023, sales_2024). Declarative partitioning gives one table to query with the same physical split.',
  checkModel(ctx) {
    const groups = new Map<string, Table[]>();
    const all = Object.values(ctx.model.tables);
    for (const t of all) {
      if (t.partitionOf || t.partitioning || ctx.role(t) === 'staging' || ARCHIVE.test(t.name)) continue;
      const base = cloneBase(t.name);
      if (!base) continue;
      const k = `${t.schemaId}\u0000${base}`;
      let l = groups.get(k);
      if (!l) groups.set(k, (l = []));
      l.push(t);
    }
    const out: Finding[] = [];
    for (const [k, members] of groups) {
      const [schemaId, base] = k.split('\u0000') as [string, string];
      const plain = all.find((t) => t.schemaId === schemaId && t.name.toLowerCase() === base && !t.partitioning && !t.partitionOf);
      const cluster = plain ? [plain, ...members] : members;
      const hit = cluster.filter((t) => cluster.some((u) => u !== t && similar(t, u)));
      if (hit.length < 2) continue;
      const names = hit.map((t) => t.name).sort();
      for (const t of hit) {
        out.push(
          finding(
            'NF-08',
            'warning',
            ref(ctx, t),
            `${t.name} is one of ${hit.length} near-identical tables (${names.join(', ')}).`,
            `Tables split by name force every query to know which copy to read (and UNION them for ranges), and every schema change to be repeated. A partitioned table "${base}" (PARTITION BY RANGE/LIST) keeps the split but behaves as one table; attach the existing copies as partitions.`,
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
