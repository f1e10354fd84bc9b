/** Result lists shared by every rule group. */
import type { Finding } from '../types';

/** The shared result of a rule that found nothing (read-only: a rule with findings returns a fresh array). */
export const NONE: Finding[] = Object.freeze([]) as unknown as Finding[];

/** Append a finding to a list created on the first finding (tables without findings allocate nothing). */
export function addFinding(out: Finding[] | undefined, f: Finding): Finding[] {
  if (!out) return [f];
  // A one-element literal has room for one: a fresh pair is cheaper than growing it.
  if (out.length === 1) return [out[0]!, f];
  out.push(f);
  return out;
}
