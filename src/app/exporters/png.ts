/** Rasterise an SVG string to PNG in the browser: <img> from a blob URL, drawn on a <canvas>. No network. */

/** Browsers refuse canvases much beyond this; big diagrams are scaled down to fit. */
const MAX_SIDE = 16_384;
const MAX_AREA = 120_000_000;

export function pngScale(width: number, height: number, wanted: number): number {
  return Math.max(0.05, Math.min(wanted, MAX_SIDE / width, MAX_SIDE / height, Math.sqrt(MAX_AREA / (width * height))));
}

export async function svgToPng(svg: string, width: number, height: number, wantedScale = 2): Promise<Blob> {
  const scale = pngScale(width, height, wantedScale);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('Canvas 2D is not available');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The image is too large to export as PNG'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
