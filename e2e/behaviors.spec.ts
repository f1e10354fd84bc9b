/**
 * Trigger behaviours in the inspector: switch on a counter and a search column and see their trigger SQL in the
 * preview, the pending migration and the SQL pane's DDL; convert a recognised verbatim trigger pasted as SQL into a behaviour, undo it.
 */
import { expect, test } from '@playwright/test';
import { BehaviorsPage } from './pages/BehaviorsPage';

test('counter and search column: options in the inspector, trigger SQL in the preview, the migration and the DDL; undoable', async ({ page }) => {
  test.setTimeout(180_000);
  const b = new BehaviorsPage(page);
  await b.editor.openSample();

  // users is referenced by orders.user_id: count the orders of each user
  await b.editor.select('users');
  await b.addCounter('orders (user_id)');
  await expect(b.counter('orders_count')).toBeVisible();
  await expect(b.editor.row('users', 'orders_count')).toBeVisible(); // the column joins the diagram
  await expect(b.preview).toContainText('CREATE OR REPLACE FUNCTION public.users_maintain_orders_count()');
  await expect(b.preview).toContainText('CREATE TRIGGER orders_maintain_users_orders_count AFTER INSERT OR DELETE OR UPDATE OF user_id ON public.orders');
  // a custom trigger name, in the collapsed Names details
  await b.counter('orders_count').getByText('Names', { exact: true }).click();
  const trig = b.section.getByLabel('counter orders_count trigger name');
  await trig.fill('orders_count_trg');
  await trig.press('Enter');
  await expect(b.preview).toContainText('CREATE TRIGGER orders_count_trg AFTER INSERT');

  // orders carries the counter's triggers: its inspector says so
  await b.editor.select('orders');
  await expect(b.section.getByTestId('counted-by')).toContainText('users.orders_count');

  // products: a search vector over name + description, english, name weighted A
  await b.editor.select('products');
  await b.toggle('search').check();
  await expect(b.preview).toContainText('CREATE TRIGGER products_refresh_search_vector BEFORE INSERT OR UPDATE OF sku, name, description, search_vector ON public.products');
  await b.section.getByLabel('Configuration').selectOption('english');
  await b.section.locator('.tw-beh__sources li', { hasText: 'sku' }).getByRole('checkbox').uncheck();
  await b.section.getByLabel('Weight of name').selectOption('A');
  await expect(b.preview).toContainText(`setweight(to_tsvector('english'::regconfig, coalesce(NEW.name, '')), 'A') || to_tsvector('english'::regconfig, coalesce(NEW.description, ''))`);
  await expect(b.preview).toContainText('CREATE INDEX IF NOT EXISTS products_search_vector_idx ON public.products USING gin (search_vector)');
  // bad input: a clear message, nothing changes
  const col = b.section.getByRole('textbox', { name: 'Column', exact: true });
  await col.fill('name');
  await col.press('Enter');
  await expect(b.section.getByRole('alert')).toContainText('The search column cannot be its own source');
  await expect(col).toHaveValue('search_vector');
  await b.section.getByText('Names', { exact: true }).click();
  await page.mouse.move(0, 0);
  await b.section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/behaviors.png' });
  await b.editor.inspector.screenshot({ path: '/tmp/shots/behaviors-inspector.png' });
  await b.preview.scrollIntoViewIfNeeded();
  await b.editor.inspector.screenshot({ path: '/tmp/shots/behaviors-preview.png' });

  // the same SQL is in the export: the pending migration's up SQL
  await page.getByTestId('migrations-toggle').click();
  const panel = page.getByTestId('migrations-panel');
  await expect(panel.getByTestId('migration-up')).toContainText('CREATE TRIGGER products_refresh_search_vector', { timeout: 60_000 });
  await expect(panel.getByTestId('migration-up')).toContainText('CREATE TRIGGER orders_count_trg');
  await page.getByTestId('migrations-toggle').click();
  // ... and in the DDL of the SQL pane (regenerated from the canvas): find the trigger in the editor
  await page.getByTestId('sql-toggle').click();
  const editor = page.getByTestId('sql-editor');
  await expect(editor.locator('.view-lines')).toContainText('CREATE TABLE', { timeout: 30_000 });
  await editor.locator('.monaco-editor').click({ position: { x: 300, y: 30 } });
  await page.keyboard.press('ControlOrMeta+F');
  await page.keyboard.insertText('CREATE TRIGGER products_refresh_search_vector');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
  await expect(editor.locator('.view-lines')).toContainText('CREATE TRIGGER products_refresh_search_vector BEFORE INSERT OR UPDATE OF name, description, search_vector');
  await page.getByTestId('sql-toggle').click();

  // undo: the weight, then the source, then the configuration, then the search column (the refused edit is no step)
  for (let i = 0; i < 4; i++) await b.editor.undoButton();
  await expect(b.toggle('search')).not.toBeChecked();

  // accessible in both colour schemes
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  await b.editor.select('users');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(b.preview).toBeVisible();
    const res = await new AxeBuilder({ page }).include('[data-testid="behaviors"]').analyze();
    const bad = res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${scheme}: ${v.id} ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
  }
  await page.screenshot({ path: '/tmp/shots/behaviors-dark.png' });
  expect(b.editor.errors).toEqual([]);
});

