/**
 * Name helpers shared by the checker (catalogue H1, H7, H8, H9): tokenizer with singularisation, the
 * name → expected-type dictionary, the sensitive-name dictionary and PostgreSQL's reserved words.
 */
import { RESERVED_KEYWORDS, TYPE_FUNC_KEYWORDS } from '../../sql/keywords';
import type { TypeFamily } from './types';

// ---------------------------------------------------------------------------------------------------------------
// H1: tokenizer, singular / plural

/** Irregular plural → singular. */
const IRREGULAR_SINGULAR: Record<string, string> = {
  people: 'person',
  statuses: 'status',
  addresses: 'address',
  categories: 'category',
  indices: 'index',
  indexes: 'index',
  children: 'child',
  men: 'man',
  women: 'woman',
  mice: 'mouse',
  geese: 'goose',
  feet: 'foot',
  teeth: 'tooth',
  matrices: 'matrix',
  vertices: 'vertex',
  analyses: 'analysis',
  criteria: 'criterion',
  phenomena: 'phenomenon',
  quizzes: 'quiz',
  buses: 'bus',
  aliases: 'alias',
  viruses: 'virus',
  statuss: 'status',
  ids: 'id',
  uuids: 'uuid',
  leaves: 'leaf',
  wives: 'wife',
  knives: 'knife',
  lives: 'life',
  halves: 'half',
  shelves: 'shelf',
  movies: 'movie',
  cookies: 'cookie',
  series: 'series',
  species: 'species',
};
const IRREGULAR_PLURAL: Record<string, string> = {};
for (const [p, s] of Object.entries(IRREGULAR_SINGULAR)) if (p !== s && !(s in IRREGULAR_PLURAL)) IRREGULAR_PLURAL[s] = p;
IRREGULAR_PLURAL.index = 'indexes';
IRREGULAR_PLURAL.status = 'statuses';

/** Nouns with no distinct plural (mass nouns and invariant words). */
export const MASS_NOUNS: ReadonlySet<string> = new Set([
  'data', 'news', 'equipment', 'staff', 'information', 'info', 'metadata', 'media', 'series', 'species', 'software',
  'hardware', 'inventory', 'feedback', 'personnel', 'money', 'music', 'furniture', 'luggage', 'baggage', 'advice',
  'stock', 'audit', 'history', 'traffic', 'weather', 'sheep', 'fish', 'deer', 'aircraft', 'analytics', 'settings',
  'config', 'configuration', 'auth', 'access', 'login', 'status', 'schema', 'cache', 'progress', 'research', 'mail',
  'email', 'sms', 'gps', 'rss', 'bus', 'census', 'corpus', 'chaos',
]);

/** Words ending in `s` that are singular (do not strip the s). */
const SINGULAR_S = /(ss|us|is|os|as|ics|ies?s)$/;

/** A simple English singular (`customers` → `customer`, `categories` → `category`). Lowercases. */
export function singular(word: string): string {
  const w = word.toLowerCase();
  const irr = IRREGULAR_SINGULAR[w];
  if (irr) return irr;
  if (MASS_NOUNS.has(w) || w.length <= 3) return w;
  if (SINGULAR_S.test(w) && !/ies$/.test(w)) return w;
  if (/[^aeiou]ies$/.test(w)) return w.slice(0, -3) + 'y';
  if (/(xes|ches|shes|sses|zzes)$/.test(w)) return w.slice(0, -2);
  if (/s$/.test(w) && !/ss$/.test(w)) return w.slice(0, -1);
  return w;
}

/** A simple English plural (`customer` → `customers`, `category` → `categories`). Lowercases. */
export function plural(word: string): string {
  const w = word.toLowerCase();
  const irr = IRREGULAR_PLURAL[w];
  if (irr) return irr;
  if (MASS_NOUNS.has(w)) return w;
  if (/[^aeiou]y$/.test(w)) return w.slice(0, -1) + 'ies';
  if (/(x|ch|sh|ss|s|z)$/.test(w)) return w + 'es';
  return w + 's';
}

/** True when the word looks plural (its singular differs). Mass nouns are neither. */
export function isPlural(word: string): boolean {
  const w = word.toLowerCase();
  return singular(w) !== w;
}

