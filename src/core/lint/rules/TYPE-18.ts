import type { Column, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { newId } from '../../util/ids';
import { plural, singular } from '../helpers/names';
import { addFinding, colInfo, editTable, finding, findingFix, fitName, nameUsedInText, NONE, qi, qt, relationNames, schemaOf, someIn, toks, uniqueIn } from './support.type-name-aud-sec';

/** Move blob columns into a 1:1 side table `<entity>_<columns>` keyed by the table's single-column primary key. */
function sideTableFix(ctx: RuleContext, t: Table, cols: Column[]): QuickFix | undefined {
  const pk = t.constraints.find((k) => k.kind === 'primary');
  const key = pk && pk.columns.length === 1 ? t.columns.find((c) => c.id === pk.columns[0]) : undefined;
  if (!key || t.partitioning || t.partitionOf || t.inherits?.length) return undefined;
  if (cols.some((c) => c.generated || nameUsedInText(ctx.model, t, c.name) || t.constraints.some((k) => 'columns' in k && k.columns.includes(c.id)) || t.indexes.some((ix) => ix.elements.some((e) => e.column === c.id) || ix.include?.includes(c.id)))) return undefined;
  const stem = toks(t.name).map(singular).join('_');
  const name = uniqueIn(fitName(`${stem}_${cols.length === 1 ? plural(cols[0]!.name) : 'contents'}`), relationNames(ctx.model, t.schemaId));
  const keyName = `${stem}_${key.name}`;
  const schema = schemaOf(ctx.model, t);
  const side = `${qi(schema)}.${qi(name)}`;
  const colDefs = cols.map((c) => `${qi(c.name)} ${c.type}`).join(', ');
  const sql = [
    `CREATE TABLE ${side} (${qi(keyName)} ${key.type} PRIMARY KEY REFERENCES ${qt(ctx.model, t)} (${qi(key.name)}) ON DELETE CASCADE, ${colDefs});`,
    `INSERT INTO ${side} (${qi(keyName)}, ${cols.map((c) => qi(c.name)).join(', ')}) SELECT ${qi(key.name)}, ${cols.map((c) => qi(c.name)).join(', ')} FROM ${qt(ctx.model, t)} WHERE ${cols.map((c) => `${qi(c.name)} IS NOT NULL`).join(' OR ')};`,
    `ALTER TABLE ${qt(ctx.model, t)} ${cols.map((c) => `DROP COLUMN ${qi(c.name)}`).join(', ')};`,
  ].join('\n');
  const ids = new Set(cols.map((c) => c.id));
  return {
    label: `Move ${cols.map((c) => c.name).join(', ')} to a 1:1 side table ${name}`,
    sql,
    command: editTable(`Move ${cols.map((c) => c.name).join(', ')} to ${name}`, t.id, (tab, d) => {
      const moved = tab.columns.filter((c) => ids.has(c.id));
      tab.columns = tab.columns.filter((c) => !ids.has(c.id));
      const id = newId('t');
      const kid = newId('c');
      const k: Column = { id: kid, name: keyName, type: key.type, nullable: false };
      if (key.typeRef) k.typeRef = key.typeRef;
      d.schema.tables[id] = {
        id,
        schemaId: tab.schemaId,
        name,
        comment: `Large values of ${tab.name}, kept apart so that reading ${tab.name} stays cheap.`,
        columns: [k, ...moved.map((c) => ({ ...c, id: newId('c') }))],
        constraints: [
          { id: newId('k'), kind: 'primary', columns: [kid] },
          { id: newId('k'), kind: 'foreign', columns: [kid], refTableId: tab.id, refColumns: [key.id], onDelete: 'cascade', onUpdate: 'no action', match: 'simple' },
        ],
        indexes: [],
        seq: d.schema.nextSeq++,
      };
      const pos = d.layout.nodes[tab.id];
      d.layout.nodes[id] = { x: (pos?.x ?? 0) + 320, y: (pos?.y ?? 0) + 40 };
    }),
  };
}

const FILEY = new Set(['file', 'files', 'image', 'images', 'img', 'photo', 'photos', 'picture', 'avatar', 'pdf', 'attachment', 'attachments', 'document', 'documents', 'doc', 'blob', 'video', 'audio', 'scan', 'upload', 'binary', 'content', 'data', 'body']);
const FILE_WORDS = new Set(['file', 'image', 'img', 'photo', 'picture', 'avatar', 'pdf', 'attachment', 'document', 'doc', 'video', 'audio', 'scan', 'upload']);
const PAYLOAD = new Set(['content', 'body', 'blob', 'payload', 'html', 'file', 'document', 'raw', 'image', 'attachment', 'data']);
const SMALL = new Set(['thumb', 'thumbnail', 'icon', 'favicon', 'preview']);

const WHY_IN =
  'Large values in a busy table bloat backups and dumps, slow every SELECT * and vacuum, and are rarely needed with the row. Keep them in a 1:1 side table (transactional, still in the database) or in object storage with a key and checksum (cheaper, but outside transactions and backups).';

/** TYPE-18: blobs and file payloads in entity tables. */
export const rule: Rule = {
  id: 'TYPE-18',
  slug: 'large-objects',
  group: 'TYPE',
  defaultSeverity: 'info',
  scope: 'column',
  description: 'Binary files and large payloads stored in an entity table, or file paths pointing outside the database.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    let payloads: Column[] | undefined;
    const cols = t.columns;
    for (let n = 0; n < cols.length; n++) {
      const c = cols[n]!;
      const i = colInfo(ctx, c);
      const tk = toks(c.name);
      if (someIn(tk, SMALL)) continue;
      if (i.family === 'bytea' && !i.array) {
        if (someIn(tk, FILEY)) {
          out = addFinding(out, fileFinding(ctx, t, c));
          continue;
        }
        (payloads ??= []).push(c);
      } else if ((i.family === 'json' || (i.family === 'string' && i.base === 'text')) && someIn(tk, PAYLOAD)) (payloads ??= []).push(c);
      const last = tk[tk.length - 1] ?? '';
      if ((last === 'path' || last === 'url' || last === 'key') && fileWordBeforeLast(tk) && i.family === 'string') {
        out = addFinding(out,
          finding(rule, ctx, t, c, `${t.name}.${c.name} points at a file outside the database; store a checksum and size with it and plan for orphans.`,
            'Files referenced by path or URL are outside transactions and backups: a rollback or restore leaves them out of step with the rows. That is often the right trade-off for large files, but record a checksum and clean up orphans.'),
        );
      }
    }
    if (payloads && payloads.length > 1 && ctx.role(t) === 'entity') out = addFinding(out, payloadsFinding(ctx, t, payloads));
    return out ?? NONE;
  },
};

// The findings are built outside checkTable, so that it creates no closures (and no context for them) per table.

function fileFinding(ctx: RuleContext, t: Table, c: Column): Finding {
  return findingFix(rule, ctx, t, c, `${t.name}.${c.name} stores a file in the row; move it to a side table or object storage.`, WHY_IN, () => sideTableFix(ctx, t, [c]));
}

function payloadsFinding(ctx: RuleContext, t: Table, payloads: Column[]): Finding {
  return findingFix(rule, ctx, t, undefined, `${t.name} holds ${payloads.length} large payload columns (${payloads.map((c) => c.name).join(', ')}); move them to a 1:1 side table.`, WHY_IN, () =>
    sideTableFix(ctx, t, payloads),
  );
}

/** `tk.slice(0, -1).some((x) => FILE_WORDS.has(x))` without the copy. */
function fileWordBeforeLast(tk: readonly string[]): boolean {
  for (let i = 0; i < tk.length - 1; i++) if (FILE_WORDS.has(tk[i]!)) return true;
  return false;
}
