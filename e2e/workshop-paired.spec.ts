/**
 * A workshop on the teacher's own GPU (issue 24), on a stack of its own: a web server
 * (scripts/web-server.mjs) whose only configured daemon is a dead port, and a CPU-emulation daemon
 * that dials out to it (`duet daemon --connect … --pair …`). The teacher pairs it from the playground,
 * opens a room on it from /w; a student joins in another browser, runs and submits there (every
 * success went through the pairing relay: the server's own daemon is dead). The daemon stops: the
 * student sees plainly that the room's GPU is offline and keeps their runs; it starts again (its
 * kept pairing, no code) and the student's next submission passes.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getPreset } from '../shaders/index';
import { freePort } from '../testkit/free-port';
import { openPlayground } from './testkit/helpers';
import { until } from './testkit/long-run';
import { kill, start } from './testkit/processes';

test.setTimeout(10 * 60_000);

const naive = getPreset('matmul-naive')!.wgsl;
const stack = { dir: '', webUrl: '', web: null as ChildProcess | null, daemon: null as ChildProcess | null };

/** `duet daemon --connect` to the stack's web server, CPU emulation, its pairing kept in the stack's folder. */
async function startDaemon(extra: string[]): Promise<ChildProcess> {
  const port = String(await freePort());
  return start(
    ['bin/duet.mjs', 'daemon', '--port', port, '--backend', 'cpu', '--connect', stack.webUrl, ...extra],
    {
      XDG_CONFIG_HOME: path.join(stack.dir, 'config'),
      DUET_CACHE_DIR: path.join(stack.dir, 'cache'),
      DUET_TOKEN: '',
    },
  );
}

test.beforeAll(async () => {
  stack.dir = mkdtempSync(path.join(tmpdir(), 'duet-e2e-workshop-paired-'));
  const port = await freePort();
  stack.webUrl = `http://127.0.0.1:${port}`;
  stack.web = start(['scripts/web-server.mjs'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DUET_DAEMONS: `http://127.0.0.1:${await freePort()}`,
    DUET_TOKEN: 'e2e-workshop-paired-unused',
    DUET_DATA_DIR: path.join(stack.dir, 'data'),
  });
  await until('the web server', async () => (await fetch(`${stack.webUrl}/`)).ok);
});

test.afterAll(async () => {
  await kill(stack.daemon);
  await kill(stack.web);
});

test("a room runs its students' kernels and checks on the teacher's paired GPU", async ({ browser }) => {
  const teacherContext = await browser.newContext();
  const teacher = await teacherContext.newPage();
  await openPlayground(teacher, `${stack.webUrl}/`);
  await teacher.getByTestId('daemon-select').selectOption({ label: 'Add your own GPU…' });
  const pairing = (await teacher.getByTestId('pair-code').textContent())?.trim() ?? '';
  stack.daemon = await startDaemon(['--pair', pairing]);
  await expect(teacher.getByTestId('pair-done')).toBeVisible({ timeout: 120_000 });

  await teacher.goto(`${stack.webUrl}/w`);
  await teacher.getByRole('radio', { name: /From naive to tiled/ }).check();
  const choice = teacher.getByTestId('room-daemon');
  await expect(choice.locator('option', { hasText: 'your paired GPU' })).toHaveCount(1);
  await choice.selectOption('1000');
  await teacher.getByTestId('create-room').click();
  const boardHref = await teacher.getByTestId('board-link').getAttribute('href', { timeout: 180_000 });
  const code = /^\/w\/([0-9A-Z]+)\/board#/.exec(boardHref ?? '')?.[1] ?? '';
  await teacher.goto(`${stack.webUrl}${boardHref}`);
  await expect(teacher.getByTestId('board-daemon')).toContainText(/Runs on your paired GPU .*: online/);

  // A student, in a browser of their own (no pairing there).
  const studentContext = await browser.newContext();
  const student = await studentContext.newPage();
  await student.goto(`${stack.webUrl}/w/${code}`);
  await student.getByTestId('join-name').fill('Ada');
  await student.getByRole('button', { name: 'Join' }).click();
  await expect(student.getByTestId('step-text')).toContainText('Naive matrix multiply');
  await student.getByTestId('run').click();
  await expect(student.getByTestId('remote-status')).toHaveText('done', { timeout: 180_000 });
  await teacher.getByTestId('broadcast-text').fill(naive);
  await teacher.getByTestId('broadcast-send').click();
  await student.getByRole('button', { name: 'Put it in my editor' }).click({ timeout: 30_000 });
  await student.getByTestId('submit').click();
  await expect(student.getByTestId('check-result')).toHaveText('Passed: correct', { timeout: 180_000 });

  // The GPU goes away: a plain message, and no run is used.
  await kill(stack.daemon);
  await expect(student.getByTestId('daemon-offline')).toContainText(
    'is offline. Your teacher can reconnect it',
    {
      timeout: 60_000,
    },
  );
  await expect(teacher.getByTestId('board-daemon')).toContainText('offline');
  const runsLeft = await student.getByTestId('runs-left').textContent();
  await student.getByTestId('submit').click();
  await expect(
    student.getByText(/This workshop's GPU, the daemon ".*" its teacher paired, is offline/),
  ).toBeVisible();
  await expect(student.getByTestId('runs-left')).toHaveText(runsLeft!);

  // Back (the daemon keeps its pairing, no code): the room resumes.
  stack.daemon = await startDaemon([]);
  await expect(student.getByTestId('daemon-offline')).toHaveCount(0, { timeout: 120_000 });
  await student.getByTestId('submit').click();
  await expect(student.getByTestId('check-result')).toHaveText('Passed: correct', { timeout: 180_000 });

  await studentContext.close();
  await teacherContext.close();
});
