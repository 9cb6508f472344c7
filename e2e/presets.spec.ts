/** Every preset from shaders/ runs on both sides and the two outputs agree. */
import { expect, test } from '@playwright/test';
import { openPlayground, runBothSides, screenshot, selectPreset, showEditorTab } from './testkit/helpers';
import { captureRunAnswer, resultInStream } from './testkit/run-stream';

const SPINE_PRESETS = ['saxpy', 'reduce-workgroup'];

test('the preset list comes from shaders/ and holds the spine kernels', async ({ page }) => {
  await openPlayground(page);
  const ids = await page
    .getByLabel('Preset')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  for (const id of SPINE_PRESETS) expect(ids).toContain(id);
});

for (const [id, via] of [
  ['saxpy', 'button'],
  ['reduce-workgroup', 'shortcut'],
] as const) {
  test(`${id}: both panels fill and the outputs agree (run with the ${via})`, async ({ page }) => {
    await openPlayground(page);
    await selectPreset(page, id);
    await runBothSides(page, via);

    const local = page.getByTestId('side-local');
    const remote = page.getByTestId('side-remote');
    await expect(local.getByTestId('local-error')).toHaveCount(0);
    await expect(remote.getByTestId('remote-error')).toHaveCount(0);
    await expect(local.getByTestId('device')).toContainText('webgpu');
    await expect(remote.getByTestId('device')).toContainText('CPU emulation — no CUDA device');
    for (const side of [local, remote]) {
      await expect(side.getByTestId('timings')).toContainText('kernel (median)');
      await expect(side.getByTestId('outputs')).toContainText('[');
    }
    await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
    await expect(page.getByTestId('overall-verdict')).toHaveText('outputs agree');
    await screenshot(page, `preset-${id}`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, `preset-${id}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });

    // The generated CUDA the daemon compiled is one click away.
    await showEditorTab(page, 'generated');
    await expect(page.getByTestId('generated-cuda')).toContainText('duet_k_main');
  });
}

test('remote output bytes are served binary, not through JSON', async ({ page, request }) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  const submitted = await captureRunAnswer(page);
  await runBothSides(page);
  const { id, outputs } = resultInStream<{ id: string; outputs: { name: string; bytes: number }[] }>(
    (await submitted.answer).text,
  );
  expect(outputs.length).toBeGreaterThan(0);
  for (const o of outputs) {
    const res = await request.get(`/api/runs/${id}/outputs/${o.name}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/octet-stream');
    expect((await res.body()).byteLength).toBe(o.bytes);
  }
  expect((await request.get(`/api/runs/${id}/outputs/no-such-output`)).status()).toBe(404);
  expect((await request.get('/api/runs/no-such-run/outputs/y')).status()).toBe(404);
});

test('changing a preset parameter re-resolves the workload, and both sides still agree', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  const n = page.getByLabel('N', { exact: true });
  await n.fill('1000');
  const workload = page.getByTestId('workload-json');
  await expect(workload).toHaveValue(/"length": 1000\b/);
  await expect(workload).toHaveValue(/"dispatch": \[4, 1, 1\]/);
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
  await expect(page.getByTestId('verdict-y')).toContainText('1,000 f32 elements');

  await n.fill('0');
  await expect(page.getByTestId('param-problem')).toContainText('params.N');
});
