import { expect, test, type Page } from '@playwright/test';

/** Non-transparent pixels on the far-zoom canvas (it draws the tables and relationships there). */
const inkOnFarCanvas = (page: Page) =>
  page.locator('.tw-far-canvas').evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
    return n;
  });

const zoom = (page: Page) => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);

test('a 400-table diagram: drawn at once, ELK arranges it after; far zoom is one canvas that still selects and zooms back to full tables', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?tables=400');
  await expect(page.getByTestId('counts')).toHaveText(/^400 tables/, { timeout: 60_000 });
  // ELK runs after the first frame (quick layered layout first); the note disappears when its layout is applied.
  await expect(page.locator('.tw-arranging')).toHaveCount(0, { timeout: 90_000 });
  await expect.poll(() => zoom(page)).toBeLessThan(0.2);

  // Far zoom: every table is an empty hit box, relationships are not SVG edges, the canvas has drawn something.
  await expect.poll(() => page.locator('.tw-far').count()).toBeGreaterThan(100);
  expect(await page.locator('.tw-node').count()).toBe(0);
  expect(await page.locator('.react-flow__edge').count()).toBe(0);
  await expect.poll(() => inkOnFarCanvas(page)).toBeGreaterThan(1000);

  // Pan over empty canvas: while moving the hit boxes are skipped (content-visibility); afterwards they work again.
  const empty = await page.evaluate(() => {
    const r = document.querySelector('.react-flow__pane')!.getBoundingClientRect();
    for (let y = r.top + 40; y < r.bottom - 200; y += 17)
      for (let x = r.left + 40; x < r.right - 260; x += 23) if (document.elementFromPoint(x, y)?.classList.contains('react-flow__pane')) return { x, y };
    return null;
  });
  expect(empty).not.toBeNull();
  const vp = () => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).e);
  const before = await vp();
  await page.mouse.move(empty!.x, empty!.y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(empty!.x + i * 8, empty!.y + i * 5);
  await page.mouse.up();
  await expect.poll(vp).not.toBe(before);
  await expect(page.getByTestId('canvas')).not.toHaveAttribute('data-moving');

  // Clicking a box selects that table (inspector) and the canvas redraws it in the selection colour.
  const box = page.locator('.tw-far').nth(3);
  const name = await box.getAttribute('data-table');
  await box.click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByRole('textbox', { name: 'Table name' })).toHaveValue(name!);
  await expect(page.locator('.react-flow__node.selected')).toHaveCount(1);

  // Zoom in on it: full table nodes with their rows and relationship edges with paths come back.
  const b = (await box.boundingBox())!;
  for (let i = 0; i < 16 && (await zoom(page)) < 0.6; i++) {
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(100);
  }
  await expect.poll(() => zoom(page)).toBeGreaterThan(0.42);
  await expect(page.locator('.tw-far')).toHaveCount(0);
  await expect(page.locator('.tw-far-canvas')).toHaveCount(0);
  await expect.poll(() => page.locator('.tw-node .tw-row').count()).toBeGreaterThan(5);
  await expect.poll(() => page.locator('.react-flow__edge path.tw-edge__path').count()).toBeGreaterThan(0);
  const paths = await page.locator('.react-flow__edge path.tw-edge__path').evaluateAll((els) => els.map((e) => e.getAttribute('d') ?? ''));
  expect(paths.every((d) => /^M\s*-?\d/.test(d) && !d.includes('NaN'))).toBe(true);
});
