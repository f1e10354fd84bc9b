/**
 * Differences between two catalog snapshots (or any plain JSON values), as readable `path: left ≠ right` lines.
 *
 * Records are compared key by key; arrays of objects with a `name` (columns, composite attributes) are matched by
 * name, with a separate "(order)" line when the names are in a different order; other arrays are compared whole.
 * Long multi-line strings (function bodies, view queries) are shown at their first differing line.
 */
import type { Catalog } from './catalog';

export interface CatalogDifference {
  /** e.g. `tables["public.film"].columns.title.default` */
  path: string;
  /** undefined = absent on that side. */
  left: unknown;
  right: unknown;
}

export function diffCatalogs(a: Catalog | unknown, b: Catalog | unknown): CatalogDifference[] {
  const out: CatalogDifference[] = [];
  walk(a, b, '', out);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isNamedArray(v: unknown): v is { name: string }[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => isRecord(x) && typeof x.name === 'string');
}

function seg(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function join(path: string, key: string): string {
  const s = seg(key);
  return path === '' && s.startsWith('.') ? s.slice(1) : path + s;
}

function walk(a: unknown, b: unknown, path: string, out: CatalogDifference[]): void {
  if (a === b) return;
  if (isRecord(a) && isRecord(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    for (const k of keys) walk(a[k], b[k], join(path, k), out);
    return;
  }
  if ((isNamedArray(a) || (Array.isArray(a) && a.length === 0)) && (isNamedArray(b) || (Array.isArray(b) && b.length === 0)) && (isNamedArray(a) || isNamedArray(b))) {
    const la = a as { name: string }[];
    const lb = b as { name: string }[];
    const ma = new Map(la.map((x) => [x.name, x]));
    const mb = new Map(lb.map((x) => [x.name, x]));
    if (ma.size === la.length && mb.size === lb.length) {
      const names = [...la.map((x) => x.name), ...lb.map((x) => x.name).filter((n) => !ma.has(n))];
      for (const n of names) walk(ma.get(n), mb.get(n), join(path, n), out);
      const common = (l: { name: string }[], other: Map<string, unknown>) => l.map((x) => x.name).filter((n) => other.has(n));
      const oa = common(la, mb);
      const ob = common(lb, ma);
      if (oa.join('\u0000') !== ob.join('\u0000')) out.push({ path: `${path} (order)`, left: oa, right: ob });
      return;
    }
  }
  if (Array.isArray(a) && Array.isArray(b) && JSON.stringify(a) === JSON.stringify(b)) return;
  out.push({ path, left: a, right: b });
}

function show(v: unknown, max = 160): string {
  if (v === undefined) return '(absent)';
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** One line for a difference; multi-line strings are shown at their first differing line. */
export function formatDifference(d: CatalogDifference): string {
  if (typeof d.left === 'string' && typeof d.right === 'string' && (d.left.includes('\n') || d.right.includes('\n') || d.left.length > 160)) {
    const la = d.left.split('\n');
    const lb = d.right.split('\n');
    let i = 0;
    while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
    return `${d.path} (line ${i + 1}): ${show(la[i] ?? '(end)')} ≠ ${show(lb[i] ?? '(end)')}`;
  }
  return `${d.path}: ${show(d.left)} ≠ ${show(d.right)}`;
}

/** The differences as text, at most `maxLines` lines (then "… and N more"). Empty string when equal. */
export function formatCatalogDiff(diffs: CatalogDifference[], maxLines = 30): string {
  if (diffs.length === 0) return '';
  const lines = diffs.slice(0, maxLines).map(formatDifference);
  if (diffs.length > maxLines) lines.push(`… and ${diffs.length - maxLines} more difference(s)`);
  return lines.join('\n');
}

/** Throw a readable error when two catalogs differ (for tests: `assertSameCatalog(before, after, 'round trip')`). */
export function assertSameCatalog(expected: Catalog, actual: Catalog, label = 'catalogs'): void {
  const diffs = diffCatalogs(expected, actual);
  if (diffs.length) {
    throw new Error(`${label} differ in ${diffs.length} place(s) (left = expected, right = actual):\n${formatCatalogDiff(diffs)}`);
  }
}