/** A bounded string-keyed memo (names and type texts of one project are a small, repeating set). */
export function memoByString<V>(fn: (k: string) => V, max = 20000): (k: string) => V {
  let m = new Map<string, V>();
  let lastK: string | undefined;
  let lastV: V | undefined;
  return (k) => {
    if (k === lastK) return lastV as V;
    let v = m.get(k);
    if (v === undefined && !m.has(k)) {
      if (m.size >= max) m = new Map();
      v = fn(k);
      m.set(k, v);
    }
    lastK = k;
    lastV = v;
    return v as V;
  };
}

/** Split a name into lowercase raw tokens: on `_`, `-`, spaces, dots, camel humps and digit runs. The result is shared: do not mutate it. */
export const rawTokens: (name: string) => string[] = memoByString(splitTokens);

function splitTokens(name: string): string[] {
  return name
    .replace(/([A-Z]{2,})s(?=$|[^a-z])/g, '$1S')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/([A-Za-z])([0-9])/g, '$1_$2')
    .replace(/([0-9])([A-Za-z])/g, '$1_$2')
    .split(/[_\-\s.$]+/)
    .filter((t) => t.length > 0)
    .map((t) => t.toLowerCase());
}

/** H1: tokens of a name, lowercased and singularised (`OrderItems` → [order, item]). */
export const tokenize: (name: string) => string[] = memoByString((name) => rawTokens(name).map(singular));

/** H1: the stem of a table name: its singular tokens (`order_items` → [order, item]). */
export function tableStem(name: string): string[] {
  return tokenize(name);
}

/** The tokens joined back with `_` (a normalised name: `OrderItems` → `order_item`). */
export function normalizedName(name: string): string {
  return tokenize(name).join('_');
}

/** snake_case form of any name (`FirstName` → `first_name`, `user-profiles` → `user_profiles`), not singularised. */
export function toSnakeCase(name: string): string {
  const s = rawTokens(name.normalize('NFKD').replace(/[^\x00-\x7f]/g, '')).join('_').replace(/[^a-z0-9_]/g, '');
  if (!s) return 'unnamed';
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** Naming conventions detected by NAME-01. */
export type NameCase = 'snake' | 'camel' | 'pascal' | 'upper_snake' | 'other';

export function nameCase(name: string): NameCase {
  if (/^[a-z_][a-z0-9_]*$/.test(name)) return 'snake';
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) return 'upper_snake';
  if (/^[a-z][a-zA-Z0-9]*$/.test(name)) return 'camel';
  if (/^[A-Z][a-zA-Z0-9]*$/.test(name)) return 'pascal';
  return 'other';
}

// ---------------------------------------------------------------------------------------------------------------
// H7: name → expected type

/** What H7 expects, in detail. */
export interface ExpectedType {
  family: TypeFamily;
  /** The suggested SQL type. */
  type: string;
  /** Which dictionary line matched. */
  kind: 'timestamp' | 'date' | 'bool' | 'count' | 'money' | 'cents' | 'uuid' | 'ip' | 'email' | 'url' | 'json';
}

/** H7 exceptions: names that must stay strings even when another pattern matches. */
export function isStringTypedName(name: string): boolean {
  const t = rawTokens(name);
  const first = t[0] ?? '';
  const last = t[t.length - 1] ?? '';
  if (/^(phone|telephone|mobile|fax)/.test(first)) return true;
  if (t.includes('zip') || t.includes('zipcode') || t.join('_').includes('postal_code') || t.includes('postcode')) return true;
  if (last === 'number' || last === 'no' || last === 'code' || last === 'sku' || last === 'iban') return true;
  return t.length === 1 && (first === 'sku' || first === 'iban' || first === 'zip');
}

/** H7 with details: the expected type for a column name, or undefined when the name says nothing. */
export const expectedType: (name: string) => ExpectedType | undefined = memoByString(expectedTypeUncached);

