import { mkdir, readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { EditorPage } from './pages/EditorPage';

test('migrations: import is version "Imported", a behaviour switch shows up in the pending migration with up/down SQL, Verify ✓', async ({ page, baseURL }) => {
  test.setTimeout(240_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4, { timeout: 60_000 });

  await page.getByTestId('migrations-toggle').click();
  const panel = page.getByTestId('migrations-panel');
  await expect(panel).toBeVisible();
  // the sample import counts as the first version; nothing pending yet
  await expect(panel.locator('[data-version="Imported"]')).toBeVisible();
  await expect(panel).toContainText('No changes');

  // save a version with requirement ids
  await panel.getByLabel('New version name').fill('Baseline');
  await panel.getByLabel('Requirement ids').first().fill('REQ-7');
  await panel.getByRole('button', { name: 'Save version' }).click();
  await expect(panel.locator('[data-version="Baseline"]')).toContainText('REQ-7');

  // change the diagram: switch on updated_at for orders in the inspector
  await page.locator('.react-flow__node-table [data-table="orders"]').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await inspector.locator('input[data-behavior="updated_at"]').check();

  await expect(panel.getByTestId('migration-changes')).toContainText('updated_at');
  await expect(panel.getByTestId('migration-up')).toContainText('CREATE TRIGGER');
  await panel.getByText('Down SQL').click();
  await expect(panel.getByTestId('migration-down')).toContainText('DROP TRIGGER');
  // soft delete adds deleted_at: an ADD COLUMN takes a lock (hazard badge)
  await inspector.locator('input[data-behavior="soft_delete"]').check();
  await expect(panel.getByTestId('migration-up')).toContainText('ADD COLUMN deleted_at');
  await expect(panel.locator('[data-hazard="lock"]').first()).toBeVisible();

  await panel.getByRole('button', { name: 'Verify' }).click();
  await expect(panel.getByTestId('migration-verify')).toContainText('✓', { timeout: 180_000 });
  await page.screenshot({ path: '/tmp/tw-mig-verified.png' });

  // compare two saved versions
  await panel.getByLabel('From version').selectOption({ label: 'Imported' });
  await panel.getByLabel('To version').selectOption({ label: 'Baseline' });
  await expect(panel).toContainText('No changes');

  const origin = new URL(baseURL!).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(requests.some((u) => /pglite.*\.wasm$/.test(u))).toBe(true);
  // (a main-thread libpg-query load at /libpg-query.wasm, outside this panel, is not this test's concern)
  expect(errors.filter((e) => !/expected magic word/.test(e))).toEqual([]);
});

test('migrations: changes marked on the canvas (new / renamed / changed, column rows), dropped listed, zip download after Verify', async ({ page }) => {
  test.setTimeout(300_000);
  const d = new EditorPage(page);
  await d.openSample();
  await page.getByTestId('migrations-toggle').click();
  const panel = page.getByTestId('migrations-panel');
  await expect(panel.locator('[data-version="Imported"]')).toBeVisible();
  await panel.getByLabel('New version name').fill('v1');
  await panel.getByRole('button', { name: 'Save version' }).click();
  await expect(panel.locator('[data-version="v1"]')).toBeVisible();
  await expect(panel).toContainText('No changes');
  await expect(page.locator('.tw-chg')).toHaveCount(0);

  // edit: add a column to orders, rename products, drop users.full_name
  await d.select('orders');
  await d.addColumn('note', 'text');
  await d.header('products').dblclick({ position: { x: 30, y: 20 } });
  const rename = page.getByRole('textbox', { name: 'Table name' }).first();
  await rename.fill('catalog_items');
  await rename.press('Enter');
  await expect(d.table('catalog_items')).toBeVisible();
  await d.select('users');
  await d.inspector.getByRole('button', { name: 'Remove column full_name' }).click();

  // the markers on the canvas
  await expect(d.table('orders')).toHaveClass(/tw-chg--changed/);
  await expect(d.table('orders').getByTestId('change-chips')).toHaveText('changed');
  await expect(d.row('orders', 'note')).toHaveAttribute('data-change', 'added');
  await expect(d.row('orders', 'status')).not.toHaveAttribute('data-change', /./);
  await expect(d.table('catalog_items')).toHaveClass(/tw-chg--renamed/);
  await expect(d.table('catalog_items').locator('[data-change="renamed"]')).toHaveAttribute('title', 'Renamed from products');
  await expect(d.table('users').locator('.tw-chg__chip')).toHaveText('changed');
  await expect(d.table('order_items')).not.toHaveClass(/tw-chg/);
  // dropped objects cannot be drawn: listed in the panel
  await expect(panel.getByTestId('migration-dropped')).toContainText('column public.users.full_name');

  // a listed change focuses its table
  await d.select('users');
  await panel.getByTestId('migration-changes').getByRole('button', { name: /table public\.catalog_items/ }).click();
  await expect(d.inspector.getByRole('textbox', { name: 'Table name' })).toHaveValue('catalog_items');

  // zoom out a little around the left edge so the marked tables clear the panel, for the screenshots
  const box = (await d.canvas.boundingBox())!;
  await page.mouse.move(box.x + 40, box.y + box.height / 2);
  await page.mouse.wheel(0, 250);
  await page.waitForTimeout(400);
  await mkdir('/tmp/shots', { recursive: true });
  // accessibility of the panel and the marked tables (chips, row markers), light and dark
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: scheme === 'light' ? '/tmp/shots/changes.png' : '/tmp/shots/changes-dark.png' });
    const res = await new AxeBuilder({ page }).include('[data-testid="migrations-panel"]').include('.tw-chg').analyze();
    const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${scheme}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  // the toggle hides and shows the markers
  const toggle = panel.getByLabel('Show changes on canvas');
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(page.locator('.tw-chg')).toHaveCount(0);
  await expect(page.locator('.tw-row[data-change]')).toHaveCount(0);
  await toggle.check();
  await expect(page.locator('.tw-chg')).toHaveCount(3);

  // zip download: verified first (not skipped), then one valid zip with the format's files and the report
  await panel.getByLabel('Migration format').selectOption('golang-migrate');
  const downloading = page.waitForEvent('download', { timeout: 200_000 });
  await panel.getByRole('button', { name: 'Download zip' }).click();
  const dl = await downloading;
  await expect(panel.getByTestId('migration-verify')).toContainText('✓');
  expect(dl.suggestedFilename()).toMatch(/golang-migrate\.zip$/);
  const bytes = await readFile((await dl.path())!);
  const files = unzipSync(new Uint8Array(bytes));
  const names = Object.keys(files);
  expect(names).toHaveLength(3);
  expect(names.find((n) => /^000003_v1_to_working_copy\.up\.sql$/.test(n))).toBeTruthy();
  expect(names.find((n) => /^000003_v1_to_working_copy\.down\.sql$/.test(n))).toBeTruthy();
  expect(names).toContain('CHANGES.md');
  const up = strFromU8(files['000003_v1_to_working_copy.up.sql']!);
  expect(up).toContain('v1 → Working copy');
  expect(up).toContain('RENAME TO catalog_items');
  expect(up).toContain('ADD COLUMN note text');
  const report = strFromU8(files['CHANGES.md']!);
  expect(report).toMatch(/- \[x\] Reversible/);

  // a verification belongs to the plan it proved: after another edit it is no longer shown
  await d.select('users');
  await d.addColumn('nickname', 'text');
  await expect(d.row('users', 'nickname')).toHaveAttribute('data-change', 'added');
  await expect(panel.getByTestId('migration-verify')).not.toContainText('✓');

  // the markers follow the compared pair: Imported → v1 has no changes, v1 → working copy has them again
  await panel.getByLabel('From version').selectOption({ label: 'Imported' });
  await panel.getByLabel('To version').selectOption({ label: 'v1' });
  await expect(panel).toContainText('No changes');
  await expect(page.locator('.tw-chg')).toHaveCount(0);
  await panel.getByLabel('From version').selectOption({ label: 'v1' });
  await panel.getByLabel('To version').selectOption({ label: 'Working copy' });
  await expect(page.locator('.tw-chg')).toHaveCount(3);

  // closing the panel removes the markers
  await page.getByRole('button', { name: 'Close migrations' }).click();
  await expect(page.locator('.tw-chg')).toHaveCount(0);
  expect(d.errors).toEqual([]);
});
