/**
 * A normalized, deterministic JSON snapshot of everything a schema script created in a database.
 *
 * - Covers user schemas only (not pg_catalog, information_schema, pg_toast, pg_temp*). Objects that belong to an
 *   extension (pg_depend deptype 'e') are left out; the extensions themselves are listed with version and schema.
 * - Definitions are read with `search_path = pg_catalog`, so every user name prints schema-qualified the same way
 *   whatever path the script left behind. The session's path is restored afterwards.
 * - No OIDs. Objects are records keyed by qualified, quote_ident-quoted names (`public.film`, `"Weird"."T"`,
 *   functions as `public.f(integer, text)`), keys in code-point order; columns, enum labels, composite attributes
 *   and inheritance parents are arrays in their catalog order because that order is meaningful.
 * - Absent/false/default properties are omitted, so snapshots stay small and diffs read well.
 * - ACLs are normalized: NULL and an explicit ACL equal to the built-in default are the same (omitted); otherwise the
 *   aclitems are listed sorted.
 */
import type { PGlite } from '@electric-sql/pglite';

export interface CatalogOptions {
  /** Include object owners (`owner` fields). Default true. */
  owners?: boolean;
  /** Include roles created in the cluster (other than `postgres` and the predefined pg_* roles). Default true. */
  roles?: boolean;
}

export interface ColumnInfo {
  name: string;
  type: string;
  notNull?: true;
  default?: string;
  identity?: 'always' | 'by default';
  generated?: { kind: 'stored' | 'virtual'; expr: string };
  collation?: string;
  /** Present (false) when the column is only inherited (attislocal = false). */
  local?: false;
  inhcount?: number;
  storage?: string;
  compression?: string;
  statistics?: number;
  options?: string[];
  fdwOptions?: string[];
  acl?: string[];
  comment?: string;
}

export interface ConstraintInfo {
  /** p primary, u unique, f foreign, c check, x exclude, n not null, t constraint trigger. */
  type: string;
  def: string;
  deferrable?: true;
  deferred?: true;
  notValid?: true;
  local?: false;
  inhcount?: number;
  comment?: string;
}

export interface IndexInfo {
  def: string;
  clustered?: true;
  invalid?: true;
  replicaIdentity?: true;
  /** Parent partitioned index this one is attached to. */
  attachedTo?: string;
  comment?: string;
}

export interface TriggerInfo {
  def: string;
  /** tgenabled when not 'O' (D disabled, R replica, A always). */
  enabled?: string;
  /** Cloned from a trigger on the partitioned parent. */
  inherited?: true;
  comment?: string;
}

export interface PolicyInfo {
  command: string;
  permissive: boolean;
  roles: string[];
  using?: string;
  withCheck?: string;
  comment?: string;
}

export interface RuleInfo {
  def: string;
  enabled?: string;
  comment?: string;
}

export interface TableInfo {
  /** r table, p partitioned table, f foreign table. */
  kind: string;
  /** relpersistence when not 'p': u unlogged, t temp. */
  persistence?: string;
  partitionKey?: string;
  partitionOf?: { parent: string; bound: string };
  inherits?: string[];
  ofType?: string;
  rls?: { enabled: boolean; forced: boolean };
  options?: string[];
  accessMethod?: string;
  replicaIdentity?: string;
  foreign?: { server: string; options?: string[] };
  owner?: string;
  acl?: string[];
  comment?: string;
  columns: ColumnInfo[];
  constraints: Record<string, ConstraintInfo>;
  indexes: Record<string, IndexInfo>;
  triggers: Record<string, TriggerInfo>;
  policies: Record<string, PolicyInfo>;
  rules: Record<string, RuleInfo>;
}

export interface ViewInfo {
  materialized: boolean;
  def: string;
  options?: string[];
  /** Materialized views created WITH NO DATA. */
  notPopulated?: true;
  accessMethod?: string;
  owner?: string;
  acl?: string[];
  comment?: string;
  columns: ColumnInfo[];
  indexes: Record<string, IndexInfo>;
  triggers: Record<string, TriggerInfo>;
  rules: Record<string, RuleInfo>;
}

export interface SequenceInfo {
  type: string;
  start: string;
  increment: string;
  min: string;
  max: string;
  cache: string;
  cycle?: true;
  persistence?: string;
  /** `table.column` owning the sequence (serial / OWNED BY). */
  ownedBy?: string;
  /** `table.column` whose identity this sequence implements. */
  identityOf?: string;
  owner?: string;
  acl?: string[];
  comment?: string;
}

export type TypeInfo =
  | { kind: 'enum'; labels: string[]; owner?: string; acl?: string[]; comment?: string }
  | {
      kind: 'domain';
      baseType: string;
      notNull?: true;
      default?: string;
      collation?: string;
      constraints: Record<string, ConstraintInfo>;
      owner?: string;
      acl?: string[];
      comment?: string;
    }
  | {
      kind: 'composite';
      attributes: { name: string; type: string; collation?: string; comment?: string }[];
      owner?: string;
      acl?: string[];
      comment?: string;
    }
  | {
      kind: 'range';
      subtype: string;
      opclass?: string;
      collation?: string;
      canonical?: string;
      subdiff?: string;
      multirange?: string;
      owner?: string;
      acl?: string[];
      comment?: string;
    }
  | { kind: 'base' | 'shell'; input?: string; output?: string; owner?: string; acl?: string[]; comment?: string };

export interface FunctionInfo {
  /** f function, p procedure, a aggregate, w window. */
  kind: string;
  args: string;
  result?: string;
  language: string;
  /** pg_get_functiondef (functions and procedures). */
  def?: string;
  /** Aggregates: the pg_aggregate support functions and settings that are set. */
  aggregate?: Record<string, string>;
  owner?: string;
  acl?: string[];
  comment?: string;
}

