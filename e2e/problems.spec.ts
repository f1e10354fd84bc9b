import { expect, test, type Page } from '@playwright/test';

const panel = (page: Page) => page.getByRole('region', { name: 'Problems' });
const finding = (page: Page, rule: string) => panel(page).locator(`li[data-rule="${rule}"]`);

async function openSample(page: Page) {
  await page.goto('/');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
  await expect(page.getByTestId('findings')).toHaveText(/^[1-9]\d* findings?$/);
  await panel(page).getByRole('button', { name: /^Problems/ }).click();
}

test('the sample shows findings, grouped, with table badges', async ({ page }) => {
  await openSample(page);
  await expect(finding(page, 'IDX-01')).toHaveCount(1);
  await expect(panel(page).locator('[data-severity="warning"]')).toBeVisible();
  await expect(page.locator('.react-flow__node-table [data-testid="table-problems"]').first()).toBeVisible();
  // Filters: the text filter narrows the list.
  await panel(page).getByRole('searchbox', { name: 'Filter findings' }).fill('IDX-01');
  await expect(panel(page).locator('li[data-rule]')).toHaveCount(1);
});

test('applying a quick fix removes its finding; undo brings it back', async ({ page }) => {
  await openSample(page);
  const before = await page.getByTestId('findings').textContent();
  const row = finding(page, 'IDX-01');
  await row.getByRole('button', { name: /has no index/ }).click();
  await row.getByRole('button', { name: 'Preview SQL' }).click();
  await expect(row.getByLabel('Fix SQL')).toContainText('CREATE INDEX');
  await row.getByRole('button', { name: 'Apply' }).click();
  await expect(finding(page, 'IDX-01')).toHaveCount(0);
  await expect(page.getByTestId('findings')).not.toHaveText(before ?? '');
  await page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' }).click();
  await expect(finding(page, 'IDX-01')).toHaveCount(1);
  await expect(page.getByTestId('findings')).toHaveText(before ?? '');
});

test('suppressing with a reason hides the finding', async ({ page }) => {
  await openSample(page);
  const row = finding(page, 'REL-05');
  await expect(row).toHaveCount(1);
  await row.locator('.tw-problem__main').click();
  await row.getByRole('button', { name: 'Suppress…' }).click();
  await row.getByLabel('Suppression reason').fill('Order lines keep their product; NO ACTION is intended');
  await row.getByRole('button', { name: 'Suppress', exact: true }).click();
  await expect(finding(page, 'REL-05')).toHaveCount(0);
  await expect(panel(page)).toContainText('1 suppressed');
});
