/**
 * Restarts while the page is mid-run, on a stack of its own (the config's shared stack stays up):
 * a CPU-emulation daemon (`duet daemon`) and the web server (scripts/web-server.mjs), both child
 * processes in their own process groups so they can be killed and started again on the same ports
 * and token.
 *  (a) the daemon dies during the remote run → the remote panel shows a designed error, and after
 *      the daemon is back a second Run succeeds;
 *  (b) the web server dies during the remote run → the remote panel shows an error, and after the
 *      web server is back a second Run succeeds.
 * The kernel is long (2000 samples of a 200M-iteration loop: minutes on the CPU daemon, under a
 * 10-minute `maxRunMs`), so the kill always lands in the middle: the test waits for the page to show
 * the daemon's "running sample k/N" phase first.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { freePort } from '../testkit/free-port';
import { openPlayground, screenshot, setWorkloadJson, workloadJson } from './testkit/helpers';
import { longRunWorkload, until } from './testkit/long-run';
import { kill } from './testkit/processes';

test.describe.configure({ mode: 'serial' });

const ROOT = path.resolve(import.meta.dirname, '..');
const TOKEN = `e2e-restarts-${process.pid}`;
const LONG_RUN = longRunWorkload('restart-mid-run');

/** A child process in its own process group, with the tail of its output for failure messages. */
class Child {
  private proc: ChildProcess | null = null;
  private output = '';
  constructor(
    private readonly name: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    const p = spawn(process.execPath, this.args, {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = (c: Buffer) => {
      this.output = (this.output + c.toString()).slice(-4000);
    };
    p.stdout?.on('data', keep);
    p.stderr?.on('data', keep);
    this.proc = p;
  }

  /** SIGKILL to the whole group (the daemon's executor, next's workers), then waits for the exit. */
  async kill(): Promise<void> {
    const p = this.proc;
    this.proc = null;
    await kill(p);
  }

  running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  log(): string {
    return `${this.name}: ${this.output}`;
  }
}

const stack = {
  daemonPort: 0,
  webPort: 0,
  daemon: null as Child | null,
  web: null as Child | null,
  get daemonUrl() {
    return `http://127.0.0.1:${this.daemonPort}`;
  },
  get webUrl() {
    return `http://127.0.0.1:${this.webPort}`;
  },
  async startDaemon() {
    await this.daemon?.kill();
    this.daemon?.start();
    await until(`the daemon (${this.daemon?.log()})`, async () => {
      const r = await fetch(`${this.daemonUrl}/v1/info`, { headers: { authorization: `Bearer ${TOKEN}` } });
      if (!r.ok) return false;
      return ((await r.json()) as { executor: { state: string } }).executor.state === 'ready';
    });
  },
  /** What the daemon has queued and running now. */
  async daemonQueue(): Promise<{ length: number; running: number }> {
    const r = await fetch(`${this.daemonUrl}/v1/info`, { headers: { authorization: `Bearer ${TOKEN}` } });
    return ((await r.json()) as { queue: { length: number; running: number } }).queue;
  },
  async startWeb() {
    await this.web?.kill();
    this.web?.start();
    await until(`the web server (${this.web?.log()})`, async () => (await fetch(`${this.webUrl}/`)).ok);
  },
};

test.beforeAll(async () => {
  stack.daemonPort = await freePort();
  stack.webPort = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'duet-e2e-restarts-'));
  const config = path.join(dir, 'limits.json');
  // Long enough that no run here ends on its own before it is killed.
  writeFileSync(config, JSON.stringify({ maxRunMs: 600_000, maxSamples: 5000 }));
  stack.daemon = new Child(
    'daemon',
    [
      'bin/duet.mjs',
      'daemon',
      '--host',
      '127.0.0.1',
      '--port',
      String(stack.daemonPort),
      '--token',
      TOKEN,
      '--backend',
      'cpu',
      '--config',
      config,
    ],
    { DUET_CACHE_DIR: path.join(dir, 'cache') },
  );
  stack.web = new Child('web', ['scripts/web-server.mjs'], {
    PORT: String(stack.webPort),
    HOST: '127.0.0.1',
    DUET_DAEMONS: stack.daemonUrl,
    DUET_TOKEN: TOKEN,
    DUET_DATA_DIR: path.join(dir, 'data'),
  });
  await stack.startDaemon();
  await stack.startWeb();
});

// A test that failed between its kill and its restart leaves the next one a full stack.
test.beforeEach(async () => {
  if (!stack.daemon?.running()) await stack.startDaemon();
  if (!stack.web?.running()) await stack.startWeb();
});

test.afterAll(async () => {
  await stack.web?.kill();
  await stack.daemon?.kill();
});

/** Opens the page on the long kernel (source in the editor, workload JSON), presses Run and waits
 * until the daemon is running its samples. */
async function startLongRun(page: Page): Promise<void> {
  await openPlayground(page, `${stack.webUrl}/`);
  const editor = page.getByTestId('wgsl-editor');
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(LONG_RUN.wgsl);
  await setWorkloadJson(page, LONG_RUN);
  await expect(editor).toContainText('200000u');
  await expect.poll(async () => (await workloadJson(page)).name).toBe('restart-mid-run');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('remote-phase')).toContainText(/running sample \d+\/\d+/);
}

/** Makes the run short (the same kernel, one sample), runs it, and expects a remote result. */
async function runAgainAndSucceed(page: Page): Promise<void> {
  const w = await workloadJson(page);
  w.runs = { warmup: 0, samples: 1 };
  await setWorkloadJson(page, w);
  // "Run again" supersedes the local run still in flight.
  await page.getByTestId('run').click();
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  await expect(page.getByTestId('remote-error')).toHaveCount(0);
  await expect(page.getByTestId('local-status')).toHaveText(/^(done|error)$/);
}

test('the daemon restarts mid-run: the page says the daemon went away, and runs again once it is back', async ({
  page,
}) => {
  await startLongRun(page);
  await stack.daemon?.kill();

  const error = page.getByTestId('remote-error');
  await expect(page.getByTestId('remote-status')).toHaveText('error');
  await expect(error).toHaveAttribute('role', 'alert');
  await expect(error).toHaveAttribute('data-error-kind', 'unreachable');
  await expect(error).toContainText('Daemon unreachable');
  await expect(error).toContainText(stack.daemonUrl);
  await expect(error).toContainText('npx duet daemon');
  await screenshot(page, 'restart-daemon-mid-run');

  await stack.startDaemon();
  await runAgainAndSucceed(page);
});

test('the web server restarts mid-run: the page shows an error, and runs again once it is back', async ({
  page,
}) => {
  await startLongRun(page);
  await stack.web?.kill();

  const error = page.getByTestId('remote-error');
  await expect(page.getByTestId('remote-status')).toHaveText('error');
  await expect(error).toHaveAttribute('role', 'alert');
  // The run's stream broke after its answer began: Chromium says "network error" (a fetch that got
  // no answer at all says "Failed to fetch").
  await expect(error).toContainText(/network error|Failed to fetch/);
  await screenshot(page, 'restart-web-mid-run');
  // A fetch that never got an answer is the web server being down, not a daemon fault.
  await expect(error).toHaveAttribute('data-error-kind', 'unreachable');
  await expect(error).toContainText('Web server unreachable');
  await expect(error).toContainText('npm start');
  // The daemon drops the run whose web server went away; left alone it would run for minutes.
  await expect.poll(() => stack.daemonQueue()).toEqual({ length: 0, running: 0 });

  await stack.startWeb();
  await runAgainAndSucceed(page);
});
