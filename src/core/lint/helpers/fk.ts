/**
 * H3: FK-like columns, inferred from names the way Azimutt does it: `<x>_id`, `<x>Id`, `<x>_uuid` resolve to a table
 * named `<x>` / `<x>s` (also after dropping 1–3 leading or trailing words of `<x>`), `*_by` to users / accounts,
 * `*_ids` are arrays of references, a sibling `<x>_type|_kind|_class|_table` marks a polymorphic pair. A target only
 * counts when its key has a compatible type (H4).
 */
import type { Column, Table } from '../../model/types';

export interface FkLikeTarget {
  table: Table;
  /** The referenced key column (single-column PK or candidate key) with a compatible type. */
  column: Column;
}

export interface FkLikeColumn {
  column: Column;
  kind: 'id' | 'by' | 'ids';
  /** The `<x>` part as lowercase tokens joined by `_`. */
  prefix: string;
  /** Sibling `<x>_type|_kind|_class|_table` column: a polymorphic association. */
  polymorphicType?: Column;
  /** The first token names an external system (stripe_customer_id): not a reference into this database. */
  vendor: boolean;
  /** Resolved tables with a compatible key, best match first (empty = unresolved). */
  targets: FkLikeTarget[];
}

export interface FkEnv {
  /** H1 tokens of a name (lowercase, singular). */
  tokenize(name: string): string[];
  /** Tables by singular stem (`order_items` → `order_item`). */
  tablesByStem(stem: string): Table[];
  /** Single-column keys of a table, PK first. */
  singleKeys(t: Table): Column[];
  /** H4 compatibility of a referencing column type with a key column type (same family; arrays by element). */
  compatible(fromType: string, keyType: string, elementOfArray: boolean): boolean;
}

export const VENDORS = new Set([
  'stripe', 'google', 'github', 'gitlab', 'facebook', 'fb', 'twitter', 'apple', 'paypal', 'shopify', 'slack', 'auth0', 'okta', 'hubspot',
  'salesforce', 'sf', 'zendesk', 'intercom', 'segment', 'mailchimp', 'sendgrid', 'twilio', 'braintree', 'plaid', 'firebase', 'aws', 'azure',
  'gcp', 'microsoft', 'linkedin', 'discord', 'telegram', 'whatsapp', 'zoom', 'quickbooks', 'xero', 'netsuite', 'klaviyo', 'mixpanel', 'amplitude',
  'sentry', 'cognito', 'clerk', 'supabase', 'external', 'remote', 'provider', 'oauth', 'openid', 'oidc', 'saml', 'ldap', 'legacy', 'vendor', 'partner', 'third', 'tracking',
]);

const POLY_SUFFIX = ['type', 'kind', 'class', 'table'];

/** Split a column name into its reference kind and `<x>` words. */
export function parseRefName(name: string, tokenize: (s: string) => string[]): { kind: FkLikeColumn['kind']; words: string[] } | undefined {
  let m: RegExpExecArray | null;
  if ((m = /^(.+?)_?ids$/i.exec(name)) && (/_ids$/i.test(name) || /[a-z]Ids$/.test(name))) return { kind: 'ids', words: tokenize(m[1]!) };
  if ((m = /^(.+?)_(id|uuid)$/i.exec(name)) || (m = /^(.*[a-z0-9])(Id|Uuid)$/.exec(name))) {
    const words = tokenize(m[1]!);
    return words.length ? { kind: 'id', words } : undefined;
  }
  if ((m = /^(.+?)_by$/i.exec(name)) || (m = /^(.*[a-z0-9])By$/.exec(name))) return { kind: 'by', words: tokenize(m[1]!) };
  return undefined;
}

/** Candidate stems for `<x>`: all words, then dropping 1–3 leading words, then 1–3 trailing words. */
export function stemCandidates(words: string[]): string[] {
  const out: string[] = [words.join('_')];
  for (let k = 1; k <= 3 && k < words.length; k++) out.push(words.slice(k).join('_'));
  for (let k = 1; k <= 3 && k < words.length; k++) out.push(words.slice(0, words.length - k).join('_'));
  return [...new Set(out)];
}

