/** Expression nodes to SQL text, and a dependency scanner over AST nodes. */
import { Deparser } from 'pgsql-deparser';
import type { Id } from '../../model/types';
import type { ImportContext } from './context';
import { nameList, typeText } from './types';

/** Deparser with `::` casts using our canonical type spellings (PostgreSQL accepts both; `::` is what pg_dump shows). */
class ExprDeparser extends Deparser {
  override TypeCast(node: any, context: any): string {
    const arg = this.visit(node.arg, context);
    const t = typeText(node.typeName);
    const argType = node.arg ? this.getNodeType(node.arg) : '';
    const simple =
      ((argType === 'A_Const' || argType === 'ColumnRef' || argType === 'ParamRef') && !arg.startsWith('-')) ||
      argType === 'FuncCall' ||
      argType === 'TypeCast' ||
      argType === 'A_ArrayExpr';
    return simple && !/\s(AND|OR|IS|NOT)\s/i.test(argType === 'FuncCall' ? '' : arg) ? `${arg}::${t}` : `(${arg})::${t}`;
  }
}

/** SQL text of an expression node (single line). Throws only on deparser bugs (callers run inside try/catch). */
export function exprText(node: any): string {
  if (!node) return '';
  const d = new ExprDeparser(node, { pretty: false });
  return d.deparseQuery().trim();
}

/** SQL text of any node (statement or expression), single line. */
export function nodeText(node: any): string {
  return new Deparser(node, { pretty: false }).deparseQuery().trim();
}

/** Parse a `'schema.name'::regclass` literal name (possibly quoted parts). */
export function parseQualifiedLiteral(text: string): string[] {
  const parts: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      let j = i + 1;
      let s = '';
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += text[j];
        j++;
      }
      parts.push(s);
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.') j++;
      parts.push(text.slice(i, j).trim().toLowerCase());
      i = j;
    }
    if (text[i] === '.') i++;
  }
  return parts;
}

export interface DepOptions {
  /** Skip this relation id (e.g. the object itself). */
  self?: Id;
}

/**
 * Model ids referenced by any AST node: relations (RangeVar, `'x'::regclass` literals), user types (TypeName) and
 * raw statements defining functions (FuncCall).
 */
export function collectDeps(node: any, ctx: ImportContext, opts: DepOptions = {}): Id[] {
  const out = new Set<Id>();
  const ctes = new Set<string>();
  const addRel = (schema: string | undefined, name: string | undefined) => {
    if (!name) return;
    if (!schema && ctes.has(name)) return;
    const r = ctx.findRelation(schema || undefined, name);
    if (r) out.add(r.id);
    else for (const id of ctx.findDefined('other', schema || undefined, name)) out.add(id);
  };
  const addType = (tn: any) => {
    const names = nameList(tn?.names);
    const last = names[names.length - 1];
    if (!last || names.length > 2 || names[0] === 'pg_catalog' && names.length === 2) return;
    const t = ctx.findType(names.length === 2 ? names[0] : undefined, last);
    if (t) out.add(t.id);
    else if (names.length === 1 || names.length === 2) {
      // a table's row type
      const r = ctx.findRelation(names.length === 2 ? names[0] : undefined, last, ['table', 'view']);
      if (r) out.add(r.id);
      else for (const id of ctx.findDefined('other', names.length === 2 ? names[0] : undefined, last)) out.add(id);
    }
  };
  const walk = (n: any, keyName: string) => {
    if (n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) {
      for (const x of n) walk(x, keyName);
      return;
    }
    if (keyName === 'RangeVar' || keyName === 'relation') {
      addRel(n.schemaname, n.relname);
    } else if (keyName === 'TypeName' || keyName === 'typeName' || keyName === 'argType' || keyName === 'returnType') {
      if (Array.isArray(n.names)) addType(n);
    } else if (keyName === 'FuncCall') {
      const names = nameList(n.funcname);
      const last = names[names.length - 1];
      if (last && names[0] !== 'pg_catalog')
        for (const id of ctx.findDefined(['function', 'procedure', 'aggregate'], names.length >= 2 ? names[names.length - 2] : undefined, last)) out.add(id);
    } else if (keyName === 'TypeCast') {
      const tn = nameList(n.typeName?.names);
      const sval = n.arg?.A_Const?.sval?.sval;
      if (tn[tn.length - 1] === 'regclass' && typeof sval === 'string') {
        const parts = parseQualifiedLiteral(sval);
        if (parts.length === 1) addRel(undefined, parts[0]);
        else if (parts.length === 2) addRel(parts[0], parts[1]);
      }
    } else if (keyName === 'CommonTableExpr' && typeof n.ctename === 'string') {
      ctes.add(n.ctename);
    } else if (keyName === 'WithClause') {
      for (const c of n.ctes ?? []) if (c?.CommonTableExpr?.ctename) ctes.add(c.CommonTableExpr.ctename);
    }
    for (const [k, v] of Object.entries(n)) if (v && typeof v === 'object') walk(v, k);
  };
  // Pre-collect CTE names anywhere so that references before the definition in walk order are skipped too.
  const collectCtes = (n: any) => {
    if (n === null || typeof n !== 'object') return;
    if (Array.isArray(n)) return n.forEach(collectCtes);
    if (n.CommonTableExpr?.ctename) ctes.add(n.CommonTableExpr.ctename);
    for (const v of Object.values(n)) collectCtes(v);
  };
  collectCtes(node);
  walk(node, '');
  if (opts.self) out.delete(opts.self);
  return [...out];
}
