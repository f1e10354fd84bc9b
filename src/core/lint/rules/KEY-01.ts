import { quoteIdent } from '../../sql/ident';
import { uniqueName } from '../../model/query';
import type { Constraint, Table } from '../../model/types';
import type { Finding, QuickFix, Rule, RuleContext } from '../types';
import { colList, colNames, constraintName, fix, indexName, mk, newId, NONE, primaryKey, qt, tableCmd, tref } from './key-rel-util';

/** KEY-01: a table without a primary key. */
export const rule: Rule = {
  id: 'KEY-01',
  slug: 'missing-primary-key',
  group: 'KEY',
  defaultSeverity: 'error',
  scope: 'table',
  description: 'A table without a primary key: rows cannot be identified, updated or referenced reliably.',
  checkTable(t, ctx) {
    if (t.partitionOf || t.inherits?.length || primaryKey(t)) return NONE;
    return report(t, ctx);
  },
};

/** The finding for a table without a primary key (a separate function: no closure context on the common path). */
function report(t: Table, ctx: RuleContext): Finding[] {
  const role = ctx.role(t);
  const severity = role === 'log' || role === 'staging' ? 'warning' : 'error';
  const why =
    'Without a primary key a row has no reliable identity: duplicates slip in, ORMs and editors cannot update single rows, other tables cannot reference it, and logical replication needs a replica identity.';
  // A NOT NULL, non-partial unique key can simply be promoted.
  const promotable = ctx.helpers.candidateKeys(t).find((k) => !k.where && !k.exprs.length && k.columns.length > 0 && k.columns.every((id) => t.columns.find((c) => c.id === id)?.nullable === false));
  if (promotable) {
    const cols = colNames(t, promotable.columns).join(', ');
    return [mk('KEY-01', severity, tref(ctx, t), `Table ${t.name} has no primary key; promote the unique key (${cols}) to primary key.`, why, promoteFix(ctx, t, promotable.id))];
  }
  const f: Finding = mk('KEY-01', severity, tref(ctx, t), `Table ${t.name} has no primary key.`, why, role === 'junction' ? junctionFix(ctx, t) : entityFix(ctx, t));
  return [f];
}

function promoteFix(ctx: RuleContext, t: Table, keyId: string): QuickFix | undefined {
  const q = qt(ctx.model, t);
  const pkName = `${t.name}_pkey`;
  const c = t.constraints.find((x) => x.id === keyId);
  const ix = t.indexes.find((x) => x.id === keyId);
  let sql: string;
  if (ix) sql = `ALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(pkName)} PRIMARY KEY USING INDEX ${quoteIdent(indexName(t, ix))};`;
  else if (c && c.kind === 'unique') {
    const tmp = `${t.name}_${colNames(t, c.columns).join('_')}_idx`;
    sql =
      `CREATE UNIQUE INDEX CONCURRENTLY ${quoteIdent(tmp)} ON ${q} (${colList(t, c.columns)});\n` +
      `ALTER TABLE ${q} DROP CONSTRAINT ${quoteIdent(constraintName(t, c))},\n  ADD CONSTRAINT ${quoteIdent(pkName)} PRIMARY KEY USING INDEX ${quoteIdent(tmp)};`;
  } else return undefined;
  const label = 'Promote the unique key to primary key';
  return fix(label, sql, tableCmd(label, t.id, (tt) => {
    let cols: string[];
    const ci = tt.constraints.findIndex((x) => x.id === keyId);
    const ii = tt.indexes.findIndex((x) => x.id === keyId);
    if (ci >= 0) {
      const u = tt.constraints[ci]!;
      if (u.kind !== 'unique') throw new Error('Not a unique constraint');
      cols = [...u.columns];
      tt.constraints.splice(ci, 1);
    } else if (ii >= 0) {
      cols = tt.indexes[ii]!.elements.map((e) => e.column!);
      tt.indexes.splice(ii, 1);
    } else throw new Error('The unique key is gone');
    tt.constraints.unshift({ id: newId('k'), kind: 'primary', columns: cols });
  }));
}

function junctionFix(ctx: RuleContext, t: Table): QuickFix | undefined {
  const fks = ctx.helpers.outgoing(t).filter((f) => f.refTableId !== t.id).slice(0, 2);
  const cols = [...new Set(fks.flatMap((f) => f.columns))];
  if (cols.length < 2) return entityFix(ctx, t);
  const label = `Make (${colNames(t, cols).join(', ')}) the primary key`;
  const sql = `ALTER TABLE ${qt(ctx.model, t)} ADD PRIMARY KEY (${colList(t, cols)});`;
  return fix(label, sql, tableCmd(label, t.id, (tt) => {
    for (const c of tt.columns) if (cols.includes(c.id)) c.nullable = false;
    tt.constraints.unshift({ id: newId('k'), kind: 'primary', columns: [...cols] });
  }));
}

function entityFix(ctx: RuleContext, t: Table): QuickFix | undefined {
  if (t.partitioning) return undefined; // the PK would have to include the partition key
  const q = qt(ctx.model, t);
  const existing = t.columns.find((c) => c.name === 'id');
  if (existing) {
    const label = 'Make id the primary key';
    return fix(label, `ALTER TABLE ${q} ADD PRIMARY KEY (id);`, tableCmd(label, t.id, (tt) => {
      const c = tt.columns.find((x) => x.id === existing.id);
      if (!c) throw new Error('Column id is gone');
      c.nullable = false;
      tt.constraints.unshift({ id: newId('k'), kind: 'primary', columns: [c.id] } as Constraint);
    }));
  }
  const name = uniqueName('id', t.columns.map((c) => c.name));
  const label = `Add ${name} bigint identity primary key`;
  const sql = `ALTER TABLE ${q} ADD COLUMN ${quoteIdent(name)} bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;`;
  return fix(label, sql, tableCmd(label, t.id, (tt) => {
    const cid = newId('c');
    tt.columns.unshift({ id: cid, name, type: 'bigint', nullable: false, identity: { always: true, options: {} } });
    tt.constraints.unshift({ id: newId('k'), kind: 'primary', columns: [cid] });
  }));
}
