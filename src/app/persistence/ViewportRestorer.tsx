import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { usePersist } from './autosave';

/**
 * Applies a stored viewport after a stored diagram is shown. Waits for React Flow's initial fit (queued until the
 * nodes exist) so the stored viewport wins.
 */
export function ViewportRestorer() {
  const request = usePersist((s) => s.viewportRequest);
  const flow = useReactFlow();
  const store = useStoreApi();
  useEffect(() => {
    if (!request) return;
    let raf = 0;
    let frames = 0;
    const tick = () => {
      frames++;
      if ((store.getState().fitViewQueued || frames < 2) && frames < 60) {
        raf = requestAnimationFrame(tick);
        return;
      }
      void flow.setViewport(request.viewport);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [request, flow, store]);
  return null;
}
