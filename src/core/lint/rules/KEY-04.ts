import { quoteIdent } from '../../sql/ident';
import type { Column, Index, IndexElement, Table } from '../../model/types';
import type { CandidateKey } from '../helpers/index';
import type { Finding, Rule, RuleContext } from '../types';
import { colList, column, constraintName, cref, fix, indexName, mk, newId, NONE, qt, tableCmd } from './key-rel-util';

const EMAIL = /(^|_)email(_address)?$/i;
const CI_COLLATION = /nondeterministic|ci|case/i;
const CI_COMMENT = /(lower|case)/i;

/** KEY-04: a UNIQUE on a plain text / varchar email: `A@x.com` and `a@x.com` both get in. */
export const rule: Rule = {
  id: 'KEY-04',
  slug: 'case-sensitive-email-uniqueness',
  group: 'KEY',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'An email column is unique case-sensitively, so the same address in another letter case is accepted as different.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const keys = ctx.helpers.candidateKeys(t);
    for (let ki = 0; ki < keys.length; ki++) {
      const k = keys[ki]!;
      if (k.source === 'primary') continue;
      for (let j = 0; j < k.columns.length; j++) {
        const c = column(t, k.columns[j]!);
        if (!c || !EMAIL.test(c.name)) continue;
        const ti = ctx.helpers.typeInfo(c.type);
        if (ti.family !== 'string' || ti.base === 'citext' || ti.array) continue;
        if (c.collation && CI_COLLATION.test(c.collation)) continue;
        if (c.comment && CI_COMMENT.test(c.comment)) continue; // documented: normalised before insert
        (out ??= []).push(finding(ctx, t, k, c));
      }
    }
    return out ?? NONE;
  },
};

function finding(ctx: RuleContext, t: Table, k: CandidateKey, c: Column): Finding {
  // Rebuilding as an expression index is impossible if an FK references this key.
  const referenced = ctx.helpers.incoming(t.id).some(([, fk]) => fk.refColumns.length === k.columns.length && fk.refColumns.every((x) => k.columns.includes(x)));
  let fixIt;
  if (!referenced) {
    const q = qt(ctx.model, t);
    const elements: IndexElement[] = k.columns.map((x) => (x === c.id ? { expr: `lower(${quoteIdent(c.name)})` } : { column: x }));
    const newName = `${t.name}_${c.name}_lower_key`;
    const list = k.columns.map((x) => (x === c.id ? `lower(${quoteIdent(c.name)})` : colList(t, [x]))).join(', ');
    const con = t.constraints.find((x) => x.id === k.id);
    const ix = t.indexes.find((x) => x.id === k.id);
    const drop = con ? `ALTER TABLE ${q} DROP CONSTRAINT ${quoteIdent(constraintName(t, con))};` : ix ? `DROP INDEX ${quoteIdent(indexName(t, ix))};` : '';
    const label = `Make ${c.name} unique case-insensitively (lower())`;
    fixIt = fix(label, `${drop}\nCREATE UNIQUE INDEX ${quoteIdent(newName)} ON ${q} (${list})${k.where ? ` WHERE ${k.where}` : ''};`, tableCmd(label, t.id, (tt, d) => {
      tt.constraints = tt.constraints.filter((x) => x.id !== k.id);
      tt.indexes = tt.indexes.filter((x) => x.id !== k.id);
      const nix: Index = { id: newId('i'), name: newName, unique: true, method: 'btree', elements, seq: d.schema.nextSeq++ };
      if (k.where) nix.where = k.where;
      tt.indexes.push(nix);
    }));
  }
  return mk('KEY-04', 'info', cref(ctx, t, c, k.source === 'index' ? { indexId: k.id } : { constraintId: k.id }),
    `${t.name}.${c.name} is unique case-sensitively: "Ann@example.com" and "ann@example.com" count as different.`,
    'Email addresses are compared case-insensitively by people and mail systems. Use a unique index on lower(email) or the citext type, unless the application always lower-cases before insert (then say so in a column comment).',
    fixIt);
}
