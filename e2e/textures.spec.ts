/**
 * Textures end to end (issue 20): each texture preset runs in the page on both sides (WebGPU in
 * Chromium, the CPU daemon), the outputs agree and the storage-texture output is drawn; a picture
 * loaded or dropped on a texture binding becomes its size and texels, and the run still agrees.
 * Run alone with its own port: DUET_E2E_PORT=3811 npx playwright test e2e/textures.spec.ts
 */
import { expect, type Page, test } from '@playwright/test';
import { encode } from 'fast-png';
import { openPlayground, runBothSides, screenshot, selectPreset, workloadJson } from './testkit/helpers';

type Binding = Record<string, unknown>;

async function binding(page: Page, name: string): Promise<Binding> {
  const w = await workloadJson(page);
  return (w.bindings as Binding[]).find((b) => b.name === name)!;
}

async function expectAgreeWithImages(page: Page, output: string): Promise<void> {
  await expect(page.getByTestId('side-local').getByTestId('local-error')).toHaveCount(0);
  await expect(page.getByTestId('side-remote').getByTestId('remote-error')).toHaveCount(0);
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
  const images = page.getByTestId(`image-compare-${output}`);
  await expect(images.getByTestId('image-local')).toBeVisible();
  await expect(images.getByTestId('image-remote')).toBeVisible();
  await expect(images.getByTestId('image-diff')).toBeVisible();
}

/** A 64×48 PNG unlike the presets' test card: diagonal bands. */
function bandsPng(width = 64, height = 48): Buffer {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      data.set([((x + y) >> 3) % 2 ? 240 : 30, x * 4, y * 5, 255], (y * width + x) * 4);
  return Buffer.from(encode({ width, height, data, channels: 4, depth: 8 }));
}

for (const id of ['texture-sobel', 'texture-resize', 'texture-blur']) {
  test(`${id}: both sides run the texture preset, the outputs agree and are drawn`, async ({ page }) => {
    await openPlayground(page);
    // The picture is not in the page: it is fetched when the preset is chosen (server/presets.ts).
    const picture = page.waitForResponse(`**/api/presets/${id}/pictures/src`);
    await selectPreset(page, id);
    expect((await (await picture).body()).byteLength).toBe(128 * 96 * 4);
    await expect(page.getByTestId('texture-summary-src')).toContainText('rgba8unorm · 128×96');
    await expect(page.getByTestId('texture-summary-dst')).toContainText('write · output');
    if (id === 'texture-sobel') {
      // A storage texture's tolerance is edited like a buffer's (ULPs are stored steps here).
      await page.getByTestId('tolerance-ulp-dst').fill('2');
      await expect.poll(async () => (await binding(page, 'dst')).tolerance).toEqual({ ulp: 2 });
    }
    await runBothSides(page);
    await expectAgreeWithImages(page, 'dst');
    await expect(page.getByTestId('verdict-dst')).toContainText('rgba8unorm channels');
    await screenshot(page, `preset-${id}`);
  });
}

test('a picture loaded on the texture binding sets its size and texels, and the run agrees', async ({
  page,
}) => {
  await openPlayground(page);
  await selectPreset(page, 'texture-sobel');
  const before = await binding(page, 'src');

  // A file that is not an image: a clear error, the binding unchanged.
  await page.getByTestId('picture-input-src').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('not a picture'),
  });
  await expect(page.getByTestId('picture-error-src')).toContainText('"notes.txt" is not an image');
  expect(await binding(page, 'src')).toEqual(before);

  // Dropped on the box, as a mouse user would.
  const png = bandsPng();
  const drop = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], 'bands.png', { type: 'image/png' }));
    return dt;
  }, png.toString('base64'));
  await page.getByTestId('picture-drop-src').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByTestId('picture-loaded-src')).toContainText('bands.png: 64×48');
  await expect(page.getByTestId('picture-error-src')).toHaveCount(0);
  const after = await binding(page, 'src');
  expect(after.size).toEqual([64, 48]);
  expect(after.init).not.toEqual(before.init);

  // The kernel covers the picture's own size (textureDimensions(src)); the rest of the 128×96
  // output stays zero on both sides, so they must still agree texel for texel.
  await runBothSides(page);
  await expectAgreeWithImages(page, 'dst');
  await screenshot(page, 'texture-picture-dropped');
});

