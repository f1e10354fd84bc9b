import { addIndex, removeIndex } from '../../commands/schema';
import type { Column, Index, IndexElement } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { NONE, colName, compose, createIndexSql, dropIndexSql, family, fkColumnIds, finding, freshIndexName, indexLikes, indexLabel, isTimestampType, ref } from './idx-nf-util';

function lowCard(ctx: RuleContext, c: Column): boolean {
  const f = family(ctx.model, c);
  return f === 'bool' || f === 'enum' || /^(status|type|kind|state)$|^is_|_(status|type|kind|state)$/i.test(c.name);
}

/**
 * IDX-08 (hint): in a multi-column btree,
 * (a) a low-cardinality leading column (bool, enum, status/type/kind/state/is_*) followed by an FK, id or timestamp
 *     column that no other index leads with; or
 * (b) a range-ish column (timestamp, date, numeric) before an equality-ish one (FK, uuid, enum).
 * Fix: recreate with the equality columns first (one undo step: drop + create).
 */
export const rule: Rule = {
  id: 'IDX-08',
  slug: 'composite-order-smell',
  group: 'IDX',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A multi-column index whose column order looks inefficient: equality columns should come first, ranges last, and a low-cardinality column rarely belongs in front.',
  checkTable(t, ctx) {
    // Only multi-column btree indexes are judged (the set-up below is per table).
    let judged = false;
    for (let i = 0; i < t.indexes.length; i++) {
      const ix = t.indexes[i]!;
      if (!ix.unique && (ix.method || 'btree') === 'btree' && ix.elements.length >= 2) {
        judged = true;
        break;
      }
    }
    if (!judged) return NONE;
    const out: Finding[] = [];
    const fks = fkColumnIds(t);
    const col = (e: IndexElement): Column | undefined => (e.column ? t.columns.find((c) => c.id === e.column) : undefined);
    const isFkOrId = (c: Column) => fks.has(c.id) || /^id$|_id$/i.test(c.name);
    const equality = (c: Column) => fks.has(c.id) || /_id$/i.test(c.name) || ['uuid', 'enum'].includes(family(ctx.model, c));
    const range = (c: Column) => ['time', 'numeric'].includes(family(ctx.model, c)) && !fks.has(c.id);
    const all = indexLikes(t);
    for (const ix of t.indexes) {
      if (ix.unique || (ix.method || 'btree') !== 'btree' || ix.elements.length < 2) continue;
      const cols = ix.elements.map(col);
      let order: number[] | undefined;
      let why = '';
      const lead = cols[0];
      if (lead && lowCard(ctx, lead)) {
        const k = cols.findIndex((c, i) => i > 0 && !!c && (isFkOrId(c) || isTimestampType(ctx.model, c)));
        const later = cols[k];
        if (later && !all.some((o) => o.index !== ix && o.elements[0]?.column === later.id)) {
          order = [k, ...cols.map((_, i) => i).filter((i) => i !== k)];
          why = `${lead.name} has few distinct values, so leading with it splits the index into a few huge ranges; no other index starts with ${later.name}.`;
        }
      }
      if (!order) {
        const r = cols.findIndex((c) => !!c && range(c));
        const e = cols.findIndex((c, i) => i > r && !!c && equality(c));
        if (r >= 0 && e > r) {
          const idx = cols.map((_, i) => i);
          const eq = idx.filter((i) => cols[i] && equality(cols[i]!));
          order = [...eq, ...idx.filter((i) => !eq.includes(i))];
          why = `${cols[r]!.name} is compared with a range, so the index cannot narrow ${cols[e]!.name} after it; put equality columns first.`;
        }
      }
      if (!order) continue;
      const elements = order.map((i) => ix.elements[i]!);
      const names = elements.map((e) => (e.column ? colName(t, e.column) : 'expr'));
      const next: Omit<Index, 'id' | 'seq'> = { name: freshIndexName(ctx.model, t, names), unique: false, method: 'btree', elements: structuredClone(elements) };
      if (ix.include?.length) next.include = [...ix.include];
      if (ix.where) next.where = ix.where;
      out.push(
        finding(
          'IDX-08',
          'info',
          ref(ctx, t, { indexId: ix.id }),
          `Index ${indexLabel(ix, t)} on ${t.name} would probably work better as (${names.join(', ')}).`,
          `${why} This is a hint: the order is right when the query is e.g. WHERE status = ? ORDER BY created_at; PostgreSQL 18 skip scans also soften a low-cardinality leading column.`,
          {
            label: `Reorder index as (${names.join(', ')})`,
            sql: `${createIndexSql(ctx.model, t, next)}\n${dropIndexSql(ctx.model, t, ix)}`,
            command: compose('Reorder index columns', [addIndex(t.id, next), removeIndex(t.id, ix.id)]),
          },
        ),
      );
    }
    return out;
  },
};
export default rule;
