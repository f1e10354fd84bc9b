/** Default object names of the behaviours, always fitted into PostgreSQL's 63-byte identifier limit. */
import { MAX_IDENT_BYTES, utf8Length } from '../sql/ident';

/** FNV-1a 32-bit, hex: a short deterministic suffix for shortened names. */
function hash8(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * `name` when it fits in 63 bytes, else its longest prefix that leaves room for `_` + an 8-hex-digit hash of the
 * whole name (so two long names that share a prefix stay distinct). Never splits a UTF-16 surrogate pair.
 */
export function fitIdent(name: string): string {
  if (utf8Length(name) <= MAX_IDENT_BYTES) return name;
  const suffix = '_' + hash8(name);
  const room = MAX_IDENT_BYTES - suffix.length;
  let out = '';
  for (const ch of name) {
    if (utf8Length(out + ch) > room) break;
    out += ch;
  }
  return out + suffix;
}

/** Defaults (before fitting). `t` = table name, `c` = column name. */
export const DEFAULT_NAMES = {
  sharedSchema: 'public',
  updatedAtFunction: (c: string) => `set_${c}`,
  updatedAtTrigger: (t: string, c: string) => `${t}_set_${c}`,
  softDeleteFunction: (t: string) => `${t}_soft_delete`,
  softDeleteTrigger: (t: string) => `${t}_soft_delete`,
  liveView: (t: string) => `${t}_live`,
  liveUniqueIndex: (t: string, cols: string[]) => `${t}_${cols.join('_')}_live_key`,
  auditTable: 'audit_log',
  auditFunction: 'audit_row_change',
  auditIndex: (table: string) => `${table}_table_changed_at_idx`,
  historyTable: (t: string) => `${t}_history`,
  historyFunction: (t: string) => `${t}_write_history`,
  historyIndex: (table: string) => `${table}_changed_at_idx`,
  auditTrigger: (t: string) => `${t}_audit`,
  counterFunction: (parent: string, c: string) => `${parent}_maintain_${c}`,
  counterTrigger: (child: string, parent: string, c: string) => `${child}_maintain_${parent}_${c}`,
  searchFunction: (t: string, c: string) => `${t}_refresh_${c}`,
  searchTrigger: (t: string, c: string) => `${t}_refresh_${c}`,
  searchIndex: (t: string, c: string) => `${t}_${c}_idx`,
  actorSetting: 'app.user_id',
  hardDeleteSetting: 'app.hard_delete',
} as const;
