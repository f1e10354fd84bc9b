/**
 * What the behaviours worker computes for the selected table: the trigger SQL preview (or the message of a failed
 * PL/pgSQL check, never the SQL) and the verbatim triggers on the table that match a behaviour. Plain function, so it
 * is tested in Node; the worker only adds the parser start-up and messaging.
 */
import type { Id, SchemaModel } from '../../core/model/types';
import { generateTriggerSql } from '../../core/triggers/generate';
import { recognizeTriggerMatches } from '../../core/triggers/recognize';
import type { PreviewResult, TriggerMatchInfo } from './protocol';

export function analyseBehaviors(schema: SchemaModel, tableId: Id): { preview: PreviewResult; matches: TriggerMatchInfo[]; recognitionError?: string } {
  const b = schema.behaviors?.[tableId];
  let preview: PreviewResult = { kind: 'none' };
  if (b && Object.keys(b).length) {
    try {
      const gen = generateTriggerSql(schema, { [tableId]: b });
      preview = { kind: 'sql', sql: gen.sql, diagnostics: gen.diagnostics };
    } catch (e) {
      preview = { kind: 'error', message: e instanceof Error ? e.message : String(e) };
    }
  }
  try {
    return { preview, matches: recognizeTriggerMatches(schema, tableId) };
  } catch (e) {
    return { preview, matches: [], recognitionError: e instanceof Error ? e.message : String(e) };
  }
}
