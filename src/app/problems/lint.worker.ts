/// <reference lib="webworker" />
/**
 * Runs the checker off the main thread for big models (one incremental linter, so re-checks stay cheap). Tables
 * arrive in pieces and are kept between checks; findings go back in chunks.
 */
import { createLinter } from '../../core/lint/engine';
import type { Id, SchemaModel, Table } from '../../core/model/types';
import { FINDINGS_CHUNK, listed, type LintRequest, type LintResponse } from './protocol';

const linter = createLinter();
const tables = new Map<Id, Table>();
const post = (msg: LintResponse) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

self.onmessage = (ev: MessageEvent<LintRequest>) => {
  const req = ev.data;
  if (req.kind === 'tables') {
    for (const t of req.tables) tables.set(t.id, t);
    return;
  }
  const { id, tableIds, rest, config } = req;
  try {
    const byId: Record<Id, Table> = {};
    const next = new Map<Id, Table>();
    for (const tid of tableIds) {
      const t = tables.get(tid);
      if (!t) throw new Error(`table ${tid} was not sent to the checker`);
      byId[tid] = t;
      next.set(tid, t);
    }
    // Forget tables that are gone.
    tables.clear();
    for (const [k, v] of next) tables.set(k, v);
    const schema: SchemaModel = { ...rest, tables: byId };
    const r = linter.check(schema, config);
    const all = r.findings.map((f) => listed(f, false));
    for (let i = 0; i < all.length || i === 0; i += FINDINGS_CHUNK) {
      const done = i + FINDINGS_CHUNK >= all.length;
      post({ id, ok: true, findings: all.slice(i, i + FINDINGS_CHUNK), done, ...(done ? { suppressed: r.suppressed.length, counts: r.counts, ms: r.stats.ms } : {}) });
    }
  } catch (e) {
    post({ id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
};