function expectedTypeUncached(name: string): ExpectedType | undefined {
  if (isStringTypedName(name)) return undefined;
  const t = rawTokens(name);
  if (t.length === 0) return undefined;
  const first = t[0]!;
  const last = t[t.length - 1]!;
  const whole = t.join('_');
  const one = t.length === 1;
  // cents before money: `price_cents` is bigint.
  if (last === 'cents') return { family: 'int', type: 'bigint', kind: 'cents' };
  if (t.length > 1 && (last === 'at' || last === 'time')) return { family: 'time', type: 'timestamptz', kind: 'timestamp' };
  if ((t.length > 1 && (last === 'on' || last === 'date')) || whole === 'date' || whole === 'dob' || first === 'birth' || first === 'birthday' || whole === 'birthdate')
    return { family: 'time', type: 'date', kind: 'date' };
  if ((t.length > 1 && (first === 'is' || first === 'has' || first === 'can')) || (t.length > 1 && last === 'flag') || (one && /^(enabled|active|verified)$/.test(first)))
    return { family: 'bool', type: 'boolean', kind: 'bool' };
  if ((t.length > 1 && last === 'count') || (one && /^(count|quantity|qty|age|year|position|rank|score)$/.test(first)))
    return { family: 'int', type: 'integer', kind: 'count' };
  if ((one && /^(price|amount|cost|total|balance|fee|tax|salary)$/.test(first)) || (t.length > 1 && (last === 'amount' || last === 'price')))
    return { family: 'exact', type: 'numeric', kind: 'money' };
  if ((t.length > 1 && last === 'uuid') || (one && (first === 'guid' || first === 'uuid'))) return { family: 'uuid', type: 'uuid', kind: 'uuid' };
  if (whole === 'ip' || whole === 'ip_address' || (t.length > 1 && last === 'ip')) return { family: 'net', type: 'inet', kind: 'ip' };
  if (whole === 'email') return { family: 'string', type: 'text', kind: 'email' };
  if (t.length > 1 && last === 'url') return { family: 'string', type: 'text', kind: 'url' };
  if ((t.length > 1 && last === 'json') || (one && /^(metadata|payload|settings|attributes)$/.test(first))) return { family: 'json', type: 'jsonb', kind: 'json' };
  return undefined;
}

/** H7: the type family a column name implies, or undefined. */
export function expectedTypeForName(name: string): TypeFamily | undefined {
  return expectedType(name)?.family;
}

/** Money or quantity names (TYPE-08): price, amount, cost, total, balance, fee, tax, salary, `*_cents`, quantity. */
export function isMoneyOrQuantityName(name: string): boolean {
  const t = rawTokens(name);
  const last = t[t.length - 1] ?? '';
  return /^(price|amount|cost|total|balance|fee|tax|salary|cents|quantity|qty|subtotal)$/.test(last);
}

// ---------------------------------------------------------------------------------------------------------------
// H8: sensitive names

export type Sensitivity = 'credential' | 'pii' | 'card' | 'none';

export interface SensitivityDetail {
  category: Sensitivity;
  /** The dictionary term that matched (`password`, `api_key`, `ssn`, `cvv`, ...). */
  term?: string;
  /** The name carries a safe marker (`_hash`, `_digest`, `_encrypted`, ...). */
  safe: boolean;
  /** The name is metadata about a secret (`_at`, `_expires*`, `_count`, `_type`, `_id`, `_required`, `_length`). */
  metadata: boolean;
}

/** Credential terms as token sequences (SEC-01 list plus splinter-style variants). */
export const CREDENTIAL_TERMS: readonly string[] = [
  'password', 'passwd', 'pwd', 'pass', 'passphrase', 'passcode', 'secret', 'api_key', 'apikey', 'api_secret', 'token',
  'access_token', 'refresh_token', 'auth_token', 'bearer_token', 'session_token', 'private_key', 'secret_key',
  'client_secret', 'otp', 'totp_secret', 'mfa_secret', 'pin', 'recovery_code', 'backup_code', 'salt', 'hash',
];
/** Credential terms that SEC-01 treats as plaintext secrets (`salt` and `hash` are derived material, not secrets). */
export const PLAINTEXT_CREDENTIAL_TERMS: ReadonlySet<string> = new Set(CREDENTIAL_TERMS.filter((t) => t !== 'salt' && t !== 'hash'));

export const CARD_TERMS: readonly string[] = [
  'card_number', 'credit_card', 'credit_card_number', 'cc_number', 'ccn', 'pan', 'cvv', 'cvv2', 'cvc', 'cvc2', 'cvn',
  'card_verification', 'card_verification_code', 'card_verification_value', 'card_security_code', 'security_code',
];
export const CVV_TERMS: ReadonlySet<string> = new Set(['cvv', 'cvv2', 'cvc', 'cvc2', 'cvn', 'card_verification', 'card_verification_code', 'card_verification_value', 'card_security_code', 'security_code']);

