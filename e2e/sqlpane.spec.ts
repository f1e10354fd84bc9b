/**
 * The SQL pane: paste pagila → the diagram; a syntax error → a marker, diagram unchanged; fix → diagram updates;
 * open a .sql file (merge); drop a .sql file onto the canvas (replace). Nothing leaves the origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { importSql, initParser } from '../src/core/sql/import';
import { generateSchemaSql } from '../bench/generate';

const CORPUS = resolve(process.cwd(), '../shared/corpus/pagila.sql');

/**
 * The status bar text for `sql`, from the core model: partitions (PARTITION OF a table in the model) are counted apart
 * and their copies of the parent's foreign keys are not relationships of their own.
 */
function counts(sql: string) {
  const { model } = importSql(sql);
  const isPart = (id: string | null) => {
    const t = id ? model.tables[id] : undefined;
    return !!t?.partitionOf && !!model.tables[t.partitionOf.parentId];
  };
  let rels = 0;
  let parts = 0;
  for (const t of Object.values(model.tables)) {
    if (isPart(t.id)) {
      parts++;
      continue;
    }
    for (const c of t.constraints) if (c.kind === 'foreign' && c.refTableId && model.tables[c.refTableId] && !isPart(c.refTableId)) rels++;
  }
  const n = (x: number, one: string) => `${x.toLocaleString('en-US')} ${x === 1 ? one : `${one}s`}`;
  return `${n(Object.keys(model.tables).length - parts, 'table')}${parts ? ` (+${n(parts, 'partition')})` : ''} · ${n(rels, 'relationship')}`;
}

/** Focus the editor by clicking inside its visible area (its line container is taller than the view). */
const clickEditor = (page: Page) => page.getByTestId('sql-editor').locator('.monaco-editor').click({ position: { x: 300, y: 30 } });

