/**
 * Depth, comparison and cube textures end to end (issue 20): a shadow-map style kernel with a
 * depth32float texture (which the page fills by drawing, app/gpu/depth-fill.ts), a depth16unorm one,
 * nearest and linear comparison samplers and a cube map runs in the page on both sides (WebGPU in
 * Chromium, the CPU daemon) and the outputs agree: exactly for loads, nearest comparisons, gathers and
 * cube faces, within 1/256 for the linear (percentage-closer) comparison (docs/contracts.md §3).
 * Run alone with its own port: DUET_E2E_PORT=4312 npx playwright test e2e/depth-textures.spec.ts
 */
import { expect, type Page, test } from '@playwright/test';
import { openPlayground, runBothSides, screenshot, setWorkloadJson } from './testkit/helpers';

const WGSL = `@group(0) @binding(0) var shadow: texture_depth_2d;
@group(0) @binding(1) var layers: texture_depth_2d_array;
@group(0) @binding(2) var nearest: sampler_comparison;
@group(0) @binding(3) var pcf: sampler_comparison;
@group(0) @binding(4) var sky: texture_cube<f32>;
@group(0) @binding(5) var pick: sampler;
@group(0) @binding(6) var<storage, read_write> exact: array<f32>;
@group(0) @binding(7) var<storage, read_write> filtered: array<f32>;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) g: vec3u) {
  let i = g.y * 16u + g.x;
  let uv = (vec2f(g.xy) + 0.5) / 16.0;
  let r = f32(i % 7u) / 7.0;
  let gc = textureGatherCompare(layers, nearest, uv, g.x % 2u, r);
  exact[i * 4u] = textureLoad(shadow, g.xy, 0);
  exact[i * 4u + 1u] = textureSampleCompareLevel(shadow, nearest, uv, r);
  exact[i * 4u + 2u] = gc.x + gc.y * 2.0 + gc.z * 4.0 + gc.w * 8.0;
  let dir = vec3f(uv * 2.0 - 1.0, select(-1.0, 1.0, g.x % 2u == 0u)).zxy;
  exact[i * 4u + 3u] = textureSampleLevel(sky, pick, dir, 0.0).x;
  filtered[i] = textureSampleCompareLevel(shadow, pcf, uv + 0.013, r);
}`;

const WORKLOAD = {
  name: 'shadow-compare',
  entryPoint: 'main',
  dispatch: [2, 2, 1],
  bindings: [
    {
      group: 0,
      binding: 0,
      name: 'shadow',
      kind: 'texture',
      format: 'depth32float',
      size: [16, 16],
      init: { random: { seed: 7, min: 0, max: 1 } },
    },
    {
      group: 0,
      binding: 1,
      name: 'layers',
      kind: 'texture',
      format: 'depth16unorm',
      size: [16, 16, 2],
      init: { random: { seed: 8, min: 0, max: 1 } },
    },
    { group: 0, binding: 2, name: 'nearest', kind: 'sampler', sampler: { compare: 'less-equal' } },
    {
      group: 0,
      binding: 3,
      name: 'pcf',
      kind: 'sampler',
      sampler: { compare: 'greater', filter: 'linear' },
    },
    {
      group: 0,
      binding: 4,
      name: 'sky',
      kind: 'texture',
      format: 'r32float',
      size: [4, 4, 6],
      dimension: 'cube',
      init: { iota: { start: 0, step: 1 } },
    },
    { group: 0, binding: 5, name: 'pick', kind: 'sampler' },
    { group: 0, binding: 6, name: 'exact', kind: 'storage', element: 'f32', length: 1024, output: true },
    {
      group: 0,
      binding: 7,
      name: 'filtered',
      kind: 'storage',
      element: 'f32',
      length: 256,
      output: true,
      tolerance: { abs: 1 / 256 },
    },
  ],
  runs: { warmup: 0, samples: 1 },
};

async function replaceSource(page: Page, text: string): Promise<void> {
  await page.getByTestId('wgsl-editor').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

test('depth, comparison and cube textures run on both sides and agree', async ({ page }) => {
  await openPlayground(page);
  await replaceSource(page, WGSL);
  await setWorkloadJson(page, WORKLOAD);
  await expect(page.getByText('translates cleanly')).toBeVisible();
  await expect(page.getByTestId('texture-summary-pcf')).toContainText('compare greater');
  await runBothSides(page);
  await expect(page.getByTestId('side-local').getByTestId('local-error')).toHaveCount(0);
  await expect(page.getByTestId('side-remote').getByTestId('remote-error')).toHaveCount(0);
  await expect(page.getByTestId('verdict-exact')).toHaveAttribute('data-verdict', 'match');
  await expect(page.getByTestId('verdict-filtered')).toHaveAttribute(
    'data-verdict',
    /^(match|within-tolerance)$/,
  );
  await expect(page.getByTestId('overall-verdict')).toHaveAttribute('data-verdict', 'agree');
  await screenshot(page, 'depth-textures');
});
