/**
 * All shared detection helpers of the checker (catalogue "Shared detection helpers" H1–H9), bound to one model.
 * `createHelpers(model)` is cheap: indexes (tables by stem, incoming FKs) are built lazily and cached per helpers
 * instance; results that depend on one table alone (FKs, index-likes, candidate keys, junction shape) are cached by
 * table object identity across checks (models are immutable immer states); names are tokenized once per name.
 *
 * Owners: roles.ts (H2), fk.ts (H3), keys.ts (H5, H6) and this file — KEY/REL helper; names.ts (H1, H7, H8, H9) and
 * types.ts (H4) — TYPE/NAME/AUD/SEC helper. Their full module APIs are reachable as `helpers.names` / `helpers.types`.
 */
import type { Column, ForeignKey, Id, Index, SchemaModel, Table } from '../../model/types';
import type { TableRole } from '../types';
import * as Names from './names';
import * as Types from './types';
import { inferRole, looksLikeJunction } from './roles';
import { fkLikeColumns, type FkLikeColumn } from './fk';
import { candidateKeys, hasCandidateKey, indexCovers, indexLikes, isCovered, singleColumnKeys, type CandidateKey, type IndexLike } from './keys';

export type { FkLikeColumn, FkLikeTarget } from './fk';
export type { CandidateKey, IndexLike } from './keys';

export interface LintHelpers {
  model: SchemaModel;
  /** names.ts module (H1 tokenize/singularise, H7 expected types, H8 sensitive names, H9 reserved words). */
  names: typeof Names;
  /** types.ts module (H4 type families, domain resolution). */
  types: typeof Types;

  // H1
  /** Lowercase singular tokens of a name (memoized). */
  tokenize(name: string): string[];
  /** Singular stem of a table name: `order_items` → `order_item`. */
  tableStem(t: Table): string;

  // H2
  /** Inferred role (without the user's override; use RuleContext.role for the effective one). */
  inferRole(t: Table): TableRole;
  looksLikeJunction(t: Table): boolean;

  // H3
  fkLike(t: Table): FkLikeColumn[];
  /** Tables whose singular stem equals `stem`. */
  tablesByStem(stem: string): Table[];

  // H4
  typeInfo(type: string): Types.TypeInfo;
  typeFamily(type: string): Types.TypeFamily;
  /** Same H4 family (domains resolved; `elementOfArray`: compare the array's element type with `keyType`). */
  compatibleTypes(fromType: string, keyType: string, elementOfArray?: boolean): boolean;

  // H5
  indexLikes(t: Table): IndexLike[];
  indexCovers(ix: IndexLike | Index, cols: readonly Id[]): boolean;
  isCovered(t: Table, cols: readonly Id[]): boolean;

  // H6
  candidateKeys(t: Table): CandidateKey[];
  hasCandidateKey(t: Table, cols: readonly Id[]): boolean;
  singleColumnKeys(t: Table): Column[];

  // model navigation
  table(id: Id | null | undefined): Table | undefined;
  schemaName(t: Table): string;
  /** FKs of other tables (and self-references) that point at the table. */
  incoming(tableId: Id): [Table, ForeignKey][];
  outgoing(t: Table): ForeignKey[];
  /** FK column ids of a table. */
  fkColumnIds(t: Table): Set<Id>;

  /**
   * A value computed once per helpers instance (one check of one model) under `key`: model-wide indexes a rule
   * needs for every table (enum users, names of a schema, ...). `fn` must depend on the model alone.
   */
  shared<V>(key: string, fn: () => V): V;
}

function memo<K extends object, V>(fn: (k: K) => V): (k: K) => V {
  const m = new WeakMap<K, V>();
  // Rules run table by table: the last key answers most calls without a lookup.
  let lastK: K | undefined;
  let lastV: V | undefined;
  return (k) => {
    if (k === lastK) return lastV as V;
    let v = m.get(k);
    if (v === undefined && !m.has(k)) {
      v = fn(k);
      m.set(k, v);
    }
    lastK = k;
    lastV = v;
    return v as V;
  };
}
/**
 * Per helpers instance (one model): tables by id in a Map. Within one model an id names one table object, and a Map
 * is cheaper than a WeakMap (no ephemerons for the collector) for values that live as long as the check.
 */
