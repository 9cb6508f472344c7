/**
 * The page's layout (issue 21): editor left, results right in resizable panes that fill the window,
 * so after Run the verdict is on screen without scrolling at 1440×900 and 1280×720, and in
 * presentation mode (1280×720, 1920×1080) the code, both sides and the headline share one screen;
 * below 700 px the panes stack with no horizontal overflow. Screenshots of each go to test-results/
 * (artifacts); the assertions are on the boxes, not on pixels (timings differ from run to run).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { openPlayground, runBothSides, selectPreset, showEditorTab } from './testkit/helpers';

/** The element's whole box lies inside the viewport as it is now (nothing scrolled it there). */
async function expectInViewport(page: Page, locator: Locator, what: string): Promise<void> {
  const box = await locator.boundingBox();
  const size = page.viewportSize()!;
  expect(box, `${what} is rendered`).not.toBeNull();
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(size.width);
  expect(box!.y + box!.height, `${what}: bottom edge`).toBeLessThanOrEqual(size.height);
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, 'the page is no wider than the window').toBeLessThanOrEqual(innerWidth);
}

async function runSaxpy(page: Page): Promise<void> {
  await selectPreset(page, 'saxpy');
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
  await expect(page.getByTestId('speed-verdict')).toBeVisible();
}

const DESKTOP = [
  { width: 1440, height: 900 },
  { width: 1280, height: 720 },
];

for (const viewport of DESKTOP) {
  test(`${viewport.width}×${viewport.height}: after Run the verdict is in view without scrolling`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await openPlayground(page);
    await expect(page.getByTestId('playground')).toHaveAttribute('data-layout', 'side-by-side');
    await runSaxpy(page);
    expect(await page.evaluate(() => window.scrollY), 'the page did not scroll').toBe(0);
    await expectInViewport(page, page.getByTestId('overall-verdict'), 'the overall verdict');
    await expectInViewport(page, page.getByTestId('speed-verdict'), 'the speed verdict');
    await expectInViewport(page, page.getByTestId('run'), 'the Run button');
    // The editor and the results sit side by side: the results start right of the editor.
    const editor = (await page.locator('section[aria-labelledby="source-title"]').boundingBox())!;
    const verdict = (await page.getByTestId('verdict').boundingBox())!;
    expect(verdict.x).toBeGreaterThanOrEqual(editor.x + editor.width);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({ path: testInfo.outputPath(`layout-${viewport.width}x${viewport.height}.png`) });
  });
}

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]) {
  test(`presentation mode at ${viewport.width}×${viewport.height}: code, both sides and the headline on one screen`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await openPlayground(page);
    await page.getByTestId('present-toggle').click();
    await expect(page.locator('html')).toHaveClass(/\bpresent\b/);
    await runSaxpy(page);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expectInViewport(page, page.getByTestId('overall-verdict'), 'the overall verdict');
    await expectInViewport(page, page.getByTestId('speed-verdict'), 'the speed verdict');
    await expectInViewport(page, page.getByTestId('timing-bars'), 'the timing bars of both sides');
    await expectInViewport(page, page.locator('#local-title'), "the browser side's card");
    await expectInViewport(page, page.locator('#remote-title'), "the remote side's card");
    // The kernel's body is on screen, in the big font.
    const kernelLine = page.locator('.cm-line', { hasText: 'y[i] = params.a * x[i] + y[i]' });
    await expectInViewport(page, kernelLine, 'the kernel line');
    const fontPx = await page
      .getByTestId('wgsl-editor')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(fontPx).toBeGreaterThanOrEqual(17);
    await expectNoHorizontalOverflow(page);
    await page.screenshot({
      path: testInfo.outputPath(`layout-present-${viewport.width}x${viewport.height}.png`),
    });
  });
}

test('390×844: the panes stack, nothing overflows sideways, and Run brings the verdict into view', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page);
  await expect(page.getByTestId('playground')).toHaveAttribute('data-layout', 'stacked');
  await expect(page.getByTestId('workbench-stacked')).toBeVisible();
  await expectNoHorizontalOverflow(page);
  // Stacked: the results come below the editor, full width.
  const editor = (await page.locator('section[aria-labelledby="source-title"]').boundingBox())!;
  const verdictBefore = (await page.getByTestId('verdict').boundingBox())!;
  expect(verdictBefore.y).toBeGreaterThan(editor.y + editor.height);
  // The remote menu names the daemon, not a raw URL cut off at the edge.
  const option = page.getByTestId('daemon-select').locator('option:not([data-testid])').first();
  await expect(option).toHaveText(/^this machine(:\d+)? — CPU emulation/);
  await expect(option).not.toContainText('http');
  await expectInViewport(page, page.getByTestId('daemon-select'), 'the Remote menu');

  await page.getByLabel('Preset').selectOption('saxpy');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
  await expect
    .poll(async () => (await page.getByTestId('overall-verdict').boundingBox())?.y ?? -1)
    .toBeGreaterThanOrEqual(0);
  await expectInViewport(page, page.getByTestId('overall-verdict'), 'the overall verdict after Run');
  await expectNoHorizontalOverflow(page);
  for (const tab of ['workload', 'generated'] as const) {
    await showEditorTab(page, tab);
    await expectNoHorizontalOverflow(page);
  }
  await page.screenshot({ path: testInfo.outputPath('layout-390x844.png'), fullPage: true });
});

test('the panes resize by keyboard, the workload form folds away, and the tabs follow the arrow keys', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  const editorPane = page.locator('[data-panel][id="workbench-first"]');
  const before = (await editorPane.boundingBox())!.width;
  await page.getByRole('separator', { name: 'Resize the editor and the results' }).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await editorPane.boundingBox())!.width).toBeLessThan(before - 40);

  await showEditorTab(page, 'workload');
  const form = page.getByTestId('workload-form');
  await expect(form).toBeVisible();
  await page.getByTestId('workload-form-panel').locator('summary').click();
  await expect(form).toBeHidden();
  await page.getByTestId('workload-form-panel').locator('summary').click();
  await expect(form).toBeVisible();

  await page.getByTestId('editor-tab-workload').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('editor-tab-generated')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('editor-tab-generated')).toBeFocused();
  await expect(page.getByTestId('generated-cuda')).toContainText('duet_k_main');
  await page.keyboard.press('Home');
  await expect(page.getByTestId('editor-tab-wgsl')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('generated-cuda')).toHaveCount(0);
  await expect(page.getByTestId('workload-json')).toHaveCount(0);

  // From the C++ back to the WGSL by keyboard: Enter on a C++ line selects the WGSL line it came from.
  await showEditorTab(page, 'generated');
  await page
    .getByTestId('generated-cuda')
    .locator('.cm-line', { hasText: 'const unsigned i = gid.x;' })
    .click();
  await page.keyboard.press('Enter');
  await expect(page.locator('section[aria-labelledby="source-title"] .cm-activeLine')).toContainText(
    'let i = gid.x;',
  );
});

test('after a run, with the C++ beside the WGSL, the page has no serious accessibility violations in either theme', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openPlayground(page);
  await runSaxpy(page);
  await showEditorTab(page, 'generated');
  await expect(page.getByTestId('generated-cuda')).toContainText('duet_k_main');
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
