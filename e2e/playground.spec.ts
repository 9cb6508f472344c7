/**
 * The instrument views: a deliberate mismatch (table, heatmap, inspector, history), an image kernel
 * on both sides with its diff, timing bars, cancel with Esc, the generated CUDA and its .cu download,
 * theme and presentation mode, and an accessibility check of the main page.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import {
  openPlayground,
  runBothSides,
  screenshot,
  selectPreset,
  setWorkloadJson,
  showEditorTab,
  workloadJson,
} from './testkit/helpers';

/**
 * A real, deterministic divergence (compiler/corpus/browser-divergent.json): converting a run-time NaN
 * to i32 is INT_MIN on SwiftShader but 0 on Duet's translator. Only every 16th element (i % 16 == 3)
 * takes the NaN path, so the mismatches form a pattern the heatmap shows.
 */
const DIVERGENT_WGSL = `@group(0) @binding(0) var<storage, read> f: array<f32>;
@group(0) @binding(1) var<storage, read_write> io: array<i32>;

@compute @workgroup_size(4)
fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  let i = g.x;
  let z = f[i];
  let nan = z / z; // 0/0 at run time
  io[i] = select(i32(i), i32(nan), i % 16u == 3u);
}
`;

const DIVERGENT_WORKLOAD = {
  name: 'nan-to-int',
  entryPoint: 'main',
  dispatch: [16, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'f', kind: 'storage-read', element: 'f32', length: 64, init: 'zeros' },
    { group: 0, binding: 1, name: 'io', kind: 'storage', element: 'i32', length: 64, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

async function replaceSource(page: Page, text: string): Promise<void> {
  await page.getByTestId('wgsl-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('a real divergence shows in the verdict, the mismatch table, the heatmap, the inspector and the history', async ({
  page,
}) => {
  await openPlayground(page);
  await replaceSource(page, DIVERGENT_WGSL);
  await setWorkloadJson(page, DIVERGENT_WORKLOAD);
  await expect(page.getByText('translates cleanly')).toBeVisible();
  await runBothSides(page);

  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'disagree');
  const verdict = page.getByTestId('verdict-io');
  await expect(verdict).toHaveAttribute('data-verdict', 'mismatch');
  await expect(verdict).toContainText('4 beyond tolerance');
  const table = page.getByTestId('mismatches-io');
  await expect(table.locator('tbody tr')).toHaveCount(4);
  await expect(table.locator('tbody tr').first()).toContainText('3');
  await expect(table.locator('tbody tr').first()).toContainText('-2147483648');
  await expect(verdict.getByRole('img', { name: 'Mismatches by position' })).toBeVisible();
  await expect(page.getByTestId('timing-bars')).toBeVisible();
  // The verdict compares warm runs; the cold cost (translate + compile) has a line of its own.
  await expect(page.getByTestId('speed-verdict')).toContainText('Warm, end to end:');
  await expect(page.getByTestId('cold-cost')).toContainText('Cold start, not in the verdict');
  await expect(page.getByTestId('speed-verdict')).toContainText('Kernel alone:');
  // The bars draw only the warm phases, labelled with the totals the verdict compares; the cold
  // cost is hatched on rows of its own.
  const bars = page.getByTestId('timing-bars');
  const warmBars = bars.getByTestId('timing-bar-warm');
  await expect(warmBars).toHaveCount(2);
  await expect(bars.getByTestId('timing-bar-cold')).toHaveCount(2);
  expect((await warmBars.locator('title').allTextContents()).join(' ')).not.toContain('compile');
  for (const total of await warmBars.locator('text:last-of-type').allTextContents())
    await expect(page.getByTestId('speed-verdict')).toContainText(total);
  await screenshot(page, 'mismatch');

  // The inspector pages through either side's output; index 19 is 16 + 3, a NaN element.
  const inspector = page.getByTestId('inspector');
  await inspector.getByTestId('inspector-buffer').selectOption('remote:io');
  // An i32 output opens as i32, not as f32 bit patterns.
  await expect(inspector.getByTestId('inspector-format')).toHaveValue('i32');
  await expect(inspector.locator('[data-index="19"] td')).toHaveText('0');
  await inspector.getByTestId('inspector-buffer').selectOption('local:io');
  await expect(inspector.locator('[data-index="19"] td')).toHaveText('-2147483648');
  await inspector.getByTestId('inspector-format').selectOption('hex');
  await expect(inspector.locator('[data-index="19"] td')).toHaveText('0x80000000');
  const csv = page.waitForEvent('download');
  await inspector.getByTestId('inspector-csv').click();
  expect((await csv).suggestedFilename()).toBe('io-browser.csv');
  await screenshot(page, 'inspector');

  // A second run lands in the history; two runs of the same kernel compare side by side.
  await runBothSides(page);
  const entries = page.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  await entries.nth(0).getByRole('checkbox').check();
  await entries.nth(1).getByRole('checkbox').check();
  await expect(page.getByTestId('history-pair')).toContainText('remote kernel');
  // The history's total is the warm total; the cold cost has a row of its own.
  await expect(page.getByTestId('history-pair')).toContainText('remote warm total');
  await expect(page.getByTestId('history-pair')).toContainText('remote cold, once');
  await expect(entries.nth(0)).toContainText('warm: browser');
  await entries.nth(1).getByRole('button', { name: 'open' }).click();
  await expect(page.getByTestId('viewing-history')).toContainText('Showing run #1');
  await screenshot(page, 'history');
});

