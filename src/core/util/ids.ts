/** Stable object ids: short, random, URL- and JSON-safe. Tests may install a deterministic generator. */

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

declare const crypto: { getRandomValues<T extends Uint8Array>(a: T): T } | undefined;

function randomId(): string {
  const bytes = new Uint8Array(12);
  if (typeof crypto !== 'undefined' && crypto?.getRandomValues) crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += ALPHABET[bytes[i]! % 62];
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