function memoById<V>(fn: (t: Table) => V): (t: Table) => V {
  const m = new Map<Id, { t: Table; v: V }>();
  let last: { t: Table; v: V } | undefined;
  return (t) => {
    if (last !== undefined && last.t === t) return last.v;
    const e = m.get(t.id);
    if (e && e.t === t) return (last = e).v;
    const v = fn(t);
    m.set(t.id, (last = { t, v }));
    return v;
  };
}
function memoStr<V>(fn: (k: string) => V): (k: string) => V {
  const m = new Map<string, V>();
  return (k) => {
    if (m.has(k)) return m.get(k) as V;
    const v = fn(k);
    m.set(k, v);
    return v;
  };
}

// Pure functions of one table object: cached across checks (tables are immutable states).
const outgoingG = memo((t: Table) => t.constraints.filter((c): c is ForeignKey => c.kind === 'foreign'));
// candidateKeys, indexLikes and singleColumnKeys cache per table object themselves (keys.ts).
const candidateKeysG = candidateKeys;
const indexLikesG = indexLikes;
const singleKeysG = singleColumnKeys;
const junctionG = memo(looksLikeJunction);
const fkColsG = memo((t: Table) => new Set(outgoingG(t).flatMap((f) => f.columns)));

export function createHelpers(model: SchemaModel): LintHelpers {
  let stemIndex: Map<string, Table[]> | undefined;
  let incomingIndex: Map<Id, [Table, ForeignKey][]> | undefined;
  const sharedCache = new Map<string, unknown>();

  // Names.tokenize is memoized globally (names repeat across checks and models).
  const tokenize = Names.tokenize;
  const tableStem = memoById((t: Table) => tokenize(t.name).join('_'));
  const typeInfo = memoStr((type: string) => Types.typeInfo(type, model));
  const outgoing = outgoingG;
  const incoming = (id: Id) => {
    if (!incomingIndex) {
      incomingIndex = new Map();
      for (const t of Object.values(model.tables)) {
        for (const fk of outgoing(t)) {
          if (!fk.refTableId) continue;
          let l = incomingIndex.get(fk.refTableId);
          if (!l) incomingIndex.set(fk.refTableId, (l = []));
          l.push([t, fk]);
        }
      }
    }
    return incomingIndex.get(id) ?? [];
  };
  const tablesByStem = (stem: string) => {
    if (!stemIndex) {
      stemIndex = new Map();
      for (const t of Object.values(model.tables)) {
        if (t.partitionOf) continue;
        const s = tableStem(t);
        let l = stemIndex.get(s);
        if (!l) stemIndex.set(s, (l = []));
        l.push(t);
      }
    }
    return stemIndex.get(stem) ?? [];
  };
  const compatibleTypes = (fromType: string, keyType: string, elementOfArray = false) => {
    const a = typeInfo(fromType);
    const b = typeInfo(keyType);
    if (elementOfArray ? !a.array : a.array !== b.array) return false;
    if (a.family === 'other' || b.family === 'other' || a.family === 'enum' || b.family === 'enum') return a.base === b.base;
    return a.family === b.family;
  };
  const candidateKeysM = candidateKeysG;
  const indexLikesM = indexLikesG;
  const singleKeysM = singleKeysG;
  const roleM = memoById((t: Table) =>
    inferRole(
      t,
      {
        get incoming() {
          return incoming(t.id).filter(([o]) => o.id !== t.id).length;
        },
      },
      model,
    ),
  );
  const junctionM = junctionG;
  // Names.tokenize (not the per-check wrapper): it is memoized globally, and fk.ts caches parsed names per tokenizer.
  const fkLikeM = memoById((t: Table) =>
    fkLikeColumns(t, { tokenize: Names.tokenize, tablesByStem, singleKeys: singleKeysM, compatible: compatibleTypes }),
  );
  const fkCols = fkColsG;

  return {
    model,
    names: Names,
    types: Types,
    tokenize,
    tableStem,
    inferRole: roleM,
    looksLikeJunction: junctionM,
    fkLike: fkLikeM,
    tablesByStem,
    typeInfo,
    typeFamily: (type) => typeInfo(type).family,
    compatibleTypes,
    indexLikes: indexLikesM,
    indexCovers,
    isCovered: (t, cols) => indexLikesM(t).some((ix) => indexCovers(ix, cols)),
    candidateKeys: candidateKeysM,
    hasCandidateKey: (t, cols) => hasCandidateKey(t, cols),
    singleColumnKeys: singleKeysM,
    table: (id) => (id ? model.tables[id] : undefined),
    schemaName: (t) => model.schemas[t.schemaId]?.name ?? 'public',
    incoming,
    outgoing,
    fkColumnIds: fkCols,
    shared<V>(key: string, fn: () => V): V {
      if (sharedCache.has(key)) return sharedCache.get(key) as V;
      const v = fn();
      sharedCache.set(key, v);
      return v;
    },
  };
}

export { isCovered };
