import type { Diagnostic } from '../../model/diagnostics';
import type { Id, SchemaModel, Table } from '../../model/types';
import { isOverlongIdent, quoteIdent } from '../ident';

export interface ExportOptions {
  /** IF NOT EXISTS wherever PostgreSQL supports it (schemas, extensions, sequences, tables, indexes, mat. views). */
  ifNotExists?: boolean;
  /** DROP ... IF EXISTS ... CASCADE for every created object first, in reverse creation order. */
  dropPrelude?: boolean;
  /** `always` (default): schema-qualify every object name; `non-public`: leave objects in `public` unqualified. */
  qualify?: 'always' | 'non-public';
  /** A short comment header (default true). */
  header?: boolean;
}

/** Shared state of one export run. */
export class ExportContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly schemaNames = new Map<Id, string>();
  private readonly warned = new Set<string>();

  constructor(
    readonly model: SchemaModel,
    readonly opts: ExportOptions,
  ) {
    for (const s of Object.values(model.schemas)) this.schemaNames.set(s.id, s.name);
  }

  get qualifyAll(): boolean {
    return this.opts.qualify !== 'non-public';
  }

  warn(code: string, message: string, severity: Diagnostic['severity'] = 'warning'): void {
    const k = code + '\u0000' + message;
    if (this.warned.has(k)) return;
    this.warned.add(k);
    this.diagnostics.push({ severity, code, message });
  }

  /** Warn once when `name` is longer than PostgreSQL's 63-byte identifier limit. */
  checkIdent(name: string, what: string): void {
    if (isOverlongIdent(name)) {
      this.warn(
        'identifier-too-long',
        `Identifier "${name}" (${what}) is longer than 63 bytes; PostgreSQL will truncate it`,
      );
    }
  }

  schemaName(schemaId: Id, what: string): string {
    const s = this.schemaNames.get(schemaId);
    if (s !== undefined) return s;
    this.warn('unresolved', `Schema ${schemaId} of ${what} is not in the model; using public`);
    return 'public';
  }

  /** Quoted, qualified as configured. `path` is the search_path in effect where the name is emitted. */
  qname(schema: string, name: string, path: readonly string[] | undefined): string {
    if (!this.qualifyAll && schema === 'public' && (path === undefined || path[0] === 'public')) {
      return quoteIdent(name);
    }
    return `${quoteIdent(schema)}.${quoteIdent(name)}`;
  }

  /** Always fully qualified. */
  fullName(schema: string, name: string): string {
    return `${quoteIdent(schema)}.${quoteIdent(name)}`;
  }

  tableLabel(t: Table): string {
    return `${this.schemaNames.get(t.schemaId) ?? '?'}.${t.name}`;
  }

  ine(own: boolean | undefined): string {
    return own || this.opts.ifNotExists ? 'IF NOT EXISTS ' : '';
  }
}

/** Text that ends in a `--` line comment gets a newline so that what we append is not commented out. */
export function safeTail(text: string): string {
  const t = text.replace(/\s+$/, '');
  return /--[^\n]*$/.test(t) ? t + '\n' : t;
}

/** A verbatim clause that may or may not start with its keyword (`WITH (...)` vs `(...)`). */
export function withKeyword(keyword: string, text: string): string {
  const t = text.trim();
  return new RegExp('^' + keyword + '\\b', 'i').test(t) ? t : `${keyword} ${t}`;
}
