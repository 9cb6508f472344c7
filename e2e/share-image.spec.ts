/**
 * An image kernel shared: the shared page shows its output as pictures (browser, remote, diff), its
 * thumbnail is a small PNG that /recent shows when the sharer listed it, the link preview is a PNG,
 * and /compare against another run names what differs in the workload and in the machines.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, openPlayground, runBothSides, screenshot, selectPreset } from './testkit/helpers';

async function shareRun(page: import('@playwright/test').Page, listed: boolean): Promise<string> {
  await page.getByTestId('share').click();
  if (listed) await page.getByTestId('share-public').check();
  await page.getByTestId('share-create').click();
  const url = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('share-close').click();
  return new URL(url).pathname.split('/').pop()!;
}

test('an image kernel’s shared page, thumbnail, /recent row, link preview, and /compare’s differences', async ({
  page,
}) => {
  await openPlayground(page);
  await selectPreset(page, 'mandelbrot');
  await page.locator('#param-W').fill('64');
  await page.locator('#param-H').fill('48');
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toBeVisible();
  const image = await shareRun(page, true);

  await page.goto(`/r/${image}`);
  const thumbs = page.getByTestId('output-thumbnails');
  for (const id of ['thumb-local', 'thumb-remote', 'thumb-diff'])
    await expect(thumbs.getByTestId(id)).toHaveAttribute('width', '64');
  // The side panels show the image output as a picture; its raw words wait behind "values".
  const remotePanel = page.getByTestId('shared-remote');
  await expect(remotePanel.locator('[data-testid^="sample-image-"]').first()).toHaveAttribute('width', '64');
  const values = remotePanel.locator('details[data-testid^="values-"]').first();
  const raw = values.locator('[data-testid^="sample-"]');
  await expect(raw).toBeHidden();
  await values.locator('summary').click();
  await expect(raw).toBeVisible();
  await expect(raw).toHaveText(/^\[\d+, /);
  await screenshot(page, 'shared-image-run');

  const png = await page.request.get(`/r/${image}/thumbnail.png`);
  expect(png.status()).toBe(200);
  expect(png.headers()['content-type']).toBe('image/png');
  const body = await png.body();
  expect([body.readUInt32BE(16), body.readUInt32BE(20)]).toEqual([64, 48]);

  const og = await page.locator('meta[property="og:image"]').first().getAttribute('content');
  const preview = await page.request.get(new URL(og!).pathname);
  expect(preview.headers()['content-type']).toBe('image/png');
  writeFileSync(path.join(ARTIFACTS, 'og-image-run.png'), await preview.body());

  // The embed card shows the pictures too.
  await page.goto(`/embed/${image}`);
  await expect(page.getByTestId('embed-card').getByTestId('thumb-remote')).toHaveAttribute('width', '64');
  await screenshot(page, 'embed-image-run');

  await page.goto('/recent');
  const row = page.locator(`[data-testid="run-row"][data-id="${image}"]`);
  await expect(row.getByTestId('run-thumbnail')).toBeVisible();
  expect(await row.getByTestId('run-thumbnail').evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(64);

  // A second run of another kernel, unlisted: /compare names what differs.
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toBeVisible();
  const other = await shareRun(page, false);
  await page.goto(`/compare?a=${image}&b=${other}`);
  const workload = page.getByTestId('workload-diff');
  await expect(workload.locator('[data-testid="difference"][data-path="wgsl"]')).toBeVisible();
  await expect(workload.locator('[data-testid="difference"][data-path="dispatch"]')).toBeVisible();
  await expect(page.getByTestId('device-diff')).toContainText(
    'Nothing: the same devices, browser and daemon.',
  );
  await screenshot(page, 'compare-diff');
});
