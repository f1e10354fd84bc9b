import type { Diagnostic } from '../../model/diagnostics';

/**
 * Decode file bytes as UTF-8 (PostgreSQL's client_encoding for pg_dump files). Invalid sequences become U+FFFD and
 * the first one is reported with its line:column, instead of failing the whole import. A UTF-8 BOM is dropped.
 */
export function decodeSqlBytes(bytes: Uint8Array): { text: string; diagnostics: Diagnostic[] } {
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = start ? bytes.subarray(start) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), diagnostics: [] };
  } catch {
    const bad = firstInvalidUtf8(body);
    const prefix = new TextDecoder('utf-8').decode(body.subarray(0, bad));
    const line = prefix.split('\n').length;
    const column = prefix.length - prefix.lastIndexOf('\n');
    return {
      text: new TextDecoder('utf-8').decode(body),
      diagnostics: [{ severity: 'warning', code: 'invalid-utf8', message: `Invalid UTF-8 at byte ${bad + start} (replaced by U+FFFD); is the file in another encoding?`, line, column, start: prefix.length }],
    };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
