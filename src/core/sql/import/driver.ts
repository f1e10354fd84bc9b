/**
 * The import driver: split (psql rules) → skip data and meta-commands → parse with libpg-query (one call for the
 * whole file when it is valid; statement by statement when it is not, so one bad statement does not lose the rest)
 * → one StatementInfo per statement, with exact source positions.
 */
import { parseSync } from 'libpg-query';
import type { Diagnostic } from '../../model/diagnostics';
import { splitSql, type Segment } from './split';
import type { StatementInfo } from './statement';
import { byteToCharOffset, codePointToCharOffset, isAscii, LineIndex } from './positions';
import { utf8Length } from '../ident';

export interface ParseStats {
  /** Statements found by the splitter (including skipped data statements). */
  statements: number;
  /** INSERT statements skipped. */
  inserts: number;
  /** COPY ... FROM stdin statements skipped, and their data rows. */
  copies: number;
  copyRows: number;
  /** psql meta-commands ignored (\connect, \restrict, \set, ...). */
  metaCommands: number;
  /** Statements with a syntax error. */
  syntaxErrors: number;
  /** Milliseconds spent inside libpg-query. */
  parseMs: number;
}

export interface ParsedFile {
  statements: StatementInfo[];
  diagnostics: Diagnostic[];
  stats: ParseStats;
  lines: LineIndex;
}

