import type { Index, Table } from '../../model/types';
import type { Finding, QuickFix, Rule } from '../types';
import { utf8Length, MAX_IDENT_BYTES } from '../../sql/ident';
import { finding, fitName, renameColumnFix, renameConstraintFix, renameIndexFix, renameTableFix } from './support.type-name-aud-sec';
import { defaultConstraintName, defaultIndexName } from './support-names.type-name-aud-sec';

const long = (n: string) => n.length > 21 && utf8Length(n) > MAX_IDENT_BYTES;

const why = 'PostgreSQL keeps only the first 63 bytes of a name (with just a NOTICE): the object gets a different name than the one in your code and migrations, and two long names that share a prefix collide.';

// Byte lengths for the generated-name bounds (unknown column ids count as the longest possible name).
function colBytes(t: Table, id: string): number {
  for (const c of t.columns) if (c.id === id) return utf8Length(c.name);
  return MAX_IDENT_BYTES;
}
function maxColBytes(t: Table): number {
  let n = 0;
  for (const c of t.columns) n = Math.max(n, utf8Length(c.name));
  return n;
}
/** `_<col>` parts of `<table>_<cols>_key|fkey`. */
function keyColBytes(t: Table, ids: readonly string[]): number {
  let n = 0;
  for (const id of ids) n += 1 + colBytes(t, id);
  return n;
}
/** `_<col|expr>` parts of `<table>_<cols>_idx`. */
function indexColBytes(t: Table, ix: Index): number {
  let n = 0;
  for (const e of ix.elements) n += 1 + (e.column ? colBytes(t, e.column) : 4);
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
    const out: Finding[] = [];
    // Closures only for reported names (module-level helpers below; per-table closures are the cost on large schemas).
    const check = (name: string, what: string, fix: (to: string) => QuickFix | undefined, col?: (typeof t.columns)[number], extra?: Record<string, string>) => {
      const to = fitName(name);
      out.push(finding(rule, ctx, t, col, `${what} name ${name} is ${utf8Length(name)} bytes, over PostgreSQL's 63-byte limit; shorten it.`, why, { fix: () => fix(to), extra }));
    };
    const tableBytes = utf8Length(t.name);
    // `long` first: the fix closures are only made for names that are reported.
    if (long(t.name)) check(t.name, 'Table', (to) => renameTableFix(ctx, t, to));
    for (const c of t.columns) if (!c.inherited && long(c.name)) check(c.name, 'Column', (to) => renameColumnFix(ctx, t, c, to), c);
    for (const ix of t.indexes) {
      if (ix.name) {
        if (long(ix.name)) check(ix.name, 'Index', (to) => renameIndexFix(ctx, t, ix, to), undefined, { indexId: ix.id });
      } else if (tableBytes + indexColBytes(t, ix) + 4 > MAX_IDENT_BYTES) {
        const gen = defaultIndexName(t, ix);
        if (long(gen))
          out.push(
            finding(rule, ctx, t, undefined, `The generated index name ${gen} is over 63 bytes and will be shortened by PostgreSQL; give the index an explicit name.`, why, {
              severity: 'warning',
              fix: () => renameIndexFix(ctx, t, ix, fitName(gen)),
              extra: { indexId: ix.id },
            }),
          );
      }
    }
    for (const k of t.constraints) {
      if (k.name) {
        if (long(k.name)) check(k.name, 'Constraint', (to) => renameConstraintFix(ctx, t, k, to), undefined, { constraintId: k.id });
        // Generated names are `<table>_<columns>_<suffix>` (a CHECK names one column): skip those that surely fit.
      } else if (k.kind === 'exclude' || tableBytes + (k.kind === 'check' ? maxColBytes(t) + 1 : keyColBytes(t, k.columns)) + 6 > MAX_IDENT_BYTES) {
        const gen = defaultConstraintName(t, k);
        if (long(gen))
          out.push(
            finding(rule, ctx, t, undefined, `The generated constraint name ${gen} is over 63 bytes and will be shortened by PostgreSQL; give the constraint an explicit name.`, why, {
              severity: 'warning',
              fix: () => renameConstraintFix(ctx, t, k, fitName(gen)),
              extra: { constraintId: k.id },
            }),
          );
      }
    }
    return out;
  },
};
