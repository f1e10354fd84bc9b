import { removeColumn } from '../../commands/schema';
import { primaryKey } from '../../model/query';
import type { Column, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, compose, createTableCommand, finding, freshTableName, colRef, qTable, quoteIdent, referenceType } from './idx-nf-util';

/** Tokens where the digit is part of the word, not a position. */
const DIGIT_WORDS = /^(sha\d*|md\d|base\d+|utf\d+|x\d{3}|ipv[46]|oauth\d|s3|h3|e164|iso\d*|p\d{2}|l10n|i18n|2fa|mp[34]|h26\d|v\d|crc\d+|fips\d+|k8s|b2b|b2c|p2p|ec2|r2|g[345]|[345]g|\d+d|\d+x\d+|f\d+|utf)$/i;
const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'primary', 'secondary', 'tertiary'];
const REPORT_TABLE = /report|stat|summary|metric|kpi|agg/i;

interface Member {
  column: Column;
  n: number;
}

function groups(t: Table): Map<string, { ordinal: boolean; members: Member[] }> {
  const out = new Map<string, { ordinal: boolean; members: Member[] }>();
  const add = (base: string, ordinal: boolean, column: Column, n: number) => {
    const k = `${ordinal ? 'o' : 'n'}:${base}`;
    let g = out.get(k);
    if (!g) out.set(k, (g = { ordinal, members: [] }));
    g.members.push({ column, n });
  };
  for (const c of t.columns) {
    const p = parseMember(c.name);
    if (!p) continue;
    if (p.period && REPORT_TABLE.test(t.name)) continue;
    add(p.base, p.ordinal, c, p.n);
  }
  return out;
}

/** What a column name says about group membership (names repeat across tables: cached per name). */
const parseMember = memoByString((colName: string): { base: string; ordinal: boolean; n: number; period: boolean } | null => {
  const name = colName.toLowerCase();
  const m = /^(.*?[a-z])_?(\d+)$/.exec(name);
  if (m) {
    const lastTok = name.split('_').pop()!;
    const base = m[1]!.replace(/_+$/, '');
    if (DIGIT_WORDS.test(lastTok) || DIGIT_WORDS.test(`${base.split('_').pop()}${m[2]}`)) return null;
    // Periods (q1, m2, month_3, ...) are not repeating groups in report tables.
    const period = /^[qmhw]$/.test(base) || /^(q|m|h|month|quarter|week|year|day|hour)$/.test(base);
    return { base, ordinal: false, n: Number(m[2]), period };
  }
  const o = /^([a-z]+)_(.+)$/.exec(name);
  if (o && ORDINALS.includes(o[1]!)) return { base: o[2]!, ordinal: true, n: (ORDINALS.indexOf(o[1]!) % 5) + 1, period: false };
  return null;
});