/** Real paste: put the text on the clipboard and press Ctrl+V in the editor. */
async function pasteInto(page: Page, text: string) {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await clickEditor(page);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

/** Put the cursor just after the first occurrence of `needle` (Monaco's find widget), then close the widget. */
async function cursorAfter(page: Page, needle: string) {
  await clickEditor(page);
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.insertText(needle);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ArrowRight');
}

test.describe('SQL pane', () => {

  test('paste pagila, break it, fix it, open and drop files — all local', async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    await initParser();
    expect(existsSync(CORPUS), `the shared corpus must sit beside the repository: ${CORPUS}`).toBe(true);
    const pagila = readFileSync(CORPUS, 'utf8');
    const expected = counts(pagila);
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreign.push(u);
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

    await page.goto('/');
    await expect(page.getByTestId('counts')).toHaveText('4 tables · 3 relationships');
    await page.getByTestId('sql-toggle').click();
    await expect(page.getByTestId('sql-editor').locator('.view-lines')).toContainText('CREATE TABLE', { timeout: 20_000 });
    await expect(page.getByTestId('sql-direction')).toHaveText('Canvas → SQL');

    // 1. Paste pagila → the diagram follows.
    await pasteInto(page, pagila);
    await expect(page.getByTestId('counts')).toHaveText(expected, { timeout: 30_000 });
    await expect(page.getByTestId('sql-direction')).toHaveText('SQL → Canvas');
    await expect(page.locator('.react-flow__node-table').first()).toBeVisible();
    await page.screenshot({ path: '/tmp/tw-sql-1-pagila.png' });

    // 2. A syntax error inside CREATE TABLE public.actor → a marker on that line, the diagram unchanged.
    const actorLine = pagila.split('\n').findIndex((l) => l.startsWith('CREATE TABLE public.actor (')) + 1;
    expect(actorLine).toBeGreaterThan(0);
    await cursorAfter(page, 'CREATE TABLE public.actor (');
    await page.keyboard.press('Enter');
    await page.keyboard.insertText('oops oops oops,');
    await expect(page.getByTestId('sql-status')).toContainText(/error/, { timeout: 15_000 });
    const problem = page.getByTestId('sql-problems').locator('.is-error').first();
    await expect(problem).toContainText(`Ln ${actorLine + 1},`);
    await expect(page.getByTestId('sql-editor').locator('.squiggly-error')).not.toHaveCount(0);
    await expect(page.getByTestId('counts')).toHaveText(expected);
    // Clicking the problem puts the cursor on the marker's line.
    await clickEditor(page);
    await page.keyboard.press('ControlOrMeta+Home');
    await problem.click();
    await expect(page.getByTestId('sql-editor').locator('.line-numbers.active-line-number')).toHaveText(String(actorLine + 1));
    await page.screenshot({ path: '/tmp/tw-sql-2-error.png' });

    // 3. Fix it (a valid new column) → the diagram updates, the cursor's table is selected on the canvas.
    await page.keyboard.press('Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.insertText('    nickname text,');
    await expect(page.getByTestId('sql-status')).not.toContainText(/error/, { timeout: 15_000 });
    await expect(page.getByTestId('sql-problems').locator('.is-error')).toHaveCount(0);
    await expect(page.getByTestId('counts')).toHaveText(expected);
    const actor = page.locator('.react-flow__node-table [data-table="actor"]');
    await expect(actor).toContainText('nickname', { timeout: 15_000 });
    await expect(page.locator('.react-flow__node-table.selected [data-table="actor"], .react-flow__node.selected [data-table="actor"]')).toHaveCount(1);
    await page.screenshot({ path: '/tmp/tw-sql-3-fixed.png' });

    // 4. Open a .sql file → merge into this diagram (one more table, one more relationship).
    const extra = 'CREATE TABLE public.loyalty_card (\n  id bigint PRIMARY KEY,\n  customer_id integer NOT NULL REFERENCES public.customer (customer_id),\n  points integer NOT NULL DEFAULT 0\n);\n';
    await page.getByTestId('sql-file-input').setInputFiles({ name: 'loyalty.sql', mimeType: 'application/sql', buffer: Buffer.from(extra) });
    await expect(page.getByTestId('sql-import-choice')).toBeVisible();
    await page.getByRole('button', { name: 'Merge into this diagram' }).click();
    await expect(page.getByTestId('counts')).toHaveText(counts(pagila.replace('oops', '') + '\n' + extra), { timeout: 20_000 });
    await expect(page.getByTestId('sql-direction')).toHaveText('Canvas → SQL');
    await expect(page.getByTestId('sql-editor').locator('.view-lines')).toBeVisible();
    await page.screenshot({ path: '/tmp/tw-sql-4-merged.png' });

    // 5. Drop a .sql file onto the canvas → replace the diagram; the text goes into the pane.
    const dropped = 'CREATE TABLE authors (id int PRIMARY KEY, name text);\nCREATE TABLE books (id int PRIMARY KEY, author_id int REFERENCES authors);\nCREATE RULE r AS ON INSERT TO books DO INSTEAD NOTHING;\n';
    const dt = await page.evaluateHandle((text) => {
      const d = new DataTransfer();
      d.items.add(new File([text], 'library.sql', { type: 'application/sql' }));
      return d;
    }, dropped);
    const canvas = page.getByTestId('canvas');
    await canvas.dispatchEvent('dragenter', { dataTransfer: dt });
    await canvas.dispatchEvent('dragover', { dataTransfer: dt });
    await canvas.dispatchEvent('drop', { dataTransfer: dt });
    await expect(page.getByTestId('sql-import-choice')).toBeVisible();
    await page.getByRole('button', { name: 'Replace diagram' }).click();
    await expect(page.getByTestId('counts')).toHaveText('2 tables · 1 relationship', { timeout: 20_000 });
    await expect(page.getByTestId('sql-editor').locator('.view-lines')).toContainText('CREATE TABLE authors');
    await expect(page.getByTestId('sql-direction')).toHaveText('SQL → Canvas');
    // The CREATE RULE is not modelled: it is listed (kept verbatim), not dropped.
    await expect(page.getByTestId('sql-raw')).toContainText('1');
    await page.getByTestId('sql-raw').locator('summary').click();
    await expect(page.getByTestId('sql-raw')).toContainText(/rule|Rule/);
    await page.screenshot({ path: '/tmp/tw-sql-5-dropped.png' });

    expect(foreign, 'requests outside the origin').toEqual([]);
    expect(errors).toEqual([]);
  });

  test('partitions are drawn inside their parent: one node, "5 partitions", listed in the inspector', async ({ page, context, baseURL }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
    await page.goto('/');
    await expect(page.getByTestId('counts')).toHaveText('4 tables · 3 relationships');
    await page.getByTestId('sql-toggle').click();
    await expect(page.getByTestId('sql-editor').locator('.view-lines')).toContainText('CREATE TABLE', { timeout: 20_000 });
    const months = ['01', '02', '03', '04', '05', '06'];
    const sql = [
      'CREATE TABLE customer (id bigint PRIMARY KEY, name text NOT NULL);',
      'CREATE TABLE payment (id bigint NOT NULL, customer_id bigint NOT NULL REFERENCES customer (id), amount numeric(10,2) NOT NULL, paid_at timestamptz NOT NULL) PARTITION BY RANGE (paid_at);',
      ...months.slice(0, 5).map((m, i) => `CREATE TABLE payment_2024_${m} PARTITION OF payment FOR VALUES FROM ('2024-${m}-01') TO ('2024-${months[i + 1]}-01');`),
      '',
    ].join('\n');
    await pasteInto(page, sql);
    await expect(page.getByTestId('counts')).toHaveText('2 tables (+5 partitions) · 1 relationship', { timeout: 20_000 });
    await expect(page.locator('.react-flow__node-table')).toHaveCount(2);
    const payment = page.locator('.react-flow__node-table [data-table="payment"]');
    const line = payment.getByTestId('node-partitions');
    await expect(line).toContainText('5 partitions');
    // Every partition and its bounds on hover.
    await expect(line).toHaveAttribute('title', /payment_2024_01: FOR VALUES FROM \('2024-01-01'\) TO \('2024-02-01'\)/);
    await expect(line).toHaveAttribute('title', /payment_2024_05: FOR VALUES FROM \('2024-05-01'\) TO \('2024-06-01'\)/);
    // No partition is a node; one edge (payment → customer).
    await expect(page.locator('[data-table^="payment_2024"]')).toHaveCount(0);
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);

    // The inspector of the parent lists them; a partition can be selected from there.
    await payment.locator('.tw-node__header').click();
    const list = page.getByTestId('inspector-partitions');
    await expect(list.getByRole('button')).toHaveCount(5);
    await expect(list).toContainText("FOR VALUES FROM ('2024-03-01') TO ('2024-04-01')");
    await list.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/shots/partitions.png' });
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const res = await new AxeBuilder({ page }).include('[data-testid="inspector-partitions"]').include('[data-testid="node-partitions"]').analyze();
      expect(res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${scheme}: ${v.id}`)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: '/tmp/shots/partitions-dark.png' });
    await page.emulateMedia({ colorScheme: 'light' });
    await list.getByRole('button', { name: 'public.payment_2024_03' }).click();
    await expect(page.getByRole('complementary', { name: 'Inspector' }).getByRole('heading', { level: 2 })).toHaveText('public.payment_2024_03');
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('Partition of');
    expect(errors).toEqual([]);
  });

  test('import dialog: a two-schema input offers a filter; importing one schema leaves the cross-schema FK out, one undo step', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('/');
    await expect(page.getByTestId('counts')).toHaveText('4 tables · 3 relationships');
    const sql = [
      'CREATE SCHEMA hr;',
      'CREATE SCHEMA sales;',
      'CREATE TABLE hr.employee (id int PRIMARY KEY, name text);',
      'CREATE TABLE hr.team (id int PRIMARY KEY, lead_id int REFERENCES hr.employee (id));',
      'CREATE TABLE sales.customer (id int PRIMARY KEY, account_manager int REFERENCES hr.employee (id));',
      'CREATE TABLE sales.orders (id int PRIMARY KEY, customer_id int REFERENCES sales.customer (id));',
      'CREATE TABLE sales.line (order_id int REFERENCES sales.orders (id), qty int);',
    ].join('\n');
    await page.getByRole('button', { name: 'Import SQL' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import SQL' });
    await dialog.getByLabel('SQL to import').fill(sql);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    const filter = dialog.getByTestId('import-filter');
    await expect(filter).toBeVisible();
    await expect(filter.getByRole('group', { name: 'Schemas' })).toContainText('hr2 tables');
    await expect(filter.getByRole('group', { name: 'Schemas' })).toContainText('sales3 tables');
    await expect(dialog.getByTestId('import-summary')).toHaveText('5 tables of 5');
    await filter.getByRole('checkbox', { name: 'hr 2 tables' }).uncheck();
    await expect(dialog.getByTestId('import-summary')).toHaveText('3 tables of 5 · 1 foreign key left out');
    await page.screenshot({ path: '/tmp/shots/import-filter.png' });
    // Related tables bring the referenced schema's table back.
    await filter.getByRole('checkbox', { name: 'Include related tables' }).check();
    await expect(dialog.getByTestId('import-summary')).toHaveText('4 tables of 5');
    await filter.getByRole('checkbox', { name: 'Include related tables' }).uncheck();
    // The filter step is accessible in light and dark mode.
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const res = await new AxeBuilder({ page }).include('[data-testid="import-filter"]').analyze();
      expect(res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${scheme}: ${v.id}`)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await dialog.getByRole('button', { name: 'Import 3 tables' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('counts')).toHaveText('3 tables · 2 relationships', { timeout: 20_000 });
    await expect(page.locator('.react-flow__node-table')).toHaveCount(3);
    await expect(page.getByTestId('diagnostics')).toContainText('1 import diagnostic');
    // One undo step back to the sample.
    const undo = page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' });
    await expect(undo).toHaveAttribute('title', /Undo Import Imported schema/);
    await undo.click();
    await expect(page.getByTestId('counts')).toHaveText('4 tables · 3 relationships');

    // The same filter for an opened (or dropped) file: choose, keep one schema, replace.
    await page.getByTestId('sql-toggle').click();
    await page.getByTestId('sql-file-input').setInputFiles({ name: 'two-schemas.sql', mimeType: 'application/sql', buffer: Buffer.from(sql) });
    const choice = page.getByTestId('sql-import-choice');
    await choice.getByRole('button', { name: 'Choose schemas and tables…' }).click();
    await expect(choice.getByTestId('import-summary')).toHaveText('5 tables of 5');
    await choice.getByRole('checkbox', { name: 'sales 3 tables' }).uncheck();
    await expect(choice.getByTestId('import-summary')).toHaveText('2 tables of 5');
    await choice.getByRole('button', { name: 'Replace diagram' }).click();
    await expect(choice).toBeHidden();
    await expect(page.getByTestId('counts')).toHaveText('2 tables · 1 relationship', { timeout: 20_000 });
    await expect(page.getByTestId('sql-editor').locator('.view-lines')).toContainText('hr.team', { timeout: 20_000 });
    await expect(page.getByTestId('sql-editor').locator('.view-lines')).not.toContainText('sales.');
    expect(errors).toEqual([]);
  });

  test('a big import is autosaved by the save worker and comes back after a reload, edits included', async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    await initParser();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(baseURL!).origin });
    await page.goto('/');
    await expect(page.getByTestId('counts')).toHaveText('4 tables · 3 relationships');
    await page.getByTestId('sql-toggle').click();
    await expect(page.getByTestId('sql-editor').locator('.view-lines')).toContainText('CREATE TABLE', { timeout: 20_000 });
    const sql = generateSchemaSql(260);
    await pasteInto(page, sql);
    await expect(page.getByTestId('counts')).toHaveText(counts(sql), { timeout: 30_000 });
    expect(counts(sql)).toMatch(/^260 tables/);
    type Hook = { flush(): Promise<void>; addTable(name: string): boolean; tableNames(): string[] };
    await page.evaluate(() => (globalThis as unknown as { __twPersist: Hook }).__twPersist.flush());
    // An edit after the first save: only the changed tables cross to the worker again.
    expect(await page.evaluate(() => (globalThis as unknown as { __twPersist: Hook }).__twPersist.addTable('zz_after_import'))).toBe(true);
    await page.evaluate(() => (globalThis as unknown as { __twPersist: Hook }).__twPersist.flush());
    // The checker ran in its worker and its findings (sent in chunks) all arrived: far more than the sample's.
    await expect(async () => {
      const n = Number((await page.getByTestId('findings').textContent())?.replace(/[^\d]/g, ''));
      expect(n).toBeGreaterThan(260);
    }).toPass({ timeout: 30_000 });
    const before = await page.evaluate(() => (globalThis as unknown as { __twPersist: Hook }).__twPersist.tableNames());
    expect(before).toHaveLength(261);
    expect(page.workers().map((w) => w.url()).some((u) => /save\.worker/.test(u)), 'the save worker wrote it').toBe(true);
    await page.reload();
    await expect(page.getByTestId('counts')).toHaveText(/^261 tables/, { timeout: 30_000 });
    const after = await page.evaluate(() => (globalThis as unknown as { __twPersist: Hook }).__twPersist.tableNames());
    expect(after).toEqual(before);
    expect(errors).toEqual([]);
  });
});
