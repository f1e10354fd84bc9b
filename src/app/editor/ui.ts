/** Editor UI state that is neither document nor history: dialogs, palette, inline rename, clipboard. */
import { create } from 'zustand';
import type { Id } from '../../core/model/types';
import type { TableClip } from '../../core/commands';

export interface EditorUi {
  confirmDelete: Id[] | null;
  paletteOpen: boolean;
  helpOpen: boolean;
  /** Table whose name is being edited inline on the canvas. */
  renaming: Id | null;
  clipboard: TableClip | null;
  pasteCount: number;
  /** Registered by the canvas: screen point (client coords) → flow coords, and the visible centre. */
  toFlow: ((p: { x: number; y: number }) => { x: number; y: number }) | null;
  viewCenter: (() => { x: number; y: number }) | null;
}

export const useUi = create<EditorUi>()(() => ({
  confirmDelete: null,
  paletteOpen: false,
  helpOpen: false,
  renaming: null,
  clipboard: null,
  pasteCount: 0,
  toFlow: null,
  viewCenter: null,
}));