export const PII_TERMS: readonly string[] = [
  'ssn', 'social_security', 'social_security_number', 'national_id', 'national_insurance_number', 'nin', 'passport',
  'passport_number', 'tax_id', 'tin', 'vat_number', 'iban', 'bic', 'bank_account', 'bank_account_number',
  'account_number', 'routing_number', 'sort_code', 'driver_license', 'drivers_license', 'driving_license',
  'license_number', 'dob', 'date_of_birth', 'birth_date', 'birthdate', 'medical_record', 'medical_record_number',
  'health_record', 'diagnosis', 'insurance_number', 'biometric', 'fingerprint', 'ethnicity', 'religion',
  'sexual_orientation',
];

const SAFE_MARKERS = new Set(['hash', 'hashed', 'digest', 'encrypted', 'enc', 'ciphertext', 'cipher', 'bcrypt', 'argon2', 'argon', 'scrypt', 'pbkdf2', 'hmac', 'sha256', 'sha512', 'crypt']);
const METADATA_LAST = new Set(['at', 'count', 'type', 'id', 'ids', 'required', 'length', 'len', 'enabled', 'by', 'policy', 'attempts', 'version']);

interface Term {
  tokens: string[];
  text: string;
  category: Sensitivity;
}
const TERMS: Term[] = [
  ...CARD_TERMS.map((t) => ({ tokens: rawTokens(t), text: t, category: 'card' as const })),
  ...CREDENTIAL_TERMS.map((t) => ({ tokens: rawTokens(t), text: t, category: 'credential' as const })),
  ...PII_TERMS.map((t) => ({ tokens: rawTokens(t), text: t, category: 'pii' as const })),
].sort((a, b) => b.tokens.length - a.tokens.length);

function containsSeq(hay: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** H8 in detail: which sensitive term the name matches (token-wise), and whether it is safe or metadata. */
export const sensitivityDetail: (name: string) => SensitivityDetail = memoByString(sensitivityUncached);

function sensitivityUncached(name: string): SensitivityDetail {
  const raw = rawTokens(name);
  const toks = raw.map((t) => (t.length > 3 ? singular(t) : t));
  const last = raw[raw.length - 1] ?? '';
  const metadata = raw.length > 1 && (METADATA_LAST.has(last) || raw.some((t, i) => i > 0 && /^expir/.test(t)));
  for (const term of TERMS) {
    const at = containsSeq(toks, term.tokens);
    if (at < 0) continue;
    // A safe marker anywhere in the name (password_hash, hashed_password, api_key_digest), except when the term is the marker itself.
    const safe = raw.some((t, i) => SAFE_MARKERS.has(t) && (i < at || i >= at + term.tokens.length));
    return { category: term.category, term: term.text, safe, metadata };
  }
  return { category: 'none', safe: false, metadata: false };
}

/** H8: credential / pii / card / none. Names with a safe marker or a metadata suffix are `none`. */
export function sensitivity(name: string): Sensitivity {
  const d = sensitivityDetail(name);
  if (d.category === 'none' || d.safe || d.metadata) return 'none';
  return d.category;
}

// ---------------------------------------------------------------------------------------------------------------
// H9: reserved words

/** H9: a PostgreSQL 18 reserved keyword (catcode R, or T: reserved but usable as function or type name). */
export function isReservedWord(name: string): boolean {
  const w = name.toLowerCase();
  return RESERVED_KEYWORDS.has(w) || TYPE_FUNC_KEYWORDS.has(w);
}

/** Rewrite a name in the given convention (`snake`: `first_name`, `camel`: `firstName`, `pascal`: `FirstName`). */
export function toCase(name: string, c: NameCase): string {
  const snake = toSnakeCase(name);
  const parts = snake.split('_').filter(Boolean);
  switch (c) {
    case 'camel':
      return parts.map((p, i) => (i === 0 ? p : p.charAt(0).toUpperCase() + p.slice(1))).join('') || snake;
    case 'pascal':
      return parts.map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('') || snake;
    case 'upper_snake':
      return snake.toUpperCase();
    default:
      return snake;
  }
}
