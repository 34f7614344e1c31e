import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The real server, built by `make test`, on its own port and a fresh data directory, so it
// runs beside a `make run` and starts from the demo data every time.
const port = Number(process.env.E2E_PORT ?? 3217);
const root = resolve(__dirname, '..');
const server = process.env.SERVER_BIN ?? join(root, 'target', 'debug', 'server');
const dataDir = mkdtempSync(join(tmpdir(), 'ocop-e2e-'));

export default defineConfig({
  testDir: './tests',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: 'vi-VN',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: {
    command: server,
    cwd: root,
    url: `http://127.0.0.1:${port}/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      OCOP_DATA_DIR: dataDir,
      LEPTOS_OUTPUT_NAME: 'ocop-market',
      RUST_LOG: 'warn',
    },
  },
});
