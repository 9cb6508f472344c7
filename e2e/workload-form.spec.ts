/**
 * The workload form derived from the WGSL: it and the JSON panel are two views of one workload, it
 * says where the WGSL and the workload disagree and fixes it, and a run after form edits agrees.
 */
import { expect, type Page, test } from '@playwright/test';
import {
  openPlayground,
  prependToSource,
  runBothSides,
  screenshot,
  selectPreset,
  setWorkloadJson,
  workloadJson,
} from './testkit/helpers';

type Binding = Record<string, unknown>;

async function bindingNamed(page: Page, name: string): Promise<Binding | undefined> {
  const w = await workloadJson(page);
  return (w.bindings as Binding[]).find((b) => b.name === name);
}

async function openSaxpyForm(page: Page) {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await expect(page.getByTestId('workload-form')).toBeVisible();
  await expect(page.getByTestId('form-consistent')).toBeVisible();
}

test('the form follows the WGSL: a new binding is flagged and "Add it" adds it to the workload', async ({
  page,
}) => {
  await openSaxpyForm(page);
  const table = page.getByTestId('binding-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(page.getByTestId('binding-row-params')).toContainText('Params');
  await expect(page.getByTestId('binding-row-x')).toContainText('read');
  await expect(page.getByTestId('binding-row-y')).toContainText('read_write');

  await prependToSource(page, '@group(0) @binding(3) var<storage, read_write> extra: array<u32>;\n');
  const missing = page.getByTestId('mismatch-missing-extra');
  await expect(missing).toContainText('@group(0) @binding(3) extra');
  await expect(page.getByTestId('binding-row-extra')).toHaveAttribute('data-status', 'missing');
  expect(await bindingNamed(page, 'extra')).toBeUndefined();
  await screenshot(page, 'workload-form-missing-binding');

  await page.getByTestId('fix-missing-extra').click();
  await expect(page.getByTestId('form-consistent')).toBeVisible();
  expect(await bindingNamed(page, 'extra')).toMatchObject({
    group: 0,
    binding: 3,
    kind: 'storage',
    element: 'u32',
    output: true,
  });
  await expect(page.getByTestId('binding-row-extra')).toHaveAttribute('data-status', 'ok');
});

test('the JSON panel drives the form: an undeclared binding, a kind mismatch and an unknown uniform field', async ({
  page,
}) => {
  await openSaxpyForm(page);
  const w = await workloadJson(page);
  const bindings = w.bindings as Binding[];
  bindings.push({ group: 1, binding: 0, name: 'stray', kind: 'storage', element: 'f32', length: 4 });
  bindings.find((b) => b.name === 'x')!.kind = 'storage';
  const params = bindings.find((b) => b.name === 'params')!;
  params.fields = { ...(params.fields as object), b: 1 };
  await setWorkloadJson(page, w);

  await expect(page.getByTestId('mismatch-extra-stray')).toContainText('does not declare');
  await expect(page.getByTestId('mismatch-kind-x')).toContainText('storage-read in the WGSL');
  await expect(page.getByTestId('mismatch-field-params-b')).toContainText('no member "b"');
  await screenshot(page, 'workload-form-mismatches');

  await page.getByTestId('fix-extra-stray').click();
  await expect(page.getByTestId('mismatch-extra-stray')).toHaveCount(0);
  expect(await bindingNamed(page, 'stray')).toBeUndefined();
  await page.getByTestId('fix-kind-x').click();
  expect((await bindingNamed(page, 'x'))?.kind).toBe('storage-read');
  await page.getByTestId('fix-field-params-b').click();
  await expect(page.getByTestId('form-consistent')).toBeVisible();
  expect((await bindingNamed(page, 'params'))?.fields).not.toHaveProperty('b');

  // A JSON edit shows in the form's fields.
  const again = await workloadJson(page);
  again.runs = { warmup: 1, samples: 7 };
  await setWorkloadJson(page, again);
  await expect(page.getByTestId('runs-samples')).toHaveValue('7');
  await expect(page.getByTestId('runs-warmup')).toHaveValue('1');
});

test('form edits write the JSON: length, uniform fields, initializer and "cover N" dispatch', async ({
  page,
}) => {
  await openSaxpyForm(page);
  await page.getByTestId('length-x').fill('1000');
  await expect.poll(async () => (await bindingNamed(page, 'x'))?.length).toBe(1000);
  await page.getByTestId('field-params-n').fill('1000');
  await expect
    .poll(async () => ((await bindingNamed(page, 'params'))?.fields as Binding | undefined)?.n)
    .toBe(1000);
  await page.getByTestId('init-kind-x').selectOption('iota');
  await expect
    .poll(async () => (await bindingNamed(page, 'x'))?.init)
    .toEqual({ iota: { start: 0, step: 1 } });

  await expect(page.getByTestId('workgroup-size')).toHaveText('@workgroup_size(256, 1, 1)');
  await page.getByTestId('cover-x').fill('1000');
  await page.getByTestId('cover').click();
  await expect.poll(async () => (await workloadJson(page)).dispatch).toEqual([4, 1, 1]);
  await expect(page.getByTestId('dispatch-x')).toHaveValue('4');
  await page.getByTestId('dispatch-x').fill('9');
  await expect.poll(async () => (await workloadJson(page)).dispatch).toEqual([9, 1, 1]);
});

test('a run after form edits agrees on both sides', async ({ page }) => {
  await openSaxpyForm(page);
  await page.getByTestId('length-x').fill('1000');
  await page.getByTestId('length-y').fill('1000');
  await page.getByTestId('field-params-n').fill('1000');
  await page.getByTestId('field-params-a').fill('-0.5');
  await page.getByTestId('init-kind-y').selectOption('iota');
  await page.getByTestId('cover-x').fill('1000');
  await page.getByTestId('cover').click();
  await page.getByTestId('runs-samples').fill('3');
  await expect
    .poll(async () => {
      const w = await workloadJson(page);
      return [w.dispatch, (w.runs as Binding).samples, (await bindingNamed(page, 'y'))?.length];
    })
    .toEqual([[4, 1, 1], 3, 1000]);
  await expect(page.getByTestId('form-consistent')).toBeVisible();

  await runBothSides(page);
  await expect(page.getByTestId('local-status')).toHaveText('done');
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
  await expect(page.getByTestId('verdict-y')).toContainText('1,000 f32 elements');
  await screenshot(page, 'workload-form-run');
});

test('the daemon-side options: L2 flush and FMA write runs, and the remote side says what it did', async ({
  page,
}) => {
  await openSaxpyForm(page);
  await page.getByTestId('runs-samples').fill('3');
  await page.getByTestId('runs-flush-l2').check();
  await page.getByTestId('runs-fma').check();
  await expect
    .poll(async () => (await workloadJson(page)).runs)
    .toEqual({ warmup: 2, samples: 3, flushL2: true, fma: true });
  await page.getByTestId('runs-fma').uncheck();
  await expect
    .poll(async () => (await workloadJson(page)).runs)
    .toEqual({ warmup: 2, samples: 3, flushL2: true });

  // The e2e daemon is CPU emulation: it cannot flush an L2, and says so next to its timings.
  await runBothSides(page);
  await expect(page.getByTestId('remote-status')).toHaveText('done');
  await expect(page.getByTestId('remote-warnings')).toContainText('L2 flush is a CUDA option');
  await expect(page.getByTestId('local-warnings')).toHaveCount(0);
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');

  // A JSON edit shows in the toggles.
  const w = await workloadJson(page);
  w.runs = { warmup: 1, samples: 2, fma: true };
  await setWorkloadJson(page, w);
  await expect(page.getByTestId('runs-fma')).toBeChecked();
  await expect(page.getByTestId('runs-flush-l2')).not.toBeChecked();
});

test('a multi-pass workload shows each pass’s dispatch; editing one writes that pass', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'scan-inclusive');
  await expect(page.getByTestId('form-consistent')).toBeVisible();
  const passes = (await workloadJson(page)).passes as Binding[];
  expect(passes).toHaveLength(3);
  await expect(page.getByTestId('pass-list').locator('fieldset')).toHaveCount(3);
  await expect(page.getByTestId('pass-1-entry-point')).toHaveValue(String(passes[1]!.entryPoint));
  await page.getByTestId('pass-1-dispatch-x').fill('3');
  await expect
    .poll(async () => ((await workloadJson(page)).passes as Binding[]).map((p) => p.dispatch))
    .toEqual([passes[0]!.dispatch, [3, ...(passes[1]!.dispatch as number[]).slice(1)], passes[2]!.dispatch]);
});

