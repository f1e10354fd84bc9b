/**
 * Migration files for common tools, and a Markdown change report. Every file starts with a header naming the two
 * versions, the requirement ids and the hazard list. Transactional statements are wrapped in BEGIN / COMMIT runs;
 * statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY, ALTER TYPE ... ADD VALUE) stay outside.
 */
import type { Change, Hazard, Migration, Statement } from './types';

export type MigrationFormat = 'plain' | 'golang-migrate' | 'dbmate' | 'flyway' | 'alembic' | 'prisma';
export const MIGRATION_FORMATS: MigrationFormat[] = ['plain', 'golang-migrate', 'dbmate', 'flyway', 'alembic', 'prisma'];

export interface VersionRef {
  name: string;
  id?: string;
  createdAt?: string;
}

export interface FormatInput {
  /** Short name of the migration (file names), e.g. `add_orders`. */
  name: string;
  from: VersionRef;
  to: VersionRef;
  requirementIds?: string[];
  migration: Migration;
  /** Version number (golang-migrate, Flyway). Default 1. */
  sequence?: number;
  /** UTC timestamp for Prisma / dbmate names (`YYYYMMDDHHMMSS`). Default: now. */
  timestamp?: string;
  /** Alembic: this revision id and the previous one (chained across versions). */
  revision?: string;
  downRevision?: string | null;
}

export interface MigrationFile {
  path: string;
  content: string;
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'migration';
}

function stamp(input: FormatInput): string {
  if (input.timestamp) return input.timestamp;
  return new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/** A short deterministic revision id (Alembic style: 12 hex chars) from text. */
export function revisionId(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 16777619) >>> 0;
    h2 = Math.imul(h2 ^ c, 2246822519) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).slice(0, 12);
}

export function hazardList(statements: readonly Statement[]): Hazard[] {
  const seen = new Set<string>();
  const out: Hazard[] = [];
  for (const s of statements) {
    for (const h of s.hazards) {
      if (h.kind === 'lock' && !h.rule) continue; // every ALTER TABLE locks; listed per statement only
      const k = `${h.rule ?? ''}|${h.message}`;
      if (!seen.has(k)) {
        seen.add(k);
        out.push(h);
      }
    }
  }
  return out;
}

function header(input: FormatInput, direction: 'up' | 'down', statements: readonly Statement[], prefix = '-- '): string {
  const [a, b] = direction === 'up' ? [input.from, input.to] : [input.to, input.from];
  const lines = [`Tablewright migration (${direction}): ${a.name} → ${b.name}`];
  if (a.id || b.id) lines.push(`Versions: ${a.id ?? '?'} → ${b.id ?? '?'}`);
  lines.push(`Requirements: ${input.requirementIds?.length ? input.requirementIds.join(', ') : '(none)'}`);
  const hz = hazardList(statements);
  lines.push(hz.length ? 'Hazards:' : 'Hazards: none');
  for (const h of hz) lines.push(`  - [${h.severity}]${h.rule ? ` ${h.rule}` : ''} ${h.kind}: ${h.message}`);
  const lossy = statements.filter((s) => s.lossy).length;
  const irr = statements.filter((s) => s.irreversible).length;
  if (lossy) lines.push(`Lossy steps: ${lossy} (marked LOSSY below)`);
  if (irr) lines.push(`Irreversible / manual steps: ${irr} (marked IRREVERSIBLE below)`);
  return lines.map((l) => prefix + l).join('\n') + '\n';
}

function mark(s: Statement): string {
  const tags: string[] = [];
  if (s.lossy) tags.push('LOSSY');
  if (s.irreversible) tags.push('IRREVERSIBLE');
  for (const h of s.hazards) if (h.rule) tags.push(h.rule);
  return tags.length ? `-- ${[...new Set(tags)].join(' ')}\n` : '';
}

