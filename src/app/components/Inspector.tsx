import { useMemo, useRef, useState } from 'react';
import type { Column, Constraint, EnumType, FkAction, Id, SchemaModel, Table } from '../../core/model/types';
import {
  addCheck,
  addColumn,
  addEnum,
  addIndex,
  moveColumn,
  removeColumn,
  removeConstraint,
  removeEnum,
  removeIndex,
  renameTable,
  setCollapsed,
  setNodeColor,
  setPrimaryKey,
  setTableComment,
  toggleUnique,
  updateColumn,
  updateConstraint,
  updateEnum,
  updateIndex,
  updateArea,
  updateNote,
  type ColumnPatch,
  type Command,
} from '../../core/commands';
import { primaryKey } from '../../core/model/query';
import { useApp } from '../store';
import { BehaviorsSection } from '../behaviors/BehaviorsSection';
import { PartitionsSection } from './PartitionsSection';
import { plural } from './StatusBar';
import { CommitInput, CommitTextarea, PG_TYPES } from './fields';

const colNames = (t: Table | undefined, ids: readonly Id[]) => ids.map((id) => t?.columns.find((c) => c.id === id)?.name ?? '?').join(', ');

function qualified(model: SchemaModel, t: Table): string {
  return `${model.schemas[t.schemaId]?.name ?? 'public'}.${t.name}`;
}

const FK_ACTIONS: FkAction[] = ['no action', 'restrict', 'cascade', 'set null', 'set default'];
const COLORS = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#ec4899', '#8b5cf6', '#64748b'];

const apply = (c: Command) => useApp.getState().apply(c);

function constraintText(model: SchemaModel, table: Table, c: Constraint): { kind: string; text: string } {
  switch (c.kind) {
    case 'primary':
      return { kind: 'PRIMARY KEY', text: `(${colNames(table, c.columns)})` };
    case 'unique':
      return { kind: 'UNIQUE', text: `(${colNames(table, c.columns)})${c.nullsNotDistinct ? ' NULLS NOT DISTINCT' : ''}` };
    case 'foreign': {
      const ref = c.refTableId ? model.tables[c.refTableId] : undefined;
      const refName = ref ? qualified(model, ref) : c.refTableName ? `${c.refTableName.schema}.${c.refTableName.name}` : '?';
      const refCols = ref ? colNames(ref, c.refColumns) : (c.refColumnNames ?? []).join(', ');
      return { kind: 'FOREIGN KEY', text: `(${colNames(table, c.columns)}) → ${refName} (${refCols})` };
    }
    case 'check':
      return { kind: 'CHECK', text: `(${c.expr})` };
    case 'exclude':
      return { kind: 'EXCLUDE', text: c.definition };
  }
}

function RemoveBtn({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="tw-iconbtn tw-iconbtn--danger" aria-label={label} title={label} onClick={onClick}>
      ×
    </button>
  );
}

