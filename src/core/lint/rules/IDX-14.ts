import type { Command } from '../../commands/history';
import type { Id, Table } from '../../model/types';
import { schemaName } from '../../model/query';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { memoByString } from '../helpers/names';
import { constraintName, createIndexSql, dropIndexSql, finding, indexLabel, isTimestampType, qTable, quoteIdent, ref } from './idx-nf-util';

const BETWEEN = /("?)([A-Za-z_][A-Za-z0-9_$]*)\1\s+(NOT\s+)?BETWEEN\s+(SYMMETRIC\s+)?/gi;
const SIMPLE_BETWEEN = /("?)([A-Za-z_][A-Za-z0-9_$]*)\1\s+BETWEEN\s+('(?:[^']|'')*'(?:::[a-z ]+)?|[A-Za-z0-9_.()]+(?:::[a-z ]+)?)\s+AND\s+('(?:[^']|'')*'(?:::[a-z ]+)?|[A-Za-z0-9_.()]+(?:::[a-z ]+)?)/gi;

const BETWEEN_WORD = /between/i;
/** A necessary condition for BETWEEN to match (cached per predicate text: CHECKs repeat). */
const mayBetween = memoByString((expr: string) => BETWEEN_WORD.test(expr));
const NO_NAMES: readonly string[] = Object.freeze([]);

/** Timestamp columns of `t` used as the left operand of BETWEEN in `expr`. */
function betweenTimestamps(ctx: RuleContext, t: Table, expr: string): readonly string[] {
  if (!mayBetween(expr)) return NO_NAMES;
  const out: string[] = [];
  for (const m of expr.matchAll(BETWEEN)) {
    const name = m[1] ? m[2]! : m[2]!.toLowerCase();
    const c = t.columns.find((x) => x.name === name || x.name.toLowerCase() === name.toLowerCase());
    if (c && isTimestampType(ctx.model, c) && !out.includes(c.name)) out.push(c.name);
  }
  return out;
}

/** `ts BETWEEN a AND b` → `ts >= a AND ts < b` for the simple forms; undefined when anything else matched. */
export function rewriteBetween(expr: string): string | undefined {
  let changed = false;
  const next = expr.replace(SIMPLE_BETWEEN, (_m, q: string, col: string, lo: string, hi: string) => {
    changed = true;
    const c = `${q}${col}${q}`;
    return `${c} >= ${lo} AND ${c} < ${hi}`;
  });
  if (!changed || /\bBETWEEN\b/i.test(next)) return undefined;
  return next;
}

function setIndexWhere(tableId: Id, indexId: Id, where: string): Command {
  return {
    label: 'Rewrite index predicate',
    run(d) {
      const ix = d.schema.tables[tableId]?.indexes.find((i) => i.id === indexId);
      if (!ix) throw new Error('No such index');
      ix.where = where;
    },
  };
}

function setCheckExpr(tableId: Id, constraintId: Id, expr: string): Command {
  return {
    label: 'Rewrite CHECK expression',
    run(d) {
      const c = d.schema.tables[tableId]?.constraints.find((k) => k.id === constraintId);
      if (!c || c.kind !== 'check') throw new Error('No such CHECK constraint');
      c.expr = expr;
    },
  };
}

const NOT_IN_SELECT = /\bNOT\s+IN\s*\(\s*SELECT\s+(?:DISTINCT\s+)?("?)([A-Za-z_][A-Za-z0-9_$.]*)\1\s+FROM\s+("?)([A-Za-z_][A-Za-z0-9_$.]*)\3/gi;

/**
 * IDX-14: a partial-index or CHECK predicate using BETWEEN on a timestamp column (inclusive upper bound: the
 * classic off-by-one at midnight), and views using `NOT IN (SELECT …)` whose subquery column can be NULL (one NULL
 * makes NOT IN return no rows). Integer and date ranges are fine. Fix (simple literal bounds): rewrite as >= AND <.
 * Global scope because views are checked too.
 */
export const rule: Rule = {
  id: 'IDX-14',
  slug: 'partial-index-predicate-hygiene',
  group: 'IDX',
  defaultSeverity: 'info',
  scope: 'global',
  description: 'A predicate with a classic trap: BETWEEN on timestamps includes the upper bound; NOT IN over a subquery that can return NULL matches nothing.',
  checkModel(ctx) {
    const out: Finding[] = [];
    const why = 'BETWEEN includes both ends, so a range ending at midnight also matches the first instant of the next day, and the next range matches it again. Half-open ranges (>= start AND < end) never overlap or leave gaps.';
    for (const t of Object.values(ctx.model.tables)) {
      for (const ix of t.indexes) {
        if (!ix.where) continue;
        const cols = betweenTimestamps(ctx, t, ix.where);
        if (!cols.length) continue;
        const rw = rewriteBetween(ix.where);
        let fix: QuickFix | undefined;
        if (rw) {
          fix = {
            label: 'Rewrite as >= AND <',
            sql: `${dropIndexSql(ctx.model, t, ix)}\n${createIndexSql(ctx.model, t, { ...ix, where: rw })}`,
            command: setIndexWhere(t.id, ix.id, rw),
          };
        }
        out.push(finding('IDX-14', 'info', ref(ctx, t, { indexId: ix.id }), `The predicate of index ${indexLabel(ix, t)} uses BETWEEN on timestamp ${cols.join(', ')}.`, why, fix));
      }
      for (const k of t.constraints) {
        if (k.kind !== 'check') continue;
        const cols = betweenTimestamps(ctx, t, k.expr);
        if (!cols.length) continue;
        const rw = rewriteBetween(k.expr);
        const name = constraintName(t, k);
        let fix: QuickFix | undefined;
        if (rw) {
          const q = qTable(ctx.model, t);
          fix = {
            label: 'Rewrite as >= AND <',
            sql: `ALTER TABLE ${q} DROP CONSTRAINT ${quoteIdent(name)};\nALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(name)} CHECK (${rw});`,
            command: setCheckExpr(t.id, k.id, rw),
          };
        }
        out.push(finding('IDX-14', 'info', ref(ctx, t, { constraintId: k.id }), `CHECK ${name} on ${t.name} uses BETWEEN on timestamp ${cols.join(', ')}.`, why, fix));
      }
    }
    for (const v of Object.values(ctx.model.views)) {
      for (const m of v.query.matchAll(NOT_IN_SELECT)) {
        const colName = m[2]!.split('.').pop()!;
        const tblName = m[4]!.split('.').pop()!;
        const tbl = Object.values(ctx.model.tables).find((x) => x.name.toLowerCase() === tblName.toLowerCase());
        const col = tbl?.columns.find((c) => c.name.toLowerCase() === colName.toLowerCase());
        if (col && !col.nullable) continue;
        out.push(
          finding(
            'IDX-14',
            'info',
            { schema: schemaName(ctx.model, v.schemaId), table: v.name },
            `View ${v.name} uses NOT IN (SELECT ${colName} FROM ${tblName} …), and ${colName} can be NULL.`,
            'If the subquery returns a single NULL, x NOT IN (…) is never true and the view silently returns no rows. NOT EXISTS (SELECT 1 FROM … WHERE …) has no such trap.',
          ),
        );
      }
    }
    return out;
  },
};
export default rule;
