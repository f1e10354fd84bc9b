/** Every PL/pgSQL body we generate goes through libpg-query's PL/pgSQL parser before it is handed out. */
import { parsePlPgSQLSync } from 'libpg-query';
import { initParser } from '../sql/import/index';

/** A generated function did not parse: a bug in the generator, never a user error. */
export class TriggerGeneratorError extends Error {
  constructor(message: string, readonly sql: string) {
    super(message);
    this.name = 'TriggerGeneratorError';
  }
}

/** Load the libpg-query WASM module (idempotent; the same module the importer uses). Call once before generating. */
export function initTriggers(): Promise<void> {
  return initParser();
}

/**
 * Parse a `CREATE FUNCTION ... LANGUAGE plpgsql` statement with the PL/pgSQL parser (this also parses every SQL
 * statement and expression embedded in the body and resolves variable names). Returns the parse tree; throws
 * TriggerGeneratorError when it does not parse or when it is not exactly one PL/pgSQL function.
 */
export function checkPlpgsql(createFunctionSql: string): unknown {
  let tree: { plpgsql_funcs?: unknown[] };
  try {
    tree = parsePlPgSQLSync(createFunctionSql) as unknown as { plpgsql_funcs?: unknown[] };
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    if (/not (been )?(loaded|initialized)|loadModule/i.test(msg)) {
      throw new TriggerGeneratorError(`libpg-query is not loaded: await initTriggers() first (${msg})`, createFunctionSql);
    }
    throw new TriggerGeneratorError(`generated PL/pgSQL does not parse: ${msg}`, createFunctionSql);
  }
  if (!tree.plpgsql_funcs || tree.plpgsql_funcs.length !== 1) {
    throw new TriggerGeneratorError('generated SQL is not exactly one PL/pgSQL function', createFunctionSql);
  }
  return tree.plpgsql_funcs[0];
}
