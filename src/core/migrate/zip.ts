/**
 * The files of one migration in a chosen format plus its Markdown change report, as a list or as one zip archive
 * (fflate: plain JavaScript, no DOM, so it runs in Node, workers and pages alike).
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import { changeReport, formatMigration, type MigrationFile, type MigrationFormat, type ReportInput } from './formats';

/** File name of the Markdown change report placed beside the migration files. */
export const REPORT_FILE = 'CHANGES.md';

/** The format's files followed by the change report (whose checklist is ticked only from `input.verified`). */
export function migrationBundle(format: MigrationFormat, input: ReportInput): MigrationFile[] {
  return [...formatMigration(format, input), { path: REPORT_FILE, content: changeReport(input) }];
}

export interface ZipOptions {
  /** Folder every file is placed in inside the archive (no folder when absent or empty). */
  root?: string;
  /** Modification time written for every entry (default now); fixed for reproducible archives. */
  mtime?: Date | string | number;
}

/** A zip archive holding `files` (paths with `/` separators, UTF-8 contents), deflated. */
export function zipFiles(files: readonly MigrationFile[], opts: ZipOptions = {}): Uint8Array {
  const root = (opts.root ?? '').replace(/^\/+|\/+$/g, '');
  const tree: Zippable = {};
  const seen = new Set<string>();
  for (const f of files) {
    const path = (root ? `${root}/` : '') + f.path.replace(/^\/+/, '');
    if (!path || path.split('/').some((p) => p === '..' || p === '.' || p === '')) throw new Error(`Bad file path in migration bundle: ${f.path}`);
    if (seen.has(path)) throw new Error(`Duplicate file in migration bundle: ${path}`);
    seen.add(path);
    // flat keys with slashes make fflate write the folders as part of each entry name
    tree[path] = [strToU8(f.content), { mtime: opts.mtime ?? new Date() }];
  }
  return zipSync(tree, { level: 6 });
}
