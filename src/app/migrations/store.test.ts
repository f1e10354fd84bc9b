import { describe, expect, it } from 'vitest';
import { tableMarkOf, useMigrationsUi } from './store';

/** How many of the node selectors give a different value after `change` (those nodes re-render; the rest do not). */
function changedSelectors(ids: string[], change: () => void): string[] {
  const sel = ids.map((id) => tableMarkOf(id));
  const before = sel.map((f) => f(useMigrationsUi.getState()));
  change();
  const after = sel.map((f) => f(useMigrationsUi.getState()));
  return ids.filter((_, i) => !Object.is(before[i], after[i]));
}

describe('migrations store: per-node mark selectors', () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `t${i}`);
  const marks = (over: Record<string, string> = {}) => ({ t1: '[["added"],null,[]]', t2: '[["changed"],null,[["c1","added",null]]]', ...over });

  it('a new plan that changes one table mark changes one selector of 1,000; an equal plan notifies nobody', () => {
    useMigrationsUi.setState({ open: true, showChanges: true, marks: {} });
    expect(changedSelectors(ids, () => useMigrationsUi.getState().setMarks(marks()))).toEqual(['t1', 't2']);
    expect(changedSelectors(ids, () => useMigrationsUi.getState().setMarks(marks({ t3: '[["renamed"],"old",[]]' })))).toEqual(['t3']);
    let notified = 0;
    const off = useMigrationsUi.subscribe(() => notified++);
    useMigrationsUi.getState().setMarks(marks({ t3: '[["renamed"],"old",[]]' })); // equal content, new object
    off();
    expect(notified).toBe(0);
  });

  it('markers show only while the panel is open and "Show changes on canvas" is on', () => {
    useMigrationsUi.setState({ open: true, showChanges: true, marks: marks() });
    expect(tableMarkOf('t1')(useMigrationsUi.getState())).not.toBe('');
    expect(changedSelectors(ids, () => useMigrationsUi.getState().setShowChanges(false))).toEqual(['t1', 't2']);
    expect(tableMarkOf('t1')(useMigrationsUi.getState())).toBe('');
    useMigrationsUi.getState().setShowChanges(true);
    expect(changedSelectors(ids, () => useMigrationsUi.getState().setOpen(false))).toEqual(['t1', 't2']);
    expect(tableMarkOf('t2')(useMigrationsUi.getState())).toBe('');
    expect(tableMarkOf('t999')(useMigrationsUi.getState())).toBe('');
  });
});