export interface Catalog {
  roles: Record<string, Record<string, unknown>>;
  extensions: Record<string, { version: string; schema: string; comment?: string }>;
  schemas: Record<string, { owner?: string; acl?: string[]; comment?: string }>;
  tables: Record<string, TableInfo>;
  views: Record<string, ViewInfo>;
  sequences: Record<string, SequenceInfo>;
  types: Record<string, TypeInfo>;
  functions: Record<string, FunctionInfo>;
  casts: Record<string, { function?: string; context: string; method: string; comment?: string }>;
  collations: Record<string, Record<string, unknown>>;
  operators: Record<string, Record<string, unknown>>;
  statistics: Record<string, { def: string; comment?: string }>;
  eventTriggers: Record<string, Record<string, unknown>>;
  foreignServers: Record<string, Record<string, unknown>>;
  userMappings: Record<string, { options?: string[] }>;
  defaultAcls: Record<string, string[]>;
  publications: Record<string, Record<string, unknown>>;
}

// ---------------------------------------------------------------------------------------------------------------

const USER_NS = (alias: string) =>
  `${alias}.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ` +
  `AND ${alias}.nspname NOT LIKE 'pg\\_temp\\_%' AND ${alias}.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'`;

/** Code-point order (not locale order), so snapshots are identical everywhere. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortedRecord<T>(entries: Iterable<[string, T]>): Record<string, T> {
  const arr = [...entries].sort((x, y) => compareNames(x[0], y[0]));
  const out: Record<string, T> = {};
  for (const [k, v] of arr) out[k] = v;
  return out;
}

function normAcl(acl: string[] | null, def: string[] | null): string[] | undefined {
  if (!acl) return undefined;
  const a = [...acl].sort(compareNames);
  const d = [...(def ?? [])].sort(compareNames);
  if (a.length === d.length && a.every((x, i) => x === d[i])) return undefined;
  return a;
}

function sortedOpts(o: string[] | null | undefined): string[] | undefined {
  return o && o.length ? [...o].sort(compareNames) : undefined;
}

/** Assign only defined values, keeping the object free of `undefined` members (optional fields stay absent). */
function put<T extends object>(target: T, values: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(values)) if (v !== undefined && v !== null) (target as Record<string, unknown>)[k] = v;
  return target;
}

type Row = Record<string, unknown>;

export async function readCatalog(db: PGlite, options: CatalogOptions = {}): Promise<Catalog> {
  if (db.isInTransaction()) {
    // An aborted transaction would make every query fail; an open one would hide nothing but is still surprising.
    throw new Error('readCatalog: the session is inside a transaction block; COMMIT or ROLLBACK first');
  }
  const withOwners = options.owners ?? true;
  const saved = (await db.query<{ p: string }>(`SELECT pg_catalog.current_setting('search_path') AS p`)).rows[0]!.p;
  await db.exec('SET search_path = pg_catalog');
  try {
    return await read(db, withOwners, options.roles ?? true);
  } finally {
    await db.query(`SELECT pg_catalog.set_config('search_path', $1, false)`, [saved]);
  }
}

