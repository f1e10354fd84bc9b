import type { Diagnostic } from '../../core/model/diagnostics';
import type { SchemaModel } from '../../core/model/types';

export interface ImportStats {
  tables: number;
  ms: number;
  [key: string]: unknown;
}

/** `into`: apply the statements on top of this model (merge). `fingerprint`: also return the model's DDL export. */
export type ParseRequest = { id: number; sql: string; into?: SchemaModel; fingerprint?: boolean };
export type ParseResponse =
  | { id: number; ok: true; model: SchemaModel; diagnostics: Diagnostic[]; stats: ImportStats; ddl?: string }
  | { id: number; ok: false; error: string };

export interface LayoutNodeIn {
  id: string;
  width: number;
  height: number;
}
export interface LayoutEdgeIn {
  id: string;
  source: string;
  target: string;
}
export type LayoutRequest = { id: number; nodes: LayoutNodeIn[]; edges: LayoutEdgeIn[] };
export type LayoutResponse =
  | { id: number; ok: true; positions: Record<string, { x: number; y: number }>; ms: number }
  | { id: number; ok: false; error: string };
