/** A message about input (SQL or a document file), with a position when there is one. Never thrown. */
export interface Diagnostic {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based line and column (columns count UTF-16 code units, like editors do). */
  line?: number;
  column?: number;
  /** 0-based character offsets into the input, [start, end). */
  start?: number;
  end?: number;
  /** Machine-readable code, e.g. `syntax`, `unsupported`, `skipped-data`, `unresolved`. */
  code: string;
}
