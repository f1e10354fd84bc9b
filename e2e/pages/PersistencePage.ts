import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** The designer screen as the persistence UI sees it: toolbar, canvas, diagrams list, files, export, conflict banner. */
export class PersistencePage {
  readonly errors: string[] = [];
  readonly requests: string[] = [];

  constructor(readonly page: Page) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(m.text());
    });
    page.on('pageerror', (e) => this.errors.push(String(e)));
    page.on('request', (r) => this.requests.push(r.url()));
  }

  get tables(): Locator {
    return this.page.locator('.react-flow__node-table');
  }
  table(name: string): Locator {
    return this.page.locator(`.react-flow__node-table [data-table="${name.replace(/"/g, '\\"')}"]`);
  }
  get saveState(): Locator {
    return this.page.getByTestId('save-state');
  }
  get toast(): Locator {
    return this.page.locator('.tw-toast[role="alert"]');
  }
  get conflictBanner(): Locator {
    return this.page.getByTestId('conflict-banner');
  }
  get docName(): Locator {
    return this.page.locator('.tw-brand__doc');
  }
  button(name: string | RegExp): Locator {
    return this.page.getByRole('banner').getByRole('button', { name, exact: typeof name === 'string' });
  }

  async goto(path = '/') {
    await this.page.goto(path);
    await this.ready();
  }

  async reload() {
    await this.page.reload();
    await this.ready();
  }

  /** App started: the persistence hook is installed and no long task is running. */
  async ready() {
    await this.page.waitForFunction(() => !!(window as unknown as { __twPersist?: unknown }).__twPersist);
    await expect(this.page.locator('.tw-busy')).toHaveCount(0);
  }

  async expectTableCount(n: number) {
    await expect(this.tables).toHaveCount(n);
  }

  /** Add a table through the store (the editor's add-table command). */
  async addTable(name: string, x = 0, y = 0) {
    const ok = await this.page.evaluate(
      ([n, px, py]) => (window as unknown as { __twPersist: { addTable(n: string, x: number, y: number): boolean } }).__twPersist.addTable(n as string, px as number, py as number),
      [name, x, y] as const,
    );
    expect(ok).toBe(true);
  }

  async tableNames(): Promise<string[]> {
    return this.page.evaluate(() => (window as unknown as { __twPersist: { tableNames(): string[] } }).__twPersist.tableNames());
  }

  async docId(): Promise<string> {
    return this.page.evaluate(() => (window as unknown as { __twPersist: { docId(): string } }).__twPersist.docId());
  }

  async flush() {
    await this.page.evaluate(() => (window as unknown as { __twPersist: { flush(): Promise<void> } }).__twPersist.flush());
  }

  /** Wait until autosave has written the latest change. */
  async expectSaved() {
    await expect(this.saveState).toHaveText('Saved');
    await this.flush();
  }

  /** The canvas transform, e.g. `translate(10px, 20px) scale(0.5)`. */
  async viewportTransform(): Promise<string> {
    return this.page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  }

  async nodeTransform(name: string): Promise<string> {
    return this.table(name).evaluate((el) => (el.closest('.react-flow__node') as HTMLElement).style.transform);
  }

  async zoomOut(times = 1) {
    for (let i = 0; i < times; i++) await this.page.getByRole('button', { name: /zoom out/i }).click();
  }

  // ---- Diagrams dialog ----
  get diagramsDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Diagrams' });
  }
  get diagramItems(): Locator {
    return this.diagramsDialog.locator('.tw-diagrams__item');
  }
  diagramItem(name: string): Locator {
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.diagramItems.filter({ has: this.page.locator('.tw-diagrams__name', { hasText: exact }) });
  }
  async openDiagrams() {
    await this.button('Diagrams').click();
    await expect(this.diagramsDialog).toBeVisible();
  }

  // ---- Files ----
  async saveFile(): Promise<Download> {
    const [dl] = await Promise.all([this.page.waitForEvent('download'), this.button('Save file').click()]);
    return dl;
  }
  async openFile(name: string, contents: string | Buffer) {
    await this.page.getByTestId('open-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.isBuffer(contents) ? contents : Buffer.from(contents) });
  }

  // ---- Export ----
  get exportDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export image' });
  }
  async exportImage(format: 'PNG' | 'SVG', scope: 'Whole diagram' | 'Selection' = 'Whole diagram'): Promise<Download> {
    await this.button('Export').click();
    await expect(this.exportDialog).toBeVisible();
    await this.exportDialog.getByLabel(format === 'PNG' ? 'PNG image' : 'SVG (vector)').check();
    await this.exportDialog.getByLabel(scope, { exact: false }).check();
    const [dl] = await Promise.all([this.page.waitForEvent('download'), this.exportDialog.getByRole('button', { name: `Export ${format}` }).click()]);
    await expect(this.exportDialog).toBeHidden();
    return dl;
  }

  async screenshot(name: string) {
    await this.page.screenshot({ path: `/tmp/tw-persist-${name}.png` });
  }
}