const SHARED = `CREATE TABLE users (id int PRIMARY KEY, name text, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE posts (id int PRIMARY KEY, title text, updated_at timestamptz NOT NULL DEFAULT now());
CREATE FUNCTION trigger_set_timestamp() RETURNS trigger AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER set_timestamp BEFORE UPDATE ON users FOR EACH ROW EXECUTE PROCEDURE trigger_set_timestamp();
CREATE TRIGGER posts_set_timestamp BEFORE UPDATE ON posts FOR EACH ROW EXECUTE FUNCTION trigger_set_timestamp();
CREATE FUNCTION notify_users() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('users', NEW.id::text); RETURN NULL; END $$;
CREATE TRIGGER users_notify AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION notify_users();
`;

test('a pasted updated_at trigger is recognised and converted to the behaviour in one click; the shared function stays for posts; undo', async ({ page }) => {
  test.setTimeout(180_000);
  const b = new BehaviorsPage(page);
  await b.editor.openSample();
  await b.importSql(SHARED, 2);
  await b.editor.select('users');
  const convert = b.verbatim.getByRole('button', { name: 'Convert trigger set_timestamp on users to behaviour' });
  await expect(convert).toBeVisible({ timeout: 30_000 });
  await expect(b.verbatim).toContainText('recognised as updated_at');
  // the other trigger of users does something else: listed, no button
  await expect(b.verbatim).toContainText('trigger users_notify on users');
  await expect(b.verbatim.getByRole('button')).toHaveCount(1);
  await expect(b.toggle('updated_at')).not.toBeChecked();
  await b.verbatim.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/shots/behaviors-verbatim.png' });

  await convert.click();
  await expect(b.toggle('updated_at')).toBeChecked();
  await expect(b.verbatim).not.toContainText('set_timestamp');
  await expect(b.verbatim).toContainText('users_notify');
  await expect(b.preview).toContainText('CREATE OR REPLACE FUNCTION public.trigger_set_timestamp()');
  await expect(b.preview).toContainText('CREATE TRIGGER set_timestamp BEFORE UPDATE ON public.users');
  // the recorded names are in the Names details
  await b.section.getByText('Names', { exact: true }).click();
  await expect(b.section.getByLabel('updated_at trigger name')).toHaveValue('set_timestamp');
  await expect(b.section.getByLabel('updated_at function name')).toHaveValue('trigger_set_timestamp');

  // posts still calls the shared function verbatim, and can be converted too
  await b.editor.select('posts');
  await expect(b.verbatim).toContainText('function public.trigger_set_timestamp()');
  await expect(b.verbatim.getByRole('button', { name: 'Convert trigger posts_set_timestamp on posts to behaviour' })).toBeVisible({ timeout: 30_000 });

  // undo restores the verbatim trigger on users
  await b.editor.select('users');
  await b.editor.undoButton();
  await expect(b.toggle('updated_at')).not.toBeChecked();
  await expect(b.verbatim.getByRole('button', { name: 'Convert trigger set_timestamp on users to behaviour' })).toBeVisible({ timeout: 30_000 });
  expect(b.editor.errors).toEqual([]);
});
