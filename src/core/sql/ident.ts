import { QUOTED_KEYWORDS } from './keywords';
import type { QName } from '../model/types';

/** PostgreSQL's NAMEDATALEN - 1: identifiers longer than this many bytes are truncated by the server. */
export const MAX_IDENT_BYTES = 63;

const SAFE = /^[a-z_][a-z0-9_$]*$/;

/** Quote an identifier exactly when PostgreSQL needs it (same rule as quote_ident()). */
export function quoteIdent(name: string): string {
  if (SAFE.test(name) && !QUOTED_KEYWORDS.has(name)) return name;
  return '"' + name.replace(/"/g, '""') + '"';
}

/** `schema.name`, each part quoted as needed. */
export function quoteQName(q: QName): string {
  return q.schema ? `${quoteIdent(q.schema)}.${quoteIdent(q.name)}` : quoteIdent(q.name);
}

/** A SQL string literal. Uses E'' form only when backslashes are present (safe under any standard_conforming_strings). */
export function quoteLiteral(value: string): string {
  const body = value.replace(/'/g, "''");
  if (value.includes('\\')) return "E'" + body.replace(/\\/g, '\\\\') + "'";
  return "'" + body + "'";
}

/** UTF-8 byte length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** True when PostgreSQL would truncate this identifier (more than 63 bytes). */
export function isOverlongIdent(name: string): boolean {
  return name.length > 21 && utf8Length(name) > MAX_IDENT_BYTES;
}
