/**
 * Light text scanning for the SQL pane: where a table's statements are, and which table a cursor offset belongs to.
 * Not a parser: it finds `CREATE TABLE`, `ALTER TABLE`, `CREATE INDEX … ON`, `COMMENT ON TABLE|COLUMN` headers and
 * assumes a statement runs to the next `;` (good enough for DDL; the real parse happens in the worker).
 */
import type { Id, SchemaModel } from '../../core/model/types';

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*)`;
const QNAME = String.raw`(${IDENT})(?:\s*\.\s*(${IDENT}))?`;
const HEADER = new RegExp(
  String.raw`\b(?:CREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED|FOREIGN)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?` +
    String.raw`|ALTER\s+(?:FOREIGN\s+)?TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?` +
    String.raw`|CREATE\s+(?:UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:(?:IF\s+NOT\s+EXISTS\s+)?${IDENT}\s+)?ON\s+(?:ONLY\s+)?` +
    String.raw`|COMMENT\s+ON\s+TABLE\s+)` +
    QNAME,
  'gid',
);

export interface TableStatement {
  /** Offsets [start, end) of the statement (end just past its `;`, or the end of the text). */
  start: number;
  end: number;
  /** Offsets of the table name in the header. */
  nameStart: number;
  nameEnd: number;
  schema: string | undefined;
  name: string;
  create: boolean;
}

const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase());

let cache: { text: string; list: TableStatement[] } | null = null;

/** All table-related statement headers in the text, in order (memoised on the text). */
export function tableStatements(text: string): TableStatement[] {
  if (cache && cache.text === text) return cache.list;
  const list: TableStatement[] = [];
  HEADER.lastIndex = 0;
  for (let m = HEADER.exec(text); m; m = HEADER.exec(text)) {
    const a = m[1]!;
    const b = m[2];
    const nameEnd = m.index + m[0].length;
    const semi = text.indexOf(';', nameEnd);
    const end = semi < 0 ? text.length : semi + 1;
    list.push({
      start: m.index,
      end,
      nameStart: m.indices?.[1]?.[0] ?? m.index,
      nameEnd,
      schema: b ? unquote(a) : undefined,
      name: unquote(b ?? a),
      create: /^CREATE\s+(?!(?:UNIQUE\s+)?INDEX)/i.test(m[0]),
    });
    HEADER.lastIndex = Math.max(HEADER.lastIndex, nameEnd);
  }
  cache = { text, list };
  return list;
}

/** The model's table for a (schema, name) pair; an unqualified name matches `public` first, then any schema. */
export function findTableId(model: SchemaModel, schema: string | undefined, name: string): Id | undefined {
  let fallback: Id | undefined;
  for (const t of Object.values(model.tables)) {
    if (t.name !== name) continue;
    const s = model.schemas[t.schemaId]?.name ?? 'public';
    if (schema !== undefined) {
      if (s === schema) return t.id;
    } else if (s === 'public') return t.id;
    else fallback ??= t.id;
  }
  return schema === undefined ? fallback : undefined;
}

/** Where `CREATE TABLE <table>` is in the text (falls back to its first ALTER/INDEX/COMMENT statement). */
export function findTableStatement(text: string, model: SchemaModel, tableId: Id): TableStatement | undefined {
  const t = model.tables[tableId];
  if (!t) return undefined;
  const schema = model.schemas[t.schemaId]?.name ?? 'public';
  let other: TableStatement | undefined;
  for (const st of tableStatements(text)) {
    if (st.name !== t.name) continue;
    if (st.schema !== undefined ? st.schema !== schema : findTableId(model, undefined, st.name) !== tableId) continue;
    if (st.create) return st;
    other ??= st;
  }
  return other;
}

/** The table whose statement contains `offset`, if any. */
export function tableAtOffset(text: string, model: SchemaModel, offset: number): Id | undefined {
  const list = tableStatements(text);
  // Last header starting at or before the offset (binary search).
  let lo = 0;
  let hi = list.length - 1;
  let at = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.start <= offset) {
      at = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (at < 0) return undefined;
  const st = list[at]!;
  if (offset > st.end) return undefined;
  return findTableId(model, st.schema, st.name);
}
