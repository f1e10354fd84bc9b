import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PersistencePage } from './pages/PersistencePage';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('autosave: a new table, the layout and the viewport survive a reload', async ({ page }) => {
  const app = new PersistencePage(page);
  await app.goto();
  await app.expectTableCount(4); // first start: the sample shop
  await app.expectSaved();
  await app.addTable('customers', 900, 40);
  await expect(app.table('customers')).toBeAttached();
  await app.zoomOut(2);
  await app.expectSaved();
  await page.waitForTimeout(800); // viewport autosave (debounced)
  await app.flush();
  const transform = await app.viewportTransform();
  const id = await app.docId();
  const names = await app.tableNames();
  const pos = await app.nodeTransform('customers');
  await app.screenshot('before-reload');

  await app.reload();
  await app.expectTableCount(5);
  expect(await app.docId()).toBe(id);
  expect(await app.tableNames()).toEqual(names);
  await expect(app.docName).toHaveText('Sample shop');
  await expect.poll(() => app.viewportTransform()).toBe(transform);
  expect(await app.nodeTransform('customers')).toBe(pos);
  await app.screenshot('after-reload');
  expect(app.errors).toEqual([]);
});

test('diagrams list: new, rename, duplicate, open and delete', async ({ page }) => {
  const app = new PersistencePage(page);
  await app.goto();
  await app.expectTableCount(4);
  await app.expectSaved();

  await app.button('New diagram').click();
  await app.expectTableCount(0);
  await app.addTable('solo');
  await app.expectSaved();

  await app.openDiagrams();
  await expect(app.diagramItems).toHaveCount(2);
  await app.diagramItem('Untitled diagram').getByRole('button', { name: 'Rename Untitled diagram' }).click();
  await app.diagramsDialog.getByLabel('New name for Untitled diagram').fill('Scratch <b>pad</b>');
  await app.diagramsDialog.getByRole('button', { name: 'Save name' }).click();
  await expect(app.diagramItem('Scratch <b>pad</b>')).toBeVisible();
  await expect(app.docName).toHaveText('Scratch <b>pad</b>');
  expect(await page.locator('.tw-diagrams b').count()).toBe(0);

  await app.diagramItem('Sample shop').getByRole('button', { name: 'Duplicate Sample shop' }).click();
  await expect(app.diagramItem('Sample shop (copy)')).toBeVisible();
  await app.screenshot('diagrams');
  await app.diagramItem('Sample shop (copy)').getByRole('button', { name: 'Open Sample shop (copy)' }).click();
  await expect(app.diagramsDialog).toBeHidden();
  await app.expectTableCount(4);
  await expect(app.docName).toHaveText('Sample shop (copy)');

  await app.openDiagrams();
  await app.diagramItem('Sample shop (copy)').getByRole('button', { name: 'Delete Sample shop (copy)' }).click();
  await app.diagramsDialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(app.diagramItems).toHaveCount(2);
  // The open diagram was deleted: the most recent other one is open now.
  await expect(app.diagramsDialog.locator('.tw-diagrams__item.is-open')).toHaveCount(1);
  await app.diagramsDialog.getByRole('button', { name: 'Done' }).click();

  await app.reload();
  await app.openDiagrams();
  await expect(app.diagramItems).toHaveCount(2);
  expect(app.errors).toEqual([]);
});

test('export: PNG is a valid non-empty image, SVG escapes names; selection export', async ({ page }) => {
  const app = new PersistencePage(page);
  await app.goto();
  await app.expectTableCount(4);
  const png = await app.exportImage('PNG');
  expect(png.suggestedFilename()).toBe('sample-shop.png');
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  expect(width).toBeGreaterThan(400);
  expect(height).toBeGreaterThan(200);
  expect(bytes.length).toBeGreaterThan(10_000);
  // Decode it in the browser and check that it is not blank.
  const distinct = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.width;
    c.height = img.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < data.length; i += 4 * 97) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    return seen.size;
  }, bytes.toString('base64'));
  expect(distinct).toBeGreaterThan(5);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`data:image/png;base64,${bytes.toString('base64')}`).catch(() => undefined);
  await page.screenshot({ path: '/tmp/tw-persist-export-png.png' });
  await app.goto();

  // SVG of a hostile name: escaped text, no markup.
  await app.addTable('<img src=x onerror=alert(1)>', 600, 500);
  const svgDl = await app.exportImage('SVG');
  const svg = readFileSync((await svgDl.path())!, 'utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(svg).not.toContain('<img');
  expect(svg.match(/<g class="table"/g)?.length).toBe(5);

  // Only the selection.
  await app.table('orders').click();
  const sel = await app.exportImage('SVG', 'Selection');
  expect(sel.suggestedFilename()).toBe('sample-shop-selection.svg');
  const selSvg = readFileSync((await sel.path())!, 'utf8');
  expect(selSvg.match(/<g class="table"/g)?.length).toBe(1);
  expect(selSvg).toContain('>orders<');
  expect(app.errors).toEqual([]);
});

