import type { Finding, Rule } from '../types';
import { memoByString } from '../helpers/names';
import { NONE, colRef, family, finding, fkColumnIds, isAuditName, pkColumnIds } from './idx-nf-util';

const CATCH_ALL = /^(data|metadata|meta|attributes|attrs|properties|props|extra|extras|details|fields|custom|custom_fields|payload)$/i;

const catchAllName = memoByString((name: string) => CATCH_ALL.test(name));
function isDocument(f: string): boolean {
  return f === 'json' || f === 'hstore';
}

/**
 * NF-03: a json/jsonb/hstore column named data, metadata, attributes, properties, extra, details, fields, custom or
 * payload in an entity table that has fewer than 5 typed business columns, or more than one such column.
 * No one-click fix: promoting keys to typed columns needs a person (the message says how).
 */
export const rule: Rule = {
  id: 'NF-03',
  slug: 'catch-all-document-column',
  group: 'NF',
  defaultSeverity: 'info',
  scope: 'table',
  description: 'A generic JSON document column (data, metadata, attributes…) carrying much of the table. The database cannot type, constrain or efficiently index what is inside.',
  checkTable(t, ctx) {
    if (ctx.role(t) !== 'entity') return NONE;
    let any = false;
    for (let i = 0; i < t.columns.length; i++) {
      const c = t.columns[i]!;
      if (catchAllName(c.name) && isDocument(family(ctx.model, c))) {
        any = true;
        break;
      }
    }
    if (!any) return NONE;
    const docs = t.columns.filter((c) => catchAllName(c.name) && isDocument(family(ctx.model, c)));
    const pk = pkColumnIds(t);
    const fks = fkColumnIds(t);
    const typed = t.columns.filter((c) => !pk.has(c.id) && !fks.has(c.id) && !isAuditName(c.name) && !['json', 'hstore'].includes(family(ctx.model, c))).length;
    if (typed >= 5 && docs.length < 2) return NONE;
    return docs.map(
      (c): Finding =>
        finding(
          'NF-03',
          'info',
          colRef(ctx, t, c),
          docs.length > 1
            ? `${t.name} has ${docs.length} catch-all document columns (${docs.map((d) => d.name).join(', ')}).`
            : `${t.name}.${c.name} is a catch-all document column, and ${t.name} has only ${typed} typed business column${typed === 1 ? '' : 's'}.`,
          `Keys inside ${c.name} have no types, NOT NULL, CHECKs or foreign keys, and are easy to misspell. Promote the keys you filter or join on to real columns, add CHECK (jsonb_typeof(${c.name}) = 'object'), and a GIN index if you search it. A true extension point or a webhook archive is fine.`,
        ),
    );
  },
};
export default rule;
