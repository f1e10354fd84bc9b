import { removeIndex } from '../../commands/schema';
import type { Finding, Rule } from '../types';
import { NONE, colName, dropIndexSql, elementSig, family, finding, indexLikes, indexLabel, likeLabel, normExpr, ref } from './idx-nf-util';

/**
 * IDX-03 (pghero): a non-unique, non-partial btree whose keys are a strict leading prefix of another btree's keys
 * (same predicate, i.e. also non-partial). Element signatures include opclass, collation and order, so a
 * `text_pattern_ops` or differently collated index is not redundant. Info instead of warning when the wider index
 * has more than 3 keys, an INCLUDE list, or wide (text/json/bytea) keys: then the narrow one is smaller and hotter.
 */
export const rule: Rule = {
  id: 'IDX-03',
  slug: 'redundant-prefix-index',
  group: 'IDX',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'An index whose columns are the leading columns of another index. The wider index serves the same lookups, so the narrow one is usually redundant.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const all = indexLikes(t);
    for (const i of all) {
      const ix = i.index;
      if (!ix || i.unique || i.where || i.method !== 'btree' || i.include.length) continue;
      // Signatures only once some wider, non-partial btree exists (most indexes have none).
      let sigI: string[] | undefined;
      for (const j of all) {
        if (j === i || j.method !== 'btree' || j.elements.length <= i.elements.length || normExpr(j.where) !== '') continue;
        sigI ??= i.elements.map(elementSig);
        const sigJ = j.elements.map(elementSig);
        if (!sigI.every((s, k) => s === sigJ[k])) continue;
        const wide =
          j.elements.length > 3 ||
          j.include.length > 0 ||
          j.elements.some((e) => {
            if (e.column === undefined) return false;
            const c = t.columns.find((x) => x.id === e.column);
            return !!c && ['string', 'json', 'bytea', 'tsvector'].includes(family(ctx.model, c)) && !/\(\s*\d{1,2}\s*\)/.test(c.type);
          });
        const keys = i.elements.map((e) => (e.column ? colName(t, e.column) : `(${e.expr})`)).join(', ');
        (out ??= []).push(
          finding(
            'IDX-03',
            wide ? 'info' : 'warning',
            ref(ctx, t, { indexId: ix.id }),
            `Index ${indexLabel(ix, t)} on ${t.name} (${keys}) is a leading prefix of ${likeLabel(t, j)}.`,
            wide
              ? `${likeLabel(t, j)} can answer the same lookups, but it is wide, so the narrow index may still be faster; drop it only if it is not hot.`
              : `${likeLabel(t, j)} serves every lookup and sort on (${keys}); the extra index only costs writes, disk and cache.`,
            { label: `Drop ${indexLabel(ix, t)}`, sql: dropIndexSql(ctx.model, t, ix), command: removeIndex(t.id, ix.id) },
          ),
        );
        break;
      }
    }
    return out ?? NONE;
  },
};
export default rule;
