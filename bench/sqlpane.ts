/**
 * SQL pane bench (Playwright + real Chromium against `vite preview`). Prints figures, asserts nothing:
 * - paste a generated 1,000-table schema into the pane → time until the status bar shows 1,000 tables (target ≤ 3 s);
 * - the longest main-thread task (PerformanceObserver 'longtask') during that import (target ≤ 200 ms), and during
 *   the 3 s after it (background auto-layout landing);
 * - keystroke-to-paint while typing in a 5,000-line document (target < 50 ms): keydown timestamp → the first task
 *   after the next animation frame.
 *
 * Alone: `npx tsx bench/sqlpane.ts` (builds into a temp dir, serves it on port 4394, or TW_BENCH_PORT). From another script:
 * `import { runSqlPaneBench } from './sqlpane'; await runSqlPaneBench();` — it returns the figures too.
 * TW_BENCH_URL=http://host:port skips the build and uses a running server.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { generateSchemaSql } from './generate';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PORT = Number(process.env.TW_BENCH_PORT ?? 4394);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TARGET_IMPORT_MS = 3000;
const TARGET_LONGTASK_MS = 200;
const TARGET_KEY_MS = 50;

export interface SqlPaneFigures {
  importMs: number;
  longestTaskDuringImportMs: number;
  longestTaskAfterImportMs: number;
  keyToPaint: { median: number; p95: number; max: number; samples: number };
}

function chromiumPath(): string {
  try {
    const own = chromium.executablePath();
    if (own && existsSync(own)) return own;
  } catch {
    /* Playwright's browser not installed */
  }
  return '/usr/bin/chromium';
}

async function waitForServer(url: string, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > ms) throw new Error(`server at ${url} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};

async function pasteText(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByTestId('sql-editor').locator('.monaco-editor').click({ position: { x: 300, y: 30 } });
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
}

export async function runSqlPaneBench(): Promise<SqlPaneFigures> {
  let server: ChildProcess | null = null;
  let dist: string | null = null;
  let base = process.env.TW_BENCH_URL;
  if (!base) {
    dist = mkdtempSync(join(tmpdir(), 'tw-sqlpane-bench-'));
    execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
    server = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { cwd: root, stdio: 'ignore', detached: true });
    base = `http://127.0.0.1:${PORT}`;
  }
  await waitForServer(base);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin });
    const page = await context.newPage();
    await page.goto(base);
    await page.getByTestId('counts').waitFor();
    await page.waitForFunction(() => /tables?/.test(document.querySelector('[data-testid="counts"]')?.textContent ?? ''));
    if (!(await page.getByTestId('sql-pane').isVisible().catch(() => false))) await page.getByTestId('sql-toggle').click();
    await page.getByTestId('sql-editor').locator('.view-lines').waitFor({ timeout: 30_000 });
    await page.waitForTimeout(500);

    // 1. Paste 1,000 tables.
    const sql1000 = generateSchemaSql(1000);
    await page.evaluate(() => {
      const w = window as unknown as { __tw: { tasks: { start: number; dur: number }[]; t0: number; t1: number } };
      w.__tw = { tasks: [], t0: 0, t1: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__tw.tasks.push({ start: e.startTime, dur: e.duration });
      }).observe({ type: 'longtask', buffered: false });
      document.addEventListener('paste', (e) => (w.__tw.t0 = e.timeStamp), { capture: true, once: true });
      const counts = document.querySelector('[data-testid="counts"]')!;
      const mo = new MutationObserver(() => {
        if (/^1,000 tables/.test(counts.textContent ?? '')) {
          w.__tw.t1 = performance.now();
          mo.disconnect();
        }
      });
      mo.observe(counts, { childList: true, subtree: true, characterData: true });
    });
    await pasteText(page, sql1000);
    await page.waitForFunction(() => (window as unknown as { __tw: { t1: number } }).__tw.t1 > 0, undefined, { timeout: 60_000, polling: 100 });
    await page.waitForTimeout(3000);
    const imp = await page.evaluate(() => (window as unknown as { __tw: { tasks: { start: number; dur: number }[]; t0: number; t1: number } }).__tw);
    const during = imp.tasks.filter((t) => t.start + t.dur >= imp.t0 && t.start <= imp.t1).reduce((m, t) => Math.max(m, t.dur), 0);
    const after = imp.tasks.filter((t) => t.start > imp.t1).reduce((m, t) => Math.max(m, t.dur), 0);
    const importMs = imp.t1 - imp.t0;

    // 2. Keystroke-to-paint in a 5,000-line document.
    const lines = generateSchemaSql(417).split('\n');
    const doc5000 = lines.slice(0, lines.lastIndexOf(');', 5000) + 1).join('\n') + '\n';
    await pasteText(page, doc5000);
    await page.waitForFunction(() => /^417 tables/.test(document.querySelector('[data-testid="counts"]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    await page.waitForTimeout(2500);
    // Cursor into the middle of the document, at the end of a line.
    await page.getByTestId('sql-editor').locator('.monaco-editor').click({ position: { x: 300, y: 30 } });
    for (let i = 0; i < 4; i++) await page.keyboard.press('PageDown');
    await page.keyboard.press('End');
    await page.evaluate(() => {
      const w = window as unknown as { __keys: number[] };
      w.__keys = [];
      document.addEventListener(
        'keydown',
        (e) => {
          const t0 = e.timeStamp;
          requestAnimationFrame(() => setTimeout(() => w.__keys.push(performance.now() - t0), 0));
        },
        { capture: true },
      );
    });
    const text = ' -- typing in a long document';
    for (const ch of text) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(1500); // let the debounced re-import land, then type again while it is fresh
    for (const ch of ' more') {
      await page.keyboard.type(ch);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(500);
    const keys = await page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
    if (process.env.TW_BENCH_VERBOSE) console.log('keys', keys.map(Math.round).join(' '));
    const figures: SqlPaneFigures = {
      importMs,
      longestTaskDuringImportMs: during,
      longestTaskAfterImportMs: after,
      keyToPaint: { median: pct(keys, 0.5), p95: pct(keys, 0.95), max: Math.max(...keys), samples: keys.length },
    };
    const f = (x: number) => `${Math.round(x)} ms`.padStart(8);
    console.log('\nSQL pane (Chromium, vite preview)\n');
    console.log(`paste 1,000 tables → status bar shows 1,000 tables ${f(importMs)}   target ≤ ${TARGET_IMPORT_MS} ms`);
    console.log(`longest main-thread task during that import      ${f(during)}   target ≤ ${TARGET_LONGTASK_MS} ms`);
    console.log(`longest task in the 3 s after (layout landing)   ${f(after)}`);
    console.log(
      `keystroke → paint, 5,000-line document            ${f(figures.keyToPaint.median)} median, ${Math.round(figures.keyToPaint.p95)} ms p95, ${Math.round(figures.keyToPaint.max)} ms max (${keys.length} keys)   target < ${TARGET_KEY_MS} ms`,
    );
    await context.close();
    return figures;
  } finally {
    await browser.close();
    if (server?.pid) {
      try {
        process.kill(-server.pid);
      } catch {
        /* already gone */
      }
    }
    if (dist) rmSync(dist, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runSqlPaneBench().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
