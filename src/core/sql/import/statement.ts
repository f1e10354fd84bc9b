/** One top-level statement handed from the import driver to a converter. */
export interface StatementInfo {
  /** Parser node type (the single key of the libpg-query `stmt` object), e.g. `CreateStmt`. */
  nodeType: string;
  /** The node itself: `parseResult.stmts[i].stmt[nodeType]`. */
  node: any;
  /** Statement text exactly as written in the source, without the trailing semicolon. */
  sql: string;
  /** 0-based character (UTF-16) offsets of the statement in the whole source text, [start, end). */
  start: number;
  end: number;
  /** Index of the statement in the source (0-based, counts every statement incl. skipped ones). */
  index: number;
  /**
   * Convert a raw `location` value found in THIS statement's AST (libpg-query reports UTF-8 byte offsets relative
   * to the text that was parsed, which may be a batch of many statements) to a 0-based character offset in the
   * whole source text. Use it for diagnostics that point inside the statement.
   */
  locate(byteLocation: number | undefined): number;
  /** Same input as `locate`, but returns the 0-based character offset within `sql` (for slicing source text). */
  sqlOffset(byteLocation: number | undefined): number;
}
