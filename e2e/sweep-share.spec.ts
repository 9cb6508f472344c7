/**
 * Sharing a sweep: its settings live in the URL (a link opens with them, edits update it); a finished
 * sweep downloads as CSV, and "Share sweep" stores it at /s/<id>, which a fresh browser opens with
 * the chart, the rows, the devices and the link model, plus CSV/JSON export and "Run this sweep
 * yourself". The chart's legend names the series without "--" placeholders. Listed by its sharer, it
 * appears on /recent in the sweeps' own table, not among the runs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ARTIFACTS, screenshot } from './testkit/helpers';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('sweep settings in the URL, CSV download, Share sweep → /s/<id> in a fresh browser', async ({
  page,
  browser,
}) => {
  await page.goto('/sweep?preset=saxpy&param=N&list=1024%2C%204096');
  await expect(page.getByLabel('Preset')).toHaveValue('saxpy');
  await expect(page.getByTestId('mode-list')).toBeChecked();
  await expect(page.getByTestId('sweep-list')).toHaveValue('1024, 4096');
  await page.getByTestId('sweep-list').fill('1024, 2048');
  await expect(page).toHaveURL(/[?&]list=1024%2C(\+|%20)2048(&|$)/);

  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sweep-row')).toHaveCount(2);
  const legend = page.getByTestId('time-chart').locator('.u-legend');
  await expect(legend).toContainText('remote total');
  await expect(legend).not.toContainText('--');

  const download = page.waitForEvent('download');
  await page.getByTestId('sweep-csv').click();
  const csv = readFileSync((await (await download).path())!, 'utf8').split('\r\n');
  expect(csv[0]).toMatch(/^N,bytes_up,bytes_down,local_upload_ms,/);
  expect(csv.slice(1, 3).map((l) => l.split(',')[0])).toEqual(['1024', '2048']);

  await page.getByTestId('sweep-share-public').check();
  await page.getByTestId('sweep-share-button').click();
  const link = page.getByTestId('sweep-link');
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]{22}$/);
  const url = new URL(await link.inputValue());
  await screenshot(page, 'sweep-shared-from');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url.pathname);
  const shared = other.getByTestId('shared-sweep');
  await expect(shared.getByTestId('sweep-row')).toHaveCount(2);
  await expect(shared.getByTestId('time-chart').locator('canvas').first()).toBeVisible();
  await expect(shared.getByTestId('time-chart').locator('.u-legend')).toContainText(
    'remote over tb4 (projected)',
  );
  await expect(shared.getByTestId('link-model').getByTestId('link-row-tb4')).toBeVisible();
  await expect(other.getByTestId('sweep-devices')).toContainText('CPU emulation');
  await expect(other.getByTestId('sweep-again')).toHaveAttribute(
    'href',
    /\/sweep\?preset=saxpy&param=N&list=1024/,
  );
  await screenshot(other, 'sweep-shared');
  // Its link preview is a PNG with the chart.
  const og = await other.locator('meta[property="og:image"]').first().getAttribute('content');
  // On the host the page was reached through (or DUET_PUBLIC_URL), not Next's localhost fallback.
  expect(new URL(og!).host).toBe(new URL(other.url()).host);
  const preview = await other.request.get(new URL(og!).pathname);
  expect(preview.status()).toBe(200);
  expect(preview.headers()['content-type']).toBe('image/png');
  writeFileSync(path.join(ARTIFACTS, 'og-image-sweep.png'), await preview.body());

  const csvRes = await other.request.get(`${url.pathname}/csv`);
  expect(csvRes.status()).toBe(200);
  expect(csvRes.headers()['content-type']).toContain('text/csv');
  expect((await csvRes.text()).split('\r\n')[0]).toBe(csv[0]);
  const json = await other.request.get(`${url.pathname}/json`);
  expect(json.status()).toBe(200);
  const body = (await json.json()) as { id: string; points: unknown[]; links: { id: string }[] };
  expect(body.id).toBe(url.pathname.split('/').pop());
  expect(body.points).toHaveLength(2);
  expect(body.links.map((l) => l.id)).toContain('pcie5x16');
  expect((await other.request.get('/s/AAAAAAAAAAAAAAAAAAAAAA')).status()).toBe(404);

  await other.goto('/recent');
  const id = url.pathname.split('/').pop()!;
  const row = other.getByTestId('sweeps-table').locator(`[data-testid="sweep-row"][data-id="${id}"]`);
  await expect(row).toContainText('SAXPY');
  await expect(row).toContainText('N 1024 … 2048');
  await expect(other.locator(`[data-testid="run-row"][data-id="${id}"]`)).toHaveCount(0);
  await fresh.close();
});
