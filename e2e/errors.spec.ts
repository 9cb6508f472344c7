/** Designed error states: translator and WebGPU diagnostics in the editor, invalid workloads, no WebGPU. */
import { expect, test } from '@playwright/test';
import {
  openPlayground,
  prependToSource,
  runBothSides,
  screenshot,
  selectPreset,
  setWorkloadJson,
  workloadJson,
} from './testkit/helpers';
import { submitRunError } from './testkit/run-stream';

test('a WGSL syntax error shows line:col from the translator in the editor, and Run says why it is disabled', async ({
  page,
}) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await prependToSource(page, 'fn 123broken() {}\n');

  const diagnostics = page.getByTestId('diagnostics');
  await expect(diagnostics).toContainText(/translator\s*1:\d+: error:/);
  // Inline in CodeMirror: a lint marker in the gutter and an underlined range in the text.
  await expect(page.locator('.cm-lint-marker-error').first()).toBeVisible();
  await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();

  // A kernel the translator rejects is not sent to either side (issue 21).
  await expect(page.getByTestId('run')).toBeDisabled();
  await expect(page.getByTestId('run-blocked')).toContainText(/WGSL has an error: 1:\d+/);
  await screenshot(page, 'wgsl-syntax-error');
});

test('an invalid workload shows the field path and cannot be run', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  const workload = await workloadJson(page);
  const bindings = workload.bindings as Record<string, unknown>[];
  const storageIndex = bindings.findIndex((b) => b.kind !== 'uniform');
  expect(storageIndex).toBeGreaterThanOrEqual(0);
  bindings[storageIndex]!.length = 'many';
  await setWorkloadJson(page, workload);

  await expect(page.getByTestId('workload-issues')).toContainText(`bindings[${storageIndex}].length`);
  await expect(page.getByTestId('run')).toBeDisabled();
  await screenshot(page, 'invalid-workload');

  await setWorkloadJson(page, '{ "name": "broken", ');
  await expect(page.getByTestId('workload-issues')).toContainText('JSON');
});

test('the web server rejects an invalid workload with field paths too', async ({ baseURL }) => {
  const e = await submitRunError(baseURL!, {
    workload: { name: 'x', wgsl: 'fn f() {}', entryPoint: 'main', dispatch: [0, 1, 1], bindings: [] },
    daemon: 0,
  });
  expect(e.data?.httpStatus).toBe(400);
  expect(e.data?.duet?.kind).toBe('invalid');
  expect(e.data?.duet?.issues?.map((i) => i.path)).toContain('dispatch[0]');
});

test('without WebGPU the page explains it and still runs the remote side', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
  });
  await openPlayground(page);
  await expect(page.getByTestId('no-webgpu')).toContainText('does not expose WebGPU');
  await selectPreset(page, 'saxpy');
  await runBothSides(page);
  await expect(page.getByTestId('local-error')).toHaveAttribute('data-error-kind', 'unavailable');
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  await expect(page.getByTestId('side-remote').getByTestId('outputs')).toContainText('[');
  await screenshot(page, 'no-webgpu');
});
