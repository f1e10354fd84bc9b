import { quoteIdent } from '../../sql/ident';
import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext, Severity } from '../types';
import { cref, fix, mk, qt, tableCmd } from './key-rel-util';

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
    if (role === 'junction' || t.partitionOf) return [];
    const severity: Severity = role === 'lookup' || role === 'staging' ? 'info' : 'warning';
    const pk = t.constraints.find((c) => c.kind === 'primary');
    const fkCols = ctx.helpers.fkColumnIds(t);
    // Candidates in order: the single-column PK, then identity columns (an array: at most a few entries).
    const cands: Column[] = [];
    if (pk && pk.kind === 'primary' && pk.columns.length === 1) {
      const c = t.columns.find((x) => x.id === pk.columns[0]);
      if (c && !fkCols.has(c.id)) cands.push(c);
    }
    for (const c of t.columns) if (c.identity && !fkCols.has(c.id) && !cands.includes(c)) cands.push(c);
    const out: Finding[] = [];
    for (const c of cands) {
      const base = c.serial ?? ctx.helpers.typeInfo(c.type).base;
      if (ctx.helpers.typeInfo(c.type).array || !SMALL_INT.has(base)) continue;
      if (c.identity?.options.as && /bigint|int8/i.test(c.identity.options.as)) continue;
      out.push(
        mk('KEY-08', severity, cref(ctx, t, c), `${t.name}.${c.name} is a ${c.serial ?? c.type} key; use bigint.`,
          'An integer key stops at 2,147,483,647 (smallint at 32,767). Sequences also burn values on rolled-back inserts. Changing the type later rewrites the table and every referencing column; bigint costs 4 more bytes per row.',
          bigintFix(ctx, t, c)),
      );
    }
    return out;
  },
};

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
