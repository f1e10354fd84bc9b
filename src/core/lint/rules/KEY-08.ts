import { quoteIdent } from '../../sql/ident';
import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext, Severity } from '../types';
import { column, cref, fix, isFkColumn, mk, NONE, primaryKey, qt, tableCmd } from './key-rel-util';

const SMALL_INT = new Set(['smallint', 'integer', 'int2', 'int4', 'int', 'serial', 'smallserial', 'serial4', 'serial2']);

/** KEY-08: a surrogate key typed int2 / int4 / serial that can run out of values. */
export const rule: Rule = {
  id: 'KEY-08',
  slug: 'int4-surrogate-key',
  group: 'KEY',
  defaultSeverity: 'warning',
  scope: 'table',
  description: 'A primary key or identity column typed integer or smallint: it runs out at 2.1 billion (or 32 767) values.',
  checkTable(t, ctx) {
    const role = ctx.role(t);
    if (role === 'junction' || t.partitionOf) return NONE;
    // Candidates in order: the single-column PK, then identity columns; FK columns are not surrogate keys.
    const pk = primaryKey(t);
    const pkCol = pk && pk.columns.length === 1 ? column(t, pk.columns[0]!) : undefined;
    let out: Finding[] | undefined;
    if (pkCol && smallInt(ctx, pkCol) && !isFkColumn(ctx, t, pkCol.id)) out = [finding(ctx, t, pkCol, role)];
    const cols = t.columns;
    for (let i = 0; i < cols.length; i++) {
      const c = cols[i]!;
      if (!c.identity || c === pkCol || !smallInt(ctx, c) || isFkColumn(ctx, t, c.id)) continue;
      (out ??= []).push(finding(ctx, t, c, role));
    }
    return out ?? NONE;
  },
};

const BIGINT = /bigint|int8/i;

/** An integer key type that can run out: int2 / int4 / serial, unless the identity sequence is declared bigint. */
function smallInt(ctx: RuleContext, c: Column): boolean {
  const ti = ctx.helpers.typeInfo(c.type);
  if (ti.array || !SMALL_INT.has(c.serial ?? ti.base)) return false;
  return !(c.identity?.options.as && BIGINT.test(c.identity.options.as));
}

function finding(ctx: RuleContext, t: Table, c: Column, role: string): Finding {
  const severity: Severity = role === 'lookup' || role === 'staging' ? 'info' : 'warning';
  return mk('KEY-08', severity, cref(ctx, t, c), `${t.name}.${c.name} is a ${c.serial ?? c.type} key; use bigint.`,
    'An integer key stops at 2,147,483,647 (smallint at 32,767). Sequences also burn values on rolled-back inserts. Changing the type later rewrites the table and every referencing column; bigint costs 4 more bytes per row.',
    bigintFix(ctx, t, c));
}

function bigintFix(ctx: RuleContext, t: Table, c: Column) {
  const refs = ctx.helpers.incoming(t.id).filter(([, fk]) => fk.refColumns.includes(c.id));
  const lines = [`ALTER TABLE ${qt(ctx.model, t)} ALTER COLUMN ${quoteIdent(c.name)} TYPE bigint;`];
  const targets: [string, string][] = [];
  for (const [o, fk] of refs) {
    const i = fk.refColumns.indexOf(c.id);
    const cc = o.columns.find((x) => x.id === fk.columns[i]);
    if (!cc || (o.id === t.id && cc.id === c.id)) continue;
    if (ctx.helpers.typeInfo(cc.type).family !== 'int') continue;
    targets.push([o.id, cc.id]);
    lines.push(`ALTER TABLE ${qt(ctx.model, o)} ALTER COLUMN ${quoteIdent(cc.name)} TYPE bigint;`);
  }
  const label = `Change ${c.name} (and ${targets.length} referencing column${targets.length === 1 ? '' : 's'}) to bigint`;
  return fix(label, lines.join('\n'), tableCmd(label, t.id, (tt, d) => {
    const cc = tt.columns.find((x) => x.id === c.id);
    if (!cc) throw new Error('Column is gone');
    if (cc.serial) cc.serial = 'bigserial';
    cc.type = 'bigint';
    delete cc.typeRef;
    if (cc.identity?.options.as) delete cc.identity.options.as;
    for (const s of Object.values(d.schema.sequences)) if (s.ownedBy?.tableId === t.id && s.ownedBy.columnId === c.id && s.options.as) s.options.as = 'bigint';
    for (const [tid, cid] of targets) {
      const rc = d.schema.tables[tid]?.columns.find((x) => x.id === cid);
      if (rc) {
        rc.type = 'bigint';
        delete rc.typeRef;
      }
    }
  }));
}
