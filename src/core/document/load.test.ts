import { describe, expect, it } from 'vitest';
import { loadDocument } from './load';
import { newDocument, serializeDocument, DOCUMENT_VERSION } from './document';
import { upgradeDocument } from './upgrades';
import { History } from '../commands/history';
import { addTable, connectTables } from '../commands/schema';

function sampleDoc() {
  const h = new History();
  let doc = newDocument('shop');
  const a: { id?: string } = {};
  const b: { id?: string } = {};
  doc = h.apply(doc, addTable({ name: 'customers' }, a)).doc;
  doc = h.apply(doc, addTable({ name: 'orders' }, b)).doc;
  doc = h.apply(doc, connectTables(b.id!, a.id!)).doc;
  return doc;
}

describe('loadDocument', () => {
  it('round-trips a saved document', () => {
    const doc = sampleDoc();
    const r = loadDocument(serializeDocument(doc));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.document).toEqual(doc);
  });
  it('reports invalid JSON with a position instead of throwing', () => {
    const r = loadDocument('{"format": "tablewright",\n "version": 1,,}');
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.code).toBe('invalid-json');
    expect(r.diagnostics[0]!.line).toBe(2);
  });
  it('rejects foreign files, newer versions and broken structure with clear messages', () => {
    expect(loadDocument('[1,2]').diagnostics[0]!.message).toMatch(/not an object/);
    expect(loadDocument('{"format":"drawdb"}').diagnostics[0]!.message).toMatch(/"format" is "drawdb"/);
    expect(loadDocument(`{"format":"tablewright","version":${DOCUMENT_VERSION + 1}}`).diagnostics[0]!.code).toBe('newer-version');
    const doc = JSON.parse(serializeDocument(sampleDoc()));
    const t: any = Object.values(doc.schema.tables)[0];
    t.columns[0].nullable = 'yes';
    const r = loadDocument(JSON.stringify(doc));
    expect(r.ok).toBe(false);
    expect(r.diagnostics[0]!.message).toMatch(/columns\[0\]\.nullable: expected true\/false/);
  });
  it('rejects dangling references and unsafe colours', () => {
    const doc = JSON.parse(serializeDocument(sampleDoc()));
    const orders: any = Object.values(doc.schema.tables).find((t: any) => t.name === 'orders');
    orders.constraints.find((c: any) => c.kind === 'foreign').refTableId = 'missing';
    expect(loadDocument(JSON.stringify(doc)).diagnostics.some((d) => /refTableId: unknown table/.test(d.message))).toBe(true);
    const doc2 = JSON.parse(serializeDocument(sampleDoc()));
    const node: any = Object.values(doc2.layout.nodes)[0];
    node.color = 'red;background:url(http://x)';
    expect(loadDocument(JSON.stringify(doc2)).diagnostics[0]!.message).toMatch(/not a colour/);
  });
  it('runs numbered upgrade steps in order and reports a missing step', () => {
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, renamed: d.old, old: undefined }),
      2: (d: Record<string, unknown>) => ({ ...d, extra: [d.renamed] }),
    };
    const r = upgradeDocument({ version: 1, old: 'x' }, 1, steps, 3);
    expect(r).toEqual({ ok: true, value: { version: 3, renamed: 'x', old: undefined, extra: ['x'] } });
    const missing = upgradeDocument({ version: 1 }, 1, { 2: steps[2] }, 3);
    expect(missing).toEqual({ ok: false, message: 'No upgrade step from document version 1 to 2' });
  });
});