async function read(db: PGlite, withOwners: boolean, withRoles: boolean): Promise<Catalog> {
  const q = async <T = Row>(sql: string): Promise<T[]> => (await db.query<T>(sql)).rows;
  const owner = (o: unknown): string | undefined => (withOwners ? (o as string) : undefined);

  // Extension members, to leave out.
  const extMember = new Set(
    (await q<{ k: string }>(`SELECT classid::regclass::text || ':' || objid AS k FROM pg_depend WHERE deptype = 'e'`)).map(
      (r) => r.k,
    ),
  );
  const isExt = (cls: string, oid: unknown) => extMember.has(`${cls}:${oid as number}`);

  // Comments.
  const comments = new Map<string, string>();
  for (const r of await q<{ k: string; description: string }>(
    `SELECT classoid::regclass::text || ':' || objoid || ':' || objsubid AS k, description FROM pg_description
     WHERE objoid >= 16384 OR classoid = 'pg_namespace'::regclass`,
  ))
    comments.set(r.k, r.description);
  const comment = (cls: string, oid: unknown, sub = 0) => comments.get(`${cls}:${oid as number}:${sub}`);

  const cat: Catalog = {
    roles: {},
    extensions: {},
    schemas: {},
    tables: {},
    views: {},
    sequences: {},
    types: {},
    functions: {},
    casts: {},
    collations: {},
    operators: {},
    statistics: {},
    eventTriggers: {},
    foreignServers: {},
    userMappings: {},
    defaultAcls: {},
    publications: {},
  };

  // Roles (cluster-wide; a fresh clone has only postgres and the predefined roles).
  if (withRoles) {
    const members = new Map<string, string[]>();
    for (const r of await q(
      `SELECT m.member::regrole::text AS member, m.roleid::regrole::text AS role, m.admin_option, m.inherit_option, m.set_option
       FROM pg_auth_members m`,
    )) {
      const flags = [r.admin_option ? 'admin' : '', r.inherit_option ? '' : 'noinherit', r.set_option ? '' : 'noset']
        .filter(Boolean)
        .join(',');
      const list = members.get(r.member as string) ?? [];
      list.push(flags ? `${r.role as string} (${flags})` : (r.role as string));
      members.set(r.member as string, list);
    }
    const rows = await q(
      `SELECT quote_ident(rolname) AS name, rolsuper, rolinherit, rolcreaterole, rolcreatedb, rolcanlogin, rolreplication,
              rolbypassrls, rolconnlimit, rolvaliduntil::text AS validuntil, rolconfig::text[] AS config
       FROM pg_roles WHERE rolname <> 'postgres' AND rolname !~ '^pg_'`,
    );
    cat.roles = sortedRecord(
      rows.map((r) => {
        const attrs: string[] = [];
        if (r.rolsuper) attrs.push('SUPERUSER');
        if (!r.rolinherit) attrs.push('NOINHERIT');
        if (r.rolcreaterole) attrs.push('CREATEROLE');
        if (r.rolcreatedb) attrs.push('CREATEDB');
        if (r.rolcanlogin) attrs.push('LOGIN');
        if (r.rolreplication) attrs.push('REPLICATION');
        if (r.rolbypassrls) attrs.push('BYPASSRLS');
        if (r.rolconnlimit !== -1) attrs.push(`CONNECTION LIMIT ${r.rolconnlimit as number}`);
        if (r.validuntil) attrs.push(`VALID UNTIL ${r.validuntil as string}`);
        const info = put<Record<string, unknown>>(
          { attributes: attrs },
          {
            config: sortedOpts(r.config as string[] | null),
            memberOf: members.get(r.name as string)?.sort(compareNames),
            comment: undefined,
          },
        );
        return [r.name as string, info];
      }),
    );
  }

  // Extensions.
  cat.extensions = sortedRecord(
    (
      await q(
        `SELECT e.oid, quote_ident(e.extname) AS name, e.extversion, quote_ident(n.nspname) AS schema
         FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace`,
      )
    ).map((r) => [
      r.name as string,
      put({ version: r.extversion as string, schema: r.schema as string }, { comment: comment('pg_extension', r.oid) }),
    ]),
  );

  // Schemas.
  cat.schemas = sortedRecord(
    (
      await q(
        `SELECT n.oid, quote_ident(n.nspname) AS name, pg_get_userbyid(n.nspowner) AS owner, n.nspacl::text[] AS acl,
                acldefault('n', n.nspowner)::text[] AS acldef
         FROM pg_namespace n WHERE ${USER_NS('n')}`,
      )
    )
      .filter((r) => !isExt('pg_namespace', r.oid))
      .map((r) => [
        r.name as string,
        put(
          {},
          {
            owner: owner(r.owner),
            acl: normAcl(r.acl as string[] | null, r.acldef as string[] | null),
            comment: comment('pg_namespace', r.oid),
          },
        ),
      ]),
  );

  // Relations: tables, partitioned tables, foreign tables, views, materialized views.
  const rels = (
    await q(
      `SELECT c.oid, c.oid::regclass::text AS name, c.relkind::text AS relkind, c.relpersistence::text AS persistence,
              CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partkey,
              CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partbound,
              c.relispartition, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text[] AS reloptions,
              pg_get_userbyid(c.relowner) AS owner, c.relacl::text[] AS acl, acldefault('r', c.relowner)::text[] AS acldef,
              am.amname, c.relreplident::text AS replident,
              CASE WHEN c.reloftype <> 0 THEN c.reloftype::regtype::text END AS oftype, c.relispopulated,
              CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS viewdef,
              quote_ident(fs.srvname) AS server, ft.ftoptions::text[] AS ftoptions
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_am am ON am.oid = c.relam
       LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver
       WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'c') AND ${USER_NS('n')}`,
    )
  ).filter((r) => !isExt('pg_class', r.oid));

  const parents = new Map<number, { parent: string; seq: number }[]>();
  for (const r of await q(`SELECT inhrelid, inhparent::regclass::text AS parent, inhseqno FROM pg_inherits`)) {
    const list = parents.get(r.inhrelid as number) ?? [];
    list.push({ parent: r.parent as string, seq: r.inhseqno as number });
    parents.set(r.inhrelid as number, list);
  }

  // Columns of all relations (incl. composite types), in attnum order.
  const columns = new Map<number, ColumnInfo[]>();
  for (const r of await q(
    `SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull,
            pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity::text AS identity, a.attgenerated::text AS generated,
            CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                 THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
            a.attislocal, a.attinhcount, a.attacl::text[] AS acl,
            CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage::text END AS storage,
            a.attcompression::text AS compression, a.attstattarget, a.attoptions::text[] AS options,
            a.attfdwoptions::text[] AS fdwoptions, c.relkind::text AS relkind
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_type t ON t.oid = a.atttypid
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     LEFT JOIN pg_collation co ON co.oid = a.attcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
     WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f', 'v', 'm', 'c') AND ${USER_NS('n')}
     ORDER BY a.attrelid, a.attnum`,
  )) {
    const gen = r.generated as string;
    const ident = r.identity as string;
    const col = put<ColumnInfo>(
      { name: r.attname as string, type: r.type as string },
      {
        notNull: r.attnotnull ? true : undefined,
        default: gen ? undefined : (r.def as string | null) ?? undefined,
        identity: ident === 'a' ? 'always' : ident === 'd' ? 'by default' : undefined,
        generated: gen ? { kind: gen === 's' ? 'stored' : 'virtual', expr: r.def as string } : undefined,
        collation: (r.collation as string | null) ?? undefined,
        local: r.attislocal ? undefined : false,
        inhcount: (r.attinhcount as number) > 0 ? (r.attinhcount as number) : undefined,
        storage: (r.storage as string | null) ?? undefined,
        compression: r.compression ? (r.compression as string) : undefined,
        statistics: r.attstattarget === null || r.attstattarget === -1 ? undefined : (r.attstattarget as number),
        options: sortedOpts(r.options as string[] | null),
        fdwOptions: sortedOpts(r.fdwoptions as string[] | null),
        acl: sortedOpts(r.acl as string[] | null),
        comment: comment('pg_class', r.attrelid, r.attnum as number),
      },
    );
    const list = columns.get(r.attrelid as number) ?? [];
    list.push(col);
    columns.set(r.attrelid as number, list);
  }

  // Constraints on relations and domains.
  const relCons = new Map<number, Record<string, ConstraintInfo>>();
  const domCons = new Map<number, Record<string, ConstraintInfo>>();
  for (const r of await q(
    `SELECT con.oid, con.conrelid, con.contypid, quote_ident(con.conname) AS name, con.contype::text AS type,
            pg_get_constraintdef(con.oid) AS def, con.condeferrable, con.condeferred, con.convalidated,
            con.conislocal, con.coninhcount
     FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace WHERE ${USER_NS('n')}
     ORDER BY con.conname`,
  )) {
    const info = put<ConstraintInfo>(
      { type: r.type as string, def: r.def as string },
      {
        deferrable: r.condeferrable ? true : undefined,
        deferred: r.condeferred ? true : undefined,
        notValid: r.convalidated ? undefined : true,
        local: r.conislocal ? undefined : false,
        inhcount: (r.coninhcount as number) > 0 ? (r.coninhcount as number) : undefined,
        comment: comment('pg_constraint', r.oid),
      },
    );
    const map = (r.conrelid as number) !== 0 ? relCons : domCons;
    const key = (r.conrelid as number) !== 0 ? (r.conrelid as number) : (r.contypid as number);
    const rec = map.get(key) ?? {};
    rec[r.name as string] = info;
    map.set(key, rec);
  }

  // Indexes.
  const indexes = new Map<number, [string, IndexInfo][]>();
  for (const r of await q(
    `SELECT i.indrelid, i.indexrelid, quote_ident(ic.relname) AS name, pg_get_indexdef(i.indexrelid) AS def,
            i.indisclustered, i.indisvalid, i.indisreplident,
            (SELECT h.inhparent::regclass::text FROM pg_inherits h WHERE h.inhrelid = i.indexrelid LIMIT 1) AS parent
     FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace
     WHERE ${USER_NS('n')}`,
  )) {
    const list = indexes.get(r.indrelid as number) ?? [];
    list.push([
      r.name as string,
      put<IndexInfo>(
        { def: r.def as string },
        {
          clustered: r.indisclustered ? true : undefined,
          invalid: r.indisvalid ? undefined : true,
          replicaIdentity: r.indisreplident ? true : undefined,
          attachedTo: (r.parent as string | null) ?? undefined,
          comment: comment('pg_class', r.indexrelid),
        },
      ),
    ]);
    indexes.set(r.indrelid as number, list);
  }

  // Triggers.
  const triggers = new Map<number, [string, TriggerInfo][]>();
  for (const r of await q(
    `SELECT t.oid, t.tgrelid, quote_ident(t.tgname) AS name, pg_get_triggerdef(t.oid) AS def,
            t.tgenabled::text AS enabled, t.tgparentid <> 0 AS inherited
     FROM pg_trigger t WHERE NOT t.tgisinternal`,
  )) {
    const list = triggers.get(r.tgrelid as number) ?? [];
    list.push([
      r.name as string,
      put<TriggerInfo>(
        { def: r.def as string },
        {
          enabled: r.enabled === 'O' ? undefined : (r.enabled as string),
          inherited: r.inherited ? true : undefined,
          comment: comment('pg_trigger', r.oid),
        },
      ),
    ]);
    triggers.set(r.tgrelid as number, list);
  }

  // Policies.
  const policies = new Map<number, [string, PolicyInfo][]>();
  for (const r of await q(
    `SELECT p.oid, p.polrelid, quote_ident(p.polname) AS name, p.polcmd::text AS cmd, p.polpermissive,
            ARRAY(SELECT CASE WHEN x = 0 THEN 'public' ELSE quote_ident(pg_get_userbyid(x)) END
                  FROM unnest(p.polroles) AS x ORDER BY 1) AS roles,
            pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS withcheck
     FROM pg_policy p`,
  )) {
    const cmd = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE', '*': 'ALL' }[r.cmd as string] ?? (r.cmd as string);
    const list = policies.get(r.polrelid as number) ?? [];
    list.push([
      r.name as string,
      put<PolicyInfo>(
        { command: cmd, permissive: r.polpermissive as boolean, roles: [...(r.roles as string[])].sort(compareNames) },
        {
          using: (r.qual as string | null) ?? undefined,
          withCheck: (r.withcheck as string | null) ?? undefined,
          comment: comment('pg_policy', r.oid),
        },
      ),
    ]);
    policies.set(r.polrelid as number, list);
  }

  // Rules (not the _RETURN rules that implement views).
  const rules = new Map<number, [string, RuleInfo][]>();
  for (const r of await q(
    `SELECT r.oid, r.ev_class, quote_ident(r.rulename) AS name, pg_get_ruledef(r.oid) AS def, r.ev_enabled::text AS enabled
     FROM pg_rewrite r WHERE r.rulename <> '_RETURN'`,
  )) {
    const list = rules.get(r.ev_class as number) ?? [];
    list.push([
      r.name as string,
      put<RuleInfo>(
        { def: r.def as string },
        { enabled: r.enabled === 'O' ? undefined : (r.enabled as string), comment: comment('pg_rewrite', r.oid) },
      ),
    ]);
    rules.set(r.ev_class as number, list);
  }

  const tables: [string, TableInfo][] = [];
  const views: [string, ViewInfo][] = [];
  const compositeAttrs = new Map<number, ColumnInfo[]>();
  for (const r of rels) {
    const oid = r.oid as number;
    const kind = r.relkind as string;
    const cols = columns.get(oid) ?? [];
    if (kind === 'c') {
      compositeAttrs.set(oid, cols);
      continue;
    }
    const base = {
      owner: owner(r.owner),
      acl: normAcl(r.acl as string[] | null, r.acldef as string[] | null),
      comment: comment('pg_class', oid),
    };
    const idx = sortedRecord(indexes.get(oid) ?? []);
    const trg = sortedRecord(triggers.get(oid) ?? []);
    const rul = sortedRecord(rules.get(oid) ?? []);
    if (kind === 'v' || kind === 'm') {
      views.push([
        r.name as string,
        put<ViewInfo>(
          { materialized: kind === 'm', def: r.viewdef as string, columns: cols, indexes: idx, triggers: trg, rules: rul },
          {
            options: sortedOpts(r.reloptions as string[] | null),
            notPopulated: kind === 'm' && !r.relispopulated ? true : undefined,
            accessMethod: kind === 'm' && r.amname !== 'heap' ? (r.amname as string | null) ?? undefined : undefined,
            ...base,
          },
        ),
      ]);
      continue;
    }
    const inh = (parents.get(oid) ?? []).sort((a, b) => a.seq - b.seq).map((p) => p.parent);
    const isPart = r.relispartition as boolean;
    tables.push([
      r.name as string,
      put<TableInfo>(
        {
          kind,
          columns: cols,
          constraints: sortedRecord(Object.entries(relCons.get(oid) ?? {})),
          indexes: idx,
          triggers: trg,
          policies: sortedRecord(policies.get(oid) ?? []),
          rules: rul,
        },
        {
          persistence: r.persistence === 'p' ? undefined : (r.persistence as string),
          partitionKey: (r.partkey as string | null) ?? undefined,
          partitionOf: isPart && inh[0] ? { parent: inh[0], bound: r.partbound as string } : undefined,
          inherits: !isPart && inh.length ? inh : undefined,
          ofType: (r.oftype as string | null) ?? undefined,
          rls: r.relrowsecurity || r.relforcerowsecurity
            ? { enabled: r.relrowsecurity as boolean, forced: r.relforcerowsecurity as boolean }
            : undefined,
          options: sortedOpts(r.reloptions as string[] | null),
          accessMethod: r.amname && r.amname !== 'heap' ? (r.amname as string) : undefined,
          replicaIdentity: r.replident === 'd' || kind === 'f' ? undefined : (r.replident as string),
          foreign: kind === 'f' ? put({ server: r.server as string }, { options: sortedOpts(r.ftoptions as string[] | null) }) : undefined,
          ...base,
        },
      ),
    ]);
  }
  cat.tables = sortedRecord(tables);
  cat.views = sortedRecord(views);

  // Sequences.
  cat.sequences = sortedRecord(
    (
      await q(
        `SELECT c.oid, c.oid::regclass::text AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start,
                s.seqincrement::text AS increment, s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache,
                s.seqcycle, c.relpersistence::text AS persistence, pg_get_userbyid(c.relowner) AS owner,
                c.relacl::text[] AS acl, acldefault('s', c.relowner)::text[] AS acldef,
                (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname) || ' ' || d.deptype::text
                 FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                 WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass
                   AND d.deptype IN ('a', 'i') LIMIT 1) AS owned
         FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE ${USER_NS('n')}`,
      )
    )
      .filter((r) => !isExt('pg_class', r.oid))
      .map((r) => {
        const owned = r.owned as string | null;
        const ownedCol = owned?.slice(0, -2);
        const identity = owned?.endsWith(' i');
        return [
          r.name as string,
          put<SequenceInfo>(
            {
              type: r.type as string,
              start: r.start as string,
              increment: r.increment as string,
              min: r.min as string,
              max: r.max as string,
              cache: r.cache as string,
            },
            {
              cycle: r.seqcycle ? true : undefined,
              persistence: r.persistence === 'p' ? undefined : (r.persistence as string),
              ownedBy: owned && !identity ? ownedCol : undefined,
              identityOf: owned && identity ? ownedCol : undefined,
              owner: owner(r.owner),
              acl: normAcl(r.acl as string[] | null, r.acldef as string[] | null),
              comment: comment('pg_class', r.oid),
            },
          ),
        ];
      }),
  );

  // Types: enums, domains, composite types, ranges, base and shell types.
  const enumLabels = new Map<number, string[]>();
  for (const r of await q(`SELECT enumtypid, array_agg(enumlabel::text ORDER BY enumsortorder) AS labels FROM pg_enum GROUP BY 1`))
    enumLabels.set(r.enumtypid as number, r.labels as string[]);
  const ranges = new Map<number, Row>();
  for (const r of await q(
    `SELECT r.rngtypid, format_type(r.rngsubtype, NULL) AS subtype,
            quote_ident(opn.nspname) || '.' || quote_ident(opc.opcname) AS opclass, opc.opcdefault,
            CASE WHEN r.rngcollation <> 0 AND r.rngcollation <> st.typcollation
                 THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
            NULLIF(r.rngcanonical, 0)::regprocedure::text AS canonical, NULLIF(r.rngsubdiff, 0)::regprocedure::text AS subdiff,
            r.rngmultitypid::regtype::text AS multirange
     FROM pg_range r JOIN pg_type st ON st.oid = r.rngsubtype
     JOIN pg_opclass opc ON opc.oid = r.rngsubopc JOIN pg_namespace opn ON opn.oid = opc.opcnamespace
     LEFT JOIN pg_collation co ON co.oid = r.rngcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace`,
  ))
    ranges.set(r.rngtypid as number, r);
  const types: [string, TypeInfo][] = [];
  for (const r of await q(
    `SELECT t.oid, quote_ident(n.nspname) || '.' || quote_ident(t.typname) AS name, t.typtype::text AS typtype, t.typrelid,
            format_type(t.typbasetype, t.typtypmod) AS basetype, t.typnotnull, pg_get_expr(t.typdefaultbin, 0) AS def,
            CASE WHEN t.typcollation <> 0 AND t.typcollation <> COALESCE(bt.typcollation, 0)
                 THEN quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END AS collation,
            t.typinput::regprocedure::text AS input, t.typoutput::regprocedure::text AS output,
            pg_get_userbyid(t.typowner) AS owner, t.typacl::text[] AS acl, acldefault('T', t.typowner)::text[] AS acldef
     FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
     LEFT JOIN pg_collation co ON co.oid = t.typcollation LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
     LEFT JOIN pg_class rc ON rc.oid = t.typrelid
     WHERE ${USER_NS('n')}
       AND (t.typtype IN ('e', 'd', 'r', 'p') OR (t.typtype = 'c' AND rc.relkind = 'c')
            OR (t.typtype = 'b' AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid)))`,
  )) {
    if (isExt('pg_type', r.oid)) continue;
    const oid = r.oid as number;
    const common = {
      owner: owner(r.owner),
      acl: normAcl(r.acl as string[] | null, r.acldef as string[] | null),
      comment: comment('pg_type', oid),
    };
    const tt = r.typtype as string;
    let info: TypeInfo;
    if (tt === 'e') info = put({ kind: 'enum', labels: enumLabels.get(oid) ?? [] }, common);
    else if (tt === 'd')
      info = put(
        {
          kind: 'domain',
          baseType: r.basetype as string,
          constraints: sortedRecord(Object.entries(domCons.get(oid) ?? {})),
        },
        {
          notNull: r.typnotnull ? true : undefined,
          default: (r.def as string | null) ?? undefined,
          collation: (r.collation as string | null) ?? undefined,
          ...common,
        },
      );
    else if (tt === 'c') {
      const relid = r.typrelid as number;
      if (isExt('pg_class', relid)) continue;
      const attrs = (compositeAttrs.get(relid) ?? []).map((c) =>
        put({ name: c.name, type: c.type }, { collation: c.collation, comment: c.comment }),
      );
      info = put({ kind: 'composite', attributes: attrs }, { ...common, comment: comment('pg_type', oid) ?? comment('pg_class', relid) });
    } else if (tt === 'r') {
      const g = ranges.get(oid) ?? {};
      info = put(
        { kind: 'range', subtype: g.subtype as string },
        {
          opclass: g.opcdefault ? undefined : (g.opclass as string),
          collation: (g.collation as string | null) ?? undefined,
          canonical: (g.canonical as string | null) ?? undefined,
          subdiff: (g.subdiff as string | null) ?? undefined,
          multirange: g.multirange as string,
          ...common,
        },
      );
    } else if (tt === 'p') info = put({ kind: 'shell' }, common);
    else info = put({ kind: 'base' }, { input: r.input as string, output: r.output as string, ...common });
    types.push([r.name as string, info]);
  }
  cat.types = sortedRecord(types);

  // Functions, procedures, aggregates.
  const aggs = new Map<number, Record<string, string>>();
  for (const r of await q(
    `SELECT a.aggfnoid::oid AS aggfnoid, a.aggkind::text AS kind, a.aggnumdirectargs::text AS numdirectargs,
            NULLIF(a.aggtransfn, 0)::regprocedure::text AS sfunc, format_type(a.aggtranstype, NULL) AS stype,
            NULLIF(a.aggtransspace, 0)::text AS sspace, NULLIF(a.aggfinalfn, 0)::regprocedure::text AS finalfunc,
            a.aggfinalextra::text AS finalextra, a.aggfinalmodify::text AS finalmodify,
            NULLIF(a.aggcombinefn, 0)::regprocedure::text AS combinefunc,
            NULLIF(a.aggserialfn, 0)::regprocedure::text AS serialfunc,
            NULLIF(a.aggdeserialfn, 0)::regprocedure::text AS deserialfunc,
            a.agginitval AS initcond, NULLIF(a.aggmtransfn, 0)::regprocedure::text AS msfunc,
            NULLIF(a.aggminvtransfn, 0)::regprocedure::text AS minvfunc,
            CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END AS mstype,
            NULLIF(a.aggmfinalfn, 0)::regprocedure::text AS mfinalfunc, a.aggminitval AS minitcond,
            NULLIF(a.aggsortop, 0)::regoperator::text AS sortop
     FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE ${USER_NS('n')}`,
  )) {
    const info: Record<string, string> = {};
    for (const [k, v] of Object.entries(r)) if (k !== 'aggfnoid' && v !== null && v !== undefined) info[k] = String(v);
    aggs.set(r.aggfnoid as number, info);
  }
  cat.functions = sortedRecord(
    (
      await q(
        `SELECT p.oid, quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS name,
                p.prokind::text AS kind, pg_get_function_arguments(p.oid) AS args, pg_get_function_result(p.oid) AS result,
                l.lanname, CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END AS def,
                pg_get_userbyid(p.proowner) AS owner, p.proacl::text[] AS acl, acldefault('f', p.proowner)::text[] AS acldef
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
         WHERE ${USER_NS('n')}`,
      )
    )
      .filter((r) => !isExt('pg_proc', r.oid))
      .map((r) => [
        r.name as string,
        put<FunctionInfo>(
          { kind: r.kind as string, args: r.args as string, language: r.lanname as string },
          {
            result: (r.result as string | null) ?? undefined,
            def: (r.def as string | null) ?? undefined,
            aggregate: aggs.get(r.oid as number),
            owner: owner(r.owner),
            acl: normAcl(r.acl as string[] | null, r.acldef as string[] | null),
            comment: comment('pg_proc', r.oid),
          },
        ),
      ]),
  );

  // Casts created by users.
  cat.casts = sortedRecord(
    (
      await q(
        `SELECT c.oid, '(' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ')' AS name,
                NULLIF(c.castfunc, 0)::regprocedure::text AS func, c.castcontext::text AS context, c.castmethod::text AS method
         FROM pg_cast c WHERE c.oid >= 16384`,
      )
    )
      .filter((r) => !isExt('pg_cast', r.oid))
      .map((r) => [
        r.name as string,
        put(
          { context: r.context as string, method: r.method as string },
          { function: (r.func as string | null) ?? undefined, comment: comment('pg_cast', r.oid) },
        ),
      ]),
  );

  // Collations.
  cat.collations = sortedRecord(
    (
      await q(
        `SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.collname) AS name, c.collprovider::text AS provider,
                c.collisdeterministic AS deterministic, c.collcollate AS collate, c.collctype AS ctype,
                c.colllocale AS locale, c.collicurules AS rules, pg_get_userbyid(c.collowner) AS owner
         FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace WHERE ${USER_NS('n')}`,
      )
    )
      .filter((r) => !isExt('pg_collation', r.oid))
      .map((r) => [
        r.name as string,
        put<Record<string, unknown>>(
          {},
          {
            provider: r.provider,
            deterministic: r.deterministic ? undefined : false,
            collate: r.collate,
            ctype: r.ctype,
            locale: r.locale,
            rules: r.rules,
            owner: owner(r.owner),
            comment: comment('pg_collation', r.oid),
          },
        ),
      ]),
  );

  // Operators.
  cat.operators = sortedRecord(
    (
      await q(
        `SELECT o.oid, o.oid::regoperator::text AS name, o.oprcode::regprocedure::text AS function,
                NULLIF(o.oprcom, 0)::regoperator::text AS commutator, NULLIF(o.oprnegate, 0)::regoperator::text AS negator,
                NULLIF(o.oprrest, 0)::regproc::text AS restrict, NULLIF(o.oprjoin, 0)::regproc::text AS "join",
                o.oprcanhash AS hashes, o.oprcanmerge AS merges, pg_get_userbyid(o.oprowner) AS owner
         FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE ${USER_NS('n')}`,
      )
    )
      .filter((r) => !isExt('pg_operator', r.oid))
      .map((r) => [
        r.name as string,
        put<Record<string, unknown>>(
          { function: r.function },
          {
            commutator: r.commutator,
            negator: r.negator,
            restrict: r.restrict,
            join: r.join,
            hashes: r.hashes ? true : undefined,
            merges: r.merges ? true : undefined,
            owner: owner(r.owner),
            comment: comment('pg_operator', r.oid),
          },
        ),
      ]),
  );

  // Extended statistics.
  cat.statistics = sortedRecord(
    (
      await q(
        `SELECT s.oid, quote_ident(n.nspname) || '.' || quote_ident(s.stxname) AS name, pg_get_statisticsobjdef(s.oid) AS def
         FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE ${USER_NS('n')}`,
      )
    ).map((r) => [r.name as string, put({ def: r.def as string }, { comment: comment('pg_statistic_ext', r.oid) })]),
  );

  // Event triggers.
  cat.eventTriggers = sortedRecord(
    (
      await q(
        `SELECT e.oid, quote_ident(e.evtname) AS name, e.evtevent AS event, e.evtfoid::regprocedure::text AS function,
                e.evtenabled::text AS enabled, e.evttags::text[] AS tags, pg_get_userbyid(e.evtowner) AS owner
         FROM pg_event_trigger e`,
      )
    )
      .filter((r) => !isExt('pg_event_trigger', r.oid))
      .map((r) => [
        r.name as string,
        put<Record<string, unknown>>(
          { event: r.event, function: r.function },
          {
            enabled: r.enabled === 'O' ? undefined : r.enabled,
            tags: sortedOpts(r.tags as string[] | null),
            owner: owner(r.owner),
            comment: comment('pg_event_trigger', r.oid),
          },
        ),
      ]),
  );

  // Foreign servers (and their wrappers), user mappings.
  cat.foreignServers = sortedRecord(
    (
      await q(
        `SELECT s.oid, quote_ident(s.srvname) AS name, quote_ident(w.fdwname) AS wrapper, s.srvtype AS type,
                s.srvversion AS version, s.srvoptions::text[] AS options, pg_get_userbyid(s.srvowner) AS owner,
                s.srvacl::text[] AS acl, acldefault('S', s.srvowner)::text[] AS acldef
         FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw`,
      )
    )
      .filter((r) => !isExt('pg_foreign_server', r.oid))
      .map((r) => [
        r.name as string,
        put<Record<string, unknown>>(
          { wrapper: r.wrapper },
          {
            type: r.type,
            version: r.version,
            options: sortedOpts(r.options as string[] | null),
            owner: owner(r.owner),
            acl: normAcl(r.acl as string[] | null, r.acldef as string[] | null),
            comment: comment('pg_foreign_server', r.oid),
          },
        ),
      ]),
  );
  cat.userMappings = sortedRecord(
    (
      await q(
        `SELECT quote_ident(srvname) || ' FOR ' || CASE WHEN umuser = 0 THEN 'PUBLIC' ELSE quote_ident(usename) END AS name,
                umoptions::text[] AS options
         FROM pg_user_mappings`,
      )
    ).map((r) => [r.name as string, put({}, { options: sortedOpts(r.options as string[] | null) })]),
  );

  // Default privileges.
  cat.defaultAcls = sortedRecord(
    (
      await q(
        `SELECT quote_ident(pg_get_userbyid(d.defaclrole)) || ' IN ' || COALESCE(quote_ident(n.nspname), '*') || ' ON ' ||
                d.defaclobjtype::text AS name, d.defaclacl::text[] AS acl
         FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace`,
      )
    ).map((r) => [r.name as string, [...(r.acl as string[])].sort(compareNames)]),
  );

  // Publications.
  cat.publications = sortedRecord(
    (
      await q(
        `SELECT p.oid, quote_ident(p.pubname) AS name, p.puballtables AS alltables, p.pubinsert, p.pubupdate, p.pubdelete,
                p.pubtruncate, p.pubviaroot,
                ARRAY(SELECT t.schemaname || '.' || t.tablename FROM pg_publication_tables t WHERE t.pubname = p.pubname
                      ORDER BY 1) AS tables
         FROM pg_publication p`,
      )
    ).map((r) => [
      r.name as string,
      put<Record<string, unknown>>(
        {
          operations: ['insert', 'update', 'delete', 'truncate'].filter((op) => r[`pub${op}`]),
          tables: r.alltables ? 'ALL' : r.tables,
        },
        { viaRoot: r.pubviaroot ? true : undefined, comment: comment('pg_publication', r.oid) },
      ),
    ]),
  );

  return cat;
}

