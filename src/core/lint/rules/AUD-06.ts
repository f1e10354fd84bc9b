import type { Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import type { Column } from '../../model/types';
import { newId } from '../../util/ids';
import { colInfo, constraintNames, editTable, finding, fitName, qi, qt, toks, uniqueIn } from './support.type-name-aud-sec';
import { add, NONE } from './support-names.type-name-aud-sec';

const ACTOR_TABLES = ['users', 'user', 'accounts', 'account', 'app_users', 'app_user', 'members', 'member', 'staff', 'employees', 'people', 'persons'];

function actorTable(ctx: RuleContext, t: Table): { table: Table; key: Column } | undefined {
  const all = Object.values(ctx.model.tables);
  for (const name of ACTOR_TABLES) {
    const cands = all.filter((x) => x.name === name).sort((a, b) => (a.schemaId === t.schemaId ? -1 : 0) - (b.schemaId === t.schemaId ? -1 : 0));
    for (const x of cands) {
      const pk = x.constraints.find((k) => k.kind === 'primary');
      if (!pk || pk.columns.length !== 1) continue;
      const key = x.columns.find((c) => c.id === pk.columns[0]);
      if (key) return { table: x, key };
    }
  }
  return undefined;
}

function fkFix(ctx: RuleContext, t: Table, c: Column, target: { table: Table; key: Column }): QuickFix | undefined {
  const a = colInfo(ctx, c);
  const b = colInfo(ctx, target.key);
  if (a.array || a.family !== b.family || (a.family === 'other' && a.base !== b.base)) return undefined;
  const onDelete = c.nullable ? 'set null' : 'restrict';
  const name = uniqueIn(fitName(`${t.name}_${c.name}_fkey`), constraintNames(t));
  return {
    label: `Reference ${target.table.name}(${target.key.name})`,
    sql: `ALTER TABLE ${qt(ctx.model, t)} ADD CONSTRAINT ${qi(name)} FOREIGN KEY (${qi(c.name)}) REFERENCES ${qt(ctx.model, target.table)} (${qi(target.key.name)}) ON DELETE ${onDelete.toUpperCase()};`,
    command: editTable(`Add relationship ${c.name} → ${target.table.name}`, t.id, (tab) => {
      tab.constraints.push({ id: newId('k'), kind: 'foreign', name, columns: [c.id], refTableId: target.table.id, refColumns: [target.key.id], onDelete, onUpdate: 'no action', match: 'simple' });
    }),
  };
}

/** AUD-06: created_by / updated_by / *_by columns without a foreign key. */
export const rule: Rule = {
  id: 'AUD-06',
  slug: 'actor-columns-without-fk',
  group: 'AUD',
  defaultSeverity: 'info',
  scope: 'relation',
  description: 'created_by, updated_by and other *_by columns without a foreign key to the users table.',
  checkTable(t, ctx) {
    let out: Finding[] | undefined;
    let fkCols: Set<string> | undefined;
    let target: { table: Table; key: Column } | undefined | null = null;
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      const tk = toks(c.name);
      const last = tk[tk.length - 1];
      const byId = tk.length > 2 && last === 'id' && tk[tk.length - 2] === 'by';
      if (!(tk.length > 1 && last === 'by') && !byId) continue;
      if ((fkCols ??= ctx.helpers.fkColumnIds(t)).has(c.id)) continue;
      const fam = colInfo(ctx, c).family;
      // Actors stored as free text (service names, e-mail) are a deliberate choice.
      if (fam === 'string' || fam === 'json' || fam === 'other' || fam === 'bool' || fam === 'time') continue;
      if (target === null) target = actorTable(ctx, t);
      if (target && target.table.id === t.id && t.name !== 'users') continue;
      out = add(out, actorFinding(ctx, t, c, target));
    }
    return out ?? NONE;
  },
};

function actorFinding(ctx: RuleContext, t: Table, c: Column, target: { table: Table; key: Column } | undefined): Finding {
  return finding(rule, ctx, t, c, `${t.name}.${c.name} records who acted but has no foreign key${target ? ` to ${target.table.name}` : ''}.`,
    'Without a foreign key the actor id can point at nobody (a typo, a deleted user), and audits that rely on it become guesswork.',
    { fix: target ? () => fkFix(ctx, t, c, target) : undefined });
}
