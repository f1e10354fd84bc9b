/** Trigger-backed table behaviours: generation, recognition and commands. `await initTriggers()` once first. */
export { initTriggers, checkPlpgsql, TriggerGeneratorError } from './check';
export {
  generateTriggerSql,
  behaviorStatements,
  behaviorRawStatements,
  behaviorRawRecord,
  behaviorRawId,
  softDeleteIndexSuggestions,
  type BehaviorKind,
  type GenerateOptions,
  type TriggerSqlResult,
  type TriggerStatement,
} from './generate';
export { recognizeBehaviors, recognizeTriggerMatches, rawStatementsByTable, type RecognizedBehavior, type TriggerMatch } from './recognize';
export { convertTriggerToBehavior, functionStillUsed, triggerCalls, type BehaviorConversion } from './convert';
export * from './commands';
export { fitIdent, DEFAULT_NAMES } from './names';
