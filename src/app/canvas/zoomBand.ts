/**
 * Zoom bands of the canvas. The band is computed once by the canvas (one store subscription) and handed to every
 * table node through context: a subscription per node ran 1,000+ selectors on every frame of a pan.
 */
import { createContext } from 'react';

/** Below this zoom level nodes render as a name-only box (same size, so edges do not move). */
export const LOW_ZOOM = 0.42;
/** Below this zoom level the canvas switches to far rendering (FarLayer.tsx: boxes + canvas-drawn relationships). */
export const FAR_ZOOM = 0.2;

export type ZoomBand = 'near' | 'low' | 'far';

export const zoomBandOf = (zoom: number): ZoomBand => (zoom < FAR_ZOOM ? 'far' : zoom < LOW_ZOOM ? 'low' : 'near');

export const ZoomBandContext = createContext<ZoomBand>('near');
