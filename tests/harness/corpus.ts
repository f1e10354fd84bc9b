/**
 * The shared corpus of public schema files: `../shared/corpus/` beside the repository (read-only, never copied in).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file is tests/harness/corpus.ts). */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `<repo>/../shared/corpus`, or TABLEWRIGHT_CORPUS when set. */
export const corpusDir = process.env.TABLEWRIGHT_CORPUS ?? path.resolve(repoRoot, '../shared/corpus');

export function corpusAvailable(): boolean {
  return existsSync(corpusDir);
}

/** Names (without `.sql`) of the corpus files, sorted. */
export function corpusNames(): string[] {
  if (!corpusAvailable()) return [];
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function readCorpus(name: string): string {
  return readFileSync(path.join(corpusDir, `${name}.sql`), 'utf8');
}