function fixFor(ctx: RuleContext, t: Table, base: string, members: Member[]): QuickFix | undefined {
  const pk = primaryKey(t);
  if (!pk || pk.columns.length !== 1) return undefined;
  const pkCol = t.columns.find((c) => c.id === pk.columns[0]);
  const first = members[0]!.column;
  if (!pkCol || members.some((m) => m.column.type !== first.type)) return undefined;
  const stem = ctx.helpers.tableStem(t);
  const name = freshTableName(ctx.model, t.schemaId, `${stem}_${ctx.helpers.names.plural(base)}`);
  const fkName = `${stem}_${pkCol.name}`;
  const valueName = base === fkName || base === 'position' ? `${base}_value` : base;
  const cmd = compose(`Move ${members.map((m) => m.column.name).join(', ')} to ${name}`, [
    createTableCommand({
      schemaId: t.schemaId,
      name,
      near: t.id,
      columns: [
        { name: fkName, type: referenceType(pkCol), nullable: false },
        { name: 'position', type: 'smallint', nullable: false },
        { name: valueName, type: first.type, nullable: false, typeRef: first.typeRef },
      ],
      primaryKey: [0, 1],
      foreignKeys: [{ columns: [0], refTableId: t.id, refColumns: [pkCol.id], onDelete: 'cascade' }],
    }),
    ...members.map((m) => removeColumn(t.id, m.column.id)),
  ]);
  const qt = qTable(ctx.model, t);
  const schema = qt.slice(0, qt.lastIndexOf('.'));
  const qn = `${schema}.${quoteIdent(name)}`;
  const sql = [
    `CREATE TABLE ${qn} (\n  ${quoteIdent(fkName)} ${referenceType(pkCol)} NOT NULL REFERENCES ${qt} (${quoteIdent(pkCol.name)}) ON DELETE CASCADE,\n  position smallint NOT NULL,\n  ${quoteIdent(valueName)} ${first.type} NOT NULL,\n  PRIMARY KEY (${quoteIdent(fkName)}, position)\n);`,
    `INSERT INTO ${qn} (${quoteIdent(fkName)}, position, ${quoteIdent(valueName)})\n` +
      members.map((m, i) => `  SELECT ${quoteIdent(pkCol.name)}, ${i + 1}, ${quoteIdent(m.column.name)} FROM ${qt} WHERE ${quoteIdent(m.column.name)} IS NOT NULL`).join('\n  UNION ALL\n') +
      ';',
    `ALTER TABLE ${qt} ${members.map((m) => `DROP COLUMN ${quoteIdent(m.column.name)}`).join(', ')};`,
  ].join('\n');
  return { label: `Move to a child table ${name}`, sql, command: cmd };
}

/**
 * NF-01 (1NF): at least two columns that share a base after stripping a trailing number or a leading ordinal
 * (phone1/phone2, tag_1/tag_2, first_choice/second_choice, primary_email/secondary_email). Exempt: digits that are
 * part of a word (sha256, ipv4, oauth2, p95, …), q1..q4 / m01..m12 in report/stats tables. address_line1/2 is the
 * postal convention: info. Confidence is called high with 3+ columns, a gap in the numbers, or differing types.
 * Fix (single-column PK, same types): a child table (<stem>_<items>) with (fk, position, value), data move, drop.
 */
export const rule: Rule = {
  id: 'NF-01',
  slug: 'repeating-group-columns',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'Numbered or ordinal columns (phone1, phone2, …) that hold a list in separate columns, breaking first normal form.',
  checkTable(t, ctx) {
    // A group needs two member columns: most tables have none (names are parsed once per name, nothing allocated).
    let members = 0;
    for (let i = 0; i < t.columns.length; i++) if (parseMember(t.columns[i]!.name)) members++;
    if (members < 2) return NONE;
    const out: Finding[] = [];
    for (const [key, g] of groups(t)) {
      if (g.members.length < 2) continue;
      const base = key.slice(2);
      const nums = g.members.map((m) => m.n).sort((a, b) => a - b);
      const gap = nums.some((n, i) => i > 0 && n !== nums[i - 1]! + 1);
      const typesDiffer = new Set(g.members.map((m) => m.column.type)).size > 1;
      const high = g.members.length >= 3 || gap || typesDiffer;
      const postal = /^(address_?)?line$|^address$|^street$/.test(base);
      const names = g.members.map((m) => m.column.name);
      out.push(
        finding(
          'NF-01',
          postal ? 'info' : 'warning',
          colRef(ctx, t, g.members[0]!.column),
          `${t.name} has repeating columns ${names.join(', ')}${high ? ' (high confidence)' : ''}${postal ? ', a common postal-address convention' : ''}.`,
          postal
            ? 'Numbered address lines are an accepted convention; a separate table is only worth it if the number of lines really varies.'
            : `A list stored as numbered columns caps the number of values, makes "find by ${base}" search every column, and leaves gaps. A child table with one row per value has no limit and can be indexed.`,
          postal || g.ordinal ? undefined : fixFor(ctx, t, base, g.members),
        ),
      );
    }
    return out;
  },
};
export default rule;
