import { removeConstraint, removeIndex } from '../../commands/schema';
import type { Finding, Rule } from '../types';
import { NONE, constraintName, dropIndexSql, elementSig, finding, indexLikes, likeLabel, normExpr, qTable, quoteIdent, ref, type IndexLike } from './idx-nf-util';

/** A necessary condition for equal signatures (cheap: no strings). */
function maybeSame(a: IndexLike, b: IndexLike): boolean {
  const x = a.elements[0];
  const y = b.elements[0];
  return a.unique === b.unique && a.method === b.method && a.elements.length === b.elements.length && x?.column === y?.column;
}

function anyMaybeSame(all: readonly IndexLike[]): boolean {
  for (let i = 1; i < all.length; i++) for (let j = 0; j < i; j++) if (maybeSame(all[i]!, all[j]!)) return true;
  return false;
}

function signature(ix: IndexLike): string {
  return [ix.method, ix.elements.map(elementSig).join(','), [...ix.include].sort().join(','), normExpr(ix.where), ix.nullsNotDistinct ? 'nnd' : ''].join('#');
}

/**
 * IDX-02: two indexes (PK/UNIQUE constraints count as their indexes) with the same method, keys in the same order,
 * opclasses, collations, predicate and INCLUDE list, and the same uniqueness. A plain index identical to a PK or
 * UNIQUE constraint is reported by IDX-04 instead (more specific message), so it is not reported twice.
 * Error when both are non-partial; warning for identical partial indexes.
 */
export const rule: Rule = {
  id: 'IDX-02',
  slug: 'identical-indexes',
  group: 'IDX',
  defaultSeverity: 'error',
  scope: 'table',
  description: 'Two indexes with exactly the same definition. One of them is pure cost: it is written on every insert and update and never helps a query.',
  checkTable(t, ctx) {
    const all = indexLikes(t);
    // Identical index-likes share uniqueness, method, key count and first key: only then are signatures built.
    if (!anyMaybeSame(all)) return NONE;
    const out: Finding[] = [];
    const seen = new Map<string, IndexLike>();
    for (const ix of all) {
      const sig = `${ix.unique ? 'u' : 'p'}#${signature(ix)}`;
      const first = seen.get(sig);
      if (!first) {
        seen.set(sig, ix);
        continue;
      }
      // Drop an index rather than a constraint; between two indexes, drop the later one (`ix`).
      const drop = ix.source === 'index' ? ix : first.source === 'index' ? first : ix;
      const keep = drop === ix ? first : ix;
      const severity = ix.where ? 'warning' : 'error';
      let fix;
      if (drop.index) {
        fix = { label: `Drop duplicate ${likeLabel(t, drop)}`, sql: dropIndexSql(ctx.model, t, drop.index), command: removeIndex(t.id, drop.index.id) };
      } else if (drop.constraint) {
        fix = {
          label: `Drop duplicate ${likeLabel(t, drop)}`,
          sql: `ALTER TABLE ${qTable(ctx.model, t)} DROP CONSTRAINT ${quoteIdent(constraintName(t, drop.constraint))};`,
          command: removeConstraint(t.id, drop.constraint.id),
        };
      }
      out.push(
        finding(
          'IDX-02',
          severity,
          ref(ctx, t, drop.index ? { indexId: drop.index.id } : { constraintId: drop.constraint?.id }),
          `${cap(likeLabel(t, drop))} on ${t.name} is identical to ${likeLabel(t, keep)}.`,
          'Identical indexes give the planner nothing new, but each one is updated on every write, takes disk and cache space, and can prevent HOT updates.',
          fix,
        ),
      );
    }
    return out;
  },
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
export default rule;
