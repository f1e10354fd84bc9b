import type { Finding, Rule } from '../types';
import { NONE, candidateKeys, colNames, finding, ref } from './idx-nf-util';

/**
 * NF-14 (BCNF risk): two composite candidate keys (H6: PK, UNIQUE, non-partial unique indexes) that share columns
 * but are neither identical nor one inside the other (keys containing a smaller key are not minimal and are ignored), e.g. UNIQUE(student_id, course_id) and
 * UNIQUE(course_id, teacher_id). An explanation, not a demand; no one-click fix.
 */
export const rule: Rule = {
  id: 'NF-14',
  slug: 'overlapping-candidate-keys',
  group: 'NF',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'Two multi-column keys that overlap. This is the one situation, visible in a schema, where third normal form does not guarantee Boyce-Codd normal form.',
  checkTable(t, ctx) {
    const all = candidateKeys(t);
    // A pair of composite keys is needed (most tables have none).
    let composite = 0;
    for (let i = 0; i < all.length; i++) if (all[i]!.columns.length >= 2) composite++;
    if (composite < 2) return NONE;
    // Only minimal keys are candidate keys: drop those that contain another key.
    const keys = all.filter((k) => k.columns.length >= 2 && !all.some((o) => o !== k && o.columns.length < k.columns.length && o.columns.every((c) => k.columns.includes(c))));
    const out: Finding[] = [];
    for (let i = 0; i < keys.length; i++) {
      for (let j = i + 1; j < keys.length; j++) {
        const a = new Set(keys[i]!.columns);
        const b = keys[j]!.columns;
        const shared = b.filter((c) => a.has(c));
        if (!shared.length || shared.length === b.length || shared.length === a.size) continue;
        const an = colNames(t, keys[i]!.columns).join(', ');
        const bn = colNames(t, b).join(', ');
        out.push(
          finding(
            'NF-14',
            'info',
            ref(ctx, t, keys[j]!.constraint ? { constraintId: keys[j]!.constraint!.id } : keys[j]!.index ? { indexId: keys[j]!.index!.id } : {}),
            `Keys (${an}) and (${bn}) of ${t.name} overlap on ${colNames(t, shared).join(', ')}.`,
            `Overlapping keys often hide a dependency between the non-shared columns (for example each ${colNames(t, b.filter((c) => !a.has(c))).join(', ')} determining ${colNames(t, shared).join(', ')}). If such a rule exists, it belongs in its own table; if not, this is fine.`,
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
