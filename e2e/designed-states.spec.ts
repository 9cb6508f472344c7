/**
 * Designed states for a refused or interrupted run: a daemon limit exceeded (413: which limit, its
 * value), a busy daemon (429 + Retry-After: a countdown, then retry), and a lost WebGPU device (a
 * designed state and a re-run). The daemon states use a stack of their own with small limits.
 */
import { expect, type Page, test } from '@playwright/test';
import { type Stack, startStack } from '../testkit/stack';
import { openPlayground, runBothSides, screenshot, selectPreset } from './testkit/helpers';
import { submitRunError } from './testkit/run-stream';

test.describe.configure({ mode: 'serial' });

const MAX_BINDING_BYTES = 64 * 1024;
let stack: Stack | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // Daemon 0 refuses bindings over 64 KiB; daemon 1 takes one run per client per minute.
  stack = await startStack({
    daemons: [
      { limits: { maxBindingBytes: MAX_BINDING_BYTES } },
      { limits: { maxRunsPerClientPerMinute: 1 } },
    ],
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

async function openOnDaemon(page: Page, index: number) {
  await openPlayground(page, `${stack!.baseURL}/`);
  const select = page.getByTestId('daemon-select');
  // Two daemons, and "Auto — least loaded" ahead of them ("Add your own GPU…" aside).
  await expect(select.locator('option:not([data-testid="daemon-pair-option"])')).toHaveCount(3);
  await select.selectOption(String(index));
  await expect(page.getByTestId('daemon-state')).toHaveAttribute('data-state', 'ready');
  await selectPreset(page, 'saxpy');
}

test('a binding over the daemon’s maxBindingBytes: 413, shown with the limit and its value', async ({
  page,
}) => {
  await openOnDaemon(page, 0);
  // The preset's default N = 65536 floats: 256 KiB per storage binding.
  await runBothSides(page);
  const error = page.getByTestId('remote-error');
  await expect(error).toHaveAttribute('data-error-kind', 'limit');
  await expect(error).toContainText('Over the daemon’s limits');
  const limit = error.getByTestId('error-limit');
  await expect(limit).toHaveAttribute('data-limit-name', 'maxBindingBytes');
  await expect(limit).toHaveAttribute('data-limit-max', String(MAX_BINDING_BYTES));
  await expect(limit).toContainText('maxBindingBytes = 64.0 KiB (65,536 bytes)');
  await expect(limit).toContainText('this run asks for 256 KiB (262,144 bytes)');
  // The browser side is not bound by the daemon's limits.
  await expect(page.getByTestId('local-status')).toHaveText('done');
  await screenshot(page, 'daemon-limit-exceeded');
});

test('the web server answers such a run with HTTP 413 (in the run’s stream)', async () => {
  const wgsl =
    '@group(0) @binding(0) var<storage, read_write> y: array<f32>;\n@compute @workgroup_size(64) fn main() {}';
  const e = await submitRunError(stack!.baseURL, {
    workload: {
      name: 'big',
      wgsl,
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'y', kind: 'storage', element: 'f32', length: 20_000, output: true },
      ],
    },
    daemon: 0,
  });
  expect(e.data?.httpStatus).toBe(413);
  expect(e.data?.duet?.kind).toBe('limit');
  expect(e.data?.duet?.limit).toMatchObject({ name: 'maxBindingBytes', max: MAX_BINDING_BYTES });
});

test('a busy daemon (429 + Retry-After): the busy state counts down, then Retry runs', async ({ page }) => {
  test.setTimeout(240_000);
  await openOnDaemon(page, 1);
  await runBothSides(page);
  await expect(page.getByTestId('remote-status')).toHaveText('done');

  // Run again: the daemon has had its one run this minute.
  await page.getByTestId('run').click();
  const error = page.getByTestId('remote-error');
  await expect(error).toHaveAttribute('data-error-kind', 'busy');
  await expect(error).toContainText('Daemon busy');
  await expect(error).toContainText('sent the daemon more than 1 run in a minute');
  await expect(error.getByTestId('error-limit')).toHaveAttribute(
    'data-limit-name',
    'maxRunsPerClientPerMinute',
  );
  const retry = error.getByTestId('retry');
  await expect(retry).toBeDisabled();
  await expect(retry).toHaveText(/^Retry in \d+ s$/);
  const first = Number(/\d+/.exec((await retry.textContent()) ?? '')![0]);
  expect(first).toBeGreaterThan(0);
  await screenshot(page, 'daemon-busy');
  // The countdown runs down to the moment the daemon said to come back; then Retry is offered.
  await expect
    .poll(async () => Number(/\d+/.exec((await retry.textContent()) ?? '')?.[0] ?? 0))
    .toBeLessThan(first);
  await expect(retry).toHaveText('Retry now', { timeout: (first + 30) * 1000 });
  await retry.click();
  await expect(page.getByTestId('remote-status')).toHaveText('done');
});

test('a lost WebGPU device: a designed state, and Run again works', async ({ page }) => {
  // The next compute pipeline creation destroys its device instead (once per page load): the
  // runner sees device.lost while compiling.
  await page.addInitScript(() => {
    const G = (globalThis as { GPUDevice?: { prototype: GPUDevice } }).GPUDevice;
    if (!G) return;
    const original = G.prototype.createComputePipelineAsync;
    let armed = true;
    G.prototype.createComputePipelineAsync = function (this: GPUDevice, d: GPUComputePipelineDescriptor) {
      if (armed) {
        armed = false;
        this.destroy();
        return new Promise<GPUComputePipeline>(() => {});
      }
      return original.call(this, d);
    };
  });
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await runBothSides(page);
  const error = page.getByTestId('local-error');
  await expect(error).toHaveAttribute('data-error-kind', 'lost');
  await expect(error).toContainText('The WebGPU device was lost');
  await expect(error).toContainText('destroyed');
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  await screenshot(page, 'webgpu-device-lost');

  await error.getByTestId('retry').click();
  await expect(page.getByTestId('local-status')).toHaveText('done');
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
});
