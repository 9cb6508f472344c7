/**
 * End-to-end tests in Debian's Chromium with real WebGPU (SwiftShader when there is no GPU). Never
 * downloads browsers. Two web servers:
 *  - the full stack via `npm start` (scripts/start.mjs): a CPU-emulation daemon and the web server
 *    (scripts/web-server.mjs);
 *  - a second web server whose only configured daemon is a dead port, for the unreachable state.
 */
import { defineConfig } from '@playwright/test';
import { DEAD_DAEMON_URL, NO_DAEMON_PORT, E2E_PORT as PORT } from './e2e/testkit/ports';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // SwiftShader runs kernels on the CPU, next to a CPU-emulation daemon on the same cores.
  timeout: 180_000,
  expect: { timeout: 90_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--enable-unsafe-webgpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        ...(isRoot ? ['--no-sandbox'] : []),
      ],
    },
    viewport: { width: 1440, height: 1000 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command: 'node scripts/start.mjs',
      url: `http://127.0.0.1:${PORT}/`,
      env: { PORT: String(PORT), DUET_BACKEND: 'cpu', DUET_DAEMONS: '', DUET_TOKEN: '' },
      timeout: 15 * 60_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
    {
      // Starts after the first server is up, so the production build exists.
      command: 'node scripts/web-server.mjs',
      url: `http://127.0.0.1:${NO_DAEMON_PORT}/`,
      env: {
        PORT: String(NO_DAEMON_PORT),
        HOST: '127.0.0.1',
        DUET_DAEMONS: DEAD_DAEMON_URL,
        DUET_TOKEN: 'e2e-no-daemon',
      },
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: 'pipe',
      stderr: 'pipe',
    },
  ],
});