// ---------------------------------------------------------------------------------------------------------------

export interface CatalogSummary {
  schemas: number;
  extensions: number;
  tables: number;
  partitions: number;
  columns: number;
  primaryKeys: number;
  foreignKeys: number;
  uniques: number;
  checks: number;
  excludes: number;
  indexes: number;
  views: number;
  materializedViews: number;
  sequences: number;
  enums: number;
  domains: number;
  compositeTypes: number;
  ranges: number;
  functions: number;
  procedures: number;
  aggregates: number;
  triggers: number;
  policies: number;
  rules: number;
  casts: number;
  roles: number;
  comments: number;
  grants: number;
}

/** Object counts, for test messages ("12 tables, 80 columns, 9 FKs, ..."). */
export function catalogSummary(cat: Catalog): CatalogSummary {
  const s: CatalogSummary = {
    schemas: Object.keys(cat.schemas).length,
    extensions: Object.keys(cat.extensions).length,
    tables: 0,
    partitions: 0,
    columns: 0,
    primaryKeys: 0,
    foreignKeys: 0,
    uniques: 0,
    checks: 0,
    excludes: 0,
    indexes: 0,
    views: 0,
    materializedViews: 0,
    sequences: Object.keys(cat.sequences).length,
    enums: 0,
    domains: 0,
    compositeTypes: 0,
    ranges: 0,
    functions: 0,
    procedures: 0,
    aggregates: 0,
    triggers: 0,
    policies: 0,
    rules: 0,
    casts: Object.keys(cat.casts).length,
    roles: Object.keys(cat.roles).length,
    comments: 0,
    grants: 0,
  };
  const countMeta = (o: { comment?: string; acl?: string[] }) => {
    if (o.comment !== undefined) s.comments++;
    if (o.acl) s.grants++;
  };
  Object.values(cat.schemas).forEach(countMeta);
  for (const t of Object.values(cat.tables)) {
    s.tables++;
    if (t.partitionOf) s.partitions++;
    countMeta(t);
    s.columns += t.columns.length;
    t.columns.forEach(countMeta);
    for (const c of Object.values(t.constraints)) {
      if (c.type === 'p') s.primaryKeys++;
      else if (c.type === 'f') s.foreignKeys++;
      else if (c.type === 'u') s.uniques++;
      else if (c.type === 'c') s.checks++;
      else if (c.type === 'x') s.excludes++;
      countMeta(c);
    }
    s.indexes += Object.keys(t.indexes).length;
    s.triggers += Object.keys(t.triggers).length;
    s.policies += Object.keys(t.policies).length;
    s.rules += Object.keys(t.rules).length;
  }
  for (const v of Object.values(cat.views)) {
    if (v.materialized) s.materializedViews++;
    else s.views++;
    countMeta(v);
    s.indexes += Object.keys(v.indexes).length;
    s.triggers += Object.keys(v.triggers).length;
    s.rules += Object.keys(v.rules).length;
  }
  Object.values(cat.sequences).forEach(countMeta);
  for (const t of Object.values(cat.types)) {
    if (t.kind === 'enum') s.enums++;
    else if (t.kind === 'domain') s.domains++;
    else if (t.kind === 'composite') s.compositeTypes++;
    else if (t.kind === 'range') s.ranges++;
    countMeta(t);
  }
  for (const f of Object.values(cat.functions)) {
    if (f.kind === 'p') s.procedures++;
    else if (f.kind === 'a') s.aggregates++;
    else s.functions++;
    countMeta(f);
  }
  return s;
}

/** `12 tables (3 partitions), 80 columns, 9 FKs, ...` — nonzero counts only. */
export function formatSummary(s: CatalogSummary): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(s)) if (v) parts.push(`${v} ${k}`);
  return parts.join(', ') || 'empty';
}
