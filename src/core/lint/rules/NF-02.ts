import { removeColumn } from '../../commands/schema';
import { primaryKey } from '../../model/query';
import type { Column, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, colRef, compose, createTableCommand, family, finding, freshTableName, isArrayType, qTable, quoteIdent, referenceType } from './idx-nf-util';

const SCALAR_LIST = /^(tags|categories|emails|phones|recipients|roles|permissions|labels|keywords|scopes)$|_list$|_csv$/i;
const IDS_NAME = /_ids$|[a-z]Ids$/;
const IDS = 1;
const SCALAR = 2;
/** What a column name says: IDS (`*_ids`, `*Ids`) and / or SCALAR (a list name); cached per name. */
/** A necessary condition for a non-zero nameKind: the name ends in s (`_ids`, `Ids`, tags…), t (`_list`) or v (`_csv`), any case. */
function mayBeListName(name: string): boolean {
  const last = name.charCodeAt(name.length - 1) | 0x20;
  return last === 115 || last === 116 || last === 118;
}
const nameKind = memoByString((name: string): number => (IDS_NAME.test(name) ? IDS : 0) | (SCALAR_LIST.test(name) ? SCALAR : 0));

/** The referenced table of an id list (`tag_ids` → tags, `tags bigint[]` → tags), via H1/H3 stems. */
function target(ctx: RuleContext, c: Column): Table | undefined {
  const base = c.name.replace(/_?ids$/i, '').replace(/_?Ids$/, '');
  const stem = ctx.helpers.tokenize(base).join('_');
  if (!stem) return undefined;
  const found = ctx.helpers.tablesByStem(stem);
  return found[0];
}

function junctionFix(ctx: RuleContext, t: Table, c: Column, p: Table): QuickFix | undefined {
  const pk = primaryKey(t);
  const ppk = primaryKey(p);
  if (!pk || !ppk || pk.columns.length !== 1 || ppk.columns.length !== 1) return undefined;
  const a = t.columns.find((x) => x.id === pk.columns[0]);
  const b = p.columns.find((x) => x.id === ppk.columns[0]);
  if (!a || !b || !ctx.helpers.compatibleTypes(c.type, referenceType(b), true)) return undefined;
  const sa = ctx.helpers.tableStem(t);
  const sb = ctx.helpers.tableStem(p);
  const name = freshTableName(ctx.model, t.schemaId, `${sa}_${p.name}`);
  let ca = `${sa}_${a.name}`;
  const cb = `${sb}_${b.name}`;
  if (ca === cb) ca = `source_${ca}`;
  const qt = qTable(ctx.model, t);
  const qp = qTable(ctx.model, p);
  const qn = `${qt.slice(0, qt.lastIndexOf('.'))}.${quoteIdent(name)}`;
  const sql = [
    `CREATE TABLE ${qn} (\n  ${quoteIdent(ca)} ${referenceType(a)} NOT NULL REFERENCES ${qt} (${quoteIdent(a.name)}) ON DELETE CASCADE,\n  ${quoteIdent(cb)} ${referenceType(b)} NOT NULL REFERENCES ${qp} (${quoteIdent(b.name)}) ON DELETE RESTRICT,\n  PRIMARY KEY (${quoteIdent(ca)}, ${quoteIdent(cb)})\n);`,
    `CREATE INDEX ON ${qn} (${quoteIdent(cb)});`,
    `INSERT INTO ${qn} SELECT ${quoteIdent(a.name)}, unnest(${quoteIdent(c.name)}) FROM ${qt} ON CONFLICT DO NOTHING;`,
    `ALTER TABLE ${qt} DROP COLUMN ${quoteIdent(c.name)};`,
  ].join('\n');
  return {
    label: `Replace ${c.name} with a junction table ${name}`,
    sql,
    command: compose(`Replace ${c.name} with ${name}`, [
      createTableCommand({
        schemaId: t.schemaId,
        name,
        near: t.id,
        columns: [
          { name: ca, type: referenceType(a), nullable: false, typeRef: a.typeRef },
          { name: cb, type: referenceType(b), nullable: false, typeRef: b.typeRef },
        ],
        primaryKey: [0, 1],
        foreignKeys: [
          { columns: [0], refTableId: t.id, refColumns: [a.id], onDelete: 'cascade' },
          { columns: [1], refTableId: p.id, refColumns: [b.id], onDelete: 'restrict' },
        ],
        indexes: [[1]],
      }),
      removeColumn(t.id, c.id),
    ]),
  };
}

/**
 * NF-02 (1NF): several values in one column.
 * (a) an array of a key-family type named *_ids, or an array whose name resolves to a table (H3): warning;
 * (b) a text/varchar column named *_ids (warning) or *_list, *_csv, tags, categories, emails, phones, recipients,
 *     roles, permissions (info);
 * (c) a json/jsonb column named *_ids: warning.
 * A text[] of free-form labels (no matching table) is the PG idiom: info, suggesting GIN + element CHECK.
 * Fix for (a) with a resolved table and single-column PKs: a junction table with both FKs, then drop the array.
 */
export const rule: Rule = {
  id: 'NF-02',
  slug: 'multi-valued-column',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'A column that stores a list of values (ids in an array, comma-separated text). The database cannot enforce references for it, and lookups by one value are slow.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const arr = isArrayType(c.type);
      const kind = mayBeListName(c.name) ? nameKind(c.name) : 0;
      // Not an array, and neither an id list name nor a list name: nothing to say (most columns).
      if (!arr && kind === 0) continue;
      const f = family(ctx.model, c);
      const ids = (kind & IDS) !== 0;
      let severity: 'warning' | 'info' | undefined;
      let msg = '';
      let fix: QuickFix | undefined;
      if (arr) {
        const p = target(ctx, c);
        const keyish = f === 'int' || f === 'uuid' || (f === 'string' && ids);
        if ((ids && keyish) || (p && p.id !== t.id)) {
          severity = 'warning';
          msg = `${t.name}.${c.name} stores a list of ${p ? p.name : 'ids'} in an array.`;
          if (p && p.id !== t.id) fix = junctionFix(ctx, t, c, p);
        } else if ((kind & SCALAR) !== 0 || ids) {
          severity = 'info';
          msg = `${t.name}.${c.name} is an array of free-form values; fine as an idiom, but index it with GIN and CHECK the element format.`;
        }
      } else if (f === 'string' && (ids || (kind & SCALAR) !== 0)) {
        severity = ids ? 'warning' : 'info';
        msg = `${t.name}.${c.name} looks like a delimited list stored in ${c.type}.`;
      } else if (f === 'json' && ids) {
        severity = 'warning';
        msg = `${t.name}.${c.name} stores a list of ids in ${c.type}.`;
      }
      if (!severity) continue;
      (out ??= []).push(
        finding(
          'NF-02',
          severity,
          colRef(ctx, t, c),
          msg,
          'Values packed into one column cannot have foreign keys, cannot be indexed or joined one by one without unnesting, and updating one value rewrites the whole list. A child or junction table with one row per value fixes all three.',
          fix,
        ),
      );
    }
    return out ?? NONE;
  },
};
export default rule;
