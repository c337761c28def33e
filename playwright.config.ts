// Playwright: end-to-end tests drive Debian Chromium against browser mode (dist/server.mjs started by the global setup).
import { defineConfig } from '@playwright/test';
import chromiumLaunch from './tests/e2e/support/chromium-launch.json' with { type: 'json' };
import { BASE_URL_ENV } from './tests/e2e/support/server-env';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  globalSetup: './tests/e2e/support/global-setup.ts',
  globalTeardown: './tests/e2e/support/global-teardown.ts',
  use: {
    browserName: 'chromium',
    // Set by the global setup before workers start; workers load this file again and see it.
    baseURL: process.env[BASE_URL_ENV],
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
    video: 'off',
    // Debian's Chromium, with the flags a closed network needs (shared with scripts/readme-screenshot.mjs).
    launchOptions: chromiumLaunch,
  },
});
