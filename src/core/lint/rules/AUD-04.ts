import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import type { TypeInfo } from '../helpers/types';
import { colInfo, editColumn, finding, isNowDefault, qi, qt } from './support.type-name-aud-sec';
import { isCreatedCol, isUpdatedCol } from './support-aud.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

/** AUD-04: created_at / updated_at that are nullable, lack DEFAULT now(), or are not timestamptz. */
export const rule: Rule = {
  id: 'AUD-04',
  slug: 'audit-column-shape',
  group: 'AUD',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'created_at / updated_at should be timestamptz NOT NULL DEFAULT now().',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const created = isCreatedCol(c);
      if (!created && !isUpdatedCol(c)) continue;
      if (c.generated) continue;
      // The usual case, a well-shaped column, without building the problem list.
      const info = colInfo(ctx, c);
      if (!((info.base !== 'timestamptz' && !info.array) || c.nullable || (created && !isNowDefault(c.default)))) continue;
      out = add(out, shapeFinding(ctx, t, c, created, info));
    }
    return out ?? NONE;
  },
};

function shapeFinding(ctx: RuleContext, t: Table, c: Column, created: boolean, info: TypeInfo): Finding {
  const problems: string[] = [];
  const retype = info.base !== 'timestamptz' && !info.array;
  if (retype) problems.push(`is ${c.type}, not timestamptz`);
  if (c.nullable) problems.push('is nullable');
  const needDefault = !isNowDefault(c.default) && (created || c.default === undefined);
  if (created && !isNowDefault(c.default)) problems.push('has no DEFAULT now()');
  const q = qi(c.name);
  const actions: string[] = [];
  const from = info.family;
  if (retype) actions.push(`ALTER COLUMN ${q} TYPE timestamptz${from === 'time' ? '' : from === 'int' || from === 'exact' ? ` USING to_timestamp(${q})` : ` USING ${q}::timestamptz`}`);
  if (needDefault) actions.push(`ALTER COLUMN ${q} SET DEFAULT now()`);
  if (c.nullable) actions.push(`ALTER COLUMN ${q} SET NOT NULL`);
  const sql = `${c.nullable ? `UPDATE ${qt(ctx.model, t)} SET ${q} = now() WHERE ${q} IS NULL;\n` : ''}ALTER TABLE ${qt(ctx.model, t)}\n  ${actions.join(',\n  ')};`;
  const inFk = t.constraints.some((k) => (k.kind === 'foreign' || k.kind === 'check') && ('columns' in k ? k.columns.includes(c.id) : false));
  return finding(rule, ctx, t, c, `${t.name}.${c.name} ${problems.join(', ')}; make it timestamptz NOT NULL DEFAULT now().`,
      'An audit timestamp that can be NULL, has to be supplied by the client, or lacks a time zone cannot be trusted: rows end up without a time, with a client clock, or with an ambiguous wall-clock time.',
      {
        fix: inFk
          ? undefined
          : {
              label: `Make ${c.name} timestamptz NOT NULL DEFAULT now()`,
              sql,
              command: editColumn(`Fix shape of ${c.name}`, t.id, c.id, (col) => {
                if (retype) {
                  col.type = 'timestamptz';
                  delete col.typeRef;
                  if (from !== 'time') delete col.default;
                }
                if (needDefault || !col.default) col.default = 'now()';
                col.nullable = false;
              }),
            },
      });
}
