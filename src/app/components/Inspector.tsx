import { useMemo } from 'react';
import type { Constraint, Id, SchemaModel, Table } from '../../core/model/types';
import { useApp } from '../store';
import { columnBadges } from '../canvas/projection';
import { plural } from './StatusBar';

const colNames = (t: Table | undefined, ids: readonly Id[]) => ids.map((id) => t?.columns.find((c) => c.id === id)?.name ?? '?').join(', ');

function qualified(model: SchemaModel, t: Table): string {
  return `${model.schemas[t.schemaId]?.name ?? 'public'}.${t.name}`;
}

function ConstraintItem({ model, table, c }: { model: SchemaModel; table: Table; c: Constraint }) {
  let kind: string;
  let text: string;
  switch (c.kind) {
    case 'primary':
      kind = 'PRIMARY KEY';
      text = `(${colNames(table, c.columns)})`;
      break;
    case 'unique':
      kind = 'UNIQUE';
      text = `(${colNames(table, c.columns)})${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}`;
      break;
    case 'foreign': {
      const ref = c.refTableId ? model.tables[c.refTableId] : undefined;
      const refName = ref ? qualified(model, ref) : c.refTableName ? `${c.refTableName.schema}.${c.refTableName.name}` : '?';
      const refCols = ref ? colNames(ref, c.refColumns) : (c.refColumnNames ?? []).join(', ');
      kind = 'FOREIGN KEY';
      text = `(${colNames(table, c.columns)}) → ${refName} (${refCols})`;
      if (c.onDelete !== 'no action') text += ` ON DELETE ${c.onDelete.toUpperCase()}`;
      if (c.onUpdate !== 'no action') text += ` ON UPDATE ${c.onUpdate.toUpperCase()}`;
      break;
    }
    case 'check':
      kind = 'CHECK';
      text = `(${c.expr})`;
      break;
    case 'exclude':
      kind = 'EXCLUDE';
      text = c.definition;
      break;
  }
  return (
    <li className="tw-insp__item">
      <div className="tw-insp__item-head">
        <span className={`tw-pill tw-pill--${c.kind}`}>{kind}</span>
        {c.name ? <span className="tw-insp__item-name">{c.name}</span> : null}
      </div>
      <code className="tw-insp__code">{text}</code>
    </li>
  );
}