/** What a column name alone tells (parsed once per tokenizer and name: column names repeat across tables). */
interface ParsedName {
  kind: FkLikeColumn['kind'];
  words: string[];
  prefix: string;
  /** Lower-case names a polymorphic `<x>_type|_kind|_class|_table` sibling may have, in order of preference. */
  polyNames: string[];
  vendor: boolean;
  /** Candidate target stems (empty for vendor references). */
  stems: string[];
  wantUuid: boolean;
}
const parsedCache = new WeakMap<(s: string) => string[], Map<string, ParsedName | undefined>>();
function parseNameCached(name: string, tokenize: (s: string) => string[]): ParsedName | undefined {
  let m = parsedCache.get(tokenize);
  if (!m) parsedCache.set(tokenize, (m = new Map()));
  let v = m.get(name);
  if (v !== undefined || m.has(name)) return v;
  if (m.size > 20000) m.clear();
  const parsed = parseRefName(name, tokenize);
  if (parsed) {
    const rawPrefix = name.replace(/(_?ids|_id|_uuid|Id|Uuid|_by|By)$/, '').toLowerCase();
    const polyNames: string[] = [];
    for (const s of POLY_SUFFIX) polyNames.push(`${rawPrefix}_${s}`, `${rawPrefix}${s}`);
    const vendor = parsed.words.length > 1 && VENDORS.has(parsed.words[0]!);
    v = {
      kind: parsed.kind,
      words: parsed.words,
      prefix: parsed.words.join('_'),
      polyNames,
      vendor,
      stems: vendor ? [] : parsed.kind === 'by' ? ['user', 'account'] : stemCandidates(parsed.words),
      wantUuid: /uuid$/i.test(name),
    };
  }
  m.set(name, v);
  return v;
}

export function fkLikeColumns(t: Table, env: FkEnv): FkLikeColumn[] {
  const out: FkLikeColumn[] = [];
  let byLower: Map<string, Column> | undefined;
  for (const c of t.columns) {
    const parsed = parseNameCached(c.name, env.tokenize);
    if (!parsed) continue;
    byLower ??= new Map(t.columns.map((x) => [x.name.toLowerCase(), x]));
    let poly: Column | undefined;
    for (let i = 0; i < parsed.polyNames.length; i += 2) {
      const sib = byLower.get(parsed.polyNames[i]!) ?? byLower.get(parsed.polyNames[i + 1]!);
      if (sib && sib !== c) {
        poly = sib;
        break;
      }
    }
    let targets: FkLikeTarget[] = NO_TARGETS;
    for (const stem of parsed.stems) {
      const tables = env.tablesByStem(stem);
      if (!tables.length) continue;
      const found: FkLikeTarget[] = [];
      for (const tt of tables) {
        const keys = env.singleKeys(tt);
        const ordered = parsed.wantUuid ? [...keys].sort((a, b) => Number(/uuid/i.test(b.type)) - Number(/uuid/i.test(a.type))) : keys;
        const key = ordered.find((k) => env.compatible(c.type, k.type, parsed.kind === 'ids'));
        if (key) found.push({ table: tt, column: key });
      }
      if (found.length) {
        // Prefer a target in the same schema.
        const same = found.filter((f) => f.table.schemaId === t.schemaId);
        targets = same.length ? same : found;
        break;
      }
    }
    const fl: FkLikeColumn = { column: c, kind: parsed.kind, prefix: parsed.prefix, vendor: parsed.vendor, targets };
    if (poly) fl.polymorphicType = poly;
    out.push(fl);
  }
  return out.length ? out : NO_FK_LIKE;
}

/** Shared empty results (callers only read them). */
const NO_TARGETS: FkLikeTarget[] = [];
const NO_FK_LIKE: FkLikeColumn[] = [];
