/**
 * The compact line a partitioned table's node shows instead of drawing its partitions as nodes: "N partitions", with
 * every partition and its bounds on hover (names are rendered as text only).
 */
import type { PartitionInfo } from './projection';
import './partitions.css';

/** Short form of a bound for the line itself: `FROM ('2020-01-01') TO ('2021-01-01')` → kept as written, trimmed. */
function shortBound(b: string): string {
  return b.replace(/^FOR VALUES\s+/i, '');
}

export function PartitionsLine({ parts }: { parts: PartitionInfo[] }) {
  const n = parts.length;
  const title = parts.map((p) => `${p.name}: ${p.bound}`).join('\n');
  const first = parts[0];
  const last = parts[n - 1];
  return (
    <div className="tw-node__partitions" title={title} data-testid="node-partitions">
      <span className="tw-node__partitions-icon" aria-hidden="true" />
      <span>
        {n.toLocaleString('en-US')} partition{n === 1 ? '' : 's'}
      </span>
      {first && last && n > 1 ? <span className="tw-node__partitions-range">{`${shortBound(first.bound)} … ${shortBound(last.bound)}`.slice(0, 80)}</span> : null}
    </div>
  );
}