test('a 4096×4096 picture is scaled to the texture’s size, or down to the limit, and runs', async ({
  page,
}) => {
  await openPlayground(page);
  await selectPreset(page, 'texture-sobel');
  const huge = { name: 'huge.png', mimeType: 'image/png', buffer: bandsPng(4096, 4096) };

  // Scaled to the texture's own size: the preset's 128×96, which its dispatch covers.
  await page.getByTestId('picture-fit-src').check();
  await page.getByTestId('picture-input-src').setInputFiles(huge);
  await expect(page.getByTestId('picture-loaded-src')).toHaveText(
    "huge.png: 4096×4096 scaled to the texture's 128×96",
  );
  await expect(page.getByTestId('picture-error-src')).toHaveCount(0);
  expect((await binding(page, 'src')).size).toEqual([128, 96]);
  await runBothSides(page);
  await expectAgreeWithImages(page, 'dst');

  // At its own size it would not fit a shared run: it is scaled down, keeping its aspect, and the page says so.
  await page.getByTestId('picture-fit-src').uncheck();
  await page.getByTestId('picture-input-src').setInputFiles(huge);
  await expect(page.getByTestId('picture-loaded-src')).toHaveText(
    'huge.png: 4096×4096 scaled down to 384×384 (pictures hold at most 147,456 pixels (e.g. 384×384) and 2048 px a side)',
  );
  const scaled = await binding(page, 'src');
  expect(scaled.size).toEqual([384, 384]);
  expect(Buffer.from((scaled.init as { base64: string }).base64, 'base64').byteLength).toBe(384 * 384 * 4);
});

test('a shared texture run shows its storage-texture output as pictures', async ({ page }) => {
  await openPlayground(page);
  await selectPreset(page, 'texture-sobel');
  await runBothSides(page);
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
  await page.getByTestId('share').click();
  await page.getByTestId('share-create').click();
  const url = await page.getByTestId('share-link').inputValue();
  await page.getByTestId('share-close').click();

  await page.goto(new URL(url).pathname);
  const thumbs = page.getByTestId('output-thumbnails');
  for (const id of ['thumb-local', 'thumb-remote', 'thumb-diff'])
    await expect(thumbs.getByTestId(id)).toBeVisible();
  await expect(page.getByTestId('verdict-dst')).toContainText('rgba8unorm channels');
  await screenshot(page, 'texture-shared-run');
});

test('a code link to a texture preset opens as that preset once its picture is here', async ({
  page,
  browser,
}) => {
  await openPlayground(page);
  const hash = () => page.evaluate(() => window.location.hash);
  await expect.poll(hash).toMatch(/^#w=/);
  const before = await hash();
  await selectPreset(page, 'texture-resize');
  await expect.poll(hash).not.toBe(before);
  const link = await hash();
  // In a browser that has never seen the page: nothing saved, only the link.
  const fresh = await (await browser.newContext()).newPage();
  await openPlayground(fresh, `/${link}`);
  await expect(fresh.getByLabel('Preset')).toHaveValue('texture-resize');
  await expect(fresh.getByTestId('texture-summary-src')).toContainText('rgba8unorm · 128×96');
  await runBothSides(fresh);
  await expectAgreeWithImages(fresh, 'dst');
  await fresh.context().close();
});

test('a sweep of a texture preset fetches its picture and runs every point on both sides', async ({
  page,
}) => {
  await page.goto('/sweep');
  await expect(page.getByTestId('sweep-run')).toBeVisible();
  await page.getByLabel('Preset').selectOption('texture-resize');
  await page.getByTestId('mode-list').check();
  await page.getByTestId('sweep-list').fill('0.5, 1');
  await expect(page.getByTestId('sweep-problem')).toHaveCount(0);
  const picture = page.waitForResponse('**/api/presets/texture-resize/pictures/src');
  await page.getByTestId('sweep-run').click();
  expect((await picture).status()).toBe(200);
  await expect(page.getByTestId('sweep-status')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('sweep-row')).toHaveCount(2);
  await expect(page.getByTestId('local-error')).toHaveCount(0);
  await expect(page.getByTestId('remote-error')).toHaveCount(0);
});
