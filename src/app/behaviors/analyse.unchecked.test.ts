/** When the PL/pgSQL check fails, the preview is the error message, never the unchecked SQL. */
import { describe, expect, it, vi } from 'vitest';
import { newDocument } from '../../core/document/document';
import { History } from '../../core/commands/history';
import { addTable } from '../../core/commands/schema';
import { enableUpdatedAt } from '../../core/triggers/commands';
import { analyseBehaviors } from './analyse';

vi.mock('../../core/triggers/check', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../core/triggers/check')>();
  return {
    ...orig,
    checkPlpgsql: (sql: string) => {
      throw new orig.TriggerGeneratorError('generated PL/pgSQL does not parse: syntax error at or near "RETURN"', sql);
    },
  };
});

describe('analyseBehaviors when the PL/pgSQL check fails', () => {
  it('answers an error preview with the message and no SQL', () => {
    const h = new History();
    const out: { id?: string } = {};
    let doc = h.apply(newDocument(), addTable({ name: 'posts' }, out)).doc;
    doc = h.apply(doc, enableUpdatedAt(out.id!)).doc;
    const a = analyseBehaviors(doc.schema, out.id!);
    expect(a.preview).toEqual({ kind: 'error', message: 'generated PL/pgSQL does not parse: syntax error at or near "RETURN"' });
  });
});
