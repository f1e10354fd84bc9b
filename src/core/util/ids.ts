/** Stable object ids: short, random, URL- and JSON-safe. Tests may install a deterministic generator. */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

declare const crypto: { getRandomValues<T extends Uint8Array>(a: T): T } | undefined;

// Random bytes are drawn in blocks: one getRandomValues call per id costs more than the rest of an import.
const POOL = new Uint8Array(12 * 1024);
let poolPos = POOL.length;

function refill(): void {
  if (typeof crypto !== 'undefined' && crypto?.getRandomValues) crypto.getRandomValues(POOL);
  else for (let i = 0; i < POOL.length; i++) POOL[i] = Math.floor(Math.random() * 256);
  poolPos = 0;
}

function randomId(): string {
  if (poolPos + 12 > POOL.length) refill();
  let s = '';
  for (let i = 0; i < 12; i++) s += ALPHABET[POOL[poolPos++]! % 62];
  return s;
}

let generator: () => string = randomId;

/** A new id with a readable kind prefix, e.g. `t_8fK2…` for tables. */
export function newId(prefix: string): string {
  return `${prefix}_${generator()}`;
}

/** Replace the generator (tests: deterministic ids). Returns a function that restores the previous one. */
export function setIdGenerator(next: () => string): () => void {
  const prev = generator;
  generator = next;
  return () => {
    generator = prev;
  };
}

/** A deterministic generator: 1, 2, 3, ... in base 36. */
export function counterIds(): () => string {
  let n = 0;
  return () => (++n).toString(36);
}