/** Statements as SQL, transactional runs wrapped in BEGIN / COMMIT when `wrap`. */
export function scriptBody(statements: readonly Statement[], wrap: boolean): string {
  const out: string[] = [];
  let open = false;
  for (const s of statements) {
    const isComment = /^--/.test(s.sql);
    if (wrap && !isComment) {
      if (s.transactional && !open) {
        out.push('BEGIN;');
        open = true;
      } else if (!s.transactional && open) {
        out.push('COMMIT;');
        open = false;
      }
    }
    out.push(mark(s) + s.sql);
  }
  if (open) out.push('COMMIT;');
  return out.join('\n') + '\n';
}

function sqlFile(input: FormatInput, dir: 'up' | 'down', wrap = true): string {
  const st = input.migration[dir];
  return header(input, dir, st) + '\n' + scriptBody(st, wrap);
}

function pyString(s: string): string {
  return '"""' + s.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"') + '"""';
}

function alembicBody(statements: readonly Statement[]): string {
  const lines: string[] = [];
  for (const s of statements) {
    if (/^--/.test(s.sql)) {
      lines.push(...s.sql.split('\n').map((l) => `    # ${l.replace(/^--\s?/, '')}`));
      continue;
    }
    const m = mark(s).trim();
    if (m) lines.push(`    # ${m.replace(/^--\s?/, '')}`);
    if (s.transactional) lines.push(`    op.execute(${pyString(s.sql)})`);
    else {
      lines.push('    with op.get_context().autocommit_block():');
      lines.push(`        op.execute(${pyString(s.sql)})`);
    }
  }
  if (!lines.length) lines.push('    pass');
  return lines.join('\n');
}

