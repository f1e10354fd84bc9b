/** Messages of the behaviours worker: trigger SQL preview and recognition of verbatim triggers, off the page. */
import type { Diagnostic } from '../../core/model/diagnostics';
import type { Id, SchemaModel } from '../../core/model/types';
import type { BehaviorConversion } from '../../core/triggers/convert';
import type { BehaviorKind } from '../../core/triggers/generate';

export interface BehaviorsRequest {
  id: number;
  schema: SchemaModel;
  tableId: Id;
}

/** A verbatim trigger on the table that matches a behaviour (ready for convertTriggerToBehavior). */
export type TriggerMatchInfo = BehaviorConversion & { behavior: BehaviorKind; triggerTableId: Id; functionRawId: Id };

export type PreviewResult =
  | { kind: 'none' }
  | { kind: 'sql'; sql: string; diagnostics: Diagnostic[] }
  /** The PL/pgSQL check (or the generator) failed: the message, never the SQL. */
  | { kind: 'error'; message: string };

export type BehaviorsResponse =
  | { id: number; ok: true; preview: PreviewResult; matches: TriggerMatchInfo[]; recognitionError?: string; ms: number }
  | { id: number; ok: false; error: string };