function ConstraintItem({ model, table, c }: { model: SchemaModel; table: Table; c: Constraint }) {
  const { kind, text } = constraintText(model, table, c);
  return (
    <li className="tw-insp__item">
      <div className="tw-insp__item-head">
        <span className={`tw-pill tw-pill--${c.kind}`}>{kind}</span>
        <CommitInput className="tw-field tw-field--ghost" aria-label={`${kind} name`} placeholder="(generated name)" value={c.name ?? ''} allowEmpty onCommit={(v) => apply(updateConstraint(table.id, c.id, { name: v }))} />
        <RemoveBtn label={`Remove ${kind.toLowerCase()}`} onClick={() => apply(removeConstraint(table.id, c.id))} />
      </div>
      {c.kind === 'check' ? (
        <CommitInput className="tw-field tw-field--mono" aria-label="Check expression" value={c.expr} onCommit={(v) => apply(updateConstraint(table.id, c.id, { expr: v }))} />
      ) : (
        <code className="tw-insp__code">{text}</code>
      )}
      {c.kind === 'foreign' ? (
        <div className="tw-insp__fkacts">
          <label>
            on delete
            <select className="tw-field" value={c.onDelete} onChange={(e) => apply(updateConstraint(table.id, c.id, { onDelete: e.target.value as FkAction }))}>
              {FK_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </label>
          <label>
            on update
            <select className="tw-field" value={c.onUpdate} onChange={(e) => apply(updateConstraint(table.id, c.id, { onUpdate: e.target.value as FkAction }))}>
              {FK_ACTIONS.map((a) => <option key={a} value={a}>{a}</option>)}
            </select>
          </label>
        </div>
      ) : null}
    </li>
  );
}

function TypeOptions({ model }: { model: SchemaModel }) {
  const user = Object.values(model.types).filter((t) => t.kind !== 'composite');
  return (
    <datalist id="tw-pg-types">
      {user.map((t) => (
        <option key={t.id} value={`${model.schemas[t.schemaId]?.name ?? 'public'}.${t.name}`}>{t.kind}</option>
      ))}
      {PG_TYPES.map((t) => (
        <option key={t} value={t} />
      ))}
    </datalist>
  );
}

/** A column type typed in the field: a model enum/domain (qualified or bare name) gets its typeRef. */
function typePatch(model: SchemaModel, v: string): ColumnPatch {
  const text = v.trim();
  for (const t of Object.values(model.types)) {
    const q = `${model.schemas[t.schemaId]?.name ?? 'public'}.${t.name}`;
    if (text === q || text === t.name) return { type: q, typeRef: t.id };
  }
  return { type: v };
}

function ColumnEditor({ model, table, col, index, pk, unique }: { model: SchemaModel; table: Table; col: Column; index: number; pk: boolean; unique: boolean }) {
  const [dragOver, setDragOver] = useState(false);
  const pkCols = primaryKey(table)?.columns ?? [];
  return (
    <li
      className={`tw-colrow${dragOver ? ' is-dragover' : ''}`}
      data-column={col.name}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('application/x-tw-column')) return;
        e.preventDefault();
        setDragOver(true);
      }}
      onDragLeave={() => setDragOver(false)}
      onDrop={(e) => {
        setDragOver(false);
        const id = e.dataTransfer.getData('application/x-tw-column');
        if (id && id !== col.id) apply(moveColumn(table.id, id, index));
      }}
    >
      <div className="tw-colrow__main">
        <span
          className="tw-colrow__grip"
          draggable
          title="Drag to reorder"
          aria-hidden="true"
          onDragStart={(e) => {
            e.dataTransfer.setData('application/x-tw-column', col.id);
            e.dataTransfer.effectAllowed = 'move';
          }}
        >
          ⋮⋮
        </span>
        <CommitInput className="tw-field tw-colrow__name" aria-label="Column name" value={col.name} onCommit={(v) => apply(updateColumn(table.id, col.id, { name: v }))} />
        <CommitInput className="tw-field tw-field--mono tw-colrow__type" aria-label={`Type of ${col.name}`} list="tw-pg-types" value={col.type} onCommit={(v) => apply(updateColumn(table.id, col.id, typePatch(model, v)))} />
      </div>
      <div className="tw-colrow__opts">
        <label className="tw-check" title="Primary key">
          <input type="checkbox" checked={pk} onChange={() => apply(setPrimaryKey(table.id, pk ? pkCols.filter((x) => x !== col.id) : [...pkCols, col.id]))} /> PK
        </label>
        <label className="tw-check" title="NOT NULL">
          <input type="checkbox" checked={!col.nullable} disabled={pk} onChange={() => apply(updateColumn(table.id, col.id, { nullable: !col.nullable }))} /> NN
        </label>
        <label className="tw-check" title="Unique">
          <input type="checkbox" checked={unique} disabled={pk} onChange={() => apply(toggleUnique(table.id, col.id))} /> UQ
        </label>
        <CommitInput
          className="tw-field tw-field--mono tw-colrow__default"
          aria-label={`Default of ${col.name}`}
          placeholder={col.identity ? `identity ${col.identity.always ? 'always' : 'by default'}` : 'default'}
          value={col.default ?? ''}
          allowEmpty
          onCommit={(v) => apply(updateColumn(table.id, col.id, { default: v }))}
        />
        <button type="button" className="tw-iconbtn" aria-label={`Move ${col.name} up`} title="Move up" disabled={index === 0} onClick={() => apply(moveColumn(table.id, col.id, index - 1))}>↑</button>
        <button type="button" className="tw-iconbtn" aria-label={`Move ${col.name} down`} title="Move down" disabled={index === table.columns.length - 1} onClick={() => apply(moveColumn(table.id, col.id, index + 1))}>↓</button>
        <RemoveBtn label={`Remove column ${col.name}`} onClick={() => apply(removeColumn(table.id, col.id))} />
      </div>
    </li>
  );
}

