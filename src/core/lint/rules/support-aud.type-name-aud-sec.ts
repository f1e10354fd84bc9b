/** Audit-column recognition and updated_at trigger SQL shared by the AUD rules. */
import type { Column, SchemaModel, Table } from '../../model/types';
import { memoByString, rawTokens } from '../helpers/names';
import { DEFAULT_NAMES, fitIdent } from '../../triggers/names';
import { qi, qt, rawByTarget, schemaOf } from './support.type-name-aud-sec';

const CREATED = new Set(['created_at', 'inserted_at', 'creation_time', 'created_time', 'create_time', 'created', 'date_created', 'created_date', 'created_on', 'creation_date', 'createdat', 'inserted_on', 'create_date']);
const UPDATED = new Set(['updated_at', 'modified_at', 'last_update', 'last_updated', 'last_modified', 'updated_on', 'modified_on', 'date_modified', 'date_updated', 'updated_time', 'update_time', 'last_updated_at', 'last_modified_at', 'modified', 'updated']);
const DELETED = new Set(['deleted_at', 'deleted_on', 'removed_at', 'deleted_time', 'date_deleted']);

const normName = memoByString((name: string) => rawTokens(name).join('_'));
const norm = (c: Column | string) => normName(typeof c === 'string' ? c : c.name);

export const isCreatedCol = (c: Column) => CREATED.has(norm(c));
export const isUpdatedCol = (c: Column) => UPDATED.has(norm(c));
export const isDeletedAtCol = (c: Column) => DELETED.has(norm(c));
export const isDeletedFlag = (c: Column) => /^(is_deleted|deleted|is_removed|removed)$/.test(norm(c));

/** Is there a row-level BEFORE UPDATE trigger (behaviour or verbatim CREATE TRIGGER) on the table? */
export function hasUpdateTrigger(model: SchemaModel, t: Table, column: string): boolean {
  const b = model.behaviors?.[t.id]?.updatedAt;
  if (b && b.column === column) return true;
  for (const r of rawByTarget(model, t.id)) {
    if (r.nodeType !== 'CreateTrigStmt') continue;
    const sql = r.sql.replace(/--[^\n]*/g, ' ');
    if (/\bBEFORE\b[\s\S]*?\bUPDATE\b[\s\S]*?\bON\b/i.test(sql) && /\bFOR\s+EACH\s+ROW\b/i.test(sql)) return true;
  }
  return false;
}

/** The SQL the updated_at behaviour implies (what the trigger generator emits, in short). */
export function updatedAtSql(model: SchemaModel, t: Table, column: string, addColumn: boolean): string {
  const schema = schemaOf(model, t);
  const fn = `${qi(schema)}.${qi(fitIdent(DEFAULT_NAMES.updatedAtFunction(column)))}`;
  const trg = qi(fitIdent(DEFAULT_NAMES.updatedAtTrigger(t.name, column)));
  const lines: string[] = [];
  if (addColumn) lines.push(`ALTER TABLE ${qt(model, t)} ADD COLUMN ${qi(column)} timestamptz NOT NULL DEFAULT now();`);
  lines.push(
    `CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN NEW.${qi(column)} := now(); RETURN NEW; END $$;`,
    `CREATE TRIGGER ${trg} BEFORE UPDATE ON ${qt(model, t)}\n  FOR EACH ROW EXECUTE FUNCTION ${fn}();`,
  );
  return lines.join('\n');
}
