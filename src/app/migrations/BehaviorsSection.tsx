/** Inspector section: trigger behaviours of a table (updated_at, soft delete, audit), as undoable commands. */
import type { Table } from '../../core/model/types';
import { disableAudit, disableSoftDelete, disableUpdatedAt, enableAudit, enableSoftDelete, enableUpdatedAt } from '../../core/triggers/commands';
import { useApp } from '../store';

export function BehaviorsSection({ table }: { table: Table }) {
  const b = useApp((s) => s.doc.schema.behaviors?.[table.id]);
  const apply = useApp((s) => s.apply);
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
    </section>
  );
}