function TableDetails({ model, table }: { model: SchemaModel; table: Table }) {
  const layout = useApp((s) => s.doc.layout.nodes[table.id]);
  const [check, setCheck] = useState('');
  const [ixCol, setIxCol] = useState('');
  const listRef = useRef<HTMLUListElement>(null);
  const uniques = useMemo(() => {
    const set = new Set<Id>();
    for (const c of table.constraints) if (c.kind === 'unique' && c.columns.length === 1) set.add(c.columns[0]!);
    return set;
  }, [table]);
  const pkSet = new Set(primaryKey(table)?.columns ?? []);
  const referencedBy = useMemo(() => {
    const out: { from: Table; cols: string }[] = [];
    for (const t of Object.values(model.tables))
      for (const c of t.constraints) if (c.kind === 'foreign' && c.refTableId === table.id) out.push({ from: t, cols: colNames(t, c.columns) });
    return out;
  }, [model, table]);
  const addCol = () => {
    const out: { id?: Id } = {};
    apply(addColumn(table.id, { name: 'column', type: 'text' }, undefined, out));
    requestAnimationFrame(() => {
      const inputs = listRef.current?.querySelectorAll<HTMLInputElement>('.tw-colrow__name');
      const last = inputs?.[inputs.length - 1];
      last?.focus();
      last?.select();
    });
  };
  return (
    <>
      <TypeOptions model={model} />
      <div className="tw-insp__title">
        <span className="tw-insp__eyebrow">Table · {model.schemas[table.schemaId]?.name ?? 'public'}</span>
        <h2 className="tw-visually-hidden">
          {model.schemas[table.schemaId]?.name ?? 'public'}.{table.name}
        </h2>
        <CommitInput className="tw-field tw-field--title" aria-label="Table name" value={table.name} onCommit={(v) => apply(renameTable(table.id, v))} />
        <CommitTextarea className="tw-field tw-field--comment" aria-label="Table comment" placeholder="Comment…" rows={2} value={table.comment ?? ''} onCommit={(v) => apply(setTableComment(table.id, v))} />
        <div className="tw-insp__appearance">
          <div className="tw-swatches" role="group" aria-label="Header colour">
            <button type="button" className={`tw-swatch tw-swatch--none${!layout?.color ? ' is-on' : ''}`} aria-label="No colour" title="No colour" onClick={() => apply(setNodeColor([table.id], undefined))} />
            {COLORS.map((c) => (
              <button key={c} type="button" className={`tw-swatch${layout?.color === c ? ' is-on' : ''}`} style={{ background: c }} aria-label={`Colour ${c}`} title={c} onClick={() => apply(setNodeColor([table.id], c))} />
            ))}
          </div>
          <label className="tw-check" title="Show only key columns on the canvas">
            <input type="checkbox" checked={!!layout?.collapsed} onChange={() => apply(setCollapsed([table.id], !layout?.collapsed))} /> Keys only
          </label>
        </div>
      </div>
      <section aria-labelledby="insp-columns">
        <h3 id="insp-columns">
          Columns <span className="tw-count">{table.columns.length}</span>
          <button type="button" className="tw-btn tw-btn--small" onClick={addCol}>+ Add column</button>
        </h3>
        <ul className="tw-colrows" ref={listRef}>
          {table.columns.map((c, i) => (
            <ColumnEditor key={c.id} model={model} table={table} col={c} index={i} pk={pkSet.has(c.id)} unique={uniques.has(c.id)} />
          ))}
        </ul>
        {table.columns.length === 0 ? <p className="tw-insp__empty">No columns yet.</p> : null}
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
        <form
          className="tw-insp__add"
          onSubmit={(e) => {
            e.preventDefault();
            if (check.trim() && apply(addCheck(table.id, check)).changed) setCheck('');
          }}
        >
          <input className="tw-field tw-field--mono" aria-label="New check expression" placeholder="CHECK expression, e.g. price >= 0" value={check} onChange={(e) => setCheck(e.target.value)} />
          <button type="submit" className="tw-btn tw-btn--small" disabled={!check.trim()}>Add check</button>
        </form>
      </section>
      <section aria-labelledby="insp-indexes">
        <h3 id="insp-indexes">Indexes <span className="tw-count">{table.indexes.length}</span></h3>
        {table.indexes.length ? (
          <ul className="tw-insp__list">
            {table.indexes.map((ix) => (
              <li key={ix.id} className="tw-insp__item">
                <div className="tw-insp__item-head">
                  <span className="tw-pill tw-pill--index">{ix.unique ? 'UNIQUE INDEX' : 'INDEX'}</span>
                  <CommitInput className="tw-field tw-field--ghost" aria-label="Index name" placeholder="(generated name)" value={ix.name ?? ''} allowEmpty onCommit={(v) => apply(updateIndex(table.id, ix.id, { name: v }))} />
                  <label className="tw-check" title="Unique index">
                    <input type="checkbox" checked={ix.unique} onChange={() => apply(updateIndex(table.id, ix.id, { unique: !ix.unique }))} /> UQ
                  </label>
                  <RemoveBtn label="Remove index" onClick={() => apply(removeIndex(table.id, ix.id))} />
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
        <form
          className="tw-insp__add"
          onSubmit={(e) => {
            e.preventDefault();
            const col = ixCol || table.columns[0]?.id;
            if (col) apply(addIndex(table.id, { unique: false, method: 'btree', elements: [{ column: col }] }));
          }}
        >
          <select className="tw-field" aria-label="Column for new index" value={ixCol} onChange={(e) => setIxCol(e.target.value)}>
            {table.columns.map((c) => (
              <option key={c.id} value={c.id}>{c.name}</option>
            ))}
          </select>
          <button type="submit" className="tw-btn tw-btn--small" disabled={!table.columns.length}>Add index</button>
        </form>
      </section>
      <PartitionsSection model={model} table={table} />
      <BehaviorsSection key={table.id} table={table} />
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

function EnumEditor({ model, t }: { model: SchemaModel; t: EnumType }) {
  const labels = t.values.map((v) => v.label).join(', ');
  return (
    <li className="tw-insp__item">
      <div className="tw-insp__item-head">
        <span className="tw-pill tw-pill--index">ENUM</span>
        <span className="tw-insp__muted">{model.schemas[t.schemaId]?.name ?? 'public'}.</span>
        <CommitInput className="tw-field tw-field--ghost" aria-label="Enum name" value={t.name} onCommit={(v) => apply(updateEnum(t.id, { name: v }))} />
        <RemoveBtn label={`Remove enum ${t.name}`} onClick={() => apply(removeEnum(t.id))} />
      </div>
      <CommitInput
        className="tw-field tw-field--mono"
        aria-label={`Labels of ${t.name}`}
        title="Labels, comma-separated, in sort order"
        value={labels}
        onCommit={(v) => {
          const list = v.split(',').map((x) => x.trim()).filter(Boolean);
          if (list.length) apply(updateEnum(t.id, { labels: list }));
        }}
      />
    </li>
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
        <p className="tw-insp__comment">Select a table to edit it. Add one with N, a double-click on empty canvas, or “Add table”.</p>
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
          <p className="tw-insp__empty">Empty diagram. Add a table, or use “Import SQL” to bring in a schema.</p>
        )}
      </section>
      <section aria-labelledby="insp-types">
        <h3 id="insp-types">
          Types <span className="tw-count">{types.length}</span>
          <button type="button" className="tw-btn tw-btn--small" onClick={() => apply(addEnum('status', ['draft', 'active']))}>+ Add enum</button>
        </h3>
        {types.length ? (
          <ul className="tw-insp__list">
            {types.map((t) =>
              t.kind === 'enum' ? (
                <EnumEditor key={t.id} model={model} t={t} />
              ) : (
                <li key={t.id} className="tw-insp__item">
                  <div className="tw-insp__item-head">
                    <span className="tw-pill tw-pill--index">{t.kind.toUpperCase()}</span>
                    <span className="tw-insp__item-name">
                      {model.schemas[t.schemaId]?.name ?? 'public'}.{t.name}
                    </span>
                  </div>
                  {t.kind === 'domain' ? <code className="tw-insp__code">{t.baseType}</code> : null}
                </li>
              ),
            )}
          </ul>
        ) : (
          <p className="tw-insp__empty">No enums or domains.</p>
        )}
      </section>
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

const AREA_COLORS = ['#6366f1', '#0ea5e9', '#10b981', '#f59e0b', '#ef4444', '#ec4899', '#64748b'];
const NOTE_COLORS = ['#fef3c7', '#dcfce7', '#dbeafe', '#fce7f3', '#ede9fe', '#f1f5f9'];

function DecorDetails({ id }: { id: Id }) {
  const area = useApp((s) => s.doc.layout.areas[id]);
  const note = useApp((s) => s.doc.layout.notes[id]);
  if (area)
    return (
      <div className="tw-insp__title">
        <span className="tw-insp__eyebrow">Area · {plural(area.members.length, 'table')}</span>
        <CommitInput className="tw-field tw-field--title" aria-label="Area name" value={area.name} onCommit={(v) => apply(updateArea(id, { name: v }))} />
        <div className="tw-swatches" role="group" aria-label="Area colour">
          {AREA_COLORS.map((c) => (
            <button key={c} type="button" className={`tw-swatch${area.color === c ? ' is-on' : ''}`} style={{ background: c }} aria-label={`Colour ${c}`} onClick={() => apply(updateArea(id, { color: c }))} />
          ))}
        </div>
        <p className="tw-insp__comment">Tables dropped inside the area belong to it and move with it.</p>
      </div>
    );
  if (note)
    return (
      <div className="tw-insp__title">
        <span className="tw-insp__eyebrow">Sticky note</span>
        <CommitTextarea className="tw-field tw-field--comment" aria-label="Note text" rows={6} value={note.text} onCommit={(v) => apply(updateNote(id, { text: v }))} />
        <div className="tw-swatches" role="group" aria-label="Note colour">
          {NOTE_COLORS.map((c) => (
            <button key={c} type="button" className={`tw-swatch${note.color === c ? ' is-on' : ''}`} style={{ background: c }} aria-label={`Colour ${c}`} onClick={() => apply(updateNote(id, { color: c }))} />
          ))}
        </div>
      </div>
    );
  return null;
}

export function Inspector() {
  const model = useApp((s) => s.doc.schema);
  const selection = useApp((s) => s.selection);
  const table = selection.length === 1 && selection[0] ? model.tables[selection[0]] : undefined;
  const decor = useApp((s) => (s.selection.length === 1 && s.selection[0] && (s.doc.layout.areas[s.selection[0]] || s.doc.layout.notes[s.selection[0]]) ? s.selection[0] : null));
  return (
    <aside className="tw-inspector" aria-label="Inspector">
      {table ? <TableDetails model={model} table={table} /> : decor ? <DecorDetails id={decor} /> : <Overview model={model} />}
    </aside>
  );
}
