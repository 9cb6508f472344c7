/**
 * Cube and cube-array texture bindings (docs/contracts.md §1): `dimension` "cube" with size [w, w, 6],
 * "cube-array" with [w, w, 6n]; the fields refused with the reason; the header and the run plan's match
 * with texture_cube / texture_cube_array.
 */
import { describe, expect, it } from 'vitest';
import { textureShapeOf } from './texture-binding';
import { DIMENSION_CODE } from './texture-formats';
import { placeholderTextureSlot, planTextureSlot } from './texture-plan';
import { type Binding, parseWorkload } from './workload';

const cube = {
  group: 0,
  binding: 0,
  name: 'sky',
  kind: 'texture',
  format: 'rgba8unorm',
  size: [8, 8, 6],
  dimension: 'cube' as const,
  mipLevels: 4,
};
const out = { group: 0, binding: 1, name: 'out', kind: 'storage', element: 'f32', length: 4, output: true };

function issuesOf(b: object): string[] {
  const r = parseWorkload({
    name: 'sky',
    wgsl: '@compute @workgroup_size(1) fn main() {}',
    entryPoint: 'main',
    dispatch: [1, 1, 1],
    bindings: [b, out],
  });
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('cube texture bindings', () => {
  it('accepts square faces, 6 layers per cube, mip levels, and depth cubes', () => {
    expect(issuesOf(cube)).toEqual([]);
    expect(issuesOf({ ...cube, dimension: 'cube-array', size: [8, 8, 18] })).toEqual([]);
    expect(issuesOf({ ...cube, format: 'depth16unorm', mipLevels: 1 })).toEqual([]);
    const shape = textureShapeOf(cube);
    expect(shape).toMatchObject({ dimension: 'cube', width: 8, height: 8, depthOrLayers: 6, mipLevels: 4 });
    expect(DIMENSION_CODE.cube).toBe(5);
    expect(DIMENSION_CODE['cube-array']).toBe(6);
  });

  it('names the field of a cube that is not one', () => {
    expect(issuesOf({ ...cube, size: [8, 4, 6], mipLevels: 1 })).toEqual([
      "bindings[0].size[1]: a cube texture's faces are square: height 4 must equal width 8",
    ]);
    expect(issuesOf({ ...cube, size: [8, 8, 12] })).toEqual([
      'bindings[0].size[2]: a cube texture has 6 layers (its faces +x, -x, +y, -y, +z, -z), not 12',
    ]);
    expect(issuesOf({ ...cube, dimension: 'cube-array', size: [8, 8, 8] })).toEqual([
      'bindings[0].size[2]: a cube-array texture has 6 layers per cube; 8 is not a multiple of 6',
    ]);
    expect(issuesOf({ ...cube, size: [8, 8] })[0]).toMatch(
      /^bindings\[0\]\.size: a cube texture has a size of 3/,
    );
    expect(
      issuesOf({ ...cube, kind: 'storage-texture', access: 'write', mipLevels: undefined, output: true }),
    ).toContain(
      'bindings[0].dimension: a storage texture cannot be a cube (WGSL has no storage cube textures)',
    );
  });

  it('pairs a cube binding with texture_cube only, and gives an unused texture_cube a 1×1×6 cube', () => {
    const b = cube as unknown as Binding;
    const ok = planTextureSlot(b, 0, { kind: 'texture', dimension: 'cube', sampled: 'f32' });
    expect(ok.ok).toBe(true);
    const wrong = planTextureSlot(b, 0, { kind: 'texture', dimension: 'cube-array', sampled: 'f32' });
    expect(wrong.ok ? [] : wrong.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      `bindings[0].dimension: the WGSL declares "sky" as texture_cube_array<f32>; the workload's texture is cube`,
    ]);
    const p = placeholderTextureSlot({ kind: 'texture', dimension: 'cube', sampled: 'f32', depth: true });
    expect(p.kind !== 'sampler' && p.shape).toMatchObject({ width: 1, height: 1, depthOrLayers: 6 });
  });
});
