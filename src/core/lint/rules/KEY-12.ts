import { quoteIdent } from '../../sql/ident';
import type { Table } from '../../model/types';
import type { CandidateKey } from '../helpers/index';
import type { Finding, Rule, RuleContext } from '../types';
import { column, fix, mk, NONE, qt, tableCmd, tref } from './key-rel-util';

/** The key column is NULL-able in the key: nullable, and not excluded by an `x IS NOT NULL` predicate. */
function nullableIn(k: CandidateKey, name: string): boolean {
  return !(k.where && new RegExp(`${name}"?\\s+is\\s+not\\s+null`, 'i').test(k.where));
}
function anyNullable(t: Table, k: CandidateKey): boolean {
  for (let i = 0; i < k.columns.length; i++) {
    const c = column(t, k.columns[i]!);
    if (c !== undefined && c.nullable && nullableIn(k, c.name)) return true;
  }
  return false;
}

/** KEY-12: a nullable column in a UNIQUE key without NULLS NOT DISTINCT: any number of NULLs pass. */
export const rule: Rule = {
  id: 'KEY-12',
  slug: 'nullable-column-in-unique',
  group: 'KEY',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A unique key includes a nullable column; rows with NULL there are never considered duplicates.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const keys = ctx.helpers.candidateKeys(t);
    for (let ki = 0; ki < keys.length; ki++) {
      const k = keys[ki]!;
      if (k.source === 'primary' || k.nullsNotDistinct || !anyNullable(t, k)) continue;
      (out ??= []).push(finding(ctx, t, k));
    }
    return out ?? NONE;
  },
};

/** The finding for a key with a NULL-able column (`anyNullable`: `nullable` below is not empty). */
function finding(ctx: RuleContext, t: Table, k: CandidateKey): Finding {
  const setNullCols = new Set(ctx.helpers.outgoing(t).filter((f) => f.onDelete === 'set null').flatMap((f) => f.columns));
  const nullable = k.columns
    .map((id) => t.columns.find((c) => c.id === id))
    .filter((c) => c !== undefined && c.nullable)
    .filter((c) => nullableIn(k, c!.name));
  const names = nullable.map((c) => c!.name);
  const q = qt(ctx.model, t);
  const label = `Make ${names.join(', ')} NOT NULL`;
  const canFix = nullable.every((c) => !setNullCols.has(c!.id));
  return mk('KEY-12', 'info', tref(ctx, t, { columnId: nullable[0]!.id, column: names[0], ...(k.source === 'index' ? { indexId: k.id } : { constraintId: k.id }) }),
    `The unique key on ${t.name} includes nullable ${names.join(', ')}: rows with NULL there never count as duplicates.`,
    'In PostgreSQL NULLs are distinct, so a unique key accepts any number of rows with NULL in one of its columns. That is right for optional-but-unique values (an optional external reference); otherwise make the column NOT NULL, or declare the key NULLS NOT DISTINCT (PostgreSQL 15+).',
    canFix
      ? fix(label, names.map((n) => `ALTER TABLE ${q} ALTER COLUMN ${quoteIdent(n)} SET NOT NULL;`).join('\n'), tableCmd(label, t.id, (tt) => {
          for (const c of tt.columns) if (nullable.some((n) => n!.id === c.id)) c.nullable = false;
        }))
      : undefined);
}
