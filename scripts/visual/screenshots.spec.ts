/** Visual review helper (writes /tmp/tw-*.png): npx playwright test -c scripts/visual/playwright.config.ts screenshots */
import { expect, test } from '@playwright/test';


for (const scheme of ['light', 'dark'] as const) {
  test(`screenshot ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
    await page.waitForTimeout(600);
    await page.screenshot({ path: `/tmp/tw-${scheme}.png` });
    await page.locator('.react-flow__node-table [data-table="orders"]').click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `/tmp/tw-${scheme}-selected.png` });
  });
}

test('screenshot import dialog', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
  await page.getByRole('button', { name: 'Import SQL' }).click();
  await page.getByLabel('SQL to import').fill('CREATE TABLE "<img src=x onerror=alert(1)>" (id int primary key);');
  await page.screenshot({ path: '/tmp/tw-import.png' });
});

test('screenshot 1000 tables', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?tables=1000');
  await expect(page.getByTestId('counts')).toHaveText(/1,000 tables/, { timeout: 90_000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: '/tmp/tw-1000.png' });
  // Zoom in step by step: simplified nodes first, then full detail.
  const zoomIn = page.locator('.react-flow__controls-zoomin');
  for (let i = 0; i < 12; i++) await zoomIn.click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/tw-1000-low.png' });
  for (let i = 0; i < 6; i++) await zoomIn.click();
  await page.waitForTimeout(800);
  await page.screenshot({ path: '/tmp/tw-1000-zoom.png' });
});

test('screenshot sample zoomed out', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
  for (let i = 0; i < 7; i++) await page.locator('.react-flow__controls-zoomout').click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/tw-dark-low.png' });
});
