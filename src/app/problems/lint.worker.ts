/// <reference lib="webworker" />
/** Runs the checker off the main thread for big models (one incremental linter, so re-checks stay cheap). */
import { createLinter } from '../../core/lint/engine';
import { listed, type LintRequest, type LintResponse } from './protocol';

const linter = createLinter();
const post = (msg: LintResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = (ev: MessageEvent<LintRequest>) => {
  const { id, schema, config } = ev.data;
  try {
    const r = linter.check(schema, config);
    post({ id, ok: true, findings: r.findings.map(listed), suppressed: r.suppressed.length, counts: r.counts, ms: r.stats.ms });
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