test('an image kernel (mandelbrot) shows both images and their difference', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'mandelbrot');
  await page.getByLabel('W', { exact: true }).fill('128');
  await page.getByLabel('H', { exact: true }).fill('96');
  await page.getByLabel('ITER', { exact: true }).fill('64');
  await expect(page.getByTestId('workload-json')).toHaveValue(/"width": 128/);
  await runBothSides(page);
  await expect(page.getByTestId('local-error')).toHaveCount(0);
  await expect(page.getByTestId('remote-error')).toHaveCount(0);
  const images = page.locator('[data-testid^="image-compare-"]');
  await expect(images).toHaveCount(1);
  for (const id of ['image-local', 'image-remote', 'image-diff'])
    await expect(images.getByTestId(id)).toBeVisible();
  await expect(images).toContainText(/difference: [\d,]+ of 12,288 pixels differ/);
  // The inspector opens an rgba8 output as its picture and its words as u32 (not NaN floats).
  await expect(page.getByTestId('inspector-image')).toBeVisible();
  await expect(page.getByTestId('inspector-format')).toHaveValue('u32');
  await screenshot(page, 'mandelbrot');
});

test('Esc cancels both sides of a long run; a new run then completes', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await page.getByLabel('N', { exact: true }).fill('4000000');
  const w = await workloadJson(page);
  await setWorkloadJson(page, { ...w, runs: { warmup: 0, samples: 400 } });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('local-phase')).toBeVisible();
  await expect(page.getByTestId('remote-phase')).toBeVisible();
  await expect(page.getByTestId('cancel')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('local-error')).toHaveAttribute('data-error-kind', 'cancelled');
  await expect(page.getByTestId('remote-error')).toHaveAttribute('data-error-kind', 'cancelled');
  await expect(page.getByTestId('cancel')).toHaveCount(0);
  await screenshot(page, 'cancelled');

  await setWorkloadJson(page, { ...w, runs: { warmup: 0, samples: 1 } });
  await page.getByLabel('N', { exact: true }).fill('1000');
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
});

test('the generated CUDA links back to WGSL lines and downloads as a standalone .cu', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await showEditorTab(page, 'generated');
  const generated = page.getByTestId('generated-cuda');
  await expect(generated).toContainText('duet_k_main');
  const link = generated.getByTestId('wgsl-link').filter({ hasText: 'wgsl:17' }).first();
  await link.click();
  await expect(page.locator('.cm-activeLine')).toContainText('y[i] = params.a * x[i] + y[i]');
  await expect(generated.locator('[data-wgsl-line="17"]').first()).toHaveClass(/cm-linked-line/);
  // …and the other way: moving the WGSL cursor to line 16 highlights the C++ made of it instead
  // (the first ArrowUp collapses the selected line to its start, the second moves up).
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(generated.locator('[data-wgsl-line="16"]').first()).toHaveClass(/cm-linked-line/);
  await expect(generated.locator('.cm-linked-line[data-wgsl-line="17"]')).toHaveCount(0);
  await page.keyboard.press('ArrowDown');
  // C++ is highlighted as C++ (lang-cpp): `struct` gets the keyword colour (--cm-keyword, light theme).
  const keyword = generated
    .locator('.cm-content span')
    .filter({ hasText: /^struct$/ })
    .first();
  await expect(keyword).toHaveCSS('color', 'rgb(166, 38, 164)');

  // Typing updates the generated code: a new statement on WGSL line 18 gets its own marker.
  await expect(generated).not.toContainText('wgsl:18');
  await page.keyboard.press('End');
  await page.keyboard.insertText('\n    y[i] = y[i] * 3.0;');
  await expect(generated).toContainText('wgsl:18');

  const download = page.waitForEvent('download');
  await page.getByTestId('download-cu').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('saxpy.cu');
  const text = await (await file.createReadStream()).toArray();
  const source = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(source).toContain('int main()');
  expect(source).toContain('cudaEventElapsedTime');
  expect(source).toContain('duet_k_main<<<');
  await screenshot(page, 'generated-cuda');
});

test('theme and presentation mode toggle, and the main page has no serious accessibility violations', async ({
  page,
}) => {
  await openPlayground(page);
  await page.getByTestId('theme-select').selectOption('dark');
  await expect(page.locator('html')).toHaveClass(/\bdark\b/);
  await page.getByTestId('present-toggle').click();
  await expect(page.locator('html')).toHaveClass(/\bpresent\b/);
  await screenshot(page, 'presentation-dark');
  await page.getByTestId('present-toggle').click();
  await page.getByTestId('theme-select').selectOption('light');
  await expect(page.locator('html')).not.toHaveClass(/\bdark\b/);

  for (const theme of ['light', 'dark'] as const) {
    await page.getByTestId('theme-select').selectOption(theme);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `${theme} theme`,
    ).toEqual([]);
  }
  await page.getByTestId('theme-select').selectOption('system');
});
