/**
 * Apply a whole SQL file the way `psql -f file` does (no -1, ON_ERROR_STOP off): statement by statement, each sent
 * on its own, carrying on after an error. Transactions behave as under psql because the server does the work: an
 * error inside BEGIN ... leaves the transaction aborted ("current transaction is aborted, commands ignored until end
 * of transaction block") until ROLLBACK/COMMIT, and a transaction still open at the end of the file is rolled back
 * (psql disconnects). psql meta-commands (`\c db`, `\set`, ...) are skipped, and so are `COPY ... FROM stdin` with
 * their data (rows are not catalog).
 *
 * For speed, runs of plain statements outside a transaction block are sent in one `exec` (an implicit transaction);
 * if such a batch fails it is rolled back by the server and replayed one statement at a time, so the outcome and the
 * error list are exactly those of the one-by-one run.
 */
import type { PGlite } from '@electric-sql/pglite';
import { splitSql } from '../../src/core/sql/import/split';

export interface ApplyError {
  /** 0-based index of the statement among the file's statements (meta-commands and COPY data not counted). */
  index: number;
  /** 1-based line of the statement's first token. */
  line: number;
  message: string;
  /** SQLSTATE, when the server gave one. */
  code?: string;
  /** Statement text (no trailing `;`, leading comments removed). */
  sql: string;
}

export interface ApplyResult {
  /** Statements sent to the server (COPY FROM stdin and meta-commands excluded). */
  statements: number;
  errors: ApplyError[];
  /** Things psql would do that we do not: meta-commands and COPY FROM stdin statements. */
  skipped: { line: number; kind: 'meta' | 'copy'; text: string }[];
  /** A transaction block was still open at the end of the file and was rolled back, as when psql exits. */
  rolledBackAtEnd: boolean;
}

export interface ApplyOptions {
  /** Max statements per batch; 1 disables batching. Default 500. */
  batchSize?: number;
  /** Roll back a transaction left open at the end (psql's behaviour on exit). Default true. */
  rollbackAtEnd?: boolean;
}

interface Stmt {
  index: number;
  line: number;
  sql: string;
  batchable: boolean;
}

export async function applyLikePsql(db: PGlite, sql: string, options: ApplyOptions = {}): Promise<ApplyResult> {
  const batchSize = Math.max(1, options.batchSize ?? 500);
  const lineOf = lineIndex(sql);
  const result: ApplyResult = {
    statements: 0,
    errors: [],
    skipped: [],
    rolledBackAtEnd: false,
  };

  const stmts: Stmt[] = [];
  let index = 0;
  for (const seg of splitSql(sql)) {
    if (seg.kind === 'copy-data') continue;
    const raw = sql.slice(seg.start, seg.end);
    const lead = skipTrivia(raw, 0);
    const body = raw.slice(lead).trimEnd();
    const line = lineOf(seg.start + lead);
    if (seg.kind === 'meta') {
      result.skipped.push({ line, kind: 'meta', text: body });
      continue;
    }
    if (body === '' || skipTrivia(body, 0) >= body.length) continue; // only comments: psql sends nothing
    const i = index++;
    if (/^copy\b[\s\S]*\bfrom\s+stdin\b/i.test(body)) {
      result.skipped.push({ line, kind: 'copy', text: body });
      continue;
    }
    stmts.push({ index: i, line, sql: body, batchable: isBatchable(body) });
  }

  const runOne = async (s: Stmt): Promise<void> => {
    result.statements++;
    try {
      await db.exec(s.sql);
    } catch (err) {
      result.errors.push({ index: s.index, line: s.line, message: errorMessage(err), code: errorCode(err), sql: s.sql });
    }
  };

  let k = 0;
  while (k < stmts.length) {
    const first = stmts[k]!;
    if (batchSize === 1 || !first.batchable || db.isInTransaction()) {
      await runOne(first);
      k++;
      continue;
    }
    let e = k + 1;
    while (e < stmts.length && e - k < batchSize && stmts[e]!.batchable) e++;
    if (e - k === 1) {
      await runOne(first);
      k++;
      continue;
    }
    const batch = stmts.slice(k, e);
    // Each statement on its own lines: a trailing `--` comment must not swallow the separator.
    const text = batch.map((s) => s.sql).join('\n;\n');
    let ok = false;
    try {
      await db.exec(text);
      ok = true;
    } catch {
      ok = false;
    }
    if (ok && !db.isInTransaction()) {
      result.statements += batch.length;
    } else {
      if (db.isInTransaction()) await db.exec('ROLLBACK'); // cannot happen for batchable statements; be safe
      for (const s of batch) await runOne(s);
    }
    k = e;
  }

  if ((options.rollbackAtEnd ?? true) && db.isInTransaction()) {
    await db.exec('ROLLBACK');
    result.rolledBackAtEnd = true;
  }
  return result;
}

/**
 * Statements that behave the same alone and inside a multi-statement implicit transaction. Excluded: transaction
 * control, statements that refuse or change meaning in a transaction block (CREATE DATABASE, VACUUM, CONCURRENTLY,
 * LOCK, DECLARE, SET LOCAL, CALL/DO that may COMMIT, ...) and COPY.
 */
function isBatchable(sql: string): boolean {
  const words = leadingWords(sql, 3);
  const [w0 = '', w1 = '', w2 = ''] = words;
  switch (w0) {
    case 'INSERT':
    case 'UPDATE':
    case 'DELETE':
    case 'COMMENT':
    case 'GRANT':
    case 'REVOKE':
    case 'SELECT':
    case 'TRUNCATE':
      return true;
    case 'SET':
      return !['LOCAL', 'TRANSACTION', 'CONSTRAINTS', 'SESSION'].includes(w1);
    case 'CREATE':
    case 'ALTER':
    case 'DROP': {
      const obj = w1 === 'UNIQUE' || w1 === 'OR' ? w2 : w1;
      if (['DATABASE', 'TABLESPACE', 'SUBSCRIPTION', 'SYSTEM'].includes(obj)) return false;
      if (/\bconcurrently\b/i.test(sql.slice(0, 200))) return false;
      return true;
    }
    default:
      return false;
  }
}

function leadingWords(sql: string, n: number): string[] {
  const out: string[] = [];
  const re = /[A-Za-z_]+/y;
  let i = 0;
  while (out.length < n) {
    i = skipTrivia(sql, i);
    re.lastIndex = i;
    const m = re.exec(sql);
    if (!m) break;
    out.push(m[0].toUpperCase());
    i = re.lastIndex;
  }
  return out;
}

function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Group errors by message for test output: `[count, message, first line]`, most frequent first. */
export function groupErrors(errors: ApplyError[]): { count: number; message: string; firstLine: number }[] {
  const m = new Map<string, { count: number; message: string; firstLine: number }>();
  for (const e of errors) {
    const g = m.get(e.message);
    if (g) g.count++;
    else m.set(e.message, { count: 1, message: e.message, firstLine: e.line });
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.firstLine - b.firstLine);
}

/** Offset of the first character at or after `i` that is not whitespace or inside a comment. */
function skipTrivia(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\ufeff') i++;
    else if (c === '-' && text[i + 1] === '-') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      let depth = 0;
      while (i < n) {
        if (text[i] === '/' && text[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (text[i] === '*' && text[i + 1] === '/') {
          i += 2;
          if (--depth === 0) break;
        } else i++;
      }
    } else break;
  }
  return i;
}
