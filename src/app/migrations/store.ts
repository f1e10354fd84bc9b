/** Migrations panel UI state, and the "an import is the first version" hook. */
import { create } from 'zustand';
import { saveVersion } from '../../core/migrate/commands';
import { useApp } from '../store';
import type { Id } from '../../core/model/types';

export interface MigrationsUi {
  open: boolean;
  /** "Show changes on canvas" (on by default; only while the panel is open). */
  showChanges: boolean;
  /**
   * The compared migration's marks per table id, as the strings of encodeTableMark (core/migrate/marks), so each
   * canvas node subscribes to one primitive and only the nodes whose mark changed re-render.
   */
  marks: Record<Id, string>;
  setOpen(open: boolean): void;
  toggle(): void;
  setShowChanges(show: boolean): void;
  /** Replace the marks; unchanged strings keep their identity (the nodes showing them do not re-render). */
  setMarks(marks: Record<Id, string>): void;
}

export const useMigrationsUi = create<MigrationsUi>()((set, get) => ({
  open: false,
  showChanges: true,
  marks: {},
  setOpen: (open) => set({ open }),
  toggle: () => set((s) => ({ open: !s.open })),
  setShowChanges: (showChanges) => set({ showChanges }),
  setMarks: (marks) => {
    const cur = get().marks;
    const keys = Object.keys(marks);
    if (keys.length === Object.keys(cur).length && keys.every((k) => cur[k] === marks[k])) return;
    set({ marks });
  },
}));

/** Selector of one table's mark string ('' when none or hidden): a primitive, so equal results skip the render. */
export const tableMarkOf = (id: Id) => (s: MigrationsUi): string => (s.open && s.showChanges ? s.marks[id] ?? '' : '');

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
