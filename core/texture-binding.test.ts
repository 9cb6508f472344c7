import { describe, expect, it } from 'vitest';
import { samplerStateOf, textureShapeOf } from './texture-binding';
import { encodeSampler, textureSlotBytes } from './texture-formats';
import { bindingBytes, parseWorkload } from './workload';

// The three bindings of the shared design (docs/contracts.md §1 "Textures and samplers"), verbatim.
const src = {
  group: 0,
  binding: 0,
  name: 'src',
  kind: 'texture',
  format: 'rgba8unorm',
  size: [64, 48],
  init: { random: { seed: 3, min: 0, max: 255 } },
};
const smp = {
  group: 0,
  binding: 1,
  name: 'smp',
  kind: 'sampler',
  sampler: { filter: 'linear', addressMode: 'clamp-to-edge' },
};
const dst = {
  group: 0,
  binding: 2,
  name: 'dst',
  kind: 'storage-texture',
  format: 'rgba8unorm',
  size: [64, 48],
  access: 'write',
  output: true,
};

const workload = (bindings: object[], extra: object = {}) => ({
  name: 'blur',
  wgsl: '@compute @workgroup_size(8, 8) fn main() {}',
  entryPoint: 'main',
  dispatch: [8, 6, 1],
  bindings,
  ...extra,
});

