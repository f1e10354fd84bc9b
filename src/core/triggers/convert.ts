/**
 * "Convert to behaviour": a verbatim trigger that recognition matched (recognizeTriggerMatches, which needs the
 * parser and may run in a worker) becomes the behaviour, with the names it had. This command needs no parser: it
 * takes the match as data and checks it against the document it runs on.
 *
 * The CREATE TRIGGER is removed. The CREATE FUNCTION it called is removed only when nothing left still uses it: no
 * remaining statement depends on it and no remaining verbatim trigger calls it by name (functions are often shared
 * by several tables). When it stays, the behaviour's own CREATE OR REPLACE FUNCTION of the same name is exported
 * after it (see behaviorRawStatements) with an equivalent body, so the other tables keep working.
 */
import type { Command } from '../commands/history';
import type { TableBehaviors } from '../model/behaviors';
import type { Id, RawStatement } from '../model/types';

/** What recognition found (the shape of TriggerMatch in ./recognize, without importing the parser). */
export interface BehaviorConversion {
  tableId: Id;
  behaviors: TableBehaviors;
  triggerRawId: Id;
  functionRawId?: Id;
}

const IDENT = String.raw`("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)`;
const identOf = (s: string): string => (s.startsWith('"') ? s.slice(1, -1).replace(/""/g, '"') : s.toLowerCase());

/** Does this CREATE TRIGGER call function `schema.name` (unqualified calls match any schema)? */
export function triggerCalls(sql: string, schema: string | undefined, name: string): boolean {
  const re = new RegExp(String.raw`EXECUTE\s+(?:FUNCTION|PROCEDURE)\s+(?:${IDENT}\s*\.\s*)?${IDENT}\s*\(`, 'gi');
  for (const m of sql.matchAll(re)) {
    if (identOf(m[2]!) !== name) continue;
    if (m[1] === undefined || schema === undefined || identOf(m[1]) === schema) return true;
  }
  return false;
}

/** Is the function statement `fn` still needed by anything in `raw` (other than itself)? */
export function functionStillUsed(raw: Record<Id, RawStatement>, fn: RawStatement): boolean {
  const name = fn.defines?.kind === 'function' ? fn.defines.name : undefined;
  for (const r of Object.values(raw)) {
    if (r.id === fn.id) continue;
    if (r.deps.includes(fn.id)) return true;
    if (name && r.nodeType === 'CreateTrigStmt' && triggerCalls(r.sql, fn.defines?.schema, name)) return true;
  }
  return false;
}

function what(b: TableBehaviors): string {
  if (b.updatedAt) return `keep ${b.updatedAt.column} current`;
  if (b.softDelete) return 'soft delete';
  if (b.audit) return 'audit';
  if (b.search) return `search vector ${b.search.column}`;
  if (b.counters?.length) return `counter ${b.counters[0]!.column}`;
  return 'behaviour';
}

export function convertTriggerToBehavior(conv: BehaviorConversion): Command {
  return {
    label: `Convert trigger to behaviour (${what(conv.behaviors)})`,
    run(d) {
      const m = d.schema;
      const table = m.tables[conv.tableId];
      if (!table) throw new Error('The table of this behaviour is no longer in the diagram');
      const trig = m.raw[conv.triggerRawId];
      if (!trig || trig.nodeType !== 'CreateTrigStmt') throw new Error('That trigger statement is no longer in the diagram');
      const keys = Object.keys(conv.behaviors) as (keyof TableBehaviors)[];
      if (keys.length !== 1) throw new Error('A conversion switches on exactly one behaviour');
      m.behaviors ??= {};
      const b = (m.behaviors[conv.tableId] ??= {});
      const key = keys[0]!;
      if (key === 'counters') {
        const add = conv.behaviors.counters ?? [];
        if (add.length !== 1) throw new Error('A conversion adds exactly one counter');
        const c = add[0]!;
        if (!m.tables[c.childTableId]?.constraints.some((x) => x.id === c.fkId && x.kind === 'foreign' && x.refTableId === conv.tableId)) {
          throw new Error(`The foreign key behind counter ${c.column} is no longer in the diagram`);
        }
        if (b.counters?.some((x) => x.column === c.column || x.id === c.id)) throw new Error(`${table.name}.${c.column} is already a counter`);
        (b.counters ??= []).push(structuredClone(c));
      } else {
        if (b[key]) throw new Error(`${table.name} already has this behaviour switched on; switch it off first`);
        (b as Record<string, unknown>)[key] = structuredClone(conv.behaviors[key]);
      }
      delete m.raw[conv.triggerRawId];
      const fn = conv.functionRawId ? m.raw[conv.functionRawId] : undefined;
      if (fn && fn.nodeType === 'CreateFunctionStmt' && !functionStillUsed(m.raw, fn)) delete m.raw[fn.id];
    },
  };
}
