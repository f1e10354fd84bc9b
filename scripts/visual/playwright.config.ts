// Developer tools, not tests: screenshots for visual review and a frame-time probe. Not run by `npm test`.
//   npx playwright test -c scripts/visual/playwright.config.ts
import base from '../../playwright.config';
import { defineConfig } from '@playwright/test';

export default defineConfig({ ...base, testDir: '.', testMatch: /.*\.spec\.ts/ });
