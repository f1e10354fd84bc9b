/**
 * The diagram (or a selection of it) as a standalone SVG, built from the document and the canvas projection's
 * geometry — no DOM capture, no network, no fonts to fetch. Every name is escaped as text.
 */
import { Position, getSmoothStepPath } from '@xyflow/react';
import type { TablewrightDocument } from '../../core/document/document';
import type { Id } from '../../core/model/types';
import { createEdgeProjection, createNodeProjection, type RelationEdge, type TableNode } from '../canvas/projection';
import { HEADER_H, ROW_H, rowCenterY } from '../canvas/geometry';

export interface SvgExportOptions {
  theme: 'light' | 'dark';
  /** Only these tables (and the relationships between them); all when absent or empty. */
  only?: readonly Id[];
  /** Space around the drawing, in diagram units. */
  padding?: number;
}

export interface SvgExport {
  svg: string;
  width: number;
  height: number;
  tables: number;
}

interface Palette {
  canvas: string;
  nodeBg: string;
  header: string;
  border: string;
  text: string;
  muted: string;
  edge: string;
  badges: Record<string, [string, string]>;
}

const PALETTES: Record<'light' | 'dark', Palette> = {
  light: {
    canvas: '#f4f5f8',
    nodeBg: '#ffffff',
    header: '#f7f8fb',
    border: '#dde1e7',
    text: '#171a21',
    muted: '#5d6675',
    edge: '#98a1b0',
    badges: { PK: ['#fff4d6', '#8a5a00'], FK: ['#e3efff', '#1d4fb8'], UQ: ['#f1e8ff', '#6b2fc7'], NN: ['#eef0f3', '#4b5563'], IDX: ['#dcf6ef', '#0b6b55'] },
  },
  dark: {
    canvas: '#0f1116',
    nodeBg: '#181b22',
    header: '#1e222b',
    border: '#2d323d',
    text: '#e7e9ee',
    muted: '#9aa3b2',
    edge: '#5d6574',
    badges: { PK: ['#3a2f12', '#f3c75a'], FK: ['#15294a', '#8bb8ff'], UQ: ['#2c1f4a', '#c6a6ff'], NN: ['#262a33', '#aab2c0'], IDX: ['#113a31', '#6fdcbf'] },
  },
};

const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'Liberation Sans', Arial, sans-serif";
const MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";

