/**
 * Pairing from the page (issue 24), on a stack of its own: a web server (scripts/web-server.mjs)
 * whose only configured daemon is a dead port, and a CPU-emulation daemon that is not reachable
 * from it but dials out (`duet daemon --connect … --pair …`) through a TCP relay the test can cut.
 *  (a) Remote → "Add your own GPU…" shows a code and the command; the daemon started with it
 *      appears in the picker and is selected; a run goes through it;
 *  (b) the connection is cut mid-run: the run ends with a clear error, the daemon reconnects by
 *      itself, and the next run is fine;
 *  (c) the web server restarts while the daemon is paired: it reconnects with its kept secret and
 *      the page runs on it again.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { freePort } from '../testkit/free-port';
import { openPlayground, screenshot, setWorkloadJson, workloadJson } from './testkit/helpers';
import { longRunWorkload, until } from './testkit/long-run';
import { kill, relay, start } from './testkit/processes';

test.describe.configure({ mode: 'serial' });

const LONG_RUN = longRunWorkload('paired-long-run');

const stack = {
  dir: '',
  webPort: 0,
  web: null as ChildProcess | null,
  daemon: null as ChildProcess | null,
  relay: null as Awaited<ReturnType<typeof relay>> | null,
  get webUrl() {
    return `http://127.0.0.1:${this.webPort}`;
  },
  async startWeb() {
    this.web = start(['scripts/web-server.mjs'], {
      PORT: String(this.webPort),
      HOST: '127.0.0.1',
      DUET_DAEMONS: `http://127.0.0.1:${await freePort()}`,
      DUET_TOKEN: 'e2e-pairing-unused',
      DUET_DATA_DIR: path.join(this.dir, 'data'),
    });
    await until('the web server', async () => (await fetch(`${this.webUrl}/`)).ok);
  },
};

let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  stack.dir = mkdtempSync(path.join(tmpdir(), 'duet-e2e-pairing-'));
  stack.webPort = await freePort();
  await stack.startWeb();
  stack.relay = await relay(stack.webPort);
  // One browser context for every step: the paired daemon belongs to this browser's cookie.
  context = await browser.newContext();
  page = await context.newPage();
});

test.afterAll(async () => {
  await kill(stack.daemon);
  await kill(stack.web);
  stack.relay?.close();
  await context?.close();
});

/** Puts the long kernel in the editor and the workload, presses Run, waits for the daemon to run it. */
async function startLongRun(): Promise<void> {
  const editor = page.getByTestId('wgsl-editor');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(LONG_RUN.wgsl);
  await setWorkloadJson(page, LONG_RUN);
  await expect(editor).toContainText('200000u');
  await expect.poll(async () => (await workloadJson(page)).name).toBe('paired-long-run');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('remote-phase')).toContainText(/running sample \d+\/\d+/);
}

/** The same kernel, one sample: a remote result on the paired daemon. */
async function runShort(): Promise<void> {
  const w = await workloadJson(page);
  w.runs = { warmup: 0, samples: 1 };
  await setWorkloadJson(page, w);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  await expect(page.getByTestId('remote-error')).toHaveCount(0);
}

test('Add your own GPU… pairs a daemon that dials out, and runs on it', async () => {
  await openPlayground(page, `${stack.webUrl}/`);
  await page.getByTestId('daemon-select').selectOption({ label: 'Add your own GPU…' });
  const command = page.getByTestId('pair-command');
  await expect(command).toContainText(`npx duet daemon --connect ${stack.webUrl} --pair `);
  const code = (await page.getByTestId('pair-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
  await screenshot(page, 'pairing-code');

  // As the command says, but through the relay (the address the daemon dials), on free ports.
  const config = path.join(stack.dir, 'limits.json');
  writeFileSync(config, JSON.stringify({ maxRunMs: 600_000, maxSamples: 5000 }));
  stack.daemon = start(
    [
      'bin/duet.mjs',
      'daemon',
      '--port',
      String(await freePort()),
      '--backend',
      'cpu',
      '--config',
      config,
      '--connect',
      `http://127.0.0.1:${stack.relay?.port}`,
      '--pair',
      code,
    ],
    {
      XDG_CONFIG_HOME: path.join(stack.dir, 'config'),
      DUET_CACHE_DIR: path.join(stack.dir, 'cache'),
      DUET_TOKEN: '',
    },
  );
  await expect(page.getByTestId('pair-done')).toBeVisible();
  await expect(page.getByTestId('daemon-select')).toHaveValue('1000');
  await expect(page.getByTestId('daemon-state')).toHaveAttribute('data-state', 'ready');
  await page.getByTestId('pair-panel').getByRole('button', { name: 'Close' }).click();
  await runShort();
  await screenshot(page, 'pairing-run');
});

test('a connection cut mid-run ends that run with a clear error; the daemon reconnects; the next run is fine', async () => {
  await startLongRun();
  stack.relay?.cut();
  const error = page.getByTestId('remote-error');
  await expect(page.getByTestId('remote-status')).toHaveText('error');
  await expect(error).toContainText('disconnected from this web server');
  await screenshot(page, 'pairing-cut-mid-run');
  await page.getByRole('button', { name: 'Check daemons again' }).click();
  await expect(page.getByTestId('daemon-state')).toHaveAttribute('data-state', 'ready', { timeout: 60_000 });
  await runShort();
});

test('the web server restarts while the daemon is paired: it reconnects and the page runs on it again', async () => {
  await kill(stack.web);
  await stack.startWeb();
  await openPlayground(page, `${stack.webUrl}/`);
  await until('the paired daemon to be listed again', async () => {
    await page.getByRole('button', { name: 'Check daemons again' }).click();
    return (
      (await page.getByTestId('daemon-select').locator('option[value="1000"]').textContent())?.includes(
        'CPU',
      ) ?? false
    );
  });
  await page.getByTestId('daemon-select').selectOption('1000');
  await expect(page.getByTestId('daemon-state')).toHaveAttribute('data-state', 'ready');
  await runShort();
});
