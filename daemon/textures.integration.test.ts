/**
 * Textures through the daemon with the real translator and the C++ executor's CPU backend
 * (docs/contracts.md §1, §3, §4): a storage texture output comes back as its texels without the
 * slot header, a linear textureSampleLevel gives the interpolation WebGPU defines, depth textures and a
 * depth cube compare through a comparison sampler, and a workload whose texture or sampler does not fit
 * the WGSL's type is refused with the binding's field.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DaemonError, type DaemonTarget, submitRun } from '#daemon-client';
import { generateTexels } from '../core/texel-init';
import { textureFormat } from '../core/texture-formats';
import type { WorkloadInput } from '../core/workload';
import { type RunningDaemon, startDaemon } from './daemon';

const ROOT = join(import.meta.dirname, '..');

const WGSL = `
@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var dst: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(3) var<storage, read_write> out: array<vec4f>;
@compute @workgroup_size(8, 4) fn copy(@builtin(global_invocation_id) id: vec3u) {
  textureStore(dst, id.xy, textureLoad(src, id.xy, 0));
}
@compute @workgroup_size(1) fn sample() {
  // u = 0.4375 on a 4-texel row: 1.75 texels, 1.25 past texel 0's centre: texels 1 and 2, weight 0.25.
  out[0] = textureSampleLevel(src, smp, vec2f(0.4375, 0.5), 0.0);
}`;

const random = { random: { seed: 3, min: 0, max: 255 } };

const copy: WorkloadInput = {
  name: 'texture-copy',
  wgsl: WGSL,
  entryPoint: 'copy',
  dispatch: [1, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'src', kind: 'texture', format: 'rgba8unorm', size: [8, 4], init: random },
    {
      group: 0,
      binding: 2,
      name: 'dst',
      kind: 'storage-texture',
      format: 'rgba8unorm',
      size: [8, 4],
      access: 'write',
      output: true,
    },
  ],
  runs: { warmup: 0, samples: 2 },
};

const TEXELS = [0, 0, 0, 0, 40, 80, 120, 160, 200, 100, 0, 255, 9, 9, 9, 9];
const sample: WorkloadInput = {
  name: 'texture-sample',
  wgsl: WGSL,
  entryPoint: 'sample',
  dispatch: [1, 1, 1],
  bindings: [
    {
      group: 0,
      binding: 0,
      name: 'src',
      kind: 'texture',
      format: 'rgba8unorm',
      size: [4, 1],
      init: { data: TEXELS },
    },
    { group: 0, binding: 1, name: 'smp', kind: 'sampler', sampler: { filter: 'linear' } },
    { group: 0, binding: 3, name: 'out', kind: 'storage', element: 'f32', length: 4, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

let cacheDir: string;
beforeAll(() => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  cacheDir = mkdtempSync(join(tmpdir(), 'duet-textures-'));
});

/** A shadow lookup: a depth32float map, a linear "less" comparison sampler and a cube, in one run. */
const shadow: WorkloadInput = {
  name: 'depth-compare',
  wgsl: `@group(0) @binding(0) var map: texture_depth_2d;
@group(0) @binding(1) var cmp: sampler_comparison;
@group(0) @binding(2) var sky: texture_depth_cube;
@group(0) @binding(3) var<storage, read_write> out: array<f32, 4>;
@compute @workgroup_size(1) fn main() {
  // Texels 0.2 0.3 / 0.6 0.7 at the centre of a 2×2 map: 0.45 passes "less" on the bottom row.
  out[0] = textureSampleCompareLevel(map, cmp, vec2f(0.5, 0.5), 0.45);
  out[1] = textureLoad(map, vec2u(1u, 1u), 0);
  // -y is face 3 of the cube (depth 0.3), a 1×1 face: (s, t) = (0.525, 0.475), so the linear
  // footprint reaches across two edges (seamless, Vulkan "Cube Map Edge Handling"): face 3 with weight
  // 0.975 × 0.975, +x (depth 0) and +z (0.4) with 0.025 × 0.975 each, the corner (the mean of the three,
  // 0.233) 0.025 × 0.025. 0.25 passes on face 3 and +z: 0.975; 0.35 only on +z: 0.024375.
  out[2] = textureSampleCompareLevel(sky, cmp, vec3f(0.1, -2.0, 0.1), 0.25);
  out[3] = textureSampleCompareLevel(sky, cmp, vec3f(0.1, -2.0, 0.1), 0.35);
}`,
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [
    {
      group: 0,
      binding: 0,
      name: 'map',
      kind: 'texture',
      format: 'depth32float',
      size: [2, 2],
      init: { data: [0.2, 0.3, 0.6, 0.7] },
    },
    { group: 0, binding: 1, name: 'cmp', kind: 'sampler', sampler: { compare: 'less', filter: 'linear' } },
    {
      group: 0,
      binding: 2,
      name: 'sky',
      kind: 'texture',
      format: 'depth16unorm',
      size: [1, 1, 6],
      dimension: 'cube',
      init: { data: [0, 0.1, 0.2, 0.3, 0.4, 0.5] },
    },
    { group: 0, binding: 3, name: 'out', kind: 'storage', element: 'f32', length: 4, output: true },
  ],
  runs: { warmup: 0, samples: 1 },
};

