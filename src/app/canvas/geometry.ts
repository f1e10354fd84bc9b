/** Fixed metrics of a table node. The DOM (styles.css) uses the same numbers, so sizes are known without measuring. */
export const HEADER_H = 40;
export const ROW_H = 26;
export const BODY_PAD = 6;
export const MIN_W = 220;
export const MAX_W = 420;

/** Rough text widths for the node fonts (sans 12.5px names, mono 11.5px types). */
const NAME_CH = 7.1;
const TYPE_CH = 6.9;
const BADGE_W = 25;

export function nodeHeight(columnCount: number): number {
  return HEADER_H + Math.max(columnCount, 1) * ROW_H + BODY_PAD * 2;
}

export function nodeWidth(title: string, rows: { name: string; type: string; badges: readonly string[] }[]): number {
  let w = 28 + title.length * 7.6;
  for (const r of rows) {
    const row = 28 + r.name.length * NAME_CH + 14 + r.type.length * TYPE_CH + r.badges.length * BADGE_W + 10;
    if (row > w) w = row;
  }
  return Math.round(Math.min(MAX_W, Math.max(MIN_W, w)));
}

/** Vertical centre of column row `i`, relative to the node's top edge. */
export function rowCenterY(i: number): number {
  return HEADER_H + BODY_PAD + i * ROW_H + ROW_H / 2;
}
