import type { Finding, Rule } from '../types';
import { utf8Length, MAX_IDENT_BYTES } from '../../sql/ident';
import { finding, renameConstraintFix, renameIndexFix } from './support.type-name-aud-sec';
import { defaultConstraintName, defaultIndexName, SUFFIX } from './support-names.type-name-aud-sec';

function follows(name: string, table: string, suffixes: string[]): boolean {
  if (utf8Length(name) >= MAX_IDENT_BYTES) return true; // shortened by PostgreSQL: cannot tell
  const lower = name.toLowerCase();
  if (!lower.startsWith(table.toLowerCase() + '_')) return false;
  return suffixes.some((s) => new RegExp(`_${s}\\d*$`).test(lower));
}

/** NAME-09: index and constraint names not in PostgreSQL's `<table>_<cols>_<suffix>` scheme. */
export const rule: Rule = {
  id: 'NAME-09',
  slug: 'constraint-index-naming',
  group: 'NAME',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'User-supplied index or constraint names that do not follow `<table>_<columns>_{pkey|key|fkey|idx|check|excl}`.',
  checkTable(t, ctx) {
    const out: Finding[] = [];
    const why = 'Predictable names tell you from an error message alone which table and columns a violated constraint or a slow index belongs to, and let migrations refer to them without looking them up.';
    for (const ix of t.indexes) {
      if (!ix.name || follows(ix.name, t.name, ['idx', 'key', 'index', 'uidx', 'uniq', 'gin', 'gist', 'brin', 'trgm'])) continue;
      const to = defaultIndexName(t, ix);
      out.push(finding(rule, ctx, t, undefined, `Index ${ix.name} does not follow the <table>_<columns>_idx scheme; rename it to ${to}.`, why, { fix: () => renameIndexFix(ctx, t, ix, to), extra: { indexId: ix.id } }));
    }
    for (const k of t.constraints) {
      if (!k.name) continue;
      const suffixes = k.kind === 'unique' ? ['key', 'unique', 'uniq', 'uq'] : k.kind === 'check' ? ['check', 'chk', 'len'] : [SUFFIX[k.kind]];
      if (follows(k.name, t.name, suffixes)) continue;
      const to = defaultConstraintName(t, k);
      out.push(
        finding(rule, ctx, t, undefined, `Constraint ${k.name} does not follow the <table>_<columns>_${SUFFIX[k.kind]} scheme; rename it to ${to}.`, why, {
          fix: () => renameConstraintFix(ctx, t, k, to),
          extra: { constraintId: k.id },
        }),
      );
    }
    return out;
  },
};
