/**
 * Splits a SQL file into statements the way psql does before sending them to the server: by top-level semicolons,
 * respecting quotes, dollar quotes, comments, parentheses and `BEGIN ATOMIC ... END` bodies. psql meta-commands
 * (`\connect`, `\restrict`, `\set`, ...) and `COPY ... FROM stdin` data blocks become segments of their own.
 * Offsets are character (UTF-16) offsets into the input, so nothing shifts.
 */

export interface Segment {
  kind: 'statement' | 'meta' | 'copy-data';
  /** [start, end): for statements, from the first significant character to just before the terminating `;`. */
  start: number;
  end: number;
  /** Statements: whether a `;` ended it (false for a trailing statement without one). */
  terminated: boolean;
  /** First word, lower case (`create`, `alter`, `insert`, `copy`, ...); meta-commands: the command (`\connect`). */
  keyword: string;
  /** Set when the statement runs into the end of the input inside a quote or comment. */
  unterminated?: { what: 'quoted string' | 'quoted identifier' | 'dollar-quoted string' | 'comment'; at: number };
}

const enum C {
  TAB = 9,
  LF = 10,
  CR = 13,
  SPACE = 32,
  DQUOTE = 34,
  DOLLAR = 36,
  SQUOTE = 39,
  LPAREN = 40,
  RPAREN = 41,
  STAR = 42,
  DASH = 45,
  SLASH = 47,
  SEMI = 59,
  BACKSLASH = 92,
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}
function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === C.DOLLAR;
}
function isSpace(c: number): boolean {
  return c === C.SPACE || c === C.LF || c === C.CR || c === C.TAB || c === 12 || c === 11;
}

