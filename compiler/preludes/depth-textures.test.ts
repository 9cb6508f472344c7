/**
 * Depth textures and comparison samplers in the common prelude (section `textures`), through the
 * translator on the CPU: slots made by core (texel-init.ts, texture-formats.ts) as the run plan makes
 * them; textureLoad / textureSampleLevel / textureGather of depths, textureSampleCompareLevel nearest
 * and linear (each texel compared before filtering, WebGPU §7.1.2 / Vulkan "Depth Compare Operation"),
 * textureGatherCompare's order, all eight compare functions, the unorm reference clamp, and the entry
 * refusing a depth view over a colour format or a comparison sampler without a compare function.
 * Expected values are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { generateTextureSlot } from '../../core/texel-init';
import { textureShapeOf } from '../../core/texture-binding';
import { COMPARE_FUNCTIONS } from '../../core/texture-formats';
import { hasGxx } from '../testkit/native';
import { runTextureKernel, samplerWords as sampler, slotWords as words } from '../testkit/texture-kernel';

const canRun = await hasGxx();

/** c1..c8: one comparison sampler per GPUCompareFunction, in COMPARE_FUNCTIONS order. */
const COMPARE_SAMPLERS = COMPARE_FUNCTIONS.map(
  (_, k) => `@group(1) @binding(${k}) var c${k + 1}: sampler_comparison;`,
).join('\n');

const KERNEL = `
@group(0) @binding(0) var d: texture_depth_2d;
@group(0) @binding(1) var da: texture_depth_2d_array;
@group(0) @binding(2) var pick: sampler;
@group(0) @binding(3) var cl: sampler_comparison;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
${COMPARE_SAMPLERS}
@compute @workgroup_size(1) fn main() {
  out[0] = textureLoad(d, vec2i(1, 1), 0);
  out[1] = textureLoad(da, vec2u(0u, 0u), 1, 0);
  out[2] = textureLoad(d, vec2i(-1, 0), 0);
  out[3] = textureSampleLevel(d, pick, vec2f(0.6, 0.25), 0);
  let g = textureGather(d, pick, vec2f(0.5, 0.5));
  out[4] = g.x; out[5] = g.y; out[6] = g.z; out[7] = g.w;
  out[8] = textureSampleCompareLevel(d, c2, vec2f(0.375, 0.25), 0.25);
  out[9] = textureSampleCompareLevel(d, c2, vec2f(0.375, 0.25), 0.15);
  out[10] = textureSampleCompareLevel(d, cl, vec2f(0.5, 0.5), 0.45);
  out[11] = textureSampleCompareLevel(d, cl, vec2f(0.5625, 0.5), 0.25);
  let gc = textureGatherCompare(d, c2, vec2f(0.5, 0.5), 0.45);
  out[12] = gc.x; out[13] = gc.y; out[14] = gc.z; out[15] = gc.w;
  out[16] = textureSampleCompareLevel(da, c2, vec2f(0.25, 0.5), 1, -0.5, vec2i(1, 0));
  let at = vec2f(0.375, 0.25);
  let eq = vec4f(textureSampleCompareLevel(d, c1, at, 0.2), textureSampleCompareLevel(d, c2, at, 0.2),
                 textureSampleCompareLevel(d, c3, at, 0.2), textureSampleCompareLevel(d, c4, at, 0.2));
  let eq2 = vec4f(textureSampleCompareLevel(d, c5, at, 0.2), textureSampleCompareLevel(d, c6, at, 0.2),
                  textureSampleCompareLevel(d, c7, at, 0.2), textureSampleCompareLevel(d, c8, at, 0.2));
  let lt = vec4f(textureSampleCompareLevel(d, c1, at, 0.1), textureSampleCompareLevel(d, c2, at, 0.1),
                 textureSampleCompareLevel(d, c3, at, 0.1), textureSampleCompareLevel(d, c4, at, 0.1));
  let lt2 = vec4f(textureSampleCompareLevel(d, c5, at, 0.1), textureSampleCompareLevel(d, c6, at, 0.1),
                  textureSampleCompareLevel(d, c7, at, 0.1), textureSampleCompareLevel(d, c8, at, 0.1));
  for (var k = 0; k < 4; k++) {
    out[17 + k] = eq[k]; out[21 + k] = eq2[k]; out[25 + k] = lt[k]; out[29 + k] = lt2[k];
  }
  out[33] = f32(textureDimensions(da).x + textureNumLayers(da) * 10u + textureNumLevels(d) * 100u);
  out[34] = textureSampleLevel(da, pick, vec2f(0.75, 0.5), 0u, 0);
  out[35] = textureGatherCompare(da, c2, vec2f(0.5, 0.5), 0, 0.5, vec2i(0, 0)).x;
}`;

