/** CREATE SCHEMA. */
import { quoteIdent } from '../../ident';
import { Unsupported, type Converter } from './shared';

export const convertCreateSchema: Converter = (stmt, ctx) => {
  const n = stmt.node;
  const name: string = n.schemaname ?? n.authrole?.rolename ?? '';
  if (!name) throw new Unsupported('CREATE SCHEMA without a name');
  if (n.schemaElts?.length) {
    // Embedded elements: keep the whole statement; the schema exists implicitly for lookups.
    ctx.ensureSchema(name);
    ctx.keepRaw(stmt, { label: `schema ${quoteIdent(name)} with embedded elements`, note: 'CREATE SCHEMA with embedded elements is not modelled; kept verbatim' });
    return;
  }
  const existing = ctx.findSchema(name);
  if (existing?.explicit) {
    if (n.if_not_exists) return;
    throw new Unsupported(`schema "${name}" is defined twice`);
  }
  const s = existing ?? ctx.ensureSchema(name);
  s.explicit = true;
  s.seq = ctx.nextSeq();
  if (n.if_not_exists) s.ifNotExists = true;
  if (n.authrole?.rolename) s.authorization = n.authrole.rolename;
  else if (n.authrole?.roletype && n.authrole.roletype !== 'ROLESPEC_CSTRING')
    s.authorization = String(n.authrole.roletype).replace('ROLESPEC_', '');
  ctx.sawObject = true;
  ctx.count('schema');
};