function TableDetails({ model, table }: { model: SchemaModel; table: Table }) {
  const badges = useMemo(() => columnBadges(table), [table]);
  const referencedBy = useMemo(() => {
    const out: { from: Table; cols: string }[] = [];
    for (const t of Object.values(model.tables))
      for (const c of t.constraints) if (c.kind === 'foreign' && c.refTableId === table.id) out.push({ from: t, cols: colNames(t, c.columns) });
    return out;
  }, [model, table]);
  return (
    <>
      <div className="tw-insp__title">
        <span className="tw-insp__eyebrow">Table</span>
        <h2>
          <span className="tw-insp__schema">{model.schemas[table.schemaId]?.name ?? 'public'}.</span>
          {table.name}
        </h2>
        {table.comment ? <p className="tw-insp__comment">{table.comment}</p> : null}
      </div>
      <section aria-labelledby="insp-columns">
        <h3 id="insp-columns">Columns <span className="tw-count">{table.columns.length}</span></h3>
        <table className="tw-insp__cols">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Keys</th>
            </tr>
          </thead>
          <tbody>
            {table.columns.map((c) => (
              <tr key={c.id} title={c.comment}>
                <td className="tw-insp__colname">
                  {c.name}
                  {c.default !== undefined ? <div className="tw-insp__default">default {c.default}</div> : null}
                  {c.identity ? <div className="tw-insp__default">identity {c.identity.always ? 'always' : 'by default'}</div> : null}
                </td>
                <td>
                  <code>{c.type}</code>
                  {c.nullable ? <span className="tw-insp__null"> null</span> : null}
                </td>
                <td>
                  {(badges.get(c.id) ?? []).map((b) => (
                    <span key={b} className={`tw-badge tw-badge--${b.toLowerCase()}`}>
                      {b}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="insp-constraints">
        <h3 id="insp-constraints">Constraints <span className="tw-count">{table.constraints.length}</span></h3>
        {table.constraints.length ? (
          <ul className="tw-insp__list">
            {table.constraints.map((c) => (
              <ConstraintItem key={c.id} model={model} table={table} c={c} />
            ))}
          </ul>
        ) : (
          <p className="tw-insp__empty">No constraints.</p>
        )}
      </section>
      <section aria-labelledby="insp-indexes">
        <h3 id="insp-indexes">Indexes <span className="tw-count">{table.indexes.length}</span></h3>
        {table.indexes.length ? (
          <ul className="tw-insp__list">
            {table.indexes.map((ix) => (
              <li key={ix.id} className="tw-insp__item">
                <div className="tw-insp__item-head">
                  <span className="tw-pill tw-pill--index">{ix.unique ? 'UNIQUE INDEX' : 'INDEX'}</span>
                  {ix.name ? <span className="tw-insp__item-name">{ix.name}</span> : null}
                </div>
                <code className="tw-insp__code">
                  USING {ix.method} ({ix.elements.map((e) => (e.column ? (table.columns.find((c) => c.id === e.column)?.name ?? '?') : `(${e.expr ?? ''})`) + (e.order === 'desc' ? ' DESC' : '')).join(', ')})
                  {ix.where ? ` WHERE ${ix.where}` : ''}
                </code>
              </li>
            ))}
          </ul>
        ) : (
          <p className="tw-insp__empty">No indexes.</p>
        )}
      </section>
      <section aria-labelledby="insp-refs">
        <h3 id="insp-refs">Referenced by <span className="tw-count">{referencedBy.length}</span></h3>
        {referencedBy.length ? (
          <ul className="tw-insp__refs">
            {referencedBy.map((r, i) => (
              <li key={i}>
                <button type="button" className="tw-link" onClick={() => useApp.getState().focusTable(r.from.id)}>
                  {qualified(model, r.from)}
                </button>{' '}
                <span className="tw-insp__muted">({r.cols})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="tw-insp__empty">No incoming foreign keys.</p>
        )}
      </section>
    </>
  );
}

function Overview({ model }: { model: SchemaModel }) {
  const lastImport = useApp((s) => s.lastImport);
  const types = Object.values(model.types);
  const tables = Object.values(model.tables).sort((a, b) => a.seq - b.seq);
  return (
    <>
      <div className="tw-insp__title">
        <span className="tw-insp__eyebrow">Diagram</span>
        <h2>Overview</h2>
        <p className="tw-insp__comment">Select a table on the canvas to see its columns, constraints and indexes.</p>
      </div>
      <section aria-labelledby="insp-tables">
        <h3 id="insp-tables">Tables <span className="tw-count">{tables.length}</span></h3>
        {tables.length ? (
          <ul className="tw-insp__refs">
            {tables.slice(0, 200).map((t) => (
              <li key={t.id}>
                <button type="button" className="tw-link" onClick={() => useApp.getState().focusTable(t.id)}>
                  {qualified(model, t)}
                </button>{' '}
                <span className="tw-insp__muted">{plural(t.columns.length, 'column')}</span>
              </li>
            ))}
            {tables.length > 200 ? <li className="tw-insp__muted">…and {tables.length - 200} more</li> : null}
          </ul>
        ) : (
          <p className="tw-insp__empty">Empty diagram. Use “Import SQL” to bring in a schema.</p>
        )}
      </section>
      {types.length ? (
        <section aria-labelledby="insp-types">
          <h3 id="insp-types">Types <span className="tw-count">{types.length}</span></h3>
          <ul className="tw-insp__list">
            {types.map((t) => (
              <li key={t.id} className="tw-insp__item">
                <div className="tw-insp__item-head">
                  <span className="tw-pill tw-pill--index">{t.kind.toUpperCase()}</span>
                  <span className="tw-insp__item-name">
                    {model.schemas[t.schemaId]?.name ?? 'public'}.{t.name}
                  </span>
                </div>
                {t.kind === 'enum' ? <code className="tw-insp__code">{t.values.map((v) => v.label).join(' · ')}</code> : null}
                {t.kind === 'domain' ? <code className="tw-insp__code">{t.baseType}</code> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {lastImport && lastImport.diagnostics.length ? (
        <section aria-labelledby="insp-diags">
          <h3 id="insp-diags">Import diagnostics <span className="tw-count">{lastImport.diagnostics.length}</span></h3>
          <ul className="tw-insp__list">
            {lastImport.diagnostics.slice(0, 100).map((d, i) => (
              <li key={i} className={`tw-diag tw-diag--${d.severity}`}>
                <span className="tw-diag__where">{d.line !== undefined ? `line ${d.line}` : d.code}</span> {d.message}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function Inspector() {
  const model = useApp((s) => s.doc.schema);
  const selection = useApp((s) => s.selection);
  const table = selection.length === 1 && selection[0] ? model.tables[selection[0]] : undefined;
  return (
    <aside className="tw-inspector" aria-label="Inspector">
      {table ? <TableDetails model={model} table={table} /> : <Overview model={model} />}
    </aside>
  );
}
