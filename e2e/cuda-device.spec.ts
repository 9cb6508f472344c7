/**
 * The remote side on a CUDA daemon: what the page says about the device (compute capability, SMs,
 * clocks, the PCIe link and the host ⇄ device bandwidth measured at start) and whether L2 was
 * flushed between samples. CI has no NVIDIA GPU, so the daemon runs `--backend cuda` on the fake
 * driver (daemon/executor/tests/fake_cuda/): its host path is real, no kernel code runs, so the
 * outputs are the inputs and the comparison is not asserted here.
 */
import { expect, test } from '@playwright/test';
import { type Stack, startStack } from '../testkit/stack';
import { openPlayground, runBothSides, screenshot, selectPreset } from './testkit/helpers';

test.describe.configure({ mode: 'serial' });

let stack: Stack | null = null;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  stack = await startStack({ daemons: [{ backend: 'fake-cuda' }] });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('a CUDA daemon: the device card shows link and bandwidth; the timings say whether L2 was flushed', async ({
  page,
}) => {
  await openPlayground(page, `${stack!.baseURL}/`);
  await selectPreset(page, 'saxpy');
  await runBothSides(page);
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  const remote = page.getByTestId('side-remote');
  const device = remote.getByTestId('device');
  await expect(device).toContainText('Duet fake CUDA device (test double)');
  await expect(device).toContainText('9.0');
  await expect(device.getByTestId('device-link')).toHaveText('PCIe gen 4 ×16');
  await expect(device.getByTestId('device-bandwidth')).toHaveText(
    /^H→D \d+\.\d GB\/s · D→H \d+\.\d GB\/s \(pinned, measured at start\)$/,
  );
  await expect(remote.getByTestId('timings')).toContainText('CUDA events');
  await expect(remote.getByTestId('l2-note')).toContainText('L2 not flushed');

  await page.getByTestId('runs-flush-l2').check();
  await runBothSides(page);
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  await expect(remote.getByTestId('l2-note')).toContainText('L2 flushed before every sample');
  await expect(page.getByTestId('remote-warnings')).toHaveCount(0);
  await screenshot(page, 'cuda-device');
});
