import { memo } from 'react';
import { getSmoothStepPath, type EdgeProps } from '@xyflow/react';
import type { RelationEdge as RelationEdgeType } from './projection';

export interface DecoratedEdgeData {
  active?: boolean;
}

/** A small, stable offset in [-2, 2] from the edge id. */
function spread(id: string): number {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (Math.abs(h) % 5) - 2;
}

/**
 * A foreign key: from the FK column (child) to the referenced column (parent), with crow's-foot ends.
 * Child end: zero-or-many (or zero-or-one when the FK columns are unique). Parent end: exactly one, or zero-or-one
 * when the FK columns are nullable.
 */
function RelationEdgeView({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected }: EdgeProps<RelationEdgeType>) {
  const active = !!(data as (typeof data & DecoratedEdgeData) | undefined)?.active || !!selected;
  // Spread the vertical run of edges that share a channel between two columns of tables.
  const centerX = sourcePosition !== targetPosition ? (sourceX + targetX) / 2 + spread(id) * Math.min(10, Math.abs(targetX - sourceX) / 12) : undefined;
  const [path] = getSmoothStepPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    borderRadius: 10,
    offset: data?.selfRef ? 36 : 28,
    ...(centerX !== undefined ? { centerX } : {}),
  });
  const suffix = active ? '-hl' : '';
  const childEnd = data?.many ? 'tw-m-zero-many' : 'tw-m-zero-one';
  const parentEnd = data?.optional ? 'tw-m-zero-one' : 'tw-m-one';
  return (
    <g className={`tw-edge${active ? ' is-active' : ''}${data?.optional ? ' is-optional' : ''}`} data-edge={id}>
      <path d={path} className="tw-edge__hit" fill="none" />
      <path d={path} className="tw-edge__path" fill="none" markerStart={`url(#${childEnd}${suffix})`} markerEnd={`url(#${parentEnd}${suffix})`} />
    </g>
  );
}

export const RelationEdge = memo(RelationEdgeView);

/** Crow's-foot markers, drawn pointing into the entity (tip at x = 22). `-hl` variants for highlighted edges. */
export function CrowsFootMarkers() {
  const variants: [string, string][] = [
    ['', 'var(--tw-edge)'],
    ['-hl', 'var(--tw-edge-active)'],
  ];
  return (
    <svg className="tw-markers" aria-hidden="true" focusable="false">
      <defs>
        {variants.map(([suffix, stroke]) => (
          <g key={suffix}>
            <marker id={`tw-m-one${suffix}`} viewBox="0 0 24 20" markerWidth="24" markerHeight="20" refX="22" refY="10" orient="auto-start-reverse" markerUnits="userSpaceOnUse">
              <path d="M11 3.5v13M16 3.5v13M0 10h22" stroke={stroke} strokeWidth="1.6" fill="none" />
            </marker>
            <marker id={`tw-m-zero-one${suffix}`} viewBox="0 0 24 20" markerWidth="24" markerHeight="20" refX="22" refY="10" orient="auto-start-reverse" markerUnits="userSpaceOnUse">
              <path d="M0 10h22M16 3.5v13" stroke={stroke} strokeWidth="1.6" fill="none" />
              <circle cx="8" cy="10" r="3.8" stroke={stroke} strokeWidth="1.6" fill="var(--tw-canvas)" />
            </marker>
            <marker id={`tw-m-zero-many${suffix}`} viewBox="0 0 24 20" markerWidth="24" markerHeight="20" refX="22" refY="10" orient="auto-start-reverse" markerUnits="userSpaceOnUse">
              <path d="M0 10h22M12 10L22 3M12 10L22 17" stroke={stroke} strokeWidth="1.6" fill="none" strokeLinecap="round" />
              <circle cx="6" cy="10" r="3.8" stroke={stroke} strokeWidth="1.6" fill="var(--tw-canvas)" />
            </marker>
          </g>
        ))}
      </defs>
    </svg>
  );
}
