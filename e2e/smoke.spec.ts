import { expect, test, type Page } from '@playwright/test';

/** Records every request, console error and page error, and fails on dialogs (e.g. an injected alert). */
function watch(page: Page) {
  const requests: string[] = [];
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return { requests, errors, dialogs };
}

const tableNode = (page: Page, name: string) => page.locator(`.react-flow__node-table [data-table="${name.replace(/"/g, '\\"')}"]`);

test('loads the sample shop: 4 tables, status bar counts, no foreign requests, no console errors', async ({ page, baseURL }) => {
  const w = watch(page);
  await page.goto('/');
  await expect(page.getByRole('banner')).toContainText('Tablewright');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
  for (const name of ['users', 'products', 'orders', 'order_items']) await expect(tableNode(page, name)).toBeVisible();
  await expect(page.getByTestId('counts')).toHaveText('4 tables · 3 relationships');
  await expect(page.getByTestId('diagnostics')).toContainText(/No import issues|import diagnostic/);
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  // Crow's-foot markers are attached to every relationship.
  const markers = await page.locator('.tw-edge__path').evaluateAll((els) => els.map((e) => [e.getAttribute('marker-start'), e.getAttribute('marker-end')]));
  expect(markers.every(([s, e]) => s?.startsWith('url(#tw-m-') && e?.startsWith('url(#tw-m-'))).toBe(true);

  // Selecting a table fills the inspector.
  await tableNode(page, 'orders').click();
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector).toContainText('public.orders');
  await expect(inspector).toContainText('FOREIGN KEY');
  await expect(inspector.getByRole('textbox', { name: 'Index name' })).toHaveValue('orders_user_id_idx');
  await inspector.getByRole('button', { name: 'public.order_items' }).click();
  await expect(inspector.getByRole('heading', { level: 2 })).toHaveText('public.order_items');
  await expect(page.locator('.react-flow__node-table.selected [data-table="order_items"]')).toBeVisible();

  const origin = new URL(baseURL!).origin;
  const foreign = w.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  // The parser wasm was loaded from our own origin.
  expect(w.requests.some((u) => u.endsWith('/libpg-query.wasm'))).toBe(true);
  expect(w.errors).toEqual([]);
});

test('a hostile table name is rendered as text', async ({ page, baseURL }) => {
  const w = watch(page);
  await page.goto('/');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
  await page.getByRole('button', { name: 'Import SQL' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import SQL' });
  await expect(dialog).toBeVisible();
  const hostile = '<img src=x onerror=alert(1)>';
  await dialog.getByLabel('SQL to import').fill(`CREATE TABLE "${hostile}" (id int PRIMARY KEY, "<b>bold</b>" text);`);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.react-flow__node-table')).toHaveCount(1);
  await expect(page.locator('.tw-node__name')).toHaveText(hostile);
  await expect(page.locator('.tw-row__name').filter({ hasText: '<b>bold</b>' })).toBeVisible();
  await expect(page.getByTestId('counts')).toHaveText('1 table · 0 relationships');
  expect(await page.locator('.react-flow img, .react-flow b').count()).toBe(0);
  expect(w.dialogs).toEqual([]);
  const origin = new URL(baseURL!).origin;
  expect(w.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(w.errors).toEqual([]);
});

test('dark mode toggle and new diagram', async ({ page }) => {
  const w = watch(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Switch to light mode' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
  await page.getByRole('button', { name: 'New diagram' }).click();
  await expect(page.getByTestId('counts')).toHaveText('0 tables · 0 relationships');
  expect(w.errors).toEqual([]);
});

test('no serious accessibility violations (axe)', async ({ page }) => {
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto('/');
    await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
    await page.waitForTimeout(400);
    const res = await new AxeBuilder({ page }).analyze();
    const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${scheme}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
});

test('dragging a table moves it and its edges; zooming out shows simplified nodes', async ({ page }) => {
  const w = watch(page);
  await page.goto('/');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(4);
  const header = page.locator('.react-flow__node-table [data-table="users"] .tw-node__header');
  const edge = page.locator('.react-flow__edge .tw-edge__path').first();
  const before = await header.boundingBox();
  const pathBefore = await page.locator('.tw-edge__path').evaluateAll((els) => els.map((e) => e.getAttribute('d')).join('|'));
  await page.mouse.move(before!.x + 40, before!.y + 15);
  await page.mouse.down();
  await page.mouse.move(before!.x + 90, before!.y + 75, { steps: 8 });
  await page.mouse.up();
  const after = await header.boundingBox();
  expect(Math.round(after!.x - before!.x)).toBeGreaterThan(30);
  expect(await page.locator('.tw-edge__path').evaluateAll((els) => els.map((e) => e.getAttribute('d')).join('|'))).not.toBe(pathBefore);
  await expect(edge).toBeAttached();
  // Zoom out below the detail threshold: name-only nodes.
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: /zoom out/i }).click();
  await expect(page.locator('.tw-node.is-simple')).toHaveCount(4);
  await expect(page.locator('.tw-row')).toHaveCount(0);
  expect(w.errors).toEqual([]);
});
