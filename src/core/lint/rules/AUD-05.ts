import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { colInfo, compose, editColumn, editTable, finding, qi, qt } from './support.type-name-aud-sec';
import { isDeletedAtCol, isDeletedFlag } from './support-aud.type-name-aud-sec';
import { NONE } from './support-names.type-name-aud-sec';

/** AUD-05: soft-delete columns with the wrong shape, redundant flags, and cascades that soft delete never fires. */
export const rule: Rule = {
  id: 'AUD-05',
  slug: 'soft-delete-shape',
  group: 'AUD',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'deleted_at should be a nullable timestamptz; is_deleted next to deleted_at is redundant; ON DELETE CASCADE children of a soft-deleted table stay live.',
  checkTable(t, ctx): Finding[] {
    const deletedAt = softDeleteColumn(t, ctx.model.behaviors?.[t.id]?.softDelete?.column);
    if (!deletedAt) return NONE;
    return softDeleteFindings(ctx, t, deletedAt);
  },
};

/** The behaviour's soft-delete column, else the first deleted_at-like column. */
function softDeleteColumn(t: Table, bColumn: string | undefined): Column | undefined {
  const cols = t.columns;
  if (bColumn !== undefined) for (let i = 0; i < cols.length; i++) if (cols[i]!.name === bColumn) return cols[i];
  for (let i = 0; i < cols.length; i++) if (isDeletedAtCol(cols[i]!)) return cols[i];
  return undefined;
}

function softDeleteFindings(ctx: RuleContext, t: Table, deletedAt: Column): Finding[] {
  const out: Finding[] = [];
  const info = colInfo(ctx, deletedAt);
  const q = qi(deletedAt.name);
  const tq = qt(ctx.model, t);
  const wrongType = info.base !== 'timestamptz' && !info.array;
  if (wrongType || !deletedAt.nullable) {
    const acts: string[] = [];
    if (wrongType) acts.push(`ALTER COLUMN ${q} TYPE timestamptz${info.family === 'time' ? '' : ` USING NULL`}`);
    if (!deletedAt.nullable) acts.push(`ALTER COLUMN ${q} DROP NOT NULL`);
    if (deletedAt.default !== undefined) acts.unshift(`ALTER COLUMN ${q} DROP DEFAULT`);
    out.push(
      finding(rule, ctx, t, deletedAt, `${t.name}.${deletedAt.name} ${[wrongType ? `is ${deletedAt.type}` : '', !deletedAt.nullable ? 'is NOT NULL' : ''].filter(Boolean).join(' and ')}; a soft-delete marker is a nullable timestamptz (NULL = live).`,
        'deleted_at works as "NULL while the row is live, the moment of deletion afterwards": NOT NULL forces a fake value on live rows, and a non-timestamptz type loses when (or in which time zone) the row was deleted.',
        {
          fix: {
            label: `Make ${deletedAt.name} a nullable timestamptz`,
            sql: `ALTER TABLE ${tq}\n  ${acts.join(',\n  ')};`,
            command: editColumn(`Fix shape of ${deletedAt.name}`, t.id, deletedAt.id, (col) => {
              if (wrongType) {
                col.type = 'timestamptz';
                delete col.typeRef;
              }
              col.nullable = true;
              delete col.default;
            }),
          },
        }),
    );
  }
  const flag = t.columns.find((c) => c.id !== deletedAt.id && isDeletedFlag(c) && colInfo(ctx, c).family === 'bool');
  if (flag) {
    const used = t.indexes.some((ix) => ix.elements.some((e) => e.column === flag.id) || (ix.where ?? '').includes(flag.name)) || t.constraints.some((k) => k.kind !== 'check' && k.kind !== 'exclude' && k.columns.includes(flag.id));
    out.push(
      finding(rule, ctx, t, flag, `${t.name} has both ${flag.name} and ${deletedAt.name}; drop ${flag.name} (${deletedAt.name} IS NOT NULL says the same).`,
        'Two columns recording one fact drift apart (a row with is_deleted = false but a deleted_at), and every query has to pick one. deleted_at IS NOT NULL is the flag.',
        {
          fix: used
            ? undefined
            : {
                label: `Drop ${flag.name}`,
                sql: `ALTER TABLE ${tq} DROP COLUMN ${qi(flag.name)};`,
                command: compose(
                  `Drop ${flag.name}`,
                  editTable(`Drop ${flag.name}`, t.id, (tab) => {
                    tab.columns = tab.columns.filter((c) => c.id !== flag.id);
                    tab.constraints = tab.constraints.filter((k) => !(k.kind === 'check' && new RegExp(`\\b${flag.name}\\b`).test(k.expr)));
                  }),
                ),
              },
        }),
    );
  }
  const kids = ctx.helpers.incoming(t.id).filter(([o, fk]) => o.id !== t.id && fk.onDelete === 'cascade');
  if (kids.length) {
    out.push(
      finding(rule, ctx, t, deletedAt, `${t.name} is soft-deleted, but ${kids.map(([o]) => o.name).join(', ')} cascade${kids.length === 1 ? 's' : ''} on DELETE: soft-deleting a ${t.name} row leaves those children live.`,
        'ON DELETE CASCADE only fires on a real DELETE. With soft delete the parent is merely marked, so its children keep showing up unless they are soft-deleted too (or filtered through the parent).',
        { severity: 'info' }),
    );
  }
  return out;
}
