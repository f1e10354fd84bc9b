/**
 * Numbered upgrade steps for saved documents. Step N turns a version-N document into version N+1.
 * Never edit a released step; add a new one and bump DOCUMENT_VERSION. Each step has a test with a real old file.
 */
import { DOCUMENT_VERSION } from './document';

export type UpgradeStep = (doc: Record<string, unknown>) => Record<string, unknown>;

/** Version 1 is the first released format, so there are no steps yet. */
export const UPGRADE_STEPS: Record<number, UpgradeStep> = {};

export function upgradeDocument(
  doc: Record<string, unknown>,
  from: number,
  steps: Record<number, UpgradeStep> = UPGRADE_STEPS,
  to: number = DOCUMENT_VERSION,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let cur = doc;
  for (let v = from; v < to; v++) {
    const step = steps[v];
    if (!step) return { ok: false, message: `No upgrade step from document version ${v} to ${v + 1}` };
    try {
      cur = step(cur);
    } catch (e) {
      return { ok: false, message: `Upgrading the document from version ${v} failed: ${(e as Error).message}` };
    }
    cur.version = v + 1;
  }
  return { ok: true, value: cur };
}
