import type { Column, Constraint, Index, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { utf8Length, MAX_IDENT_BYTES } from '../../sql/ident';
import { finding, fitName, renameColumnFix, renameConstraintFix, renameIndexFix, renameTableFix } from './support.type-name-aud-sec';
import { add, defaultConstraintName, defaultIndexName, nameOf, NONE } from './support-names.type-name-aud-sec';

const long = (n: string) => n.length > 21 && utf8Length(n) > MAX_IDENT_BYTES;

const why = 'PostgreSQL keeps only the first 63 bytes of a name (with just a NOTICE): the object gets a different name than the one in your code and migrations, and two long names that share a prefix collide.';

// Byte lengths for the generated-name bounds (unknown column ids count as the longest possible name).
function colBytes(t: Table, id: string): number {
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) if (cols[i]!.id === id) return utf8Length(cols[i]!.name);
  return MAX_IDENT_BYTES;
}
function maxColBytes(t: Table): number {
  let n = 0;
  const cols = t.columns;
  for (let i = 0; i < cols.length; i++) n = Math.max(n, utf8Length(cols[i]!.name));
  return n;
}
/** `_<col>` parts of `<table>_<cols>_key|fkey`. */
function keyColBytes(t: Table, ids: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < ids.length; i++) n += 1 + colBytes(t, ids[i]!);
  return n;
}
/** `_<col|expr>` parts of `<table>_<cols>_idx`. */
function indexColBytes(t: Table, ix: Index): number {
  let n = 0;
  const els = ix.elements;
  for (let i = 0; i < els.length; i++) {
    const col = els[i]!.column;
    n += 1 + (col ? colBytes(t, col) : 4);
  }
  return n;
}

/** NAME-04: identifiers longer than 63 bytes, including generated constraint and index names. */
export const rule: Rule = {
  id: 'NAME-04',
  slug: 'identifier-too-long',
  group: 'NAME',
  defaultSeverity: 'error',
  scope: 'column',
  description: 'An identifier longer than 63 bytes: PostgreSQL silently truncates it, so two long names can collide and the name in the database differs from the design.',
  checkTable(t, ctx) {
    // `long` and the byte bounds first: messages and fix closures are only made (in module-level functions, so that no
    // closure context is allocated per call) for names that are reported.
    let out: Finding[] | undefined;
    const tableBytes = utf8Length(t.name);
    if (long(t.name)) out = add(out, tableFinding(ctx, t));
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.inherited && long(c.name)) out = add(out, columnFinding(ctx, t, c));
    }
    const ixs = t.indexes;
    for (let i = 0; i < ixs.length; i++) {
      const ix = ixs[i]!;
      if (ix.name) {
        if (long(ix.name)) out = add(out, indexFinding(ctx, t, ix));
      } else if (tableBytes + indexColBytes(t, ix) + 4 > MAX_IDENT_BYTES) {
        const f = generatedIndexFinding(ctx, t, ix);
        if (f) out = add(out, f);
      }
    }
    const ks = t.constraints;
    for (let i = 0; i < ks.length; i++) {
      const k = ks[i]!;
      const n = nameOf(k);
      if (n) {
        if (long(n)) out = add(out, constraintFinding(ctx, t, k));
        // Generated names are `<table>_<columns>_<suffix>` (a CHECK names one column): skip those that surely fit.
      } else if (k.kind === 'exclude' || tableBytes + (k.kind === 'check' ? maxColBytes(t) + 1 : keyColBytes(t, k.columns)) + 6 > MAX_IDENT_BYTES) {
        const f = generatedConstraintFinding(ctx, t, k);
        if (f) out = add(out, f);
      }
    }
    return out ?? NONE;
  },
};

function nameFinding(ctx: RuleContext, t: Table, name: string, what: string, fix: (to: string) => QuickFix | undefined, col?: Column, extra?: Record<string, string>): Finding {
  const to = fitName(name);
  return finding(rule, ctx, t, col, `${what} name ${name} is ${utf8Length(name)} bytes, over PostgreSQL's 63-byte limit; shorten it.`, why, { fix: () => fix(to), extra });
}
function tableFinding(ctx: RuleContext, t: Table): Finding {
  return nameFinding(ctx, t, t.name, 'Table', (to) => renameTableFix(ctx, t, to));
}
function columnFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  return nameFinding(ctx, t, c.name, 'Column', (to) => renameColumnFix(ctx, t, c, to), c);
}
function indexFinding(ctx: RuleContext, t: Table, ix: Index): Finding {
  return nameFinding(ctx, t, ix.name!, 'Index', (to) => renameIndexFix(ctx, t, ix, to), undefined, { indexId: ix.id });
}
function constraintFinding(ctx: RuleContext, t: Table, k: Constraint): Finding {
  return nameFinding(ctx, t, k.name!, 'Constraint', (to) => renameConstraintFix(ctx, t, k, to), undefined, { constraintId: k.id });
}

/** An index or constraint without a name whose generated name `gen` is over 63 bytes (PostgreSQL would shorten it). */
function generatedFinding(ctx: RuleContext, t: Table, gen: string, what: 'index' | 'constraint', fix: () => QuickFix | undefined, extra: Record<string, string>): Finding {
  return finding(rule, ctx, t, undefined, `The generated ${what} name ${gen} is over 63 bytes and will be shortened by PostgreSQL; give the ${what} an explicit name.`, why, {
    severity: 'warning',
    fix,
    extra,
  });
}
function generatedIndexFinding(ctx: RuleContext, t: Table, ix: Index): Finding | undefined {
  const gen = defaultIndexName(t, ix);
  if (!long(gen)) return undefined;
  return generatedFinding(ctx, t, gen, 'index', () => renameIndexFix(ctx, t, ix, fitName(gen)), { indexId: ix.id });
}
function generatedConstraintFinding(ctx: RuleContext, t: Table, k: Constraint): Finding | undefined {
  const gen = defaultConstraintName(t, k);
  if (!long(gen)) return undefined;
  return generatedFinding(ctx, t, gen, 'constraint', () => renameConstraintFix(ctx, t, k, fitName(gen)), { constraintId: k.id });
}
