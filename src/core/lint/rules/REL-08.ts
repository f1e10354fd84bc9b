import { quoteIdent } from '../../sql/ident';
import type { Constraint, ForeignKey, Index, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { colList, colName, colNames, cref, fix, freshName, mk, newId, NONE, qt, tableCmd } from './key-rel-util';

const DIFFERS = /(<>|!=|is\s+distinct\s+from)/i;

function mentions(expr: string, name: string): boolean {
  return new RegExp(`(^|[^a-z0-9_])"?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?($|[^a-z0-9_])`, 'i').test(expr);
}

/** REL-08: a self-referencing FK (parent_id) without an index or a "not its own parent" CHECK. */
export const rule: Rule = {
  id: 'REL-08',
  slug: 'adjacency-list-guardrails',
  group: 'REL',
  defaultSeverity: 'info',
  scope: 'relation',
  description: 'A tree stored as parent_id lacks an index for child lookups or a check that a row is not its own parent.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const fks = ctx.helpers.outgoing(t);
    for (let i = 0; i < fks.length; i++) {
      const fk = fks[i]!;
      if (fk.refTableId !== t.id) continue;
      const f = selfReference(ctx, t, fk);
      if (f) (out ??= []).push(f);
    }
    return out ?? NONE;
  },
};

/** The finding for a self-referencing FK without an index or a "not its own parent" check. */
function selfReference(ctx: RuleContext, t: Table, fk: ForeignKey): Finding | undefined {
  if (fk.columns.every((c, i) => c === fk.refColumns[i])) return undefined; // REL-07
  const indexed = ctx.helpers.isCovered(t, fk.columns);
  let checked = true;
  if (fk.columns.length === 1) {
    const a = colName(t, fk.columns[0]!);
    const b = colNames(t, fk.refColumns)[0]!;
    checked = t.constraints.some((c) => c.kind === 'check' && mentions(c.expr, a) && mentions(c.expr, b) && DIFFERS.test(c.expr));
  }
  if (indexed && checked) return undefined;
  const c = t.columns.find((x) => x.id === fk.columns[0]);
  if (!c) return undefined;
  const q = qt(ctx.model, t);
  const names = colNames(t, fk.columns);
  const idxName = freshName(t, `${t.name}_${names.join('_')}_idx`);
  const chkName = freshName(t, `${t.name}_not_own_parent`);
  const refName = colNames(t, fk.refColumns)[0] ?? 'id';
  const sql: string[] = [];
  if (!indexed) sql.push(`CREATE INDEX ${quoteIdent(idxName)} ON ${q} (${colList(t, fk.columns)});`);
  if (!checked) sql.push(`ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(chkName)} CHECK (${quoteIdent(c.name)} IS DISTINCT FROM ${quoteIdent(refName)});`);
  const missing = [!indexed ? 'an index' : '', !checked ? `a CHECK that ${c.name} differs from ${refName}` : ''].filter(Boolean).join(' and ');
  const label = `Add ${missing}`;
  return mk('REL-08', 'info', cref(ctx, t, c, { constraintId: fk.id }), `Self-reference ${t.name}.${names.join(', ')} lacks ${missing}.`,
    'Trees stored as parent_id need an index to find children (and to delete parents without scanning), and a check so that a row cannot be its own parent. For deep tree queries consider ltree or a closure table.',
    fix(label, sql.join('\n'), tableCmd(label, t.id, (tt, d) => {
      if (!indexed) tt.indexes.push({ id: newId('i'), name: idxName, unique: false, method: 'btree', elements: fk.columns.map((column) => ({ column })), seq: d.schema.nextSeq++ } as Index);
      if (!checked) tt.constraints.push({ id: newId('k'), kind: 'check', name: chkName, expr: `${quoteIdent(c.name)} IS DISTINCT FROM ${quoteIdent(refName)}` } as Constraint);
    })));
}
