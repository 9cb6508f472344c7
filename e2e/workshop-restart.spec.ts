/**
 * A web server restart mid-workshop loses nothing: on a stack of its own (a CPU daemon and
 * scripts/web-server.mjs on a fresh SQLite database, no DUET_WORKSHOP_SECRET, so the cookie key is
 * the one kept in the database), a student joins and submits, the web server is killed and started
 * again on the same port, and the student's page, cookie, step, runs left and submission are all
 * still there; the board shows them, and the next submission is checked.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../testkit/free-port';
import { waitUp } from '../testkit/wait-up';

const ROOT = path.resolve(import.meta.dirname, '..');
const TOKEN = `e2e-workshop-restart-${process.pid}`;

test.setTimeout(10 * 60_000);

const started: ChildProcess[] = [];
function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  started.push(child);
  return child;
}
function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

let dataDir = '';
test.afterAll(async () => {
  await Promise.all(started.map(stop));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a web server restart mid-workshop loses no progress', async ({ browser }) => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'duet-e2e-workshop-'));
  const daemonPort = await freePort();
  start(['bin/duet.mjs', 'daemon', '--host', '127.0.0.1', '--port', String(daemonPort), '--backend', 'cpu'], {
    DUET_TOKEN: TOKEN,
  });
  const daemonUrl = `http://127.0.0.1:${daemonPort}`;
  await waitUp(`${daemonUrl}/v1/info`, 'the daemon', {
    headers: { authorization: `Bearer ${TOKEN}` },
    ms: 60_000,
  });
  const webPort = await freePort();
  const baseURL = `http://127.0.0.1:${webPort}`;
  const webEnv = {
    PORT: String(webPort),
    HOST: '127.0.0.1',
    DUET_DAEMONS: daemonUrl,
    DUET_TOKEN: TOKEN,
    DUET_DATA_DIR: dataDir,
    DUET_WORKSHOP_SECRET: '',
  };
  let web = start(['scripts/web-server.mjs'], webEnv);
  await waitUp(`${baseURL}/`, 'the web server', { ms: 120_000 });

  const teacher = await (await browser.newContext({ baseURL })).newPage();
  await teacher.goto('/w');
  await teacher.getByRole('radio', { name: /Reductions and the eGPU question/ }).check();
  await teacher.getByTestId('create-room').click();
  const boardHref = (await teacher.getByTestId('board-link').getAttribute('href', { timeout: 120_000 }))!;
  const code = /^\/w\/([0-9A-Z]+)\/board#/.exec(boardHref)?.[1] ?? '';

  const studentContext = await browser.newContext({ baseURL });
  const student = await studentContext.newPage();
  await student.goto(`/w/${code}`);
  await student.getByTestId('join-name').fill('Restart Rita');
  await student.getByRole('button', { name: 'Join' }).click();
  await expect(student.getByTestId('step-text')).toContainText('Workgroup reduction');
  await student.getByTestId('submit').click();
  await expect(student.getByTestId('check-result')).toHaveText(/^Not yet: partials\[\d+\] is /, {
    timeout: 120_000,
  });
  const runsLeft = await student.getByTestId('runs-left').textContent();

  await stop(web);
  web = start(['scripts/web-server.mjs'], webEnv);
  await waitUp(`${baseURL}/`, 'the web server, again', { ms: 120_000 });

  await student.reload();
  await expect(student.getByText('Restart Rita ·')).toBeVisible();
  await expect(student.getByTestId('runs-left')).toHaveText(runsLeft!);
  await teacher.goto(boardHref);
  await expect(teacher.getByTestId('board-student')).toHaveCount(1);
  await expect(teacher.getByTestId('board-student')).toContainText('✗ (1)');

  await student.getByTestId('submit').click();
  await expect(student.getByTestId('check-result')).toHaveText(/^Not yet: partials\[\d+\] is /, {
    timeout: 120_000,
  });
  await expect(teacher.getByTestId('board-student')).toContainText('✗ (2)', { timeout: 20_000 });
});
