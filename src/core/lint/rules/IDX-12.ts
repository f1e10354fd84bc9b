import { addIndex, removeIndex } from '../../commands/schema';
import type { Column, Index, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { NONE, compose, createIndexSql, dropIndexSql, family, finding, freshIndexName, indexLabel, isArrayType, ref } from './idx-nf-util';

const PROSE = /^(description|body|content|notes|note|bio|text|summary|comment|comments|message)$/i;

/** The GIN index that replaces `ix` on column `c`. */
function mk(ctx: RuleContext, t: Table, ix: Index, c: Column, opclass?: string): Omit<Index, 'id' | 'seq'> {
  const n: Omit<Index, 'id' | 'seq'> = { name: freshIndexName(ctx.model, t, [c.name], 'gin'), unique: false, method: 'gin', elements: [opclass ? { column: c.id, opclass } : { column: c.id }] };
  if (ix.where) n.where = ix.where;
  return n;
}

/**
 * IDX-12: a non-unique btree on a column whose type calls for another method: json/jsonb, arrays, tsvector (GIN),
 * long prose text (trigram GIN), bytea (btree entries are limited to about 2.7 kB). Unique btrees are exempt
 * (equality constraint). Fix for single-column jsonb / array / tsvector indexes: replace with a GIN index;
 * the pg_trgm fix for prose text needs an extension, so it is advice only.
 */
export const rule: Rule = {
  id: 'IDX-12',
  slug: 'wrong-index-method-for-type',
  group: 'IDX',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A btree index on a type that btree serves badly (JSON, arrays, full-text vectors, long text, binary data).',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    for (let x = 0; x < t.indexes.length; x++) {
      const ix = t.indexes[x]!;
      if (ix.unique || (ix.method || 'btree') !== 'btree') continue;
      for (let y = 0; y < ix.elements.length; y++) {
        const e = ix.elements[y]!;
        let c: Column | undefined;
        if (e.column)
          for (let i = 0; i < t.columns.length; i++)
            if (t.columns[i]!.id === e.column) {
              c = t.columns[i];
              break;
            }
        if (!c) continue;
        const f = family(ctx.model, c);
        const arr = isArrayType(c.type);
        let problem: string | undefined;
        let gin: Omit<Index, 'id' | 'seq'> | undefined;
        const single = ix.elements.length === 1 && !ix.include?.length;
        if (arr) {
          problem = `${c.name} is an array; btree cannot answer containment (@>, &&, = ANY) queries`;
          if (single) gin = mk(ctx, t, ix, c);
        } else if (f === 'json') {
          problem = `${c.name} is ${c.type}; btree cannot answer containment or key-existence queries`;
          if (single && /jsonb/i.test(c.type)) gin = mk(ctx, t, ix, c, 'jsonb_path_ops');
        } else if (f === 'tsvector') {
          problem = `${c.name} is a tsvector; full-text search (@@) needs a GIN index`;
          if (single) gin = mk(ctx, t, ix, c);
        } else if (f === 'bytea') {
          problem = `${c.name} is bytea; btree entries are limited to about 2.7 kB, so large values fail to insert`;
        } else if (f === 'string' && PROSE.test(c.name)) {
          problem = `${c.name} looks like free text; searches like LIKE '%word%' cannot use a btree (use pg_trgm: CREATE INDEX … USING gin (${c.name} gin_trgm_ops), or full-text search), and long values exceed the btree entry limit`;
        }
        if (!problem) continue;
        let fix: QuickFix | undefined;
        if (gin) {
          fix = {
            label: `Replace with a GIN index`,
            sql: `${createIndexSql(ctx.model, t, gin)}\n${dropIndexSql(ctx.model, t, ix)}`,
            command: compose('Replace btree index with GIN', [addIndex(t.id, gin), removeIndex(t.id, ix.id)]),
          };
        }
        (out ??= []).push(
          finding(
            'IDX-12',
            'warning',
            ref(ctx, t, { indexId: ix.id, columnId: c.id, column: c.name }),
            `Index ${indexLabel(ix, t)} on ${t.name} is a btree, but ${problem}.`,
            'A btree only helps equality and sorting on whole values. The queries people run on these types (containment, search) cannot use it, so it costs writes for nothing. A btree on jsonb for equality or sorting is rare but legitimate.',
            fix,
          ),
        );
        break;
      }
    }
    return out ?? NONE;
  },
};
export default rule;
