/**
 * Undo/redo from immer patches. Every edit is a named Command; History records its patches and inverse patches
 * (computed by immer, never written by hand). Consecutive commands with the same `mergeKey` within `mergeWindowMs`
 * coalesce into one undo step (a drag, a burst of typing). Selection and viewport are not part of the document,
 * so they never enter history.
 */
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import type { TablewrightDocument } from '../document/document';

enablePatches();

export interface Command {
  /** Human-readable name shown in the UI ("Rename table users → customers"). */
  label: string;
  /** Commands with the same key in quick succession become one undo step. */
  mergeKey?: string;
  /**
   * How long after the previous command of the same key this one still merges (default: the History's window).
   * Drags use Infinity: a slow drag is still one step, ended by `seal()` when the pointer is released.
   */
  mergeWindowMs?: number;
  /** Mutates the draft. Throwing aborts the command and leaves the document untouched. */
  run(draft: TablewrightDocument): void;
}

export interface HistoryEntry {
  label: string;
  patches: Patch[];
  inverse: Patch[];
  mergeKey?: string;
  at: number;
}

export interface ApplyResult {
  doc: TablewrightDocument;
  changed: boolean;
  error?: string;
}

export class History {
  past: HistoryEntry[] = [];
  future: HistoryEntry[] = [];
  constructor(
    public limit = 500,
    public mergeWindowMs = 1000,
    private clock: () => number = () => Date.now(),
  ) {}

  /** While a gesture is open (a drag), every command merges into one undo step, whatever its key; seal() ends it. */
  private gestureOpen = false;
  private gestureEntry: HistoryEntry | undefined;

  /** Start a gesture (pointer down on a node): all commands until `seal()` become one undo step. */
  beginGesture(): void {
    this.gestureOpen = true;
    this.gestureEntry = undefined;
  }

  /** Apply a command: returns the new document (the same object when nothing changed or the command failed). */
  apply(doc: TablewrightDocument, cmd: Command): ApplyResult {
    let result: [TablewrightDocument, Patch[], Patch[]];
    try {
      result = produceWithPatches(doc, (d: TablewrightDocument) => {
        cmd.run(d);
      }) as unknown as [TablewrightDocument, Patch[], Patch[]];
    } catch (e) {
      return { doc, changed: false, error: (e as Error).message };
    }
    const [next, patches, inverse] = result;
    if (patches.length === 0) return { doc, changed: false };
    const now = this.clock();
    const last = this.past[this.past.length - 1];
    const windowMs = cmd.mergeWindowMs ?? this.mergeWindowMs;
    const inGesture = this.gestureOpen && !!this.gestureEntry && last === this.gestureEntry && this.future.length === 0;
    if (last && (inGesture || (cmd.mergeKey && last.mergeKey === cmd.mergeKey && now - last.at <= windowMs && this.future.length === 0))) {
      last.patches = last.patches.concat(patches);
      last.inverse = inverse.concat(last.inverse);
      last.at = now;
      last.label = cmd.label;
    } else {
      const entry: HistoryEntry = { label: cmd.label, patches, inverse, mergeKey: cmd.mergeKey, at: now };
      this.past.push(entry);
      if (this.gestureOpen) this.gestureEntry = entry;
      if (this.past.length > this.limit) this.past.shift();
    }
    this.future = [];
    return { doc: next, changed: true };
  }

  /** Close the current merge group (e.g. on pointer up), so the next command starts a new undo step. */
  seal(): void {
    this.gestureOpen = false;
    this.gestureEntry = undefined;
    const last = this.past[this.past.length - 1];
    if (last) last.mergeKey = undefined;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }
  get canRedo(): boolean {
    return this.future.length > 0;
  }
  get undoLabel(): string | undefined {
    return this.past[this.past.length - 1]?.label;
  }
  get redoLabel(): string | undefined {
    return this.future[this.future.length - 1]?.label;
  }

  undo(doc: TablewrightDocument): TablewrightDocument {
    const e = this.past.pop();
    if (!e) return doc;
    e.mergeKey = undefined;
    this.future.push(e);
    return applyPatches(doc, e.inverse);
  }

  redo(doc: TablewrightDocument): TablewrightDocument {
    const e = this.future.pop();
    if (!e) return doc;
    this.past.push(e);
    return applyPatches(doc, e.patches);
  }

  clear(): void {
    this.past = [];
    this.future = [];
  }
}
