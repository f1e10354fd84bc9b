/** Helpers shared by CREATE VIEW and CREATE MATERIALIZED VIEW (CREATE TABLE AS). */
import { scanSync } from 'libpg-query';
import type { View } from '../../../model/types';
import type { ImportContext } from '../context';
import type { StatementInfo } from '../statement';
import { byteToIndex, displayName, Unsupported } from './shared';

/**
 * The query text of a view statement as written: from the token after the first top-level AS to the end, minus a
 * trailing `WITH [CASCADED|LOCAL] CHECK OPTION` / `WITH [NO] DATA`.
 */
export function viewQueryText(stmt: StatementInfo): { query: string; recursive: boolean } {
  const sql = stmt.sql;
  const tokens = scanSync(sql).tokens;
  let depth = 0;
  let asIdx = -1;
  let recursive = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '(') depth++;
    else if (t.text === ')') depth--;
    else if (depth === 0 && t.keywordKind > 0 && t.text.toLowerCase() === 'recursive' && asIdx < 0) recursive = true;
    else if (depth === 0 && t.keywordKind > 0 && t.text.toLowerCase() === 'as') {
      asIdx = i;
      break;
    }
  }
  const first = tokens[asIdx + 1];
  if (asIdx < 0 || !first) throw new Unsupported('could not locate the view query');
  let endTok = tokens.length;
  while (endTok > 0 && tokens[endTok - 1]!.text === ';') endTok--;
  const low = (i: number) => tokens[i]?.text.toLowerCase();
  // trailing WITH ... CHECK OPTION / WITH [NO] DATA
  if (low(endTok - 1) === 'option' && low(endTok - 2) === 'check') {
    let w = endTok - 3;
    if (low(w) === 'cascaded' || low(w) === 'local') w--;
    if (low(w) === 'with') endTok = w;
  } else if (low(endTok - 1) === 'data') {
    let w = endTok - 2;
    if (low(w) === 'no') w--;
    if (low(w) === 'with') endTok = w;
  }
  const last = tokens[endTok - 1]!;
  const start = byteToIndex(sql, first.start);
  const end = byteToIndex(sql, last.end);
  return { query: sql.slice(start, end).trim(), recursive };
}

/** Add a view, or replace an existing one for CREATE OR REPLACE VIEW. */
export function upsertView(view: View, orReplace: boolean, stmt: StatementInfo, ctx: ImportContext): void {
  const existing = ctx.findRelation(ctx.schemaName(view.schemaId), view.name);
  if (existing) {
    if (existing.kind === 'view' && orReplace && !existing.obj.materialized && view.deps.includes(existing.id)) {
      // CREATE OR REPLACE VIEW v AS ... FROM v: the new definition reads the old one, so it only works as a second
      // statement after the first definition. Keep it verbatim, after the view.
      ctx.keepRaw(stmt, { label: `create or replace view ${displayName({ name: view.name })} (reads its previous definition)`, target: existing.id, deps: [...new Set([existing.id, ...view.deps])], note: 'CREATE OR REPLACE VIEW that reads its own previous definition; kept verbatim' });
      return;
    }
    if (existing.kind === 'view' && orReplace && !existing.obj.materialized) {
      const keep = existing.obj;
      Object.assign(keep, { ...view, id: keep.id, seq: keep.seq, indexes: keep.indexes, comment: keep.comment, columnComments: keep.columnComments });
      if (keep.comment === undefined) delete keep.comment;
      if (keep.columnComments === undefined) delete keep.columnComments;
      ctx.invalidate();
      return;
    }
    if (view.ifNotExists) return;
    throw new Unsupported(`relation ${displayName({ name: view.name })} is defined twice`);
  }
  ctx.addView(view);
  void stmt;
}