export function formatMigration(format: MigrationFormat, input: FormatInput): MigrationFile[] {
  const name = slug(input.name);
  const n = input.sequence ?? 1;
  const { up, down } = input.migration;
  switch (format) {
    case 'plain':
      return [
        { path: 'up.sql', content: sqlFile(input, 'up') },
        { path: 'down.sql', content: sqlFile(input, 'down') },
      ];
    case 'golang-migrate': {
      const v = String(n).padStart(6, '0');
      return [
        { path: `${v}_${name}.up.sql`, content: sqlFile(input, 'up') },
        { path: `${v}_${name}.down.sql`, content: sqlFile(input, 'down') },
      ];
    }
    case 'dbmate': {
      // dbmate wraps each section in a transaction unless told not to
      const opt = (st: Statement[]) => (st.some((s) => !s.transactional) ? ' transaction:false' : '');
      const body = (st: Statement[]) => scriptBody(st, st.some((s) => !s.transactional));
      const content =
        header(input, 'up', up) +
        `\n-- migrate:up${opt(up)}\n` +
        body(up) +
        `\n-- migrate:down${opt(down)}\n` +
        header(input, 'down', down) +
        body(down);
      return [{ path: `db/migrations/${stamp(input)}_${name}.sql`, content }];
    }
    case 'flyway': {
      const files: MigrationFile[] = [];
      for (const [dir, prefix] of [['up', 'V'], ['down', 'U']] as const) {
        const st = input.migration[dir];
        const mixed = st.some((s) => !s.transactional);
        const path = `${prefix}${n}__${name}.sql`;
        // Flyway runs a script in one transaction; scripts with non-transactional statements opt out and wrap runs
        files.push({ path, content: header(input, dir, st) + '\n' + scriptBody(st, mixed) });
        if (mixed) files.push({ path: `${path}.conf`, content: 'executeInTransaction=false\n' });
      }
      return files;
    }
    case 'alembic': {
      const rev = input.revision ?? revisionId(`${input.from.id ?? input.from.name}->${input.to.id ?? input.to.name}:${name}`);
      const downRev = input.downRevision === undefined ? null : input.downRevision;
      const doc = header(input, 'up', up, '').trimEnd();
      const content = [
        `"""${input.name}`,
        '',
        doc.replace(/"""/g, "'''"),
        '',
        `Revision ID: ${rev}`,
        `Revises: ${downRev ?? ''}`,
        `Create Date: ${input.to.createdAt ?? new Date().toISOString()}`,
        '"""',
        'from alembic import op',
        '',
        `revision = ${JSON.stringify(rev)}`,
        `down_revision = ${downRev === null ? 'None' : JSON.stringify(downRev)}`,
        'branch_labels = None',
        'depends_on = None',
        '',
        '',
        'def upgrade() -> None:',
        alembicBody(up),
        '',
        '',
        'def downgrade() -> None:',
        alembicBody(down),
        '',
      ].join('\n');
      return [{ path: `versions/${rev}_${name}.py`, content }];
    }
    case 'prisma': {
      const dir = `migrations/${stamp(input)}_${name}`;
      return [
        { path: `${dir}/migration.sql`, content: sqlFile(input, 'up') },
        // Prisma has no down migrations; kept beside it for `prisma db execute --file`
        { path: `${dir}/down.sql`, content: sqlFile(input, 'down') },
      ];
    }
  }
}

// ---------------------------------------------------------------------------------------------- change report

export interface ReportInput extends FormatInput {
  changes: Change[];
  /** Result of verifyMigration, when it ran: ticks "reversible" only when it passed. */
  verified?: { ok: boolean; stage?: string; error?: string; differences?: string[] };
}

function mdEscape(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function changeReport(r: ReportInput): string {
  const { up, down } = r.migration;
  const out: string[] = [];
  out.push(`# Migration ${r.name}: ${r.from.name} → ${r.to.name}`, '');
  out.push(`- Requirements: ${r.requirementIds?.length ? r.requirementIds.join(', ') : '(none)'}`);
  out.push(`- Statements: ${up.length} up, ${down.length} down`, '');
  out.push('## Schema changes', '');
  if (!r.changes.length) out.push('No changes.');
  else {
    out.push('| Change | Object | Details |', '|---|---|---|');
    for (const c of r.changes) {
      const det = c.op === 'rename' ? `${c.from} → ${c.to}` : c.fields?.join(', ') ?? '';
      out.push(`| ${c.op} ${c.kind} | ${mdEscape(c.label)} | ${mdEscape(det)} |`);
    }
  }
  const idx = r.changes.filter((c) => c.kind === 'index' && c.op === 'add');
  out.push('', '## Indexes added', '');
  out.push(idx.length ? idx.map((c) => `- ${c.label}`).join('\n') : 'None.');
  out.push('', '## Hazards', '');
  const hz = hazardList(up);
  out.push(hz.length ? hz.map((h) => `- **${h.severity}**${h.rule ? ` ${h.rule}` : ''} (${h.kind}): ${h.message}`).join('\n') : 'None.');
  const lossy = up.filter((s) => s.lossy);
  const lossyDown = down.filter((s) => s.lossy);
  const irr = [...up, ...down].filter((s) => s.irreversible);
  out.push('', '## Checklist', '');
  const v = r.verified;
  out.push(`- [${v?.ok ? 'x' : ' '}] Up gives the target schema (verified in PostgreSQL)${v ? (v.ok ? '' : ` — failed at ${v.stage}: ${mdEscape(v.error ?? v.differences?.[0] ?? '')}`) : ' — not verified'}`);
  out.push(`- [${v?.ok ? 'x' : ' '}] Reversible: down restores the base schema (verified in PostgreSQL)`);
  out.push(`- [${lossy.length === 0 && lossyDown.length === 0 ? 'x' : ' '}] No data loss (${lossy.length} lossy up step(s), ${lossyDown.length} lossy down step(s))`);
  out.push(`- [${irr.length === 0 ? 'x' : ' '}] No manual steps (${irr.length})`);
  out.push(`- [${up.every((s) => s.transactional) ? 'x' : ' '}] Runs in one transaction`);
  out.push('', '## Up', '', '```sql', scriptBody(up, true).trimEnd(), '```', '', '## Down', '', '```sql', scriptBody(down, true).trimEnd(), '```', '');
  return out.join('\n');
}
