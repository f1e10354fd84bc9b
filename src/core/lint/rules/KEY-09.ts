import { quoteIdent } from '../../sql/ident';
import { uniqueName } from '../../model/query';
import type { Column, Table } from '../../model/types';
import type { Finding, Rule, RuleContext } from '../types';
import { column, fix, freshName, mk, newId, NONE, primaryKey, qt, tableCmd, tref } from './key-rel-util';

const EXPOSED = new Set([
  'user', 'account', 'customer', 'order', 'invoice', 'payment', 'document', 'project', 'organization', 'organisation', 'file', 'team',
  'workspace', 'ticket', 'subscription', 'booking', 'reservation', 'shipment', 'report', 'upload', 'attachment', 'message', 'invitation', 'receipt', 'contract', 'quote',
]);
const OPAQUE = /^(slug|token|public_id|public_key|uid|guid|uuid|external_id|handle|key|short_id|code|reference|ref)$/i;

/** KEY-09: an externally exposed entity identified only by a sequential integer. */
export const rule: Rule = {
  id: 'KEY-09',
  slug: 'no-public-identifier',
  group: 'KEY',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A table whose rows are likely exposed in URLs or APIs has only a sequential integer id.',
  checkTable(t, ctx) {
    if (ctx.role(t) !== 'entity' || t.partitionOf) return NONE;
    const tokens = ctx.helpers.tokenize(t.name);
    let exposed = false;
    for (let i = 0; i < tokens.length && !exposed; i++) exposed = EXPOSED.has(tokens[i]!);
    if (!exposed) return NONE;
    const pk = primaryKey(t);
    if (!pk || pk.columns.length !== 1) return NONE;
    const pkCol = column(t, pk.columns[0]!);
    if (!pkCol || ctx.helpers.typeInfo(pkCol.type).family !== 'int') return NONE;
    if (ctx.helpers.fkColumnIds(t).has(pkCol.id)) return NONE; // 1:1 extension of another table
    const keyCols = ctx.helpers.singleColumnKeys(t);
    for (let i = 0; i < keyCols.length; i++) {
      const c = keyCols[i]!;
      if (c.id !== pkCol.id && (ctx.helpers.typeInfo(c.type).family === 'uuid' || OPAQUE.test(c.name))) return NONE;
    }
    return [finding(ctx, t, pkCol)];
  },
};

function finding(ctx: RuleContext, t: Table, pkCol: Column): Finding {
  const colName = uniqueName('public_id', t.columns.map((c) => c.name));
  const kName = freshName(t, `${t.name}_${colName}_key`);
  const q = qt(ctx.model, t);
  const label = `Add ${colName} uuid with a unique key`;
  return mk('KEY-09', 'info', tref(ctx, t), `${t.name} rows are identified only by a sequential integer; add a public uuid identifier.`,
    'Sequential ids in URLs and APIs reveal how many rows exist and invite enumeration (/orders/1, /orders/2, …). A random uuid column with a unique key gives a safe public identifier while joins keep using the compact integer.',
    fix(label, `ALTER TABLE ${q} ADD COLUMN ${quoteIdent(colName)} uuid NOT NULL DEFAULT gen_random_uuid();\nALTER TABLE ${q} ADD CONSTRAINT ${quoteIdent(kName)} UNIQUE (${quoteIdent(colName)});`,
      tableCmd(label, t.id, (tt) => {
        const cid = newId('c');
        const at = tt.columns.findIndex((c) => c.id === pkCol.id) + 1;
        tt.columns.splice(at, 0, { id: cid, name: colName, type: 'uuid', nullable: false, default: 'gen_random_uuid()' });
        tt.constraints.push({ id: newId('k'), kind: 'unique', name: kName, columns: [cid] });
      })));
}