interface Kept {
  seg: Segment;
  index: number;
  text: string;
  ascii: boolean;
  /** Byte offset of the segment text inside the batch that was parsed. */
  batchByte: number;
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** Only data-manipulation statements are skipped; everything else is parsed. */
const SKIPPED = new Set(['insert']);

export function parseFile(source: string): ParsedFile {
  const diagnostics: Diagnostic[] = [];
  const lines = new LineIndex(source);
  const stats: ParseStats = { statements: 0, inserts: 0, copies: 0, copyRows: 0, metaCommands: 0, syntaxErrors: 0, parseMs: 0 };
  const at = (start: number, end: number) => {
    const p = lines.position(start);
    return { start, end, line: p.line, column: p.column };
  };

  // NUL characters end a C string inside the parser: report them and parse them as spaces.
  let text = source;
  const nul = source.indexOf('\0');
  if (nul >= 0) {
    diagnostics.push({ severity: 'error', code: 'nul-character', message: 'NUL character in input (treated as a space)', ...at(nul, nul + 1) });
    text = source.replace(/\0/g, ' ');
  }

  const segments = splitSql(text);
  const kept: Kept[] = [];
  let index = 0;
  let metaNoted = false;
  for (const seg of segments) {
    if (seg.kind === 'meta') {
      stats.metaCommands++;
      if (!metaNoted) {
        metaNoted = true;
        diagnostics.push({ severity: 'info', code: 'meta-command', message: `psql meta-command ${seg.keyword} ignored`, ...at(seg.start, seg.end) });
      }
      continue;
    }
    if (seg.kind === 'copy-data') {
      let rows = 0;
      for (let p = text.indexOf('\n', seg.start); p >= 0 && p < seg.end; p = text.indexOf('\n', p + 1)) rows++;
      stats.copyRows += rows;
      continue;
    }
    const stmtIndex = index++;
    stats.statements++;
    if (seg.unterminated) {
      stats.syntaxErrors++;
      const u = seg.unterminated;
      diagnostics.push({ severity: 'error', code: 'syntax', message: `unterminated ${u.what} (runs to the end of the input)`, ...at(u.at, u.at + 1) });
      continue;
    }
    if (SKIPPED.has(seg.keyword)) {
      stats.inserts++;
      continue;
    }
    if (seg.keyword === 'copy' && /\bfrom\s+stdin\b/i.test(text.slice(seg.start, Math.min(seg.end, seg.start + 2000)))) {
      stats.copies++;
      continue;
    }
    const segText = text.slice(seg.start, seg.end);
    kept.push({ seg, index: stmtIndex, text: segText, ascii: isAscii(segText), batchByte: 0 });
  }
  if (stats.inserts || stats.copies) {
    const parts = [];
    if (stats.inserts) parts.push(`${stats.inserts} INSERT statement${stats.inserts === 1 ? '' : 's'}`);
    if (stats.copies) parts.push(`${stats.copies} COPY block${stats.copies === 1 ? '' : 's'} (${stats.copyRows} rows)`);
    diagnostics.push({ severity: 'info', code: 'skipped-data', message: `Skipped data: ${parts.join(' and ')}` });
  }

  const statements: StatementInfo[] = [];
  if (kept.length > 0) {
    // Fast path: the whole file in one parse.
    let byte = 0;
    const pieces: string[] = [];
    for (const k of kept) {
      k.batchByte = byte;
      pieces.push(k.text);
      byte += (k.ascii ? k.text.length : utf8Length(k.text)) + 2; // ";\n"
    }
    const batch = pieces.join(';\n') + ';';
    let result: any = null;
    const t0 = now();
    try {
      result = parseSync(batch);
    } catch {
      result = null;
    }
    stats.parseMs += now() - t0;
    if (result) {
      const starts = kept.map((k) => k.batchByte);
      for (const raw of result.stmts ?? []) {
        const loc: number = raw.stmt_location ?? 0;
        const len: number = raw.stmt_len ?? 0;
        const k = kept[findSegment(starts, loc + Math.max(len, 1) - 1)]!;
        pushStatements(statements, k, raw, k.batchByte);
      }
    } else {
      // Slow path: statement by statement, so every valid statement still imports.
      for (const k of kept) {
        const t1 = now();
        try {
          const r: any = parseSync(k.text + ';');
          stats.parseMs += now() - t1;
          for (const raw of r.stmts ?? []) pushStatements(statements, k, raw, 0);
        } catch (e: any) {
          stats.parseMs += now() - t1;
          stats.syntaxErrors++;
          const cp: number = e?.sqlDetails?.cursorPosition ?? 0;
          const off = k.seg.start + Math.min(codePointToCharOffset(k.text, cp), k.text.length);
          const raw = String(e?.sqlDetails?.message ?? e?.message ?? e);
          const msg = e instanceof RangeError || /call stack|memory exhausted/i.test(raw) ? `statement is nested too deeply to parse (${raw})` : raw;
          diagnostics.push({ severity: 'error', code: 'syntax', message: msg, ...at(off, off + 1) });
        }
      }
    }
  }
  for (const d of diagnostics) {
    if (d.start !== undefined && d.line === undefined) Object.assign(d, lines.position(d.start));
  }
  return { statements, diagnostics, stats, lines };
}

/** Index of the last start <= pos. */
function findSegment(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function pushStatements(out: StatementInfo[], k: Kept, raw: any, base: number): void {
  const stmt = raw.stmt ?? {};
  const nodeType = Object.keys(stmt)[0] ?? 'Unknown';
  const toLocal = (byteLoc: number | undefined): number => {
    const b = Math.max(0, (byteLoc ?? base) - base);
    return k.ascii ? Math.min(b, k.text.length) : byteToCharOffset(k.text, b);
  };
  // A segment normally holds exactly one statement; if the parser found several, cut the text accordingly.
  let sql = k.text;
  let localStart = 0;
  const loc: number | undefined = raw.stmt_location;
  const len: number | undefined = raw.stmt_len;
  if (loc !== undefined && len) {
    const s = toLocal(loc);
    const e = toLocal(loc + len);
    if (s > 0 || e < k.text.length) {
      const piece = k.text.slice(s, e);
      const lead = piece.length - piece.trimStart().length;
      localStart = s + lead;
      sql = piece.trim();
    }
  }
  const segStart = k.seg.start;
  const sqlStart = segStart + localStart;
  out.push({
    nodeType,
    node: stmt[nodeType],
    sql,
    start: sqlStart,
    end: sqlStart + sql.length,
    index: k.index,
    locate: (b) => segStart + toLocal(b),
    sqlOffset: (b) => Math.max(0, Math.min(sql.length, toLocal(b) - localStart)),
  });
}
