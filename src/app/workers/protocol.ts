import type { Diagnostic } from '../../core/model/diagnostics';
import type { SchemaModel } from '../../core/model/types';

export interface ImportStats {
  tables: number;
  ms: number;
  [key: string]: unknown;
}

/**
 * `into`: apply the statements on top of this model (merge). `fingerprint`: also return the model's DDL export.
 * `unchangedIf`: when the export equals this text, answer `unchanged: true` with an empty model (saves the copy).
 */
export type ParseRequest = { id: number; sql: string; into?: SchemaModel; fingerprint?: boolean; unchangedIf?: string };
export type ParseResponse =
  | { id: number; ok: true; model: SchemaModel; diagnostics: Diagnostic[]; stats: ImportStats; ddl?: string; unchanged?: true }
  | { id: number; ok: false; error: string };

/** Model → DDL text in the parse worker (keeps libpg-query, which the exporter's trigger checks use, off the page). */
export type ExportRequest = { id: number; exportModel: SchemaModel };
export type ExportResponse = { id: number; ok: true; sql: string } | { id: number; ok: false; error: string };

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
