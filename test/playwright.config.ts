import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run in Debian's Chromium (never a downloaded browser).
 * When /usr/bin/chromium is missing the browser project fails, it does not skip.
 */
export const CHROMIUM = process.env.CADRE_CHROMIUM ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: '.',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: '../test-results',
  projects: [
    {
      name: 'browser',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        viewport: { width: 1366, height: 768 },
        locale: 'zh-CN',
        launchOptions: {
          executablePath: CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
        },
      },
    },
    {
      name: 'electron',
      testMatch: 'electron/**/*.spec.ts',
    },
  ],
});
