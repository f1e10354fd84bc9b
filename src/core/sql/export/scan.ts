/**
 * Cheap lexical reference scan for SQL expression text (defaults, CHECKs, index expressions, ...).
 *
 * No parser: identifiers followed by `(` are matched against known function names, string literals against known
 * sequence names (`nextval('s'::regclass)`). False positives only add harmless ordering edges.
 */

interface Named {
  key: string;
  schema: string | undefined;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
}

function isIdentChar(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

/** Split a regclass-style literal (`s."My Seq"`) into unquoted parts; unquoted parts fold to lower case. */
function parseQualified(text: string): string[] | null {
  const parts: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    if (text[i] === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= n) return null;
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j];
        j++;
      }
      parts.push(s);
      i = j + 1;
    } else {
      let j = i;
      while (j < n && text[j] !== '.') j++;
      const raw = text.slice(i, j).trim();
      if (!raw) return null;
      parts.push(raw.toLowerCase());
      i = j;
    }
    if (i < n) {
      if (text[i] !== '.') return null;
      i++;
    }
  }
  return parts.length ? parts : null;
}

export class RefIndex {
  private funcs = new Map<string, Named[]>();
  private seqs = new Map<string, Named[]>();

  addFunction(schema: string | undefined, name: string, key: string): void {
    push(this.funcs, name, { key, schema });
  }

  addSequence(schema: string, name: string, key: string): void {
    push(this.seqs, name, { key, schema });
  }

  get empty(): boolean {
    return this.funcs.size === 0 && this.seqs.size === 0;
  }

  /** Add the keys of every known function / sequence `text` appears to reference to `out`. */
  scan(text: string | undefined, out: Set<string>): void {
    if (!text || this.empty) return;
    const n = text.length;
    let i = 0;
    let qual: string | undefined;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (c === 39 /* ' */) {
        i = this.literal(text, i, false, out);
        qual = undefined;
        continue;
      }
      if (c === 45 /* - */ && text.charCodeAt(i + 1) === 45) {
        const e = text.indexOf('\n', i);
        i = e < 0 ? n : e + 1;
        continue;
      }
      if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42) {
        const e = text.indexOf('*/', i + 2);
        i = e < 0 ? n : e + 2;
        continue;
      }
      if (c === 36 /* $ */) {
        const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 66));
        if (m) {
          const e = text.indexOf(m[0], i + m[0].length);
          i = e < 0 ? n : e + m[0].length;
        } else i++;
        qual = undefined;
        continue;
      }
      let name: string | undefined;
      if (c === 34 /* " */) {
        let j = i + 1;
        let s = '';
        while (j < n) {
          const e = text.indexOf('"', j);
          if (e < 0) {
            j = n;
            break;
          }
          s += text.slice(j, e);
          if (text.charCodeAt(e + 1) === 34) {
            s += '"';
            j = e + 2;
          } else {
            j = e + 1;
            break;
          }
        }
        name = s;
        i = j;
      } else if (isIdentStart(c)) {
        let j = i + 1;
        while (j < n && isIdentChar(text.charCodeAt(j))) j++;
        name = text.slice(i, j).toLowerCase();
        i = j;
        if (name === 'e' && text.charCodeAt(i) === 39) {
          i = this.literal(text, i, true, out);
          qual = undefined;
          continue;
        }
      } else {
        i++;
        qual = undefined;
        continue;
      }
      // after an identifier: qualification dot or call parenthesis?
      let k = i;
      while (k < n && isSpace(text.charCodeAt(k))) k++;
      const next = text.charCodeAt(k);
      if (next === 46 /* . */) {
        qual = name;
        i = k + 1;
        continue;
      }
      if (next === 40 /* ( */) {
        const cands = this.funcs.get(name);
        if (cands) for (const f of cands) if (!qual || !f.schema || f.schema === qual) out.add(f.key);
      }
      qual = undefined;
    }
  }

  private literal(text: string, start: number, escape: boolean, out: Set<string>): number {
    const n = text.length;
    let j = start + 1;
    let s = '';
    while (j < n) {
      const ch = text[j];
      if (escape && ch === '\\') {
        s += text[j + 1] ?? '';
        j += 2;
        continue;
      }
      if (ch === "'") {
        if (text[j + 1] === "'") {
          s += "'";
          j += 2;
          continue;
        }
        j++;
        break;
      }
      s += ch;
      j++;
    }
    if (this.seqs.size && s.length < 200) {
      const parts = parseQualified(s);
      if (parts && parts.length <= 2) {
        const name = parts[parts.length - 1]!;
        const schema = parts.length === 2 ? parts[0] : undefined;
        const cands = this.seqs.get(name);
        if (cands) for (const q of cands) if (!schema || q.schema === schema) out.add(q.key);
      }
    }
    return j;
  }
}

function push(map: Map<string, Named[]>, name: string, v: Named): void {
  const list = map.get(name);
  if (list) list.push(v);
  else map.set(name, [v]);
}
