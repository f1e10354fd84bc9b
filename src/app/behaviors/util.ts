/** Small parser-free helpers of the behaviours section. */
import type { Table } from '../../core/model/types';

/** PostgreSQL's built-in text search configurations (pg_ts_config of a fresh cluster). */
export const TEXT_SEARCH_CONFIGS = [
  'simple', 'arabic', 'armenian', 'basque', 'catalan', 'danish', 'dutch', 'english', 'finnish', 'french', 'german',
  'greek', 'hindi', 'hungarian', 'indonesian', 'irish', 'italian', 'lithuanian', 'nepali', 'norwegian', 'portuguese',
  'romanian', 'russian', 'serbian', 'spanish', 'swedish', 'tamil', 'turkish', 'yiddish',
];

/** Column types offered as search sources by default. */
export function isTexty(type: string): boolean {
  return /^(text|character varying|varchar|char|character|bpchar|citext|name)\b/i.test(type);
}

/** How many unique keys (not the PK) would get a partial unique index `WHERE <column> IS NULL`. */
export function softDeleteSuggestionCount(t: Table, column: string): number {
  const colId = t.columns.find((c) => c.name === column)?.id;
  const keys = new Set<string>();
  for (const c of t.constraints) if (c.kind === 'unique' && !c.columns.includes(colId ?? '')) keys.add(c.columns.join(','));
  for (const ix of t.indexes) {
    if (!ix.unique || ix.where || !ix.elements.every((e) => e.column)) continue;
    const cols = ix.elements.map((e) => e.column!);
    if (!cols.includes(colId ?? '')) keys.add(cols.join(','));
  }
  return keys.size;
}
