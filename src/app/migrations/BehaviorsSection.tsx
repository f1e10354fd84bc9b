/** Inspector section: trigger behaviours of a table (updated_at, soft delete, audit), as undoable commands. */
import type { Table } from '../../core/model/types';
import { disableAudit, disableSoftDelete, disableUpdatedAt, enableAudit, enableSoftDelete, enableUpdatedAt } from '../../core/triggers/commands';
import { useMemo } from 'react';
import { useApp } from '../store';
import { rawStatementsByTable, recognizeBehaviors } from '../../core/triggers/recognize';
import type { SchemaModel } from '../../core/model/types';

/** Per model: verbatim statements by table, and which of them match a behaviour (memoised on the immutable model). */
const analysis = new WeakMap<SchemaModel, { byTable: ReturnType<typeof rawStatementsByTable>; recognized: Map<string, Set<string>> }>();
function analyse(model: SchemaModel) {
  let a = analysis.get(model);
  if (!a) {
    const byTable = rawStatementsByTable(model);
    const recognized = new Map<string, Set<string>>();
    try {
      for (const r of recognizeBehaviors(model).recognized) for (const id of r.rawIds) recognized.set(id, (recognized.get(id) ?? new Set()).add(r.behavior));
    } catch {
      /* the PL/pgSQL parser is not loaded yet: show the statements without recognition */
    }
    a = { byTable, recognized };
    analysis.set(model, a);
  }
  return a;
}

export function BehaviorsSection({ table }: { table: Table }) {
  const b = useApp((s) => s.doc.schema.behaviors?.[table.id]);
  const apply = useApp((s) => s.apply);
  const schema = useApp((s) => s.doc.schema);
  const { byTable, recognized } = useMemo(() => analyse(schema), [schema]);
  const verbatim = byTable[table.id] ?? [];
  const row = (key: string, label: string, hint: string, on: boolean, enable: () => void, disable: () => void) => (
    <li className="tw-insp__item" key={key}>
      <label title={hint} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
        <input type="checkbox" data-behavior={key} checked={on} onChange={(e) => (e.target.checked ? enable() : disable())} />
        {label}
      </label>
    </li>
  );
  return (
    <section aria-labelledby="insp-behaviors">
      <h3 id="insp-behaviors">Behaviours</h3>
      <ul className="tw-insp__list">
        {row('updated_at', 'Keep updated_at current', 'BEFORE UPDATE trigger sets updated_at = now() (adds the column when missing)', !!b?.updatedAt,
          () => apply(enableUpdatedAt(table.id)), () => apply(disableUpdatedAt(table.id)))}
        {row('soft_delete', 'Soft delete (deleted_at)', 'DELETE sets deleted_at instead of removing the row', !!b?.softDelete,
          () => apply(enableSoftDelete(table.id)), () => apply(disableSoftDelete(table.id)))}
        {row('audit', 'Audit changes', 'AFTER INSERT / UPDATE / DELETE rows into the shared audit_log table', !!b?.audit,
          () => apply(enableAudit(table.id)), () => apply(disableAudit(table.id)))}
      </ul>
      {verbatim.length > 0 && (
        <>
          <h4 id="insp-verbatim">Kept verbatim ({verbatim.length})</h4>
          <ul className="tw-insp__list" aria-labelledby="insp-verbatim" data-testid="verbatim-statements">
            {verbatim.map((r) => {
              const kinds = recognized.get(r.id);
              return (
                <li className="tw-insp__item" key={r.id} title={r.sql.slice(0, 2000)}>
                  <code>{r.label}</code>
                  {kinds && <span className="tw-insp__muted"> — recognised as {[...kinds].join(', ')}</span>}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
