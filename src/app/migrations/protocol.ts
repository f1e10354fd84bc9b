import type { SchemaModel } from '../../core/model/types';
import type { Change, Statement } from '../../core/migrate/types';
import type { VerifyResult } from '../../core/migrate/verify';

export type MigrateRequest =
  | { id: number; kind: 'plan'; from: SchemaModel; to: SchemaModel; safe: boolean }
  | { id: number; kind: 'verify'; from: SchemaModel; to: SchemaModel; up: Statement[]; down: Statement[] };

export type MigrateResponse =
  | { id: number; ok: true; kind: 'plan'; changes: Change[]; up: Statement[]; down: Statement[]; ms: number }
  | { id: number; ok: true; kind: 'verify'; result: VerifyResult }
  | { id: number; ok: false; error: string };
