#!/usr/bin/env node
// Make sure a Chromium is available for the e2e tests: Playwright's own, or /usr/bin/chromium.
// If neither exists and we run as root, install the distribution package; otherwise explain and fail.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';

const SYSTEM = '/usr/bin/chromium';

async function playwrightChromium() {
  try {
    const { chromium } = await import('@playwright/test');
    const p = chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const own = await playwrightChromium();
if (own) {
  console.log(`ensure-browser: using Playwright's Chromium at ${own}`);
  process.exit(0);
}
if (existsSync(SYSTEM)) {
  console.log(`ensure-browser: using system Chromium at ${SYSTEM}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot) {
  console.log('ensure-browser: no Chromium found; installing the distribution package (apt-get install -y chromium)…');
  try {
    execSync('apt-get update && apt-get install -y chromium', { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch {
    console.error('ensure-browser: apt-get failed.');
    process.exit(1);
  }
  if (existsSync(SYSTEM)) {
    console.log(`ensure-browser: installed ${SYSTEM}`);
    process.exit(0);
  }
  console.error(`ensure-browser: apt-get finished but ${SYSTEM} is still missing.`);
  process.exit(1);
}
console.error(
  [
    'ensure-browser: no Chromium found for the e2e tests.',
    'Install one of:',
    '  npx playwright install chromium        (Playwright’s own build)',
    '  sudo apt-get install -y chromium       (Debian/Ubuntu system package, used from /usr/bin/chromium)',
  ].join('\n'),
);
process.exit(1);