test('a preset parameter change keeps the form’s edits to fields it does not decide', async ({ page }) => {
  await openSaxpyForm(page);
  await page.getByTestId('runs-samples').fill('7');
  await page.getByTestId('init-kind-y').selectOption('iota');
  await expect.poll(async () => ((await workloadJson(page)).runs as Binding).samples).toBe(7);
  const yInit = (await bindingNamed(page, 'y'))?.init;

  await page.getByLabel('N', { exact: true }).fill('1000');
  await expect
    .poll(async () => {
      const w = await workloadJson(page);
      const y = await bindingNamed(page, 'y');
      return [w.dispatch, (w.runs as Binding).samples, y?.length, y?.init];
    })
    .toEqual([[4, 1, 1], 7, 1000, yInit]);
  await expect(page.getByTestId('param-problem')).toHaveCount(0);

  // While the JSON does not parse, a new value is not applied (that would lose the text); the
  // message goes once the JSON parses again.
  const edited = await workloadJson(page);
  await page.getByTestId('workload-json').fill('{ "name": ');
  await page.getByLabel('N', { exact: true }).fill('2000');
  await expect(page.getByTestId('param-problem')).toContainText('does not parse');
  await expect(page.getByTestId('workload-json')).toHaveValue('{ "name": ');
  await setWorkloadJson(page, edited);
  await expect(page.getByTestId('param-problem')).toHaveCount(0);
});

test('typing a parameter value digit by digit does not lose an edit that the final value keeps', async ({
  page,
}) => {
  await openSaxpyForm(page);
  const n = page.getByLabel('N', { exact: true });
  const original = await workloadJson(page);
  // An edit of a field N decides: each in-between value (6, 65, 655, 6553) changes the dispatch.
  await setWorkloadJson(page, { ...original, dispatch: [300, 1, 1] });
  await n.selectText();
  await n.pressSequentially(String(await n.inputValue()));
  await expect.poll(async () => (await workloadJson(page)).dispatch).toEqual([300, 1, 1]);
});
