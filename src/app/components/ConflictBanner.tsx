import { useState } from 'react';
import { keepMine, reloadFromStore, usePersist } from '../persistence/autosave';

/** Shown when the open diagram was changed (or deleted) in another tab; autosave pauses until the user chooses. */
export function ConflictBanner() {
  const conflict = usePersist((s) => s.conflict);
  const [working, setWorking] = useState(false);
  if (!conflict) return null;
  const run = (f: () => Promise<void>) => {
    setWorking(true);
    void f().finally(() => setWorking(false));
  };
  const deleted = conflict.kind === 'deleted';
  return (
    <div className="tw-conflict" role="alert" data-testid="conflict-banner">
      <span>
        {deleted
          ? 'This diagram was deleted in another tab. Your changes here are not being saved.'
          : 'This diagram was changed in another tab. Your changes here are not being saved until you choose.'}
      </span>
      {deleted ? null : (
        <button type="button" className="tw-btn" disabled={working} onClick={() => run(reloadFromStore)}>
          Reload
        </button>
      )}
      <button type="button" className="tw-btn tw-btn--primary" disabled={working} onClick={() => run(keepMine)}>
        {deleted ? 'Keep mine (save again)' : 'Keep mine'}
      </button>
    </div>
  );
}