/** Text and attribute escaping: names are data, never markup. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Colours come from validated documents, but are still restricted to plain CSS colour syntax here. */
function safeColor(c: string | undefined, fallback: string): string {
  return c && /^(#[0-9a-f]{3,8}|[a-z]+|(rgb|hsl)a?\([0-9.,%\s/]+\))$/i.test(c.trim()) ? c.trim() : fallback;
}

/** Shorten a string to fit `maxPx` at `chPx` per character. */
function fit(s: string, maxPx: number, chPx: number): string {
  const max = Math.max(1, Math.floor(maxPx / chPx));
  return s.length <= max ? s : s.slice(0, Math.max(1, max - 1)) + '…';
}

const r1 = (n: number) => Math.round(n * 10) / 10;

/** The same small spread as the canvas edges (keeps shared channels apart). */
function spread(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (Math.abs(h) % 5) - 2;
}

function markers(p: Palette): string {
  const s = `stroke="${p.edge}" stroke-width="1.6" fill="none"`;
  const c = (cx: number) => `<circle cx="${cx}" cy="10" r="3.8" stroke="${p.edge}" stroke-width="1.6" fill="${p.canvas}"/>`;
  const m = (id: string, body: string) =>
    `<marker id="${id}" viewBox="0 0 24 20" markerWidth="24" markerHeight="20" refX="22" refY="10" orient="auto-start-reverse" markerUnits="userSpaceOnUse">${body}</marker>`;
  return [
    m('x-one', `<path d="M11 3.5v13M16 3.5v13M0 10h22" ${s}/>`),
    m('x-zero-one', `<path d="M0 10h22M16 3.5v13" ${s}/>${c(8)}`),
    m('x-zero-many', `<path d="M0 10h22M12 10L22 3M12 10L22 17" ${s} stroke-linecap="round"/>${c(6)}`),
  ].join('');
}

function handlePoint(node: TableNode, handle: string | null | undefined): { x: number; y: number; pos: Position } | null {
  const h = node.handles?.find((x) => x.id === handle);
  if (!h) return null;
  return { x: node.position.x + h.x + (h.width ?? 1) / 2, y: node.position.y + h.y + (h.height ?? 1) / 2, pos: h.position };
}

function edgeSvg(e: RelationEdge, byId: Map<Id, TableNode>): string {
  const src = byId.get(e.source);
  const dst = byId.get(e.target);
  if (!src || !dst) return '';
  const a = handlePoint(src, e.sourceHandle);
  const b = handlePoint(dst, e.targetHandle);
  if (!a || !b) return '';
  const centerX = a.pos !== b.pos ? (a.x + b.x) / 2 + spread(e.id) * Math.min(10, Math.abs(b.x - a.x) / 12) : undefined;
  const [d] = getSmoothStepPath({
    sourceX: a.x,
    sourceY: a.y,
    targetX: b.x,
    targetY: b.y,
    sourcePosition: a.pos,
    targetPosition: b.pos,
    borderRadius: 10,
    offset: e.data?.selfRef ? 36 : 28,
    ...(centerX !== undefined ? { centerX } : {}),
  });
  const start = e.data?.many ? 'x-zero-many' : 'x-zero-one';
  const end = e.data?.optional ? 'x-zero-one' : 'x-one';
  const dash = e.data?.optional ? ' stroke-dasharray="6 4"' : '';
  return `<path class="edge" d="${escapeXml(d)}"${dash} marker-start="url(#${start})" marker-end="url(#${end})"><title>${escapeXml(e.data?.label ?? '')}</title></path>`;
}

function nodeSvg(n: TableNode, p: Palette): string {
  const w = n.width ?? 240;
  const h = n.height ?? 100;
  const { x, y } = n.position;
  const d = n.data;
  const accent = d.color ? safeColor(d.color, '') : '';
  const out: string[] = [];
  out.push(`<g class="table" transform="translate(${r1(x)} ${r1(y)})">`);
  out.push(`<title>${escapeXml(`${d.schemaName}.${d.name}`)}</title>`);
  out.push(`<rect width="${w}" height="${h}" rx="10" fill="${p.nodeBg}" stroke="${p.border}"/>`);
  // Header: a rounded top, squared off at the bottom edge.
  out.push(`<path d="M0.5 10a9.5 9.5 0 0 1 9.5-9.5h${w - 20}a9.5 9.5 0 0 1 9.5 9.5v${HEADER_H - 10.5}h-${w - 1}z" fill="${p.header}"/>`);
  if (accent) {
    out.push(`<path d="M0.5 10a9.5 9.5 0 0 1 9.5-9.5h${w - 20}a9.5 9.5 0 0 1 9.5 9.5v${HEADER_H - 10.5}h-${w - 1}z" fill="${escapeXml(accent)}" fill-opacity="0.14"/>`);
    out.push(`<path d="M0.5 10a9.5 9.5 0 0 1 9.5-9.5h${w - 20}a9.5 9.5 0 0 1 9.5 9.5v-6.5z" fill="${escapeXml(accent)}"/>`);
  }
  out.push(`<line x1="0.5" x2="${w - 0.5}" y1="${HEADER_H}" y2="${HEADER_H}" stroke="${p.border}"/>`);
  const schemaTxt = `${d.schemaName}.`;
  const nameTxt = fit(d.name, w - 24 - schemaTxt.length * 7.1, 7.7);
  out.push(
    `<text x="12" y="${HEADER_H / 2 + 4.5}" font-size="13" font-family="${SANS}"><tspan fill="${p.muted}">${escapeXml(schemaTxt)}</tspan><tspan fill="${p.text}" font-weight="650">${escapeXml(nameTxt)}</tspan></text>`,
  );
  d.rows.forEach((row, i) => {
    const cy = rowCenterY(i);
    const ty = cy + 4.2;
    let right = w - 10;
    const badges: string[] = [];
    for (let k = row.badges.length - 1; k >= 0; k--) {
      const b = row.badges[k]!;
      const bw = b.length * 6 + 8;
      right -= bw;
      const [bg, fg] = p.badges[b] ?? p.badges.NN!;
      badges.push(
        `<rect x="${right}" y="${cy - 8}" width="${bw}" height="16" rx="4" fill="${bg}"/><text x="${right + bw / 2}" y="${cy + 3.5}" text-anchor="middle" font-size="9.5" font-weight="700" font-family="${SANS}" fill="${fg}">${b}</text>`,
      );
      right -= 3;
    }
    const avail = right - 6 - 12 - 10;
    const typeTxt = fit(row.type, Math.max(avail * 0.4, avail - row.name.length * 7.1), 6.9);
    const typeRight = right - 6;
    const nameMax = typeRight - typeTxt.length * 6.9 - 10 - 12;
    const key = row.badges.includes('PK');
    out.push(
      `<text x="12" y="${ty}" font-size="12.5" font-family="${SANS}" fill="${p.text}"${key ? ' font-weight="620"' : ''}>${escapeXml(fit(row.name, nameMax, 7.1))}</text>`,
      `<text x="${typeRight}" y="${ty}" text-anchor="end" font-size="11.5" font-family="${MONO}" fill="${p.muted}">${escapeXml(typeTxt)}</text>`,
      ...badges,
    );
    if (i > 0) out.push(`<line x1="12" x2="${w - 10}" y1="${cy - ROW_H / 2}" y2="${cy - ROW_H / 2}" stroke="${p.border}" stroke-opacity="0.45"/>`);
  });
  out.push('</g>');
  return out.join('');
}

/** Build the SVG. Throws nothing; an empty selection of an empty diagram gives a small blank image. */
export function buildSvg(doc: TablewrightDocument, opts: SvgExportOptions): SvgExport {
  const p = PALETTES[opts.theme];
  const pad = opts.padding ?? 48;
  const allNodes = createNodeProjection()(doc.schema, doc.layout);
  const only = opts.only && opts.only.length ? new Set(opts.only) : null;
  const nodes = only ? allNodes.filter((n) => only.has(n.id)) : allNodes;
  const edges = createEdgeProjection()(doc.schema, nodes);
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const areas = Object.values(doc.layout.areas ?? {}).filter((a) => !only || a.members.some((m) => only.has(m)));
  const notes = only ? [] : Object.values(doc.layout.notes ?? {});

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const grow = (x: number, y: number, w: number, h: number) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + w);
    maxY = Math.max(maxY, y + h);
  };
  for (const n of nodes) grow(n.position.x, n.position.y, n.width ?? 240, n.height ?? 100);
  for (const a of areas) grow(a.x, a.y, a.width, a.height);
  for (const s of notes) grow(s.x, s.y, s.width, s.height);
  if (!Number.isFinite(minX)) {
    minX = minY = 0;
    maxX = maxY = 1;
  }
  minX -= pad;
  minY -= pad;
  const width = Math.ceil(maxX + pad - minX);
  const height = Math.ceil(maxY + pad - minY);

  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${r1(minX)} ${r1(minY)} ${width} ${height}" role="img" aria-label="${escapeXml(doc.name)}">`,
  );
  parts.push(`<title>${escapeXml(doc.name)}</title>`);
  parts.push(`<defs>${markers(p)}</defs>`);
  parts.push(`<rect x="${r1(minX)}" y="${r1(minY)}" width="${width}" height="${height}" fill="${p.canvas}"/>`);
  for (const a of areas) {
    const c = escapeXml(safeColor(a.color, p.muted));
    parts.push(
      `<g class="area"><rect x="${a.x}" y="${a.y}" width="${a.width}" height="${a.height}" rx="14" fill="${c}" fill-opacity="0.08" stroke="${c}" stroke-opacity="0.5"/><text x="${a.x + 14}" y="${a.y + 22}" font-size="13" font-weight="650" font-family="${SANS}" fill="${c}">${escapeXml(fit(a.name, a.width - 28, 7.7))}</text></g>`,
    );
  }
  parts.push(`<g fill="none" stroke="${p.edge}" stroke-width="1.6">`);
  for (const e of edges) parts.push(edgeSvg(e, byId));
  parts.push('</g>');
  for (const n of nodes) parts.push(nodeSvg(n, p));
  for (const s of notes) {
    const lines = s.text.split('\n').slice(0, Math.max(1, Math.floor((s.height - 16) / 17)));
    parts.push(
      `<g class="note"><rect x="${s.x}" y="${s.y}" width="${s.width}" height="${s.height}" rx="6" fill="${escapeXml(safeColor(s.color, '#fff4b8'))}"/>` +
        lines.map((l, i) => `<text x="${s.x + 10}" y="${s.y + 22 + i * 17}" font-size="12.5" font-family="${SANS}" fill="#3b3212">${escapeXml(fit(l, s.width - 20, 7))}</text>`).join('') +
        '</g>',
    );
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), width, height, tables: nodes.length };
}
