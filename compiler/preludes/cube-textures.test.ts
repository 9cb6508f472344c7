/**
 * Cube textures in the common prelude (section `textures`), through the translator on the CPU: face
 * selection and the (s, t) mapping of each face (Vulkan "Cube Map Face Selection", the table in
 * common.h), a cube array's cube index, gathers on a face, depth cube comparisons, dimensions, seamless
 * linear filtering and gathers across a face edge and at a corner (Vulkan "Cube Map Edge Handling"), and
 * the entry refusing a cube header whose faces are not square. Slots are made by core as the run plan
 * makes them; expected values are worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { generateTextureSlot } from '../../core/texel-init';
import { textureShapeOf } from '../../core/texture-binding';
import { hasGxx } from '../testkit/native';
import { runTextureKernel, samplerWords as sampler, slotWords as words } from '../testkit/texture-kernel';

const canRun = await hasGxx();

const KERNEL = `
@group(0) @binding(0) var c: texture_cube<f32>;
@group(0) @binding(1) var ca: texture_cube_array<f32>;
@group(0) @binding(2) var dc: texture_depth_cube;
@group(0) @binding(3) var pick: sampler;
@group(0) @binding(4) var gt: sampler_comparison;
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
@group(0) @binding(6) var lin: sampler;
const DIRS = array(vec3f(1.0, 0.5, 0.5), vec3f(-1.0, 0.5, 0.5), vec3f(0.5, 1.0, 0.5),
                   vec3f(0.5, -1.0, 0.5), vec3f(0.5, 0.5, 1.0), vec3f(0.5, 0.5, -1.0));
@compute @workgroup_size(1) fn main() {
  for (var f = 0; f < 6; f++) {
    out[f] = textureSampleLevel(c, pick, DIRS[f], 0.0).x;
    out[6 + f] = textureSampleCompareLevel(dc, gt, DIRS[f] * 3.0, 0.25);
  }
  out[12] = textureSampleLevel(ca, pick, vec3f(1.0, 0.5, 0.5), 1, 0.0).x;
  out[13] = textureSampleLevel(ca, pick, vec3f(0.5, -1.0, 0.5), 7, 0.0).x;
  let g = textureGather(0, c, pick, vec3f(1.0, 0.0, 0.0));
  out[14] = g.x; out[15] = g.y; out[16] = g.z; out[17] = g.w;
  out[18] = f32(textureDimensions(ca).x * 10u + textureNumLayers(ca));
  out[19] = textureSampleLevel(dc, pick, vec3f(0.0, 0.0, -2.0), 0);
  let gc = textureGatherCompare(dc, gt, vec3f(0.0, -1.0, 0.0), 0.35);
  out[20] = gc.x + gc.y + gc.z + gc.w;
  out[21] = textureSampleLevel(c, lin, vec3f(1.0, 0.0, 0.75), 0.0).x;
  let gs = textureGather(0, c, lin, vec3f(1.0, 0.75, 0.75));
  out[22] = gs.x; out[23] = gs.y; out[24] = gs.z; out[25] = gs.w;
}`;

const slot = (format: string, size: number[], dimension: 'cube' | 'cube-array', data: number[]) =>
  words(generateTextureSlot(textureShapeOf({ kind: 'texture', format, size, dimension }), { data }));

// c: r32float 2×2 cube, texel i of face f = 10 f + i (row-major: i = 2 y + x). ca: two such cubes, the
// second 60 higher. dc: depth32float 1×1 cube, face f's depth f / 10.
const faces = (base: number) => Array.from({ length: 24 }, (_, k) => base + 10 * Math.floor(k / 4) + (k % 4));
const slots = {
  c: slot('r32float', [2, 2, 6], 'cube', faces(0)),
  ca: slot('r32float', [2, 2, 12], 'cube-array', [...faces(0), ...faces(60)]),
  dc: slot('depth32float', [1, 1, 6], 'cube', [0, 0.1, 0.2, 0.3, 0.4, 0.5]),
  pick: sampler({ addressModeU: 'repeat', addressModeV: 'mirror-repeat' }), // a cube ignores them
  gt: sampler({ compare: 'greater' }),
  lin: sampler({ magFilter: 'linear', minFilter: 'linear' }),
};

describe.runIf(canRun)('cube textures on the CPU (common.h, g++)', () => {
  it('selects faces and maps (s, t) as Vulkan’s table, indexes cubes, gathers and compares', {
    timeout: 180_000,
  }, async () => {
    const { status, out } = await runTextureKernel(KERNEL, slots, 26);
    expect(status).toEqual([0]);
    // Per face, (sc, tc) / |ma| → (s, t) → texel (x, y) of 2×2 (nearest, floor(2 s)):
    // +x (1, .5, .5): sc = -z = -.5, tc = -y = -.5 → (.25, .25) → (0, 0) → 0
    // -x: sc = +z = .5, tc = -.5 → (1, 0) → 11;  +y: sc = x = .5, tc = z = .5 → (1, 1) → 23
    // -y: sc = .5, tc = -z = -.5 → (1, 0) → 31;  +z: sc = x = .5, tc = -y = -.5 → (1, 0) → 41
    // -z: sc = -x = -.5, tc = -.5 → (0, 0) → 50
    expect(out.slice(0, 6)).toEqual([0, 11, 23, 31, 41, 50]);
    // "greater" 0.25 > depth: faces 0, 1, 2 (0, .1, .2) pass; the direction's length does not matter.
    expect(out.slice(6, 12)).toEqual([1, 1, 1, 0, 0, 0]);
    // Cube 1, +x, (0, 0) → 60; cube 7 clamps to the last (1), -y (1, 0) → 60 + 31.
    expect(out.slice(12, 14)).toEqual([60, 91]);
    // Gather at the centre of +x: (u0,v1) (u1,v1) (u1,v0) (u0,v0) = texels 2, 3, 1, 0.
    expect(out.slice(14, 18)).toEqual([2, 3, 1, 0]);
    // 2 wide, 2 cubes.
    expect(out[18]).toBe(22);
    // -z of the depth cube: 0.5.
    expect(out[19]).toBe(Math.fround(0.5));
    // -y face (0.3) of a 1×1 cube: its one texel (i0, j0) and, seamlessly, the texel past its right edge
    // (sc = +x: the +x face, 0), past its bottom edge (tc = -z: the -z face, 0.5) and the corner, the mean
    // of those three (0.2667): 0.35 > depth passes for 0.3, 0 and 0.2667, not 0.5.
    expect(out[20]).toBe(3);
    // Linear at +x, (s, t) = (1/8, 1/2) → x = -0.25 (weight 0.75), y = 0.5: texel -1 is past the left edge
    // (sc = -z < -1), on +z's right column: +z (1, 0) = 41, (1, 1) = 43; +x's (0, 0) = 0, (0, 1) = 2.
    // Rows 41 + 0.75 (0 - 41) = 10.25, 43 + 0.75 (2 - 43) = 12.25; mean 11.25.
    expect(out[21]).toBe(11.25);
    // Gather at the corner (s, t) = (1/8, 1/8): (0, 0) of +x = 0, (-1, 0) = +z's (1, 0) = 41, (0, -1) past
    // the top edge (tc = -y < -1) = +y's (1, 1) = 23, (-1, -1) the mean (64 / 3); order (u0,v1) (u1,v1)
    // (u1,v0) (u0,v0).
    expect(out.slice(22, 26)).toEqual([41, 0, 23, Math.fround(64 / 3)]);
  });

  it('refuses the entry for a cube whose faces are not square', { timeout: 180_000 }, async () => {
    const bad = [...slots.c];
    bad[2] = 1; // height 1 with width 2: the header is consistent in size but not a cube.
    expect((await runTextureKernel(KERNEL, { ...slots, c: bad }, 26)).status).toEqual([-1]);
  });
});
