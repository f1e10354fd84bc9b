/** Migrations panel UI state, and the "an import is the first version" hook. */
import { create } from 'zustand';
import { saveVersion } from '../../core/migrate/commands';
import { useApp } from '../store';

export interface MigrationsUi {
  open: boolean;
  setOpen(open: boolean): void;
  toggle(): void;
}

export const useMigrationsUi = create<MigrationsUi>()((set) => ({
  open: false,
  setOpen: (open) => set({ open }),
  toggle: () => set((s) => ({ open: !s.open })),
}));

export const IMPORTED_VERSION = 'Imported';

/**
 * When an SQL import replaces the diagram (a new document without versions), save it as version "Imported", so the
 * pending migration starts from what was imported. Returns the unsubscribe function.
 */
export function startMigrations(): () => void {
  return useApp.subscribe((s, prev) => {
    if (!s.lastImport || s.lastImport === prev.lastImport || s.doc === prev.doc) return;
    if (s.doc.versions?.length || !Object.keys(s.doc.schema.tables).length) return;
    s.apply(saveVersion(IMPORTED_VERSION, []));
  });
}
