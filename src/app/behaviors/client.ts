/** The behaviours worker, started on first use; only the newest request of a burst is answered to the UI. */
import { useEffect, useState } from 'react';
import type { Id, SchemaModel } from '../../core/model/types';
import type { BehaviorsResponse } from './protocol';
import { behaviorSubset } from './subset';
import { rpc } from '../workers/rpc';

const request = rpc<{ schema: SchemaModel; tableId: Id }, BehaviorsResponse>(
  () => new Worker(new URL('./behaviors.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-behaviors' }),
  'behaviours worker',
);
const call = (schema: SchemaModel, tableId: Id) => request({ schema: behaviorSubset(schema, tableId), tableId });

export type Analysis = { status: 'loading' } | { status: 'failed'; error: string } | (Extract<BehaviorsResponse, { ok: true }> & { status: 'ready'; schema: SchemaModel });

/**
 * Trigger SQL preview and recognised triggers for `tableId`, recomputed (debounced) when the model changes. While a
 * newer answer is on its way the previous one stays, so the panel does not flicker.
 */
export function useBehaviorAnalysis(schema: SchemaModel, tableId: Id): Analysis {
  const [state, setState] = useState<{ key: Id; a: Analysis }>({ key: tableId, a: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void call(schema, tableId).then((r) => {
        if (!live) return;
        setState({ key: tableId, a: r.ok ? { ...r, status: 'ready', schema } : { status: 'failed', error: r.error } });
      });
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [schema, tableId]);
  return state.key === tableId ? state.a : { status: 'loading' };
}