test('files: save and re-open a .tablewright.json; a corrupt or foreign file leaves the diagram untouched', async ({ page }) => {
  const app = new PersistencePage(page);
  await app.goto();
  await app.expectTableCount(4);
  const saved = await app.saveFile();
  expect(saved.suggestedFilename()).toBe('sample-shop.tablewright.json');
  const text = readFileSync((await saved.path())!, 'utf8');
  expect(JSON.parse(text)).toMatchObject({ format: 'tablewright', version: expect.any(Number), name: 'Sample shop' });

  const before = await app.tableNames();
  const id = await app.docId();
  await app.openFile('broken.tablewright.json', text.slice(0, text.length / 2));
  await expect(app.toast).toContainText('Could not open “broken.tablewright.json”');
  await expect(app.toast).toContainText('invalid JSON');
  await expect(app.toast).toContainText('The open diagram was not changed');
  await app.screenshot('corrupt-file');
  expect(await app.tableNames()).toEqual(before);
  expect(await app.docId()).toBe(id);
  await app.toast.getByRole('button', { name: 'Dismiss' }).click();

  await app.openFile('package.json', JSON.stringify({ name: 'something-else', version: '1.0.0' }));
  await expect(app.toast).toContainText('Not a Tablewright file');
  expect(await app.docId()).toBe(id);
  await app.toast.getByRole('button', { name: 'Dismiss' }).click();

  const damaged = JSON.parse(text);
  damaged.schema.tables = 'nope';
  await app.openFile('damaged.tablewright.json', JSON.stringify(damaged));
  await expect(app.toast).toContainText('Could not open “damaged.tablewright.json”');
  expect(await app.docId()).toBe(id);
  await app.toast.getByRole('button', { name: 'Dismiss' }).click();
  await app.expectTableCount(4);

  // A valid file opens as its own diagram (a new entry, since this one is already stored).
  await app.button('New diagram').click();
  await app.expectTableCount(0);
  await app.openFile('sample-shop.tablewright.json', text);
  await app.expectTableCount(4);
  expect(await app.docId()).not.toBe(id);
  await app.expectSaved();
  await app.openDiagrams();
  await expect(app.diagramItems).toHaveCount(3);
  expect(app.errors).toEqual([]);
});

test('two tabs on the same diagram: the other tab is told, and chooses', async ({ context }) => {
  const a = new PersistencePage(await context.newPage());
  await a.goto();
  await a.expectTableCount(4);
  await a.expectSaved();
  const b = new PersistencePage(await context.newPage());
  await b.goto();
  await b.expectTableCount(4);
  expect(await b.docId()).toBe(await a.docId());
  await expect(b.conflictBanner).toHaveCount(0);

  await a.addTable('from_tab_a', 900, 0);
  await a.expectSaved();
  await expect(b.conflictBanner).toContainText('This diagram was changed in another tab');
  await b.screenshot('conflict');
  // B's own edit is not written over A's while the banner is up.
  await b.addTable('from_tab_b', 900, 300);
  await b.page.waitForTimeout(900);
  await expect(b.saveState).toHaveText('Not saved');
  await b.flush();
  await a.reload();
  expect(await a.tableNames()).toContain('from_tab_a');
  expect(await a.tableNames()).not.toContain('from_tab_b');

  // B reloads: A's version, banner gone.
  await b.conflictBanner.getByRole('button', { name: 'Reload' }).click();
  await expect(b.conflictBanner).toHaveCount(0);
  expect(await b.tableNames()).toContain('from_tab_a');
  expect(await b.tableNames()).not.toContain('from_tab_b');

  // Now B edits and A is told; A keeps its own version, which B hears about in turn.
  await b.addTable('second_from_b', 900, 600);
  await b.expectSaved();
  await expect(a.conflictBanner).toBeVisible();
  await a.addTable('kept_in_a', 1200, 0);
  await a.conflictBanner.getByRole('button', { name: 'Keep mine' }).click();
  await expect(a.conflictBanner).toHaveCount(0);
  await a.expectSaved();
  await expect(b.conflictBanner).toBeVisible();
  await b.reload();
  expect(await b.tableNames()).toContain('kept_in_a');
  expect(a.errors).toEqual([]);
  expect(b.errors).toEqual([]);
});

test('accessibility: the persistence dialogs and the conflict banner have no serious violations (axe)', async ({ context }) => {
  test.setTimeout(150_000); // two themes × five screens of axe runs
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  const a = new PersistencePage(await context.newPage());
  const check = async (label: string) => {
    const res = await new AxeBuilder({ page: a.page }).analyze();
    const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${label}: ${v.id} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  };
  for (const scheme of ['light', 'dark'] as const) {
    await a.page.emulateMedia({ colorScheme: scheme });
    await a.goto();
    await a.expectTableCount(4);
    await a.expectSaved();
    await check(`${scheme} main`);
    await a.openDiagrams();
    await a.diagramItem('Sample shop').getByRole('button', { name: 'Rename Sample shop' }).click();
    await check(`${scheme} diagrams (renaming)`);
    await a.diagramsDialog.getByRole('button', { name: 'Cancel' }).click();
    await a.diagramItem('Sample shop').getByRole('button', { name: 'Delete Sample shop' }).click();
    await check(`${scheme} diagrams (confirm delete)`);
    await a.page.keyboard.press('Escape');
    await expect(a.diagramsDialog).toBeHidden();
    await a.button('Export').click();
    await expect(a.exportDialog).toBeVisible();
    await check(`${scheme} export`);
    await a.exportDialog.getByRole('button', { name: 'Cancel' }).click();
    await a.openFile('x.json', '{');
    await expect(a.toast).toBeVisible();
    await check(`${scheme} file error`);
    await a.toast.getByRole('button', { name: 'Dismiss' }).click();
  }
  const b = new PersistencePage(await context.newPage());
  await b.goto();
  await a.addTable('t2', 900, 0);
  await a.expectSaved();
  await expect(b.conflictBanner).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await b.page.emulateMedia({ colorScheme: scheme });
    const res = await new AxeBuilder({ page: b.page }).analyze();
    const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${scheme} banner: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
});
