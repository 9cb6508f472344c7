/**
 * Sharing a run through the Share dialog: a modal that keeps focus inside and closes on Esc; the
 * short link (unlisted unless ticked), the code link and the embed snippet with Copy buttons; the
 * shared page tells the story (headline, timing bars, the WGSL open, what Duet is, Run this
 * yourself with a daemon picker); /embed/<id> is the only page another site can frame.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { openPlayground, runBothSides, screenshot, selectPreset } from './testkit/helpers';

test.describe.configure({ mode: 'serial' });
test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

let id = '';

test('the Share dialog: focus stays inside, Esc closes it, then a short link, code link and embed snippet', async ({
  page,
}) => {
  await openPlayground(page);
  await selectPreset(page, 'saxpy');
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toBeVisible();

  const open = page.getByTestId('share');
  await open.click();
  const dialog = page.getByRole('dialog', { name: 'Share' });
  await expect(dialog).toBeVisible();
  // Modal: Tab never reaches the page behind it.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      const d = document.querySelector('[data-testid="share-dialog"]');
      return !a || a === document.body
        ? 'none'
        : d?.contains(a)
          ? 'dialog'
          : (a.outerHTML.slice(0, 80) ?? 'page');
    });
    expect(['dialog', 'none']).toContain(where);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();

  await open.click();
  await expect(dialog).toBeVisible();
  // Listing on /recent is opt-in.
  await expect(dialog.getByTestId('share-public')).not.toBeChecked();
  await expect(dialog.getByTestId('code-link-url')).toHaveValue(/\/#w=/);
  await dialog.getByTestId('share-create').click();
  const link = dialog.getByTestId('share-link');
  await expect(link).toHaveValue(/\/r\/[A-Za-z0-9_-]{22}$/);
  const url = await link.inputValue();
  id = url.split('/').pop()!;
  await dialog.getByTestId('share-link-copy').click();
  await expect(dialog.getByTestId('share-link-copied')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
  const snippet = await dialog.getByTestId('embed-snippet').inputValue();
  expect(snippet).toMatch(new RegExp(`^<iframe src="http://[^"]+/embed/${id}" title="Duet: saxpy"`));
  await dialog.getByTestId('embed-snippet-copy').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  await screenshot(page, 'share-dialog');
  await dialog.getByTestId('share-close').click();
  await expect(dialog).toBeHidden();

  // Not ticked: reachable through its link only.
  await page.goto('/recent');
  await expect(page.getByTestId('runs-table').or(page.getByText('No public runs yet'))).toBeVisible();
  await expect(page.locator(`[data-testid="run-row"][data-id="${id}"]`)).toHaveCount(0);
});

test('the shared page tells the story: headline, bars, the WGSL open, what Duet is, Run this yourself', async ({
  page,
}) => {
  await page.goto(`/r/${id}`);
  await expect(page.getByTestId('run-headline')).toHaveText(/^(Remote|Browser) [\d.]+× faster|^A tie/);
  await expect(page.getByTestId('run-story').getByTestId('timing-bar-warm')).toHaveCount(2);
  await expect(page.getByTestId('shared-wgsl')).toBeVisible();
  await expect(page.getByTestId('shared-wgsl')).toContainText('@compute');
  await expect(page.getByTestId('what-is-duet')).toContainText('WebGPU');
  await expect(page.getByRole('heading', { name: 'Run this yourself' })).toBeVisible();
  await expect(page.getByTestId('rerun').getByTestId('daemon-select')).toBeVisible();
  await expect(page.getByTestId('rerun')).not.toContainText('#0');
  await screenshot(page, 'shared-run-story');
});

test('/embed/<id> is a compact card any site can frame; every other page refuses to be framed', async ({
  page,
  request,
  baseURL,
}) => {
  const embed = await request.get(`/embed/${id}`);
  expect(embed.status()).toBe(200);
  expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
  for (const path of [`/r/${id}`, '/', '/recent', '/sweep']) {
    const res = await request.get(path);
    expect(res.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
  }

  // A blog on another origin (another loopback port, a real server: Chrome's local-network checks
  // refuse loopback frames in pages it cannot place) frames both: the card shows, the page is refused.
  const blog = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><h1>My eGPU post</h1>
      <iframe name="card" src="${baseURL}/embed/${id}" width="640" height="400"></iframe>
      <iframe name="page" src="${baseURL}/r/${id}" width="640" height="400"></iframe>`);
  });
  await new Promise<void>((resolve) => blog.listen(0, '127.0.0.1', resolve));
  const { port } = blog.address() as AddressInfo;
  await page.goto(`http://127.0.0.1:${port}/post`);
  const card = page.frameLocator('iframe[name="card"]');
  await expect(card.getByTestId('run-headline')).toHaveText(/faster|tie/);
  await expect(card.getByTestId('timing-bars')).toBeVisible();
  await expect(card.getByTestId('embed-link')).toHaveAttribute('href', `/r/${id}`);
  await expect
    .poll(() =>
      page
        .frames()
        .find((f) => f.name() === 'page')
        ?.url(),
    )
    .toMatch(/^chrome-error:/);
  await screenshot(page, 'embed-card-framed');
  blog.close();
});
