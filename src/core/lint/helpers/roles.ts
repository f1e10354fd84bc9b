/** H2: table role inference (entity, junction, lookup, log, staging), used to tune severities. */
import type { ForeignKey, SchemaModel, Table } from '../../model/types';
import type { TableRole } from '../types';

const STAGING = /^(tmp|temp|staging|import)_|_(bak|old|copy|backup)$/i;
const LOG = /_(log|logs|audit|audits|history|histories|events|versions)$|^(log|logs|audit|audits|history|events|versions)$|ledger|journal|outbox/i;
const LOOKUP_NAME = /_(types|statuses|kinds|categories)$|^(types|statuses|kinds|categories|countries|currencies|languages|locales|roles|permissions|timezones|time_zones)$/i;
const LOOKUP_KEY = /^(code|name|label|slug|key|title|iso\d?|iso_code|abbreviation|symbol)$/i;
/** Audit / bookkeeping columns that do not make a link table an entity. */
export const AUDIT_COLUMN = /^(created|updated|modified|deleted|inserted|changed|added|linked|assigned|granted|joined)_(at|on|by|by_id|time|date)$|^(created|updated|modified|deleted)(At|On|By)$|^(version|lock_version|row_version)$/i;

export interface RoleInputs {
  /** Number of FKs from other tables that point at this table. */
  incoming: number;
}

function fks(t: Table): ForeignKey[] {
  return t.constraints.filter((c): c is ForeignKey => c.kind === 'foreign');
}

/** Junction: ≥ 2 FKs, ≤ 2 other non-audit columns, PK absent, on the FK columns, or a lone surrogate. */
export function looksLikeJunction(t: Table): boolean {
  // Most tables have fewer than two FKs to other tables: count before building anything.
  let n = 0;
  for (const c of t.constraints) if (c.kind === 'foreign' && c.refTableId !== t.id) n++;
  if (n < 2) return false;
  const outFks = fks(t).filter((f) => f.refTableId !== t.id);
  const fkCols = new Set(outFks.flatMap((f) => f.columns));
  if (fkCols.size < 2) return false;
  const pk = t.constraints.find((c) => c.kind === 'primary');
  let surrogate: string | undefined;
  if (pk && pk.kind === 'primary') {
    const inFk = pk.columns.filter((c) => fkCols.has(c));
    if (inFk.length === pk.columns.length) {
      // PK on (a subset of) the FK columns: fine.
    } else if (pk.columns.length === 1 && inFk.length === 0) surrogate = pk.columns[0];
    else return false;
  }
  const others = t.columns.filter((c) => !fkCols.has(c.id) && c.id !== surrogate && !AUDIT_COLUMN.test(c.name));
  return others.length <= 2;
}

export function inferRole(t: Table, inputs: RoleInputs, _model?: SchemaModel): TableRole {
  const name = t.name;
  if (STAGING.test(name)) return 'staging';
  if (LOG.test(name)) return 'log';
  if (looksLikeJunction(t)) return 'junction';
  if (LOOKUP_NAME.test(name)) return 'lookup';
  // Cheapest tests first (`inputs.incoming` may be computed on demand).
  if (t.columns.length <= 5 && t.columns.some((c) => LOOKUP_KEY.test(c.name)) && !t.constraints.some((c) => c.kind === 'foreign' && c.refTableId !== t.id) && inputs.incoming > 0) return 'lookup';
  return 'entity';
}
