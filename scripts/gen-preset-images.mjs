#!/usr/bin/env node
/**
 * Draws the pictures the texture presets ship with (shaders/<id>/src.png), procedurally, so nothing is
 * downloaded and anyone can regenerate them byte for byte:
 *
 *   node scripts/gen-preset-images.mjs
 *
 * One 128×96 RGBA test card: a colour gradient in flat 16-px steps, hard-edged discs and boxes
 * (edges for Sobel), a checkerboard and fine stripes (aliasing for the resize, detail for the blur).
 * The presets read the PNG through scripts/gen-shader-index.mjs, which decodes it into the texture
 * binding's init; the page fetches those texels when the preset is chosen (server/presets.ts), and
 * flat steps compress about ten times better on the wire than a smooth gradient (1.7 kB gzip a
 * picture, not 15).
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encode } from 'fast-png';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const WIDTH = 128;
const HEIGHT = 96;
const PRESETS = ['texture-blur', 'texture-resize', 'texture-sobel'];

function testCard() {
  const data = new Uint8Array(WIDTH * HEIGHT * 4);
  const put = (x, y, r, g, b) => data.set([r, g, b, 255], (y * WIDTH + x) * 4);
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      // Background: a two-axis gradient in 16-px steps.
      const [sx, sy] = [(x >> 4) << 4, (y >> 4) << 4];
      let rgb = [Math.round((sx / (WIDTH - 1)) * 200) + 30, Math.round((sy / (HEIGHT - 1)) * 160) + 40, 150];
      // A checkerboard (8 px squares) in the top-left quarter.
      if (x < 48 && y < 32) rgb = ((x >> 3) + (y >> 3)) % 2 ? [240, 240, 240] : [20, 20, 20];
      // Fine vertical stripes, 2 px wide, bottom-left.
      if (x < 40 && y >= 64) rgb = (x >> 1) % 2 ? [250, 220, 60] : [40, 60, 160];
      // Two discs and a box with hard edges.
      if ((x - 80) ** 2 + (y - 30) ** 2 <= 18 ** 2) rgb = [220, 40, 50];
      if ((x - 58) ** 2 + (y - 64) ** 2 <= 14 ** 2) rgb = [30, 180, 90];
      if (x >= 92 && x < 120 && y >= 56 && y < 86) rgb = [250, 250, 250];
      if (x >= 100 && x < 112 && y >= 64 && y < 78) rgb = [10, 10, 10];
      put(x, y, ...rgb);
    }
  }
  return encode({ width: WIDTH, height: HEIGHT, data, channels: 4, depth: 8 });
}

const png = testCard();
for (const id of PRESETS) {
  writeFileSync(join(ROOT, 'shaders', id, 'src.png'), png);
  process.stdout.write(`gen-preset-images: wrote shaders/${id}/src.png (${png.byteLength} bytes)\n`);
}
