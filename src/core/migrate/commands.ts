/**
 * Saved versions of a document (doc.versions, oldest first) as undoable Commands, and the migrations between them:
 * the pending migration is "latest version → working copy" (or "empty → working copy" before the first version).
 */
import { current, isDraft } from 'immer';
import type { Command } from '../commands/history';
import type { TablewrightDocument } from '../document/document';
import { emptySchemaModel, type Id, type SchemaModel } from '../model/types';
import { newId } from '../util/ids';
import { diffModels, migrationSql } from './index';
import type { Change, Migration, MigrationOptions } from './types';
import type { DocVersion } from './versions';
import { revisionId } from './formats';

/** The working copy (the diagram as it is now) in version references. */
export const WORKING_COPY = 'working';

function cleanIds(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of ids) {
    const s = raw.trim();
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

export interface SaveVersionOptions {
  /** Fixed id (tests, imports); default a new `v_…` id. `out.id` receives the id either way. */
  id?: Id;
  /** ISO timestamp; default now. */
  createdAt?: string;
}

/** Save the working copy as a new named version (a frozen copy of doc.schema, ids preserved). */
export function saveVersion(name: string, requirementIds: readonly string[] = [], opts: SaveVersionOptions = {}, out: { id?: Id } = {}): Command {
  const label = name.trim();
  return {
    label: `Save version ${label}`,
    run(d) {
      if (!label) throw new Error('A version needs a name');
      const versions = (d.versions ??= []);
      const id = opts.id ?? out.id ?? newId('v');
      if (versions.some((v) => v.id === id)) throw new Error(`Version ${id} exists already`);
      out.id = id;
      // The schema is immutable (immer): the version shares its unchanged parts with the working copy.
      const schema = (isDraft(d.schema) ? current(d.schema) : d.schema) as SchemaModel;
      versions.push({ id, name: label, createdAt: opts.createdAt ?? new Date().toISOString(), requirementIds: cleanIds(requirementIds), schema });
    },
  };
}

function version(d: TablewrightDocument, id: Id): DocVersion {
  const v = d.versions?.find((x) => x.id === id);
  if (!v) throw new Error(`No version ${id}`);
  return v;
}

/** Rename a version and / or replace its requirement ids. */
export function renameVersion(id: Id, name: string, requirementIds?: readonly string[]): Command {
  const label = name.trim();
  return {
    label: `Rename version ${label}`,
    run(d) {
      if (!label) throw new Error('A version needs a name');
      const v = version(d, id);
      v.name = label;
      if (requirementIds) v.requirementIds = cleanIds(requirementIds);
    },
  };
}

export function deleteVersion(id: Id): Command {
  return {
    label: 'Delete version',
    run(d) {
      version(d, id);
      d.versions = d.versions!.filter((v) => v.id !== id);
      if (!d.versions.length) delete d.versions;
    },
  };
}

/** The latest saved version, if any. */
export function latestVersion(doc: TablewrightDocument): DocVersion | undefined {
  const v = doc.versions;
  return v && v.length ? v[v.length - 1] : undefined;
}

export interface VersionEnd {
  /** Version id, WORKING_COPY, or undefined for the empty schema. */
  id?: Id;
  name: string;
  createdAt?: string;
  requirementIds: string[];
  schema: SchemaModel;
}

/** A version reference (version id or WORKING_COPY) resolved to its schema. */
export function resolveVersion(doc: TablewrightDocument, ref: Id): VersionEnd {
  if (ref === WORKING_COPY) return { id: WORKING_COPY, name: 'Working copy', requirementIds: [], schema: doc.schema };
  const v = doc.versions?.find((x) => x.id === ref);
  if (!v) throw new Error(`No version ${ref}`);
  return { id: v.id, name: v.name, createdAt: v.createdAt, requirementIds: v.requirementIds, schema: v.schema };
}

export interface VersionMigration {
  from: VersionEnd;
  to: VersionEnd;
  changes: Change[];
  migration: Migration;
}

/** Changes and up / down statements from one end to the other. */
export function migrationBetween(from: VersionEnd, to: VersionEnd, opts: MigrationOptions = {}): VersionMigration {
  const migration = migrationSql(from.schema, to.schema, opts);
  return { from, to, changes: migration.changes ?? diffModels(from.schema, to.schema), migration };
}

/** Compare two saved versions (or a version and WORKING_COPY). */
export function compareVersions(doc: TablewrightDocument, fromRef: Id, toRef: Id, opts: MigrationOptions = {}): VersionMigration {
  return migrationBetween(resolveVersion(doc, fromRef), resolveVersion(doc, toRef), opts);
}

/** Latest version → working copy; empty model → working copy when no version is saved. */
export function pendingMigration(doc: TablewrightDocument, opts: MigrationOptions = {}): VersionMigration {
  const last = latestVersion(doc);
  const from: VersionEnd = last
    ? { id: last.id, name: last.name, createdAt: last.createdAt, requirementIds: last.requirementIds, schema: last.schema }
    : { name: 'Empty', requirementIds: [], schema: emptySchemaModel() };
  return migrationBetween(from, resolveVersion(doc, WORKING_COPY), opts);
}

/** The empty schema in version references (a migration from nothing). */
export const EMPTY_VERSION = '';

export interface MigrationNumbering {
  /** golang-migrate / Flyway number of the migration that arrives at `to`: its position in the version list. */
  sequence: number;
  /** Alembic revision id of the migration that arrives at `to`. */
  revision: string;
  /** Alembic revision id of the migration that arrived at `from` (null: `from` is the empty schema). */
  downRevision: string | null;
}

/**
 * Numbers and Alembic revision ids chained across versions. Version i (1-based, the working copy counting as the
 * next one) gets number i and a revision id that depends only on the document and the version before it, so the
 * pending migration "latest → working copy" keeps its number and revision once the working copy is saved as the next
 * version, and the next migration's `down_revision` names it. `fromRef` / `toRef`: version id, WORKING_COPY or
 * EMPTY_VERSION. Deleting a version renumbers the ones after it.
 */
export function migrationNumbering(doc: TablewrightDocument, fromRef: Id, toRef: Id): MigrationNumbering {
  const versions = doc.versions ?? [];
  const position = (ref: Id): number => {
    if (ref === EMPTY_VERSION) return 0;
    if (ref === WORKING_COPY) return versions.length + 1;
    const i = versions.findIndex((v) => v.id === ref);
    if (i < 0) throw new Error(`No version ${ref}`);
    return i + 1;
  };
  const revisionAt = (pos: number) => revisionId(`${doc.id}|after|${pos <= 1 ? 'empty' : versions[pos - 2]!.id}`);
  const a = position(fromRef);
  const b = position(toRef);
  return { sequence: Math.max(1, b), revision: revisionAt(Math.max(1, b)), downRevision: a === 0 ? null : revisionAt(a) };
}

/**
 * Requirement / spec ids a migration implements: those attached to every version after `fromRef` up to and including
 * `toRef` (in version order, without repeats), plus `extra` (e.g. typed for the unsaved working copy). A migration
 * that skips versions carries the ids of the versions it skips; one going backwards carries those it undoes.
 */
export function requirementsBetween(doc: TablewrightDocument, fromRef: Id, toRef: Id, extra: readonly string[] = []): string[] {
  const versions = doc.versions ?? [];
  const position = (ref: Id): number => {
    if (ref === EMPTY_VERSION) return 0;
    if (ref === WORKING_COPY) return versions.length + 1;
    const i = versions.findIndex((v) => v.id === ref);
    if (i < 0) throw new Error(`No version ${ref}`);
    return i + 1;
  };
  const a = position(fromRef);
  const b = position(toRef);
  const [lo, hi] = a <= b ? [a, b] : [b, a];
  const ids: string[] = [];
  for (let p = lo + 1; p <= Math.min(hi, versions.length); p++) ids.push(...versions[p - 1]!.requirementIds);
  return cleanIds([...ids, ...extra]);
}
