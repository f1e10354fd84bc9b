/** Toolbar controls for the SQL pane: show/hide the pane, open a .sql file. */
import { useRef } from 'react';
import { readAndOfferFile, togglePane, useSqlPane } from './sync';

export function OpenSqlFileButton({ compact = false }: { compact?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={`tw-btn${compact ? ' tw-btn--ghost' : ''}`} onClick={() => input.current?.click()} title="Open a .sql file (replace or merge)">
        Open .sql…
      </button>
      <input
        ref={input}
        type="file"
        accept=".sql,.txt,.ddl,.psql,text/plain,application/sql"
        hidden
        data-testid={compact ? undefined : 'sql-file-input'}
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void readAndOfferFile(f);
        }}
      />
    </>
  );
}

export function SqlPaneToggle() {
  const open = useSqlPane((s) => s.open);
  return (
    <button type="button" className={`tw-btn${open ? ' is-active' : ''}`} aria-pressed={open} onClick={() => togglePane()} title="Show the SQL of this diagram (Ctrl+`)" data-testid="sql-toggle">
      <span aria-hidden="true" style={{ fontFamily: 'var(--tw-mono)', fontSize: 12 }}>
        {'</>'}
      </span>{' '}
      SQL
    </button>
  );
}

/** Both controls, for the toolbar. */
export function SqlToolbarButtons() {
  return (
    <>
      <SqlPaneToggle />
      <OpenSqlFileButton />
    </>
  );
}
