/**
 * Shareable benchmark links: run → Share → the link in a fresh browser shows the same numbers and
 * verdict; the link survives a web server restart; code links carry the workload exactly; Re-run
 * here shows the stored run and the new one with ratios; the OpenGraph image is a PNG.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { expect, type Locator, test } from '@playwright/test';
import {
  openPlayground,
  prependToSource,
  runBothSides,
  screenshot,
  selectPreset,
  setWorkloadJson,
  workloadJson,
} from './testkit/helpers';
import { E2E_PORT } from './testkit/ports';

test.describe.configure({ mode: 'serial' });

let sharedPath = '';
const seen: { local: string; remote: string; verdict: string; outputVerdict: string } = {
  local: '',
  remote: '',
  verdict: '',
  outputVerdict: '',
};

async function kernelMedian(panel: Locator): Promise<string> {
  const row = panel.getByTestId('timings').locator('tr', { hasText: 'kernel (median)' });
  return ((await row.locator('td').first().textContent()) ?? '').trim();
}

test('run → Share → the link opens in a fresh browser with the same numbers and verdict', async ({
  page,
  browser,
}) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toBeVisible();
  seen.local = await kernelMedian(page.getByTestId('side-local'));
  seen.remote = await kernelMedian(page.getByTestId('side-remote'));
  seen.verdict = (await page.getByTestId('overall-verdict').getAttribute('data-verdict')) ?? '';
  seen.outputVerdict = (await page.getByTestId('verdict-y').getAttribute('data-verdict')) ?? '';
  expect(seen.local).toMatch(/\d/);

  // Share… opens the dialog; listing on /recent is opt-in, ticked here for the /recent test below.
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-public')).not.toBeChecked();
  await page.getByTestId('share-public').check();
  await page.getByTestId('share-create').click();
  const link = page.getByTestId('share-link');
  await expect(link).toBeVisible();
  const url = new URL(await link.inputValue());
  expect(url.pathname).toMatch(/^\/r\/[A-Za-z0-9_-]{22}$/);
  sharedPath = url.pathname;

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(sharedPath);
  const shared = other.getByTestId('shared-run');
  expect(await kernelMedian(shared.getByTestId('shared-local'))).toBe(seen.local);
  expect(await kernelMedian(shared.getByTestId('shared-remote'))).toBe(seen.remote);
  await expect(shared.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', seen.verdict);
  await expect(shared.getByTestId('verdict-y')).toHaveAttribute('data-verdict', seen.outputVerdict);
  await expect(shared.getByTestId('shared-local').getByTestId('device')).toContainText('webgpu');
  await expect(shared.getByTestId('shared-remote').getByTestId('device')).toContainText('CPU emulation');
  await expect(shared.getByTestId('environment')).toContainText(/Chrom/);
  await screenshot(other, 'shared-run');

  // Link preview: the page names an OpenGraph image, and it is a PNG.
  const og = await other.locator('meta[property="og:image"]').first().getAttribute('content');
  expect(og).toBeTruthy();
  const image = await other.request.get(new URL(og!).pathname + new URL(og!).search);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/png');
  expect([...(await image.body()).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  await fresh.close();
});

test('JSON export, /recent and /compare show the shared run', async ({ page, request }) => {
  const id = sharedPath.split('/').pop()!;
  const json = await request.get(`${sharedPath}/json`);
  expect(json.status()).toBe(200);
  const body = (await json.json()) as { id: string; workload: { name: string } };
  expect(body.id).toBe(id);
  expect(body.workload.name).toBe('saxpy');

  await page.goto('/recent');
  const row = page.locator(`[data-testid="run-row"][data-id="${id}"]`);
  await expect(row).toBeVisible();
  // The warm end-to-end headline the summary stored, not a kernel ratio.
  await expect(row.getByTestId('run-headline')).toHaveText(
    /^(Remote|Browser) [\d.]+× faster, warm$|^A tie, warm$/,
  );

  await page.goto(`/compare?a=${id}&b=${encodeURIComponent(`http://example.test${sharedPath}`)}`);
  await expect(page.getByTestId('same-workload')).toHaveText('Both runs ran the same workload.');
  await expect(page.getByTestId('compare-ratio-remote kernel (median)')).toHaveText('×1.00');
});

test('the link still works after the web server restarts', async () => {
  const port = E2E_PORT + 2;
  const start = () =>
    spawn(
      process.execPath,
      ['node_modules/next/dist/bin/next', 'start', '-p', String(port), '-H', '127.0.0.1'],
      {
        stdio: 'ignore',
        env: { ...process.env, DUET_DAEMONS: '', DUET_TOKEN: '' },
      },
    );
  const stop = (p: ChildProcess) =>
    new Promise<void>((resolve) => {
      p.once('exit', () => resolve());
      p.kill('SIGKILL');
    });
  const fetchRun = async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${sharedPath}`);
        return { status: res.status, html: await res.text() };
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 300));
      }
    }
  };
  for (let round = 0; round < 2; round++) {
    const server = start();
    try {
      const { status, html } = await fetchRun();
      expect(status).toBe(200);
      expect(html).toContain('data-testid="shared-run"');
      expect(html).toContain(seen.remote);
    } finally {
      await stop(server);
    }
  }
});

test('a code link carries the workload exactly, in a fresh browser', async ({ page, browser }) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  const w = await workloadJson(page);
  w.name = 'saxpy — workshop ✓';
  w.runs = { warmup: 1, samples: 3 };
  await setWorkloadJson(page, w);
  await prependToSource(page, '// ünïcödé ✓ "quotes" & <tags>\n');
  await page.getByTestId('share').click();
  const url = await page.getByTestId('code-link-url').inputValue();
  expect(url).toMatch(/\/#w=/);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await openPlayground(other, url);
  await expect.poll(() => workloadJson(other)).toEqual(w);
  await expect(other.getByTestId('wgsl-editor')).toContainText('ünïcödé ✓ "quotes" & <tags>');
  // Encoding what arrived gives the very same link: the workload round-tripped exactly.
  await other.getByTestId('share').click();
  await expect(other.getByTestId('code-link-url')).toHaveValue(url);
  await fresh.close();
});

test('Re-run here shows the stored run and the new one, with ratios', async ({ page }) => {
  await page.goto(sharedPath);
  await page.getByTestId('rerun-button').click();
  const rerun = page.getByTestId('rerun');
  await expect(rerun.getByTestId('local-status')).toHaveText(/^(done|error)$/);
  await expect(rerun.getByTestId('remote-status')).toHaveText(/^(done|error)$/);
  await expect(rerun.getByTestId('local-status')).toHaveText('done');
  await expect(rerun.getByTestId('remote-status')).toHaveText('done');
  await expect(rerun.getByTestId('ratio-browser')).toHaveText(/^×\d/);
  await expect(rerun.getByTestId('ratio-remote')).toHaveText(/^×\d/);
  await expect(rerun.getByTestId('rerun-stored-verdict')).toHaveText(`outputs ${seen.verdict}`);
  await expect(rerun.getByTestId('rerun-new-verdict')).toHaveText(/^outputs (agree|disagree)$/);
  // The stored run stays on the page next to the new one.
  expect(await kernelMedian(page.getByTestId('shared-remote'))).toBe(seen.remote);
  await screenshot(page, 'shared-run-rerun');
});

test('Import JSON loads an exported run and reports field paths for a bad file', async ({
  page,
  request,
}) => {
  const exported = await (await request.get(`${sharedPath}/json`)).body();
  await openPlayground(page);
  await selectPreset(page, 'reduce-workgroup');
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: exported });
  await expect.poll(async () => (await workloadJson(page)).name).toBe('saxpy');

  const bad = {
    name: 'bad',
    wgsl: 'x',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [{ group: 0, binding: 0, name: 'y', kind: 'framebuffer', output: true }],
  };
  await page.getByTestId('import-file').setInputFiles({
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await expect(page.getByTestId('share-error')).toContainText('bindings[0].kind');
  expect((await workloadJson(page)).name).toBe('saxpy');
});
