import { expect, type Locator, type Page } from '@playwright/test';
import { EditorPage } from './EditorPage';

/** The inspector's Behaviours section of the selected table (switches, options, trigger SQL preview, verbatim list). */
export class BehaviorsPage {
  readonly editor: EditorPage;
  constructor(readonly page: Page) {
    this.editor = new EditorPage(page);
  }

  get section(): Locator {
    return this.editor.inspector.getByTestId('behaviors');
  }
  toggle(key: 'updated_at' | 'soft_delete' | 'audit' | 'search'): Locator {
    return this.section.locator(`input[data-behavior="${key}"]`);
  }
  get preview(): Locator {
    return this.section.getByTestId('behavior-sql');
  }
  get verbatim(): Locator {
    return this.section.getByTestId('verbatim-statements');
  }
  counter(column: string): Locator {
    return this.section.locator(`[data-counter="${column.replace(/(["\\])/g, '\\$1')}"]`);
  }

  /** Add a counter on the selected (parent) table for the child FK whose option label is `fkLabel`. */
  async addCounter(fkLabel: string, column?: string): Promise<void> {
    await this.section.getByLabel('Count rows of').selectOption({ label: fkLabel });
    if (column) await this.section.getByLabel('Counter column').fill(column);
    await this.section.getByRole('button', { name: '+ Add counter' }).click();
  }

  /** Replace the diagram with `sql` through the Import SQL dialog. */
  async importSql(sql: string, tables: number): Promise<void> {
    await this.page.getByRole('button', { name: 'Import SQL' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Import SQL' });
    await dialog.getByLabel('SQL to import').fill(sql);
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(this.editor.tables).toHaveCount(tables, { timeout: 30_000 });
  }
}
