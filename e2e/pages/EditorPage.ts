import { expect, type Locator, type Page } from '@playwright/test';

/** The designer: canvas, floating edit bar, inspector and status bar. */
export class EditorPage {
  readonly errors: string[] = [];
  readonly dialogs: string[] = [];
  constructor(readonly page: Page) {
    page.on('console', (m) => {
      // The parser wasm's main-thread URL is outside this suite (see smoke.spec.ts); everything else counts.
      if (m.type() === 'error' && !/wasm|WebAssembly|ArrayBuffer instantiation/.test(m.text())) this.errors.push(m.text());
    });
    page.on('pageerror', (e) => {
      if (!/wasm|WebAssembly|ArrayBuffer instantiation/.test(String(e))) this.errors.push(String(e));
    });
    page.on('dialog', (d) => {
      this.dialogs.push(d.message());
      void d.dismiss();
    });
  }

  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }
  get inspector(): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' });
  }
  get counts(): Locator {
    return this.page.getByTestId('counts');
  }
  get tables(): Locator {
    return this.page.locator('.react-flow__node-table');
  }
  get edges(): Locator {
    return this.page.locator('.react-flow__edge');
  }
  table(name: string): Locator {
    return this.page.locator(`.react-flow__node-table [data-table="${name.replace(/(["\\])/g, '\\$1')}"]`);
  }
  header(name: string): Locator {
    return this.table(name).locator('.tw-node__header');
  }
  /** Shift-click a table: add it to / remove it from the selection. */
  async shiftSelect(name: string): Promise<void> {
    await this.header(name).click({ position: { x: 16, y: 20 }, modifiers: ['Shift'] });
  }
  row(table: string, column: string): Locator {
    return this.table(table).locator(`[data-col="${column}"]`);
  }

  /** Open the app on the sample shop (the first import can be slow on a loaded machine). */
  async openSample(): Promise<void> {
    await this.page.goto('/');
    await expect(this.tables).toHaveCount(4, { timeout: 45_000 });
    await expect(this.page.locator('.tw-busy')).toHaveCount(0, { timeout: 30_000 });
  }

  /** Open the app and start from an empty diagram. */
  async openEmpty(): Promise<void> {
    await this.openSample();
    await this.page.getByRole('button', { name: 'New diagram' }).click();
    const confirm = this.page.getByRole('dialog').getByRole('button', { name: /discard|new diagram|continue|ok/i });
    if (await confirm.isVisible().catch(() => false)) await confirm.click();
    await expect(this.tables).toHaveCount(0);
  }

  /** Double-click empty canvas at (x, y) (relative to the canvas) and name the new table inline. */
  async addTableAt(x: number, y: number, name: string): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    const before = await this.tables.count();
    await this.page.mouse.dblclick(box.x + x, box.y + y);
    await expect(this.tables).toHaveCount(before + 1);
    const input = this.page.getByRole('textbox', { name: 'Table name' }).first();
    await expect(input).toBeFocused();
    await input.fill(name);
    await input.press('Enter');
    await expect(this.table(name)).toBeVisible();
  }

  async select(name: string): Promise<void> {
    await this.header(name).click({ position: { x: 16, y: 20 } });
    await expect(this.inspector.getByRole('textbox', { name: 'Table name' })).toHaveValue(name);
  }

  /** Add a column to the selected table through the inspector. */
  async addColumn(name: string, type: string): Promise<void> {
    await this.inspector.getByRole('button', { name: '+ Add column' }).click();
    const names = this.inspector.getByRole('textbox', { name: 'Column name' });
    const last = names.last();
    await expect(last).toBeFocused();
    await last.fill(name);
    await last.press('Enter');
    const typeField = this.inspector.getByRole('combobox', { name: `Type of ${name}` });
    await typeField.fill(type);
    await typeField.press('Enter');
    await expect(typeField).toHaveValue(type);
  }

  /** Drag from a column's connection dot to a target (another column's row, or a table header). */
  async dragRelation(fromTable: string, fromColumn: string, to: Locator): Promise<void> {
    const row = this.row(fromTable, fromColumn);
    await row.hover();
    const port = row.locator('.tw-port--r');
    const a = (await port.boundingBox())!;
    const b = (await to.boundingBox())!;
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + 40, a.y + 10, { steps: 4 });
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await expect(this.page.locator('.tw-connect path.is-valid')).toBeVisible();
    await this.page.mouse.up();
  }

  async undoButton(): Promise<void> {
    await this.page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Undo' }).click();
  }
  async redoButton(): Promise<void> {
    await this.page.getByRole('toolbar', { name: 'Edit' }).getByRole('button', { name: 'Redo' }).click();
  }
  async clickPane(): Promise<void> {
    const box = (await this.canvas.boundingBox())!;
    await this.page.mouse.click(box.x + box.width - 120, box.y + 150);
  }
  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: `/tmp/tw-edit-${name}.png` });
  }
}