/** The issues of a workload whose binding `i` is `b`, as "path: message" lines. */
function issuesOf(b: object, others: object[] = [dst]): string[] {
  const r = parseWorkload(
    workload([b, ...others.map((o, k) => ({ ...o, binding: 10 + k, name: `other${k}` }))]),
  );
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('texture, storage-texture and sampler bindings', () => {
  it('accepts the three example bindings of the design and resolves them', () => {
    const r = parseWorkload(workload([src, smp, dst]));
    expect(r.ok ? [] : r.issues).toEqual([]);
    if (!r.ok) return;
    const [t, s, d] = r.workload.bindings;
    const shape = textureShapeOf(t!);
    expect(shape).toMatchObject({ dimension: '2d', width: 64, height: 48, depthOrLayers: 1, mipLevels: 1 });
    expect(shape.format.name).toBe('rgba8unorm');
    expect(bindingBytes(t!)).toBe(32 + 64 * 48 * 4);
    expect(bindingBytes(d!)).toBe(textureSlotBytes(textureShapeOf(d!)));
    expect(bindingBytes(s!)).toBe(32);
    expect(samplerStateOf(s!.sampler)).toEqual({
      magFilter: 'linear',
      minFilter: 'linear',
      mipmapFilter: 'linear',
      addressModeU: 'clamp-to-edge',
      addressModeV: 'clamp-to-edge',
      addressModeW: 'clamp-to-edge',
    });
  });

  it('resolves sampler shorthands: per-filter fields win over `filter`, per-axis address modes', () => {
    const s = samplerStateOf({ filter: 'linear', mipmapFilter: 'nearest', addressMode: { v: 'repeat' } });
    expect(s).toMatchObject({ magFilter: 'linear', minFilter: 'linear', mipmapFilter: 'nearest' });
    expect([s.addressModeU, s.addressModeV, s.addressModeW]).toEqual([
      'clamp-to-edge',
      'repeat',
      'clamp-to-edge',
    ]);
    // Defaults as WebGPU's GPUSamplerDescriptor: nearest, clamp-to-edge; encoded as all zero words.
    expect([...encodeSampler(samplerStateOf(undefined))]).toEqual(new Array(32).fill(0));
  });

  it('takes the dimension from the size, or as said; mip levels and layers resolve', () => {
    const shape = (b: object) => {
      const r = parseWorkload(workload([{ ...src, ...b }, dst]));
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      return textureShapeOf(r.workload.bindings[0]!);
    };
    expect(shape({ size: [16] })).toMatchObject({ dimension: '1d', width: 16, height: 1, depthOrLayers: 1 });
    expect(shape({ size: [8, 4, 3] })).toMatchObject({ dimension: '2d-array', depthOrLayers: 3 });
    expect(shape({ size: [8, 4, 3], dimension: '3d', mipLevels: 4 })).toMatchObject({
      dimension: '3d',
      depthOrLayers: 3,
      mipLevels: 4,
    });
  });

  it('names the field of every bad texture binding', () => {
    expect(issuesOf({ ...src, format: 'rgba9unorm' })).toEqual([
      'bindings[0].format: "rgba9unorm" is not a texture format (r8unorm, r8snorm, r8uint, r8sint, rg8unorm, rg8snorm, rg8uint, rg8sint, ...)',
    ]);
    expect(issuesOf({ ...dst, access: 'read' })).toEqual([
      'bindings[0].access: a "read" storage texture cannot be an output',
    ]);
    expect(issuesOf({ ...src, size: undefined })).toEqual([
      'bindings[0].size: a texture binding needs a `size`',
    ]);
    expect(issuesOf({ ...src, format: undefined })).toEqual([
      'bindings[0].format: a texture binding needs a `format`',
    ]);
    expect(issuesOf({ ...src, output: true })).toEqual([
      'bindings[0].output: a sampled texture cannot be an output (use a storage texture)',
    ]);
    expect(issuesOf({ ...src, element: 'f32' })).toEqual([
      'bindings[0].element: `element` is for buffers; a texture binding does not take it',
    ]);
    expect(issuesOf({ ...src, size: [9000, 4] })).toEqual([
      "bindings[0].size[0]: width 9000 is over WebGPU's 8192 for a 2d texture",
    ]);
    expect(issuesOf({ ...src, size: [4, 4, 300] })).toEqual([
      "bindings[0].size[2]: 300 layers is over WebGPU's 256",
    ]);
    expect(issuesOf({ ...src, size: [4, 4, 4], dimension: '3d', init: 'zeros', mipLevels: 4 })).toEqual([
      'bindings[0].mipLevels: 4 mip levels; a 4×4×4 3d texture has at most 3',
    ]);
    expect(issuesOf({ ...src, size: [4, 4], dimension: '3d' })).toEqual([
      'bindings[0].size: a 3d texture has a size of 3 number(s), not 2',
    ]);
    expect(issuesOf({ ...src, size: [16], mipLevels: 2 })).toEqual([
      'bindings[0].mipLevels: a 1d texture has one mip level (WebGPU §6.1.3)',
    ]);
  });

  it('checks init values against the format components', () => {
    expect(issuesOf({ ...src, init: { data: [0, 255, 256] } })).toEqual([
      'bindings[0].init.data[2]: 256 does not fit a unorm8 component (0 to 255)',
    ]);
    expect(issuesOf({ ...src, format: 'rgba8snorm', init: { fill: -129 } })).toEqual([
      'bindings[0].init.fill: -129 does not fit a snorm8 component (-128 to 127)',
    ]);
    expect(issuesOf({ ...src, init: { random: { seed: 1, min: 0, max: 300 } } })).toEqual([
      'bindings[0].init.random.max: 300 does not fit a unorm8 component (0 to 255)',
    ]);
    expect(issuesOf({ ...src, size: [1, 1], init: { data: [1, 2, 3, 4, 5] } })).toEqual([
      'bindings[0].init.data: data has 5 values but the texture holds 4 components',
    ]);
    // Packed formats take their bit fields: alpha of rgb10a2 has 2 bits.
    expect(issuesOf({ ...src, format: 'rgb10a2unorm', init: { data: [1023, 0, 0, 4] } })).toEqual([
      'bindings[0].init.data[3]: 4 does not fit bit field 3 of rgb10a2unorm (0 to 3)',
    ]);
    expect(issuesOf({ ...src, format: 'rgba16float', init: { fill: 70000 } })).toEqual([
      'bindings[0].init.fill: 70000 is beyond the largest float16 (65504)',
    ]);
    expect(issuesOf({ ...src, size: [1, 1], init: { base64: 'AAAAAAA=' } })).toEqual([
      "bindings[0].init.base64: base64 holds 5 bytes but the texture's texels take 4",
    ]);
  });

  it('names the field of every bad storage texture and sampler binding', () => {
    expect(issuesOf({ ...dst, access: undefined })).toEqual([
      'bindings[0].access: a storage texture needs an `access`: "write", "read" or "read-write"',
    ]);
    expect(issuesOf({ ...dst, access: 'read-write' })).toEqual([
      'bindings[0].access: a "rgba8unorm" storage texture cannot be "read-write" (WebGPU allows write, read)',
    ]);
    expect(issuesOf({ ...dst, format: 'rg8unorm' })[0]).toMatch(
      /^bindings\[0\]\.format: "rg8unorm" cannot be a storage texture \(rgba8unorm, /,
    );
    expect(issuesOf({ ...dst, mipLevels: 2 })).toEqual([
      'bindings[0].mipLevels: a storage texture has one mip level (WGSL stores to level 0 only)',
    ]);
    expect(issuesOf({ ...smp, format: 'rgba8unorm' })).toEqual([
      'bindings[0].format: a sampler has no `format`',
    ]);
    expect(issuesOf({ ...smp, output: true })).toEqual(['bindings[0].output: a sampler cannot be an output']);
    expect(issuesOf({ ...smp, sampler: { compare: 'lesser' } })[0]).toMatch(
      /^bindings\[0\]\.sampler\.compare: /,
    );
    expect(issuesOf({ ...smp, sampler: { addressMode: 'wrap' } })[0]).toMatch(
      /^bindings\[0\]\.sampler\.addressMode/,
    );
    expect(
      issuesOf({
        group: 0,
        binding: 0,
        name: 'b',
        kind: 'storage',
        element: 'f32',
        length: 4,
        format: 'r8unorm',
      }),
    ).toEqual(['bindings[0].format: `format` is for textures and samplers, not storage bindings']);
  });

  it('swaps textures only with a texture of the same shape, and never a sampler', () => {
    const other = { ...dst, name: 'dst2', binding: 3 };
    const ok = parseWorkload(
      workload([src, dst, other], {
        entryPoint: undefined,
        dispatch: undefined,
        passes: [{ entryPoint: 'main', dispatch: [1, 1, 1], swap: ['dst', 'dst2'] }],
      }),
    );
    expect(ok.ok ? [] : ok.issues).toEqual([]);
    const bad = parseWorkload(
      workload([src, dst, { ...other, size: [32, 48] }, smp], {
        entryPoint: undefined,
        dispatch: undefined,
        passes: [
          { entryPoint: 'main', dispatch: [1, 1, 1], swap: ['dst', 'dst2'] },
          { entryPoint: 'main', dispatch: [1, 1, 1], swap: ['dst', 'smp'] },
        ],
      }),
    );
    expect(bad.ok ? [] : bad.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'passes[0].swap: "dst" and "dst2" must be textures of the same format, dimension, size and mip levels to swap',
      'passes[1].swap[1]: "smp" is a sampler; only storage bindings and textures swap',
    ]);
  });
});
