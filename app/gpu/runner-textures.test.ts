/**
 * The browser runner's textures in real WebGPU (headless Chromium, SwiftShader without a GPU):
 * every layer and mip level uploaded where WGSL finds it, storage-texture outputs read back without
 * their 256-byte row padding, samplers built from the workload, and written textures restored
 * before every execution. The texture presets (shaders/texture-*) cover filtering and rgba8 stores.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChromiumRunner } from '../../cli/webgpu';
import { type Workload, workloadSchema } from '../../core/workload';

const hasChromium = existsSync('/usr/bin/chromium');

const workload = (w: Record<string, unknown>): Workload =>
  workloadSchema.parse({ name: 't', entryPoint: 'main', runs: { warmup: 0, samples: 1 }, ...w });
const floats = (bytes: Uint8Array) => [...new Float32Array(Uint8Array.from(bytes).buffer)];

describe.skipIf(!hasChromium)('textures in the browser runner', () => {
  let runner: ChromiumRunner;
  beforeAll(async () => {
    const { openChromiumRunner } = await import('../../cli/webgpu');
    runner = await openChromiumRunner();
  });
  afterAll(() => runner?.close());

  it('uploads every layer and returns a 2d-array storage texture without row padding', async () => {
    // 5 texels × 4 bytes = 20-byte rows: the readback pads them to 256 and must strip that again.
    const w = workload({
      wgsl: `@group(0) @binding(0) var src: texture_2d_array<f32>;
@group(0) @binding(1) var dst: texture_storage_2d_array<r32float, write>;
@compute @workgroup_size(1) fn main(@builtin(global_invocation_id) g: vec3u) {
  textureStore(dst, g.xy, g.z, textureLoad(src, g.xy, g.z, 0) * 2.0);
}`,
      dispatch: [5, 3, 2],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'src',
          kind: 'texture',
          format: 'r32float',
          size: [5, 3, 2],
          init: { iota: { start: 0, step: 1 } },
        },
        {
          group: 0,
          binding: 1,
          name: 'dst',
          kind: 'storage-texture',
          format: 'r32float',
          size: [5, 3, 2],
          access: 'write',
          output: true,
        },
      ],
    });
    const r = await runner.run(w);
    expect(floats(r.outputs.dst!)).toEqual(Array.from({ length: 30 }, (_, i) => 2 * i));
  });

  it('uploads each mip level after the previous one', async () => {
    const w = workload({
      wgsl: `@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32, 6>;
@compute @workgroup_size(1) fn main() {
  for (var i = 0u; i < 4u; i++) { out[i] = textureLoad(src, vec2u(i % 2u, i / 2u), 1).x; }
  out[4] = textureLoad(src, vec2u(0u), 2).x;
  out[5] = f32(textureNumLevels(src));
}`,
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'src',
          kind: 'texture',
          format: 'r32float',
          size: [4, 4],
          mipLevels: 3,
          init: { iota: { start: 0, step: 1 } },
        },
        { group: 0, binding: 1, name: 'out', kind: 'storage', element: 'f32', length: 6, output: true },
      ],
    });
    const r = await runner.run(w);
    expect(floats(r.outputs.out!)).toEqual([16, 17, 18, 19, 20, 3]);
  });

  it('draws depth32float texels into every level and layer, and compares through a comparison sampler', async () => {
    // depth32float takes no writeTexture: depth-fill.ts draws it. 4×2, 2 layers, 2 levels: 16 + 4 depths,
    // read back exactly by textureLoad; depth16unorm is uploaded as 16-bit unorm.
    const depths = Array.from({ length: 20 }, (_, i) => i / 32);
    const w = workload({
      wgsl: `@group(0) @binding(0) var d: texture_depth_2d_array;
@group(0) @binding(1) var u: texture_depth_2d;
@group(0) @binding(2) var c: sampler_comparison;
@group(0) @binding(3) var<storage, read_write> out: array<f32, 24>;
@compute @workgroup_size(1) fn main() {
  for (var i = 0u; i < 16u; i++) { out[i] = textureLoad(d, vec2u(i % 4u, (i / 4u) % 2u), i / 8u, 0); }
  out[16] = textureLoad(d, vec2u(0u, 0u), 0, 1);
  out[17] = textureLoad(d, vec2u(1u, 0u), 1, 1);
  out[18] = textureLoad(u, vec2u(1u, 0u), 0);
  // "less" on u (0.25, 0.75): 0.5 < 0.25 fails, 0.5 < 0.75 passes.
  out[19] = textureSampleCompareLevel(u, c, vec2f(0.25, 0.5), 0.5);
  out[20] = textureSampleCompareLevel(u, c, vec2f(0.75, 0.5), 0.5);
  let g = textureGatherCompare(u, c, vec2f(0.5, 0.5), 0.5);
  out[21] = g.x + g.y * 10.0 + g.z * 100.0 + g.w * 1000.0;
  out[22] = f32(textureNumLevels(d) * 10u + textureNumLayers(d));
  out[23] = textureLoad(d, vec2i(-1, 5), 7, 0);
}`,
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'd',
          kind: 'texture',
          format: 'depth32float',
          size: [4, 2, 2],
          mipLevels: 2,
          init: { data: depths },
        },
        {
          group: 0,
          binding: 1,
          name: 'u',
          kind: 'texture',
          format: 'depth16unorm',
          size: [2, 1],
          init: { data: [0.25, 0.75] },
        },
        { group: 0, binding: 2, name: 'c', kind: 'sampler', sampler: { compare: 'less' } },
        { group: 0, binding: 3, name: 'out', kind: 'storage', element: 'f32', length: 24, output: true },
      ],
    });
    const r = await runner.run(w);
    const out = floats(r.outputs.out!);
    // Level 1 is 2×1 per layer: texels 16, 17 (layer 0) and 18, 19 (layer 1).
    expect(out.slice(0, 18)).toEqual([...depths.slice(0, 17), depths[19]!].map(Math.fround));
    expect(out[18]).toBe(Math.fround(49151 / 65535));
    // Gather order (u0,v1) (u1,v1) (u1,v0) (u0,v0) over the 2×1 texture: x 0, 1, 1, 0 → 0, 1, 1, 0.
    expect(out.slice(19, 23)).toEqual([0, 1, 110, 22]);
    // Clamped coordinates, layer: (3, 1) of layer 1.
    expect(out[23]).toBe(Math.fround(15 / 32));
  });

  it('samples cube faces as the CPU backend selects them, and a depth cube through a comparison', async () => {
    // The directions and values of compiler/preludes/cube-textures.test.ts: texel i of face f = 10 f + i.
    const faces = Array.from({ length: 24 }, (_, k) => 10 * Math.floor(k / 4) + (k % 4));
    const w = workload({
      wgsl: `@group(0) @binding(0) var c: texture_cube<f32>;
@group(0) @binding(1) var dc: texture_depth_cube_array;
@group(0) @binding(2) var pick: sampler;
@group(0) @binding(3) var gt: sampler_comparison;
@group(0) @binding(4) var<storage, read_write> out: array<f32, 13>;
const DIRS = array(vec3f(1.0, 0.5, 0.5), vec3f(-1.0, 0.5, 0.5), vec3f(0.5, 1.0, 0.5),
                   vec3f(0.5, -1.0, 0.5), vec3f(0.5, 0.5, 1.0), vec3f(0.5, 0.5, -1.0));
@compute @workgroup_size(1) fn main() {
  for (var f = 0; f < 6; f++) {
    out[f] = textureSampleLevel(c, pick, DIRS[f], 0.0).x;
    out[6 + f] = textureSampleCompareLevel(dc, gt, DIRS[f], 1, 0.25);
  }
  out[12] = f32(textureDimensions(c).x * 10u + textureNumLayers(dc));
}`,
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'c',
          kind: 'texture',
          format: 'r32float',
          size: [2, 2, 6],
          dimension: 'cube',
          init: { data: faces },
        },
        {
          group: 0,
          binding: 1,
          name: 'dc',
          kind: 'texture',
          format: 'depth32float',
          size: [1, 1, 12],
          dimension: 'cube-array',
          init: { data: [0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0, 0.1, 0.2, 0.3, 0.4, 0.5] },
        },
        { group: 0, binding: 2, name: 'pick', kind: 'sampler' },
        { group: 0, binding: 3, name: 'gt', kind: 'sampler', sampler: { compare: 'greater' } },
        { group: 0, binding: 4, name: 'out', kind: 'storage', element: 'f32', length: 13, output: true },
      ],
    });
    const r = await runner.run(w);
    const out = floats(r.outputs.out!);
    expect(out.slice(0, 6)).toEqual([0, 11, 23, 31, 41, 50]);
    expect(out.slice(6, 12)).toEqual([1, 1, 1, 0, 0, 0]);
    expect(out[12]).toBe(22);
  });

  it('filters and gathers across cube face edges and corners as the CPU backend does', async () => {
    // compiler/preludes/textures.test.cpp cube_seams, by hand: 4×4 faces, texel (x, y) of face f =
    // 100 (f + 1) + 10 y + x; on +x at (s, t) = (1/16, 1/2) the 2×2 reaches +z's right column, at (1/16,
    // 1/16) also +y's bottom row, and the corner texel no face has is the mean of the other three (312).
    // SwiftShader reads 0 past every edge unless a draw prepared the cube first (app/gpu/cube-borders.ts).
    const v = (f: number, i: number) => 100 * (f + 1) + 10 * Math.floor(i / 4) + (i % 4);
    const texels = Array.from({ length: 96 }, (_, k) => v(Math.floor(k / 16), k % 16));
    const w = workload({
      wgsl: `@group(0) @binding(0) var c: texture_cube<f32>;
@group(0) @binding(1) var d: texture_depth_cube;
@group(0) @binding(2) var lin: sampler;
@group(0) @binding(3) var gt: sampler_comparison;
@group(0) @binding(4) var<storage, read_write> out: array<f32, 14>;
@compute @workgroup_size(1) fn main() {
  let edge = vec3f(1.0, 0.0, 0.875);
  let corner = vec3f(1.0, 0.875, 0.875);
  out[0] = textureSampleLevel(c, lin, edge, 0.0).x;
  out[1] = textureSampleLevel(c, lin, corner, 0.0).x;
  let ge = textureGather(0, c, lin, edge);
  let gc = textureGather(0, c, lin, corner);
  out[2] = ge.x; out[3] = ge.y; out[4] = ge.z; out[5] = ge.w;
  out[6] = gc.x; out[7] = gc.y; out[8] = gc.z; out[9] = gc.w;
  out[10] = textureSampleCompareLevel(d, gt, corner, 0.32);
  let q = textureGatherCompare(d, gt, corner, 0.32);
  out[11] = q.x + 2.0 * q.y + 4.0 * q.z + 8.0 * q.w;
  out[12] = textureSampleCompareLevel(d, gt, edge, 0.2);
  out[13] = textureSampleLevel(c, lin, vec3f(1.0, 0.0, 0.0), 0.0).x;
}`,
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'c',
          kind: 'texture',
          format: 'r16float',
          size: [4, 4, 6],
          dimension: 'cube',
          init: { data: texels },
        },
        {
          group: 0,
          binding: 1,
          name: 'd',
          kind: 'texture',
          format: 'depth32float',
          size: [4, 4, 6],
          dimension: 'cube',
          init: { data: texels.map((x) => x / 1000) },
        },
        { group: 0, binding: 2, name: 'lin', kind: 'sampler', sampler: { filter: 'linear' } },
        {
          group: 0,
          binding: 3,
          name: 'gt',
          kind: 'sampler',
          sampler: { filter: 'linear', compare: 'greater' },
        },
        { group: 0, binding: 4, name: 'out', kind: 'storage', element: 'f32', length: 14, output: true },
      ],
    });
    const out = floats((await runner.run(w)).outputs.out!);
    expect(out.slice(0, 2)).toEqual([215.75, 232.5]);
    expect(out.slice(2, 10)).toEqual([523, 120, 110, 513, 503, 100, 333, 312]);
    // Depths at the corner 0.503, 0.1, 0.333, 0.312 (gather order): 0.32 > depth for the 2nd and 4th;
    // filtered, rows 0.25 and 0.75 blended 0.75 → 0.625. At the edge 0.2 > depth for +x's 0.11 and 0.12
    // only, the column of weight 0.75 (+z's 0.513 and 0.523 fail).
    expect(out[10]).toBeCloseTo(0.625, 6);
    expect(out[11]).toBe(2 + 8);
    expect(out[12]).toBeCloseTo(0.75, 6);
    // The centre of +x: texels (1, 1), (2, 1), (1, 2), (2, 2) of +x, mean 116.5, seams or not.
    expect(out[13]).toBe(116.5);
  });

  it('builds the sampler from the workload (nearest, repeat)', async () => {
    const w = workload({
      wgsl: `@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var<storage, read_write> out: array<f32, 4>;
@compute @workgroup_size(4) fn main(@builtin(local_invocation_index) i: u32) {
  // One whole turn to the right: repeat wraps back onto the same texel.
  out[i] = textureSampleLevel(src, smp, vec2f((f32(i) + 0.5) / 4.0 + 1.0, 0.5), 0.0).x;
}`,
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'src',
          kind: 'texture',
          format: 'r32float',
          size: [4, 1],
          init: { data: [10, 20, 30, 40] },
        },
        { group: 0, binding: 1, name: 'smp', kind: 'sampler', sampler: { addressMode: 'repeat' } },
        { group: 0, binding: 2, name: 'out', kind: 'storage', element: 'f32', length: 4, output: true },
      ],
    });
    const r = await runner.run(w);
    expect(floats(r.outputs.out!)).toEqual([10, 20, 30, 40]);
  });

  it('restores a read-write storage texture before every execution', async () => {
    const w = workload({
      wgsl: `@group(0) @binding(0) var t: texture_storage_2d<r32float, read_write>;
@compute @workgroup_size(3) fn main(@builtin(local_invocation_index) i: u32) {
  textureStore(t, vec2u(i, 0u), textureLoad(t, vec2u(i, 0u)) + 1.0);
}`,
      dispatch: [1, 1, 1],
      runs: { warmup: 1, samples: 2 },
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 't',
          kind: 'storage-texture',
          format: 'r32float',
          size: [3, 1],
          access: 'read-write',
          output: true,
          init: { fill: 5 },
        },
      ],
    });
    let final: Record<string, Uint8Array> = {};
    const r = await runner.run(w, {
      onFinalOutputs: (o) => {
        final = o;
      },
    });
    expect(floats(r.outputs.t!)).toEqual([6, 6, 6]);
    expect(floats(final.t!)).toEqual([6, 6, 6]);
  });

  it('views a one-layer 2d texture as the texture_2d_array the WGSL declares', async () => {
    const w = workload({
      wgsl: `@group(0) @binding(0) var src: texture_2d_array<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32, 3>;
@compute @workgroup_size(3) fn main(@builtin(local_invocation_index) i: u32) {
  out[i] = textureLoad(src, vec2u(i, 0u), 0, 0).x + f32(textureNumLayers(src)) * 100.0;
}`,
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'src',
          kind: 'texture',
          format: 'r32float',
          size: [3, 1],
          init: { data: [1, 2, 3] },
        },
        { group: 0, binding: 1, name: 'out', kind: 'storage', element: 'f32', length: 3, output: true },
      ],
    });
    const r = await runner.run(w);
    expect(floats(r.outputs.out!)).toEqual([101, 102, 103]);
  });

  it('ping-pongs a sampled and a storage texture with swap, and restores both', async () => {
    // Pass 1: dst = src + 1; swap; pass 2 reads what pass 1 wrote and writes the first texture:
    // after the last pass "dst" names the texture that began as src, holding (src + 1) + 1.
    const w = workload({
      wgsl: `@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var dst: texture_storage_2d<r32float, write>;
@compute @workgroup_size(3) fn main(@builtin(local_invocation_index) i: u32) {
  textureStore(dst, vec2u(i, 0u), textureLoad(src, vec2u(i, 0u), 0) + 1.0);
}`,
      entryPoint: undefined,
      passes: [
        { entryPoint: 'main', dispatch: [1, 1, 1], swap: ['src', 'dst'] },
        { entryPoint: 'main', dispatch: [1, 1, 1] },
      ],
      runs: { warmup: 1, samples: 1 },
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'src',
          kind: 'texture',
          format: 'r32float',
          size: [3, 1],
          init: { data: [1, 2, 3] },
        },
        {
          group: 0,
          binding: 1,
          name: 'dst',
          kind: 'storage-texture',
          format: 'r32float',
          size: [3, 1],
          access: 'write',
          output: true,
        },
      ],
    });
    let final: Record<string, Uint8Array> = {};
    const r = await runner.run(w, {
      onFinalOutputs: (o) => {
        final = o;
      },
    });
    expect(floats(r.outputs.dst!)).toEqual([3, 4, 5]);
    expect(floats(final.dst!)).toEqual([3, 4, 5]);
  });
});
