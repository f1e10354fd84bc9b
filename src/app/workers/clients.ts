/** Promise wrappers around the parse and layout workers (one long-lived worker each). */
import type { LayoutEdgeIn, LayoutNodeIn, LayoutResponse, ParseResponse } from './protocol';

type Pending<T> = Map<number, (r: T) => void>;

function rpc<Req extends object, Res extends { id: number }>(make: () => Worker) {
  let worker: Worker | null = null;
  let seq = 0;
  const pending: Pending<Res> = new Map();
  return (req: Req): Promise<Res> => {
    if (!worker) {
      worker = make();
      worker.onmessage = (ev: MessageEvent<Res>) => {
        const done = pending.get(ev.data.id);
        pending.delete(ev.data.id);
        done?.(ev.data);
      };
      worker.onerror = (ev) => {
        const message = ev.message || 'worker failed to start';
        for (const [id, done] of pending) done({ id, ok: false, error: message } as unknown as Res);
        pending.clear();
        worker?.terminate();
        worker = null;
      };
    }
    const id = ++seq;
    const w = worker;
    return new Promise<Res>((resolve) => {
      pending.set(id, resolve);
      w.postMessage({ ...req, id });
    });
  };
}

const parseRpc = rpc<{ sql: string }, ParseResponse>(
  () => new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-parse' }),
);
const layoutRpc = rpc<{ nodes: LayoutNodeIn[]; edges: LayoutEdgeIn[] }, LayoutResponse>(
  () => new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'tablewright-layout' }),
);

export const importSqlInWorker = (sql: string): Promise<ParseResponse> => parseRpc({ sql });
export const layoutInWorker = (nodes: LayoutNodeIn[], edges: LayoutEdgeIn[]): Promise<LayoutResponse> => layoutRpc({ nodes, edges });
