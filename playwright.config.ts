import { defineConfig } from '@playwright/test'
import { E2E_WORKERS } from './e2e/support/env'

// Debian's Chromium: Playwright's own browser download cannot work offline.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  // One stack (chain + app) per worker, its chain reverted to a snapshot after each test: tests are
  // independent, so they are spread over the workers one by one, not file by file.
  workers: E2E_WORKERS,
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    // baseURL: the worker's own app (support/test.ts)
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
})
