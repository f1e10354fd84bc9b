/**
 * Inspector section of a partitioned table (its partitions with their bounds, each selectable) or of a partition
 * (its parent and bound). Partitions are not canvas nodes: this list is where they are reached.
 */
import type { SchemaModel, Table } from '../../core/model/types';
import { useApp } from '../store';

const qualified = (model: SchemaModel, t: Table) => `${model.schemas[t.schemaId]?.name ?? 'public'}.${t.name}`;

export function PartitionsSection({ model, table }: { model: SchemaModel; table: Table }) {
  const parent = table.partitionOf ? model.tables[table.partitionOf.parentId] : undefined;
  if (parent && table.partitionOf)
    return (
      <section aria-labelledby="insp-partition-of">
        <h3 id="insp-partition-of">Partition of</h3>
        <p className="tw-insp__comment">
          <button type="button" className="tw-link" onClick={() => useApp.getState().focusTable(parent.id)}>
            {qualified(model, parent)}
          </button>{' '}
          <code className="tw-insp__code">{table.partitionOf.bound}</code>
        </p>
      </section>
    );
  if (!table.partitioning) return null;
  const parts = Object.values(model.tables)
    .filter((t) => t.partitionOf?.parentId === table.id)
    .sort((a, b) => a.seq - b.seq);
  return (
    <section aria-labelledby="insp-partitions" data-testid="inspector-partitions">
      <h3 id="insp-partitions">
        Partitions <span className="tw-count">{parts.length}</span>
      </h3>
      <p className="tw-insp__comment">
        PARTITION BY {table.partitioning.strategy.toUpperCase()} ({table.partitioning.keys.join(', ')})
      </p>
      {parts.length ? (
        <ul className="tw-insp__refs">
          {parts.map((p) => (
            <li key={p.id}>
              <button type="button" className="tw-link" onClick={() => useApp.getState().setSelection([p.id])}>
                {qualified(model, p)}
              </button>{' '}
              <span className="tw-insp__muted">{p.partitionOf?.bound}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="tw-insp__empty">No partitions yet.</p>
      )}
    </section>
  );
}