export function splitSql(text: string): Segment[] {
  const out: Segment[] = [];
  const n = text.length;
  let i = 0;
  // State of the statement being built.
  let stmtStart = -1;
  let keyword = '';
  let secondWordPending = false;
  let isRoutine = false; // CREATE [OR REPLACE] FUNCTION|PROCEDURE: track BEGIN ... END (psql does the same)
  let wordIndex = 0;
  let words: string[] = [];
  let parenDepth = 0;
  let beginDepth = 0;
  let copyFromStdin = false;

  const finish = (end: number, terminated: boolean, unterminated?: Segment['unterminated']) => {
    if (stmtStart >= 0) {
      const seg: Segment = { kind: 'statement', start: stmtStart, end, terminated, keyword };
      if (unterminated) seg.unterminated = unterminated;
      out.push(seg);
    }
    const wasCopy = copyFromStdin && terminated;
    stmtStart = -1;
    keyword = '';
    secondWordPending = false;
    isRoutine = false;
    wordIndex = 0;
    words = [];
    parenDepth = 0;
    beginDepth = 0;
    copyFromStdin = false;
    return wasCopy;
  };

  const startIfNeeded = (pos: number) => {
    if (stmtStart < 0) stmtStart = pos;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    // -- line comment
    if (c === C.DASH && text.charCodeAt(i + 1) === C.DASH) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    // /* block comment */ (nests in PostgreSQL)
    if (c === C.SLASH && text.charCodeAt(i + 1) === C.STAR) {
      const at = i;
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const d = text.charCodeAt(i);
        if (d === C.STAR && text.charCodeAt(i + 1) === C.SLASH) {
          depth--;
          i += 2;
        } else if (d === C.SLASH && text.charCodeAt(i + 1) === C.STAR) {
          depth++;
          i += 2;
        } else i++;
      }
      if (depth > 0) {
        if (stmtStart >= 0) finish(n, false, { what: 'comment', at });
        else out.push({ kind: 'statement', start: at, end: n, terminated: false, keyword: '', unterminated: { what: 'comment', at } });
        return out;
      }
      continue;
    }
    // psql meta-command: a backslash when no statement is in progress; runs to the end of the line.
    if (c === C.BACKSLASH && stmtStart < 0) {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? n : nl;
      let e = end;
      while (e > i && isSpace(text.charCodeAt(e - 1))) e--;
      const m = /^\\[A-Za-z!?.]*/.exec(text.slice(i, Math.min(e, i + 40)));
      out.push({ kind: 'meta', start: i, end: e, terminated: true, keyword: m ? m[0] : '\\' });
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === C.SEMI) {
      if (parenDepth > 0 || beginDepth > 0) {
        i++;
        continue;
      }
      const wasCopy = finish(i, true);
      i++;
      if (wasCopy) {
        // Data follows on the next line, up to a line that is exactly `\.` (or the end of input).
        const nl = text.indexOf('\n', i);
        if (nl < 0) continue;
        const dataStart = nl + 1;
        let p = dataStart;
        let end = n;
        let next = n;
        while (p < n) {
          const lineEnd = text.indexOf('\n', p);
          const le = lineEnd < 0 ? n : lineEnd;
          let lineTextEnd = le;
          if (lineTextEnd > p && text.charCodeAt(lineTextEnd - 1) === C.CR) lineTextEnd--;
          if (lineTextEnd - p === 2 && text.charCodeAt(p) === C.BACKSLASH && text.charCodeAt(p + 1) === 46) {
            end = p;
            next = lineEnd < 0 ? n : lineEnd + 1;
            break;
          }
          p = lineEnd < 0 ? n : lineEnd + 1;
        }
        if (p >= n) {
          end = n;
          next = n;
        }
        out.push({ kind: 'copy-data', start: dataStart, end, terminated: end < n, keyword: 'copy' });
        i = next;
      }
      continue;
    }
    startIfNeeded(i);
    if (c === C.SQUOTE) {
      // Standard string; E'' strings allow backslash escapes (the prefix was consumed as a word char before).
      const at = i;
      const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
      const escapes = (prev === 69 || prev === 101) && (i < 2 || !isIdentChar(text.charCodeAt(i - 2)));
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (escapes && d === C.BACKSLASH) {
          i += 2;
          continue;
        }
        if (d === C.SQUOTE) {
          if (text.charCodeAt(i + 1) === C.SQUOTE) {
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        i++;
      }
      if (!closed) {
        finish(n, false, { what: 'quoted string', at });
        return out;
      }
      continue;
    }
    if (c === C.DQUOTE) {
      const at = i;
      const close = findDoubleQuoteEnd(text, i + 1);
      if (close < 0) {
        finish(n, false, { what: 'quoted identifier', at });
        return out;
      }
      i = close + 1;
      wordIndex++;
      continue;
    }
    if (c === C.DOLLAR) {
      // $tag$ ... $tag$ (not $1 parameters)
      let j = i + 1;
      if (j < n && isIdentStart(text.charCodeAt(j))) {
        while (j < n && isIdentChar(text.charCodeAt(j)) && text.charCodeAt(j) !== C.DOLLAR) j++;
      }
      if (j < n && text.charCodeAt(j) === C.DOLLAR) {
        const tag = text.slice(i, j + 1);
        const close = text.indexOf(tag, j + 1);
        if (close < 0) {
          finish(n, false, { what: 'dollar-quoted string', at: i });
          return out;
        }
        i = close + tag.length;
        continue;
      }
      i++;
      while (i < n && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
      continue;
    }
    if (c === C.LPAREN) {
      parenDepth++;
      i++;
      continue;
    }
    if (c === C.RPAREN) {
      if (parenDepth > 0) parenDepth--;
      i++;
      continue;
    }
    if (isIdentStart(c)) {
      const ws = i;
      i++;
      while (i < n && isIdentChar(text.charCodeAt(i))) i++;
      if (wordIndex < 4 || isRoutine) {
        const w = text.slice(ws, i).toLowerCase();
        if (wordIndex === 0) {
          keyword = w;
          secondWordPending = true;
        } else if (secondWordPending) secondWordPending = false;
        if (wordIndex < 4) words.push(w);
        if (wordIndex < 4 && words[0] === 'create' && (w === 'function' || w === 'procedure')) isRoutine = true;
        if (isRoutine && parenDepth === 0) {
          if (w === 'begin' || w === 'case') beginDepth++;
          else if (w === 'end' && beginDepth > 0) beginDepth--;
        }
      }
      if (keyword === 'copy' && !copyFromStdin) {
        const w = text.slice(ws, i).toLowerCase();
        if (w === 'stdin' && /\bfrom\s*$/i.test(text.slice(Math.max(stmtStart, ws - 40), ws))) copyFromStdin = true;
      }
      wordIndex++;
      continue;
    }
    // Any other character (operators, digits, punctuation). A backslash inside a statement is just text here.
    i++;
  }
  finish(n, false);
  return out;
}

function findDoubleQuoteEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    const q = text.indexOf('"', i);
    if (q < 0) return -1;
    if (text.charCodeAt(q + 1) === C.DQUOTE) {
      i = q + 2;
      continue;
    }
    return q;
  }
}
