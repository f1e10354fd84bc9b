/** Performance probe, not a gate: `npx playwright test -c scripts/visual/playwright.config.ts perf` prints frame stats for 1,000 tables. */
import { expect, test, type Page } from '@playwright/test';


async function measure(page: Page, action: () => Promise<void>) {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __raf: boolean };
    w.__frames = [];
    w.__raf = true;
    const tick = (t: number) => {
      w.__frames.push(t);
      if (w.__raf) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  const frames = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __raf: boolean };
    w.__raf = false;
    return w.__frames;
  });
  const gaps = frames.slice(1).map((t, i) => t - frames[i]!);
  gaps.sort((a, b) => a - b);
  const total = (frames.at(-1)! - frames[0]!) / 1000;
  return { fps: Math.round(frames.length / total), p95: Math.round(gaps[Math.floor(gaps.length * 0.95)] ?? 0), max: Math.round(gaps.at(-1) ?? 0) };
}

async function drag(page: Page, steps: number) {
  await page.mouse.move(300, 300);
  await page.mouse.down();
  for (let i = 0; i < steps; i++) await page.mouse.move(300 + (i % 40) * 8, 300 + (i % 40) * 4);
  await page.mouse.up();
}

test('1,000 tables: load, pan zoomed out, pan at 100%', async ({ page }) => {
  test.setTimeout(180_000);
  const t0 = Date.now();
  await page.goto('/?tables=1000');
  await expect(page.getByTestId('counts')).toHaveText(/^1,000 tables/, { timeout: 120_000 });
  await expect(page.locator('.tw-busy')).toHaveCount(0, { timeout: 120_000 });
  console.log(`loaded + laid out in ${Date.now() - t0} ms`);
  await page.waitForTimeout(500);
  console.log('rendered nodes (fit view):', await page.locator('.react-flow__node').count());
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')).metrics).map((m) => [m.name, m.value]));
  const m0 = await metrics();
  console.log('pan, fit view:', await measure(page, () => drag(page, 120)));
  const m1 = await metrics();
  for (const k of ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration', 'TaskDuration', 'LayoutCount', 'RecalcStyleCount']) console.log(k, ((m1[k] ?? 0) - (m0[k] ?? 0)).toFixed(3));
  const markersOff = await page.addStyleTag({ content: '.tw-edge__path { marker-start: none !important; marker-end: none !important; stroke-dasharray: none !important }' });
  console.log('pan, fit view, no markers:', await measure(page, () => drag(page, 60)));
  const edgesOff = await page.addStyleTag({ content: '.react-flow__edges { display: none }' });
  console.log('pan, fit view, no edges:', await measure(page, () => drag(page, 60)));
  const mmOff = await page.addStyleTag({ content: '.react-flow__minimap { display: none }' });
  console.log('pan, fit view, no edges, no minimap:', await measure(page, () => drag(page, 60)));
  for (const t of [markersOff, edgesOff, mmOff]) await t.evaluate((el) => (el as Element).remove());
  // Zoom to 100% around a node.
  await page.evaluate(() => {
    const el = document.querySelector('.react-flow__controls-zoomin') as HTMLButtonElement | null;
    for (let i = 0; i < 30; i++) el?.click();
  });
  await page.waitForTimeout(800);
  console.log('rendered nodes (zoomed):', await page.locator('.react-flow__node').count(), await page.locator('.tw-status').textContent());
  console.log('pan, zoomed:', await measure(page, () => drag(page, 120)));
  await page.screenshot({ path: '/tmp/tw-1000-zoom.png' });
});
