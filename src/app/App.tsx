import { useEffect, useState, useSyncExternalStore } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useApp, type ThemeChoice } from './store';
import { Canvas } from './canvas/Canvas';
import { Toolbar } from './components/Toolbar';
import { Inspector } from './components/Inspector';
import { StatusBar } from './components/StatusBar';
import { ImportDialog } from './components/ImportDialog';
import { EditorOverlays } from './editor/Overlays';
import { SAMPLE_SQL } from './sample';
import { syntheticModel } from './fixtures';
import { startPersistence } from './persistence/autosave';
import { ViewportRestorer } from './persistence/ViewportRestorer';
import { ConflictBanner } from './components/ConflictBanner';
import { SqlPaneHost } from './sql/SqlPaneHost';
import { ProblemsPanel } from './problems/ProblemsPanel';
import { startProblems } from './problems/store';
import { MigrationsPanel } from './migrations/MigrationsPanel';
import { startMigrations } from './migrations/store';

const darkQuery = () => globalThis.matchMedia?.('(prefers-color-scheme: dark)');

function useResolvedTheme(choice: ThemeChoice): 'light' | 'dark' {
  const osDark = useSyncExternalStore(
    (cb) => {
      const q = darkQuery();
      q?.addEventListener('change', cb);
      return () => q?.removeEventListener('change', cb);
    },
    () => !!darkQuery()?.matches,
  );
  return choice === 'system' ? (osDark ? 'dark' : 'light') : choice;
}

let started = false;
/** First start: the sample shop (through the parse worker), or `?tables=N` for a synthetic N-table diagram. */
function startOnce() {
  if (started) return;
  started = true;
  const n = Number(new URLSearchParams(globalThis.location?.search ?? '').get('tables'));
  if (Number.isFinite(n) && n > 0) void useApp.getState().loadModel(syntheticModel(Math.min(n, 5000)), `Synthetic (${n} tables)`);
  // Otherwise the diagram this tab had (autosaved in IndexedDB); the sample only when nothing is stored.
  else void startPersistence(() => useApp.getState().importSql(SAMPLE_SQL, 'Sample shop'));
}

export function App() {
  const theme = useApp((s) => s.theme);
  const busy = useApp((s) => s.busy);
  const error = useApp((s) => s.error);
  const resolved = useResolvedTheme(theme);
  const [importOpen, setImportOpen] = useState(false);

  useEffect(() => {
    document.documentElement.dataset.theme = resolved;
    document.documentElement.style.colorScheme = resolved;
  }, [resolved]);
  useEffect(startOnce, []);
  useEffect(() => startProblems(), []);
  useEffect(() => startMigrations(), []);

  return (
    <ReactFlowProvider>
      <div className="tw-app">
        <Toolbar resolvedTheme={resolved} onImport={() => setImportOpen(true)} />
        <main className="tw-main" aria-label="Diagram">
          <Canvas colorMode={resolved} />
          <SqlPaneHost />
          <ViewportRestorer />
          <ConflictBanner />
          <ProblemsPanel />
          <MigrationsPanel />
          {busy ? (
            <div className="tw-busy" aria-hidden="true">
              <span className="tw-spinner" />
              {busy}
            </div>
          ) : null}
          {error ? (
            <div className="tw-toast" role="alert">
              <span>{error}</span>
              <button type="button" className="tw-btn tw-btn--ghost" onClick={() => useApp.getState().dismissError()}>
                Dismiss
              </button>
            </div>
          ) : null}
        </main>
        <Inspector />
        <StatusBar />
      </div>
      <ImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
      <EditorOverlays />
    </ReactFlowProvider>
  );
}