// d: depth32float 4×2, row 0 = 0.1 0.2 0.3 0.4, row 1 = 0.5 0.6 0.7 0.8.
const D = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
const dSlot = words(
  generateTextureSlot(textureShapeOf({ kind: 'texture', format: 'depth32float', size: [4, 2] }), { data: D }),
);
// da: depth16unorm 2×1, 2 layers: layer 0 = 0.25 0.75, layer 1 = 1 0 (stored round(d × 65535)).
const daSlot = words(
  generateTextureSlot(textureShapeOf({ kind: 'texture', format: 'depth16unorm', size: [2, 1, 2] }), {
    data: [0.25, 0.75, 1, 0],
  }),
);

const comparisons = Object.fromEntries(
  COMPARE_FUNCTIONS.map((compare, k) => [`c${k + 1}`, sampler({ compare })]),
);
const slots = {
  d: dSlot,
  da: daSlot,
  pick: sampler({}),
  cl: sampler({ compare: 'less', magFilter: 'linear', minFilter: 'linear' }),
  ...comparisons,
};

describe.runIf(canRun)('depth textures and comparison samplers on the CPU (common.h, g++)', () => {
  it('reads depths, compares before filtering with all eight functions, and gathers comparisons in order', {
    timeout: 180_000,
  }, async () => {
    const { status, out } = await runTextureKernel(KERNEL, slots, 36);
    expect(status).toEqual([0]);
    const f = Math.fround;
    // textureLoad: (1, 1); layer 1 texel 0 of the unorm texture (65535 / 65535); x = -1 clamps to 3.
    expect(out.slice(0, 3)).toEqual([f(0.6), 1, f(0.4)]);
    // Nearest sample at (0.6, 0.25): texel (floor(2.4), floor(0.5)) = (2, 0).
    expect(out[3]).toBe(f(0.3));
    // Gather at (0.5, 0.5): texels x 1..2, y 0..1 as (u0,v1) (u1,v1) (u1,v0) (u0,v0).
    expect(out.slice(4, 8)).toEqual([f(0.6), f(0.7), f(0.3), f(0.2)]);
    // "less" passes when ref < texel: texel (1, 0) = 0.2 against 0.25 (fails) and 0.15 (passes).
    expect(out.slice(8, 10)).toEqual([0, 1]);
    // Linear at (0.5, 0.5): texels 0.2 0.3 0.6 0.7 weighted ½ each; 0.45 passes the two of row 1.
    expect(out[10]).toBe(0.5);
    // Linear at (0.5625, 0.5): weight of u1 ¾, v1 ½; 0.25 fails only (1, 0): (0 + ¾) / 2 + 1 / 2.
    expect(out[11]).toBe(0.875);
    // Gather compare at (0.5, 0.5), ref 0.45: 0.6 and 0.7 pass, 0.3 and 0.2 do not.
    expect(out.slice(12, 16)).toEqual([1, 1, 0, 0]);
    // depth16unorm clamps the reference to [0, 1]: -0.5 → 0, and 0 < 0 fails on texel 0 of layer 1.
    expect(out[16]).toBe(0);
    // ref == texel (0.2): never, less, equal, less-equal, greater, not-equal, greater-equal, always.
    expect(out.slice(17, 25)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
    // ref < texel (0.1 against 0.2).
    expect(out.slice(25, 33)).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    // 2 wide, 2 layers, 1 level.
    expect(out[33]).toBe(122);
    // Nearest on layer 0 at u = 0.75: texel 1 = round(0.75 × 65535) / 65535.
    expect(out[34]).toBe(f(49151 / 65535));
    // Gather compare of layer 0 at (0.5, 0.5) with "less" 0.5: (u0,v1) is texel 0 = 0.25: fails.
    expect(out[35]).toBe(0);
  });

  it('refuses the entry when a depth view meets a colour format or a comparison sampler has no compare function', {
    timeout: 180_000,
  }, async () => {
    const colour = words(
      generateTextureSlot(textureShapeOf({ kind: 'texture', format: 'r32float', size: [4, 2] }), {
        data: D,
      }),
    );
    expect((await runTextureKernel(KERNEL, { ...slots, d: colour }, 36)).status).toEqual([-1]);
    expect((await runTextureKernel(KERNEL, { ...slots, cl: sampler({}) }, 36)).status).toEqual([-1]);
  });
});
