/**
 * Issue 21's broken flows, in a real browser: work survives a reload and follows the URL; a preset
 * switch asks before discarding edits; a code link from a share opens as its own kernel (not under
 * SAXPY's preset bar); Run is disabled, with the reason, while the WGSL has errors or the form reports
 * a mismatch; the inspector starts in the binding's element type; `?` opens the shortcut sheet.
 */
import { expect, test } from '@playwright/test';
import { openPlayground, prependToSource, runBothSides, selectPreset, workloadJson } from './testkit/helpers';

test('edits survive a reload, and the URL fragment follows them', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'vector-add');
  await prependToSource(page, '// kept across reloads\n');
  await expect.poll(() => page.evaluate(() => window.location.hash)).toMatch(/^#w=/);
  await page.reload();
  await expect(page.getByTestId('wgsl-editor')).toContainText('// kept across reloads');
  expect((await workloadJson(page)).name).toBe('vector-add');
});

test('switching presets asks before discarding edits', async ({ page }) => {
  await openPlayground(page);
  await prependToSource(page, '// my edit\n');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByLabel('Preset').selectOption('vector-add');
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/discard/i);
  await expect(page.getByTestId('wgsl-editor')).toContainText('// my edit');
});

test('a code link opens as its own kernel: no other preset bar, and typing stays in its workload', async ({
  page,
  browser,
}) => {
  await openPlayground(page);
  await selectPreset(page, 'mandelbrot');
  await page.getByTestId('share').click();
  const url = await page.getByTestId('code-link-url').inputValue();

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openPlayground(other, url);
  await expect(other.getByTestId('wgsl-editor')).toContainText('mandelbrot', { ignoreCase: true });
  // The link's kernel matches a library preset: the picker and the parameter bar follow it.
  await expect(other.getByLabel('Preset')).toHaveValue('mandelbrot');
  await expect(other.locator('#param-N')).toHaveCount(0);
  await other.locator('#param-W').fill('64');
  const w = await workloadJson(other);
  expect(w.name).toBe('mandelbrot');
  await expect(other.getByTestId('form-consistent')).toBeVisible();
  await fresh.close();
});

test('Run is disabled with the reason while the WGSL has errors or the form reports a mismatch', async ({
  page,
}) => {
  await openPlayground(page);
  await expect(page.getByTestId('run')).toBeEnabled();
  await prependToSource(page, 'this is not wgsl\n');
  await expect(page.getByTestId('run')).toBeDisabled();
  await expect(page.getByTestId('run-blocked')).toContainText(/WGSL/);
  await page.getByTestId('wgsl-editor').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('run')).toBeEnabled();

  const w = await workloadJson(page);
  const bindings = w.bindings as { name: string; binding: number }[];
  bindings.push({ ...bindings[bindings.length - 1]!, name: 'stray', binding: 9 });
  await page.getByTestId('workload-json').fill(JSON.stringify(w, null, 2));
  await expect(page.getByTestId('mismatch-extra-stray')).toBeVisible();
  await expect(page.getByTestId('run')).toBeDisabled();
  await expect(page.getByTestId('run-blocked')).toContainText(/mismatch|disagree/i);
});

test('the inspector starts in the output binding’s own type', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'histogram');
  await runBothSides(page);
  const buffer = page.getByTestId('inspector-buffer');
  await expect(buffer).toHaveValue('local:histogram');
  await expect(page.getByTestId('inspector-format')).toHaveValue('u32');
  await expect(page.getByTestId('inspector-table')).not.toContainText('e-');
});

test('`?` opens the shortcut sheet as a dialog; results are a polite live region', async ({ page }) => {
  await openPlayground(page);
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: /keyboard shortcuts/i });
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText('Ctrl+Enter');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await expect(page.getByTestId('results-live')).toHaveAttribute('aria-live', 'polite');
});
