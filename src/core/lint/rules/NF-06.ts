import { addColumn, removeColumn } from '../../commands/schema';
import type { Finding, QuickFix, Rule } from '../types';
import { NONE, candidateKeys, colRef, compatible, compose, compositeKeyForeignKeys, finding, isAuditName, qTable, quoteIdent } from './idx-nf-util';

/** Relationship attributes: properties of the link itself, not of either parent. */
const RELATIONSHIP = /^(grade|role|quantity|qty|position|rank|joined_at|status|score|price|unit_price|amount|note|notes|comment|weight|sort_order|order|ordinal|level|permission|permissions|is_primary|is_default|count|enrolled_at|started_at|ended_at|expires_at|valid_from|valid_to|since|until|percent|percentage|share|discount|type|kind|state)$/i;

/**
 * NF-06 (2NF): a composite candidate key containing the FKs to A and B, and a non-key column whose name starts with
 * A's stem (enrollments.course_title) or equals a column of A or B with a compatible type. Such a column depends
 * on part of the key only. Stop-list of relationship attributes (grade, role, quantity, position, rank, joined_at,
 * status, score, price, …); audit columns are ignored. Fix: move the column to the parent (add there, drop here).
 */
export const rule: Rule = {
  id: 'NF-06',
  slug: 'partial-key-dependency',
  group: 'NF',
  defaultSeverity: 'warning',
  scope: 'relation',
  description: 'In a table keyed by two references (enrollments of students in courses), a column that describes only one of them (course_title). It belongs to that parent table.',
  checkTable(t, ctx) {
    const fks = compositeKeyForeignKeys(t);
    if (fks.length < 2) return NONE;
    const keyCols = new Set(candidateKeys(t).flatMap((k) => k.columns));
    const fkCols = new Set(fks.flatMap((f) => f.columns));
    const out: Finding[] = [];
    for (const c of t.columns) {
      if (keyCols.has(c.id) || fkCols.has(c.id) || isAuditName(c.name) || RELATIONSHIP.test(c.name)) continue;
      const lower = c.name.toLowerCase();
      for (const fk of fks) {
        const p = fk.refTableId ? ctx.model.tables[fk.refTableId] : undefined;
        if (!p || p.id === t.id) continue;
        const fkCol = t.columns.find((x) => x.id === fk.columns[0]);
        const prefixes = new Set([ctx.helpers.tableStem(p)]);
        const role = fkCol && /^(.+?)_?(id|uuid)$/i.exec(fkCol.name)?.[1];
        if (role) prefixes.add(role.toLowerCase().replace(/_$/, ''));
        let attr: string | undefined;
        for (const pre of prefixes) if (lower.startsWith(pre + '_')) attr = lower.slice(pre.length + 1);
        const same = p.columns.find((x) => x.name.toLowerCase() === lower && compatible(ctx.model, c, x));
        if (!same && (!attr || RELATIONSHIP.test(attr) || attr === 'id')) continue;
        const target = same ? same.name : attr!;
        const existing = p.columns.find((x) => x.name.toLowerCase() === target);
        const qt = qTable(ctx.model, t);
        const qp = qTable(ctx.model, p);
        let fix: QuickFix | undefined;
        if (existing) {
          if (compatible(ctx.model, c, existing))
            fix = { label: `Drop ${c.name} (${p.name}.${existing.name} has it)`, sql: `ALTER TABLE ${qt} DROP COLUMN ${quoteIdent(c.name)};`, command: removeColumn(t.id, c.id) };
        } else if (fkCol && fk.columns.length === 1) {
          const refCol = p.columns.find((x) => x.id === fk.refColumns[0]);
          fix = {
            label: `Move ${c.name} to ${p.name}.${target}`,
            sql: [
              `ALTER TABLE ${qp} ADD COLUMN ${quoteIdent(target)} ${c.type};`,
              `UPDATE ${qp} p SET ${quoteIdent(target)} = x.${quoteIdent(c.name)} FROM (SELECT DISTINCT ${quoteIdent(fkCol.name)}, ${quoteIdent(c.name)} FROM ${qt}) x WHERE x.${quoteIdent(fkCol.name)} = p.${quoteIdent(refCol?.name ?? 'id')};`,
              `ALTER TABLE ${qt} DROP COLUMN ${quoteIdent(c.name)};`,
            ].join('\n'),
            command: compose(`Move ${c.name} to ${p.name}`, [addColumn(p.id, { name: target, type: c.type, typeRef: c.typeRef }), removeColumn(t.id, c.id)]),
          };
        }
        out.push(
          finding(
            'NF-06',
            'warning',
            colRef(ctx, t, c, { constraintId: fk.id }),
            `${t.name}.${c.name} seems to describe ${p.name} only, not the ${t.name} row.`,
            `${t.name} is keyed by several references; ${c.name} depends on ${fkCol?.name ?? 'one of them'} alone (a partial-key dependency, against second normal form), so it is repeated for every ${t.name} row of the same ${ctx.helpers.tableStem(p)} and can disagree. Keep it only if it really is a property of the link.`,
            fix,
          ),
        );
        break;
      }
    }
    return out;
  },
};
export default rule;
