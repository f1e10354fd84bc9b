import { useApp } from '../store';
import { SqlToolbarButtons } from '../sql/SqlToolbar';
import { FileActions } from './FileActions';
import { MigrationsToggle } from '../migrations/MigrationsPanel';
import { IconFit, IconImport, IconLayout, IconMoon, IconNew, IconSun, Logo } from './icons';

export function Toolbar({ resolvedTheme, onImport }: { resolvedTheme: 'light' | 'dark'; onImport: () => void }) {
  const name = useApp((s) => s.doc.name);
  const busy = useApp((s) => s.busy);
  const empty = useApp((s) => Object.keys(s.doc.schema.tables).length === 0);
  const { newDiagram, autoLayout, requestFit, setTheme } = useApp.getState();
  const dark = resolvedTheme === 'dark';
  return (
    <header className="tw-toolbar" role="banner">
      <div className="tw-brand">
        <Logo />
        <span className="tw-brand__name">Tablewright</span>
        <span className="tw-brand__sep" aria-hidden="true">/</span>
        <span className="tw-brand__doc" title={name}>
          {name}
        </span>
      </div>
      <nav className="tw-actions" aria-label="Diagram actions">
        <button type="button" className="tw-btn" onClick={() => newDiagram()} disabled={!!busy}>
          <IconNew /> New diagram
        </button>
        <button type="button" className="tw-btn tw-btn--primary" onClick={onImport} disabled={!!busy}>
          <IconImport /> Import SQL
        </button>
        <SqlToolbarButtons />
        <MigrationsToggle />
        <span className="tw-actions__divider" aria-hidden="true" />
        <FileActions resolvedTheme={resolvedTheme} />
        <span className="tw-actions__divider" aria-hidden="true" />
        <button type="button" className="tw-btn tw-btn--icon" onClick={() => void autoLayout()} disabled={!!busy || empty} aria-label="Auto-layout" title="Auto-layout (ELK, layered)">
          <IconLayout />
        </button>
        <button type="button" className="tw-btn tw-btn--icon" onClick={() => requestFit()} disabled={empty} aria-label="Fit" title="Fit the diagram in view">
          <IconFit />
        </button>
        <button
          type="button"
          className="tw-btn tw-btn--icon"
          onClick={() => setTheme(dark ? 'light' : 'dark')}
          aria-label={dark ? 'Switch to light mode' : 'Switch to dark mode'}
          title={dark ? 'Switch to light mode' : 'Switch to dark mode'}
        >
          {dark ? <IconSun /> : <IconMoon />}
        </button>
      </nav>
    </header>
  );
}