describe('textures through the daemon on the CPU executor', () => {
  let d: RunningDaemon;
  let t: DaemonTarget;
  beforeAll(async () => {
    d = await startDaemon({ port: 0, backend: 'cpu', cacheDir, limits: { maxRunMs: 60_000 } });
    t = { url: d.url, token: d.token };
    await d.supervisor.waitReady(60_000);
  });
  afterAll(() => d?.close());

  it('copies a texture with textureLoad/textureStore: the output is the texels, no header', async () => {
    const r = await submitRun(t, copy);
    const want = generateTexels(
      {
        format: textureFormat('rgba8unorm')!,
        dimension: '2d',
        width: 8,
        height: 4,
        depthOrLayers: 1,
        mipLevels: 1,
      },
      random,
    );
    // unorm8 read as v/255 and stored as round(x × 255) gives every byte back.
    expect([...r.outputs.dst!]).toEqual([...want]);
  });

  it('samples linearly between two texels as WebGPU defines (texel centres at +0.5)', async () => {
    const r = await submitRun(t, sample);
    const o = r.outputs.out!;
    const got = Array.from(new Float32Array(o.buffer, o.byteOffset, 4));
    const t1 = TEXELS.slice(4, 8);
    const t2 = TEXELS.slice(8, 12);
    const want = t1.map((a, c) => (a * 0.75 + t2[c]! * 0.25) / 255);
    got.forEach((v, c) => {
      expect(v).toBeCloseTo(want[c]!, 6);
    });
  });

  it('compares depth textures and a depth cube through a comparison sampler', async () => {
    const r = await submitRun(t, shadow);
    const o = r.outputs.out!;
    const got = Array.from(new Float32Array(o.buffer, o.byteOffset, 4));
    expect(got.slice(0, 2)).toEqual([0.5, Math.fround(0.7)]);
    expect(got[2]).toBeCloseTo(0.975, 6);
    expect(got[3]).toBeCloseTo(0.024375, 6);
  });

  it('refuses a comparison sampler without a compare function for a sampler_comparison', async () => {
    const bad = {
      ...shadow,
      bindings: shadow.bindings.map((b) => (b.name === 'cmp' ? { ...b, sampler: {} } : b)),
    };
    const e = await submitRun(t, bad).catch((x) => x);
    expect(e).toBeInstanceOf(DaemonError);
    expect(e.message).toContain('bindings[1].sampler: the WGSL declares "cmp" as sampler_comparison');
  });

  it('refuses a texture whose format the WGSL type cannot read, naming the field', async () => {
    const bad = { ...copy, bindings: [{ ...copy.bindings[0]!, format: 'rgba8uint' }, copy.bindings[1]!] };
    const e = await submitRun(t, bad).catch((x) => x);
    expect(e).toBeInstanceOf(DaemonError);
    expect(e.message).toContain(
      'bindings[0].format: the WGSL declares "src" as texture_2d<f32>; "rgba8uint" reads as u32, and it needs a float format',
    );
  });
});
