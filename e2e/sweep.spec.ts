/**
 * The sweep page: a few small sizes on both sides (SwiftShader WebGPU and the CPU-emulation daemon),
 * the log-log chart with both series and a crossover marker or the explicit "no crossover" text,
 * the remote total with its measured transport and one crossover per projected link,
 * the link model (no measured link on CPU emulation; a measured one when the device reports it),
 * the roofline, and cancelling a sweep.
 */
import { expect, type Page, test } from '@playwright/test';
import { openPlayground, screenshot } from './testkit/helpers';

async function openSweep(page: Page) {
  await page.goto('/sweep');
  await expect(page.getByTestId('sweep-run')).toBeVisible();
  await page.getByLabel('Preset').selectOption('saxpy');
}

/** A crossover kind with a size where the lead changes hands, so the chart marks it ('local-from': the
 * remote total, with its transport, is faster at small sizes only). */
const crosses = (kind: string | null) => kind === 'crossover' || kind === 'local-from';

async function sweepList(page: Page, values: string) {
  await page.getByTestId('mode-list').check();
  await page.getByTestId('sweep-list').fill(values);
  await expect(page.getByTestId('sweep-problem')).toHaveCount(0);
  await page.getByTestId('sweep-run').click();
}

test('the playground links to the sweep page', async ({ page }) => {
  await openPlayground(page);
  await page.getByTestId('sweep-link').click();
  await expect(page).toHaveURL(/\/sweep(\?|$)/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Duet sweep');
});

test('a sweep over small sizes charts both sides, marks the crossover or says there is none', async ({
  page,
}) => {
  await openSweep(page);
  // Values outside the parameter's bounds are refused before anything runs.
  await page.getByTestId('mode-list').check();
  await page.getByTestId('sweep-list').fill('1024, 999999999');
  await expect(page.getByTestId('sweep-problem')).toContainText('outside');
  await expect(page.getByTestId('sweep-run')).toBeDisabled();

  await sweepList(page, '1024, 4096, 16384');
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sweep-row')).toHaveCount(3);
  await expect(page.getByTestId('local-error')).toHaveCount(0);
  await expect(page.getByTestId('remote-error')).toHaveCount(0);

  // The chart (uPlot, loaded on demand) draws on a canvas; its legend names both sides' series.
  const chart = page.getByTestId('time-chart');
  await expect(chart.locator('canvas').first()).toBeVisible();
  for (const name of [
    'local total',
    'remote total',
    'local kernel',
    'remote kernel',
    'remote transport',
    'remote over tb4 (projected)',
    'remote over pcie5x16 (projected)',
  ])
    await expect(chart.locator('.u-legend')).toContainText(name);

  // The remote total counts the transport measured for each point, shown in its own column.
  const transport = page.getByTestId('remote-transport');
  await expect(transport).toHaveCount(3);
  for (const cell of await transport.all()) await expect(cell).toHaveText(/^\d/);
  // One stated crossover per link projection, each with its marker when it crosses in range.
  const linkCrossovers = page.getByTestId('crossover-link');
  await expect(linkCrossovers).toHaveCount(4);
  for (const [i, id] of ['tb4', 'tb5', 'pcie4x16', 'pcie5x16'].entries()) {
    await expect(linkCrossovers.nth(i)).toHaveAttribute('data-link', id);
    const linkKind = await linkCrossovers.nth(i).getAttribute('data-kind');
    await expect(page.getByTestId(`crossover-marker-${id}`)).toHaveCount(crosses(linkKind) ? 1 : 0);
  }

  // A crossover has its marker over the plot; without one the page says so in words.
  const kind = await page.getByTestId('crossover-total').getAttribute('data-kind');
  const kernelKind = await page.getByTestId('crossover-kernel').getAttribute('data-kind');
  if (crosses(kind)) await expect(page.getByTestId('crossover-marker-total')).toBeVisible();
  else await expect(page.getByTestId('crossover-marker-total')).toHaveCount(0);
  if (!crosses(kind) && !crosses(kernelKind))
    await expect(page.getByTestId('no-crossover')).toContainText('No crossover in this range');
  else await expect(page.locator('[data-testid^="crossover-marker-"]').first()).toBeVisible();

  // CPU emulation measures no host↔device link: the page says so and shows no measured row.
  const links = page.getByTestId('link-model');
  await expect(links.getByTestId('no-measured-link')).toContainText('CPU emulation has no link');
  await expect(links.getByTestId('link-row-measured')).toHaveCount(0);
  for (const id of ['tb4', 'tb5', 'pcie4x16', 'pcie5x16'])
    await expect(links.getByTestId(`link-row-${id}`)).toBeVisible();
  await expect(links.getByTestId('link-sources')).toContainText('measured-typical');

  // The table follows the chosen point and the typed link.
  const tb4 = links.getByTestId('link-row-tb4').getByTestId('predicted-ms');
  const at16k = await tb4.textContent();
  await links.getByTestId('link-point').selectOption({ label: 'N = 1,024' });
  await expect(links.getByTestId('link-summary')).toContainText('N = 1,024');
  await expect(tb4).not.toHaveText(at16k ?? '');
  const custom = links.getByTestId('link-row-custom').getByTestId('predicted-ms');
  const at10 = await custom.textContent();
  // 1 kB/s: the 12 kB this point moves take 12 s, so the local side wins however long this
  // machine's software WebGPU takes (at 1 MB/s a loaded 2-core CI machine's local run lost).
  await links.getByTestId('custom-link').fill('0.000001');
  await expect(custom).not.toHaveText(at10 ?? '');
  await expect(links.getByTestId('link-row-custom').getByTestId('winner')).toContainText('local');

  // Roofline: the local adapter reports no peaks, so the reader enters them and the roof is drawn.
  const roofline = page.getByTestId('roofline');
  await roofline.getByTestId('roofline-side').selectOption('local');
  await expect(roofline.getByTestId('roofline-needs-peaks')).toBeVisible();
  await roofline.getByTestId('peak-gflops').fill('1000');
  await roofline.getByTestId('peak-gbs').fill('100');
  await expect(roofline.getByTestId('roofline-chart').locator('img')).toBeVisible();
  await screenshot(page, 'sweep-saxpy');
});

test('a device that measured its link gets a measured row, and a sweep can be cancelled', async ({
  page,
}) => {
  // Stand in for a CUDA daemon: the real CPU-emulation answer plus the bandwidth a CUDA executor
  // measures at start (core/result.ts DeviceInfo.bandwidth).
  // runs.submit answers as a stream of JSON lines; the result's device gets the bandwidth.
  await page.route('**/api/trpc/**runs.submit**', async (route) => {
    const response = await route.fetch();
    const lines = (await response.text()).split('\n').map((line) => {
      if (!line.includes('"type":"result"')) return line;
      return line.replace(
        '"device":{',
        '"device":{"bandwidth":{"hostToDeviceGBs":12.5,"deviceToHostGBs":13.25},',
      );
    });
    await route.fulfill({ response, body: lines.join('\n') });
  });
  await openSweep(page);
  await sweepList(page, '1024, 2048');
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done');
  const measured = page.getByTestId('link-row-measured');
  await expect(measured).toBeVisible();
  await expect(measured).toContainText('12.5 ↑ / 13.3 ↓');
  await expect(page.getByTestId('no-measured-link')).toHaveCount(0);

  // Cancel a long sweep after its first point: it stops with fewer points than asked for.
  await page.getByTestId('mode-range').check();
  await page.getByTestId('sweep-lo').fill('1024');
  await page.getByTestId('sweep-hi').fill(String(2 ** 22));
  await page.getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-row').first()).toBeVisible();
  await page.getByTestId('sweep-cancel').click();
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('sweep-status')).toContainText('Cancelled after');
  expect(await page.getByTestId('sweep-row').count()).toBeLessThan(13);
  await expect(page.getByTestId('sweep-run')).toBeEnabled();
});
