/**
 * A request/response wrapper around one long-lived worker, started on first use. Each request gets an id; the
 * worker answers `{ id, ok, … }`. If the worker fails, every pending request is answered `{ ok: false, error }` and
 * the next request starts a fresh worker.
 */
export function rpc<Req extends object, Res extends { id: number }>(make: () => Worker, what = 'worker'): (req: Req) => Promise<Res> {
  let worker: Worker | null = null;
  let seq = 0;
  const pending = new Map<number, (r: Res) => void>();
  return (req) => {
    if (!worker) {
      worker = make();
      worker.onmessage = (ev: MessageEvent<Res>) => {
        const done = pending.get(ev.data.id);
        pending.delete(ev.data.id);
        done?.(ev.data);
      };
      worker.onerror = (ev) => {
        const error = ev.message || `${what} failed`;
        for (const [id, done] of pending) done({ id, ok: false, error } as unknown as Res);
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
