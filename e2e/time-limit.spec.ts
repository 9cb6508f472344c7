/**
 * The daemon's time limit from the page: an endless kernel submitted with Run ends on the remote
 * side with the time-limit error (a daemon of this spec's own with maxRunMs = 2000), and the
 * comparison panel names a failed side at once instead of "Waiting for both sides…".
 * The web server answers it with HTTP 422: as a 408 (tRPC's TIMEOUT) Chromium sent the run again by
 * itself on a kept-alive connection, so the page showed "running sample 1/13" for minutes.
 * The browser here has no WebGPU (removed by an init script), so the local side fails straight
 * away and SwiftShader is never given the endless kernel: the remote side is the one that runs it.
 */
import { expect, type Page, test } from '@playwright/test';
import { type Stack, startStack } from '../testkit/stack';
import { openPlayground, screenshot, setWorkloadJson } from './testkit/helpers';
import { captureRunAnswer } from './testkit/run-stream';

test.describe.configure({ mode: 'serial' });

const MAX_RUN_MS = 2000;
let stack: Stack | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startStack({ daemons: [{ limits: { maxRunMs: MAX_RUN_MS } }] });
});

test.afterAll(async () => {
  await stack?.stop();
});

/** Loops nested three deep, none reaching 1024 iterations of its own: 10^9 iterations per invocation. */
const ENDLESS_WGSL = `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(64) fn main(@builtin(global_invocation_id) id: vec3u) {
  var acc = 0u;
  for (var i = 0u; i < 1000u; i++) { for (var j = 0u; j < 1000u; j++) { for (var k = 0u; k < 1000u; k++) {
    acc = acc * 1664525u + k;
  } } }
  out[id.x % 4u] = acc;
}
`;

const ENDLESS_WORKLOAD = {
  name: 'endless',
  entryPoint: 'main',
  dispatch: [1024, 1, 1],
  bindings: [{ group: 0, binding: 0, name: 'out', kind: 'storage', element: 'u32', length: 4, output: true }],
  runs: { warmup: 2, samples: 10 },
};

async function replaceSource(page: Page, text: string): Promise<void> {
  await page.getByTestId('wgsl-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('an endless kernel from the page ends with the remote time-limit error; the comparison names each failed side at once', async ({
  page,
}) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
  await openPlayground(page, `${stack!.baseURL}/`);
  await expect(page.getByTestId('daemon-state')).toHaveAttribute('data-state', 'ready');
  await replaceSource(page, ENDLESS_WGSL);
  await setWorkloadJson(page, ENDLESS_WORKLOAD);
  await expect(page.getByText('translates cleanly')).toBeVisible();

  // The web server answers the run once: a stream (HTTP 200) whose error says 422. A 408 would make
  // the browser send the same request again by itself, re-running the endless kernel
  // (server/daemon-errors.ts).
  const submitted = await captureRunAnswer(page);
  await page.getByTestId('run').click();
  // The local side fails at once: the comparison says so while the remote side still runs (both
  // read in one look at the page).
  const verdict = page.getByTestId('verdict');
  await expect
    .poll(() =>
      page.evaluate(() => {
        const v = document.querySelector('[data-testid="verdict"]');
        const local = v?.querySelector('[data-testid="comparison-side-error"][data-side="local"]');
        return {
          localKind: local?.getAttribute('data-error-kind') ?? null,
          otherRunning: !!v?.querySelector('[data-testid="comparison-other-running"]'),
          remote: document.querySelector('[data-testid="remote-status"]')?.textContent ?? '',
        };
      }),
    )
    .toEqual({
      localKind: 'unavailable',
      otherRunning: true,
      remote: expect.not.stringMatching(/^(done|error)$/),
    });
  await expect(verdict).not.toContainText('Waiting for both sides');
  await screenshot(page, 'time-limit-local-failed-remote-running');

  // The remote side: the daemon's limit stopped it, with its designed error.
  const remoteError = page.getByTestId('remote-error');
  await expect(remoteError).toHaveAttribute('data-error-kind', 'timeout');
  await expect(remoteError).toContainText('Run timed out');
  await expect(remoteError).toContainText('time limit exceeded after 2 s');
  const answer = await submitted.answer;
  expect(answer.status).toBe(200);
  expect(answer.text).toContain('"httpStatus":422');
  expect(answer.text).not.toContain('"httpStatus":408');
  const remoteFailure = verdict.locator('[data-testid="comparison-side-error"][data-side="remote"]');
  await expect(remoteFailure).toHaveAttribute('data-error-kind', 'timeout');
  await expect(remoteFailure).toContainText('time limit exceeded after 2 s');
  await expect(verdict.getByTestId('comparison-other-running')).toHaveCount(0);
  await screenshot(page, 'time-limit-remote');
});
