/**
 * Depth textures and comparison samplers in a workload (docs/contracts.md §1, §4): depth16unorm and
 * depth32float as `kind: "texture"` with depths in [0, 1], the fields refused with the reason, the
 * bytes a depth init becomes, and the run plan pairing them with texture_depth_* and sampler_comparison.
 */
import { describe, expect, it } from 'vitest';
import type { TypeLayout } from './host-layout';
import { type PlanModule, planRun, type TranslatedBinding } from './run-plan';
import { slotInitBytes } from './slot-init';
import { generateTexels } from './texel-init';
import { textureShapeOf } from './texture-binding';
import type { ResourceInfo } from './texture-formats';
import { parseWorkload, type Workload } from './workload';

const depth = {
  group: 0,
  binding: 0,
  name: 'shadow',
  kind: 'texture',
  format: 'depth32float',
  size: [4, 2],
  init: { data: [0, 0.25, 0.5, 1] },
};
const cmp = { group: 0, binding: 1, name: 'cmp', kind: 'sampler', sampler: { compare: 'less-equal' } };
const out = {
  group: 0,
  binding: 2,
  name: 'out',
  kind: 'storage-texture',
  format: 'r32float',
  size: [4, 2],
  access: 'write',
  output: true,
};

const workload = (bindings: object[]) => ({
  name: 'shadow',
  wgsl: '@compute @workgroup_size(1) fn main() {}',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings,
});

function issuesOf(first: object): string[] {
  const r = parseWorkload(workload([first, cmp, out]));
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('depth texture bindings', () => {
  it('accepts both depth formats, 2d and 2d-array, with mip levels, and every compare function', () => {
    expect(issuesOf(depth)).toEqual([]);
    expect(issuesOf({ ...depth, format: 'depth16unorm', size: [4, 4, 3], mipLevels: 3 })).toEqual([]);
    expect(issuesOf({ ...depth, init: { random: { seed: 1, min: 0, max: 1 } } })).toEqual([]);
    expect(issuesOf({ ...depth, init: { iota: { start: 0, step: 0.125 } } })).toEqual([]);
    for (const compare of [
      'never',
      'less',
      'equal',
      'less-equal',
      'greater',
      'not-equal',
      'greater-equal',
      'always',
    ])
      expect(parseWorkload(workload([depth, { ...cmp, sampler: { compare } }, out])).ok).toBe(true);
  });

  it('names the field when a depth is outside [0, 1], raw bytes or a dimension depth formats lack', () => {
    expect(issuesOf({ ...depth, init: { data: [0, 1.5] } })).toEqual([
      'bindings[0].init.data[1]: 1.5 is not a depth (depth32float holds numbers in [0, 1])',
    ]);
    expect(issuesOf({ ...depth, format: 'depth16unorm', init: { fill: -0.5 } })).toEqual([
      'bindings[0].init.fill: -0.5 is not a depth (depth16unorm holds numbers in [0, 1])',
    ]);
    expect(issuesOf({ ...depth, init: { random: { seed: 1, min: 0, max: 2 } } })).toEqual([
      'bindings[0].init.random.max: 2 is not a depth (depth32float holds numbers in [0, 1])',
    ]);
    // 8 texels: iota reaches 0.25 × 7.
    expect(issuesOf({ ...depth, init: { iota: { start: 0, step: 0.25 } } })).toEqual([
      'bindings[0].init.iota.step: 1.75 is not a depth (depth32float holds numbers in [0, 1]); iota reaches 1.75',
    ]);
    expect(issuesOf({ ...depth, init: { base64: 'AAAAAA==' } })[0]).toMatch(
      /^bindings\[0\]\.init\.base64: a depth32float texture takes its depths as numbers in \[0, 1\]/,
    );
    expect(issuesOf({ ...depth, size: [8] })).toEqual([
      'bindings[0].size: a depth32float texture is 2d or 2d-array, not 1d (WebGPU §26.1.2: depth formats have no 1d or 3d textures)',
    ]);
    expect(issuesOf({ ...depth, size: [4, 4, 4], dimension: '3d' })[0]).toMatch(
      /^bindings\[0\]\.dimension: a depth32float texture is 2d or 2d-array, not 3d/,
    );
    expect(issuesOf({ ...depth, kind: 'storage-texture', access: 'write', init: undefined })[0]).toMatch(
      /^bindings\[0\]\.format: "depth32float" cannot be a storage texture/,
    );
  });

  it('stores depth16unorm as round(d × 65535) and depth32float as the f32', () => {
    const u = generateTexels(textureShapeOf({ kind: 'texture', format: 'depth16unorm', size: [3, 1] }), {
      data: [0, 0.5, 1],
    });
    expect([...new Uint16Array(u.buffer)]).toEqual([0, 32768, 65535]);
    const f = generateTexels(textureShapeOf({ kind: 'texture', format: 'depth32float', size: [2, 1] }), {
      data: [0.1, 1],
    });
    expect([...new Float32Array(f.buffer)]).toEqual([Math.fround(0.1), 1]);
  });
});

const layout: TypeLayout = { kind: 'scalar', type: 'u32', scalar: 'u32', size: 4, align: 4 };
const handle = (slot: number, name: string, resource: ResourceInfo, type: string): TranslatedBinding => ({
  slot,
  group: 0,
  binding: slot,
  name,
  kind: resource.kind,
  type,
  layout,
  minBytes: 32,
  resource,
});
/** The WGSL `shadow: texture_depth_2d`, `cmp: sampler_comparison` and an r32float output, as reflected. */
const module = (tex: ResourceInfo, smp: ResourceInfo): PlanModule => ({
  kernels: [{ entryPoint: 'main', symbol: 'duet_k_main', workgroupSize: [1, 1, 1], usedSlots: [0, 1, 2] }],
  bindings: [
    handle(0, 'shadow', tex, 'texture_depth_2d'),
    handle(1, 'cmp', smp, 'sampler_comparison'),
    handle(2, 'out', OUT, 'texture_storage_2d<r32float, write>'),
  ],
});
const OUT: ResourceInfo = { kind: 'storage-texture', dimension: '2d', format: 'r32float', access: 'write' };
const DEPTH_2D: ResourceInfo = { kind: 'texture', dimension: '2d', sampled: 'f32', depth: true };
const COMPARISON: ResourceInfo = { kind: 'sampler', comparison: true };

function planIssues(w: object[], m: PlanModule): string[] {
  const parsed = parseWorkload(workload([...w, out]));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const r = planRun(parsed.workload as Workload, m);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('the run plan for depth textures and comparison samplers', () => {
  it('plans a depth texture slot and the compare function in the sampler descriptor', () => {
    const parsed = parseWorkload(workload([depth, cmp, out]));
    if (!parsed.ok) throw new Error('invalid');
    const r = planRun(parsed.workload, module(DEPTH_2D, COMPARISON));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    // depth32float is format code 38; sampler word 6 = 1 + index of less-equal (3).
    expect([...new Uint32Array(slotInitBytes(r.plan.slots[0]!.init).buffer, 0, 8)]).toEqual([
      38, 4, 2, 1, 1, 2, 4, 0,
    ]);
    expect(new Uint32Array(slotInitBytes(r.plan.slots[1]!.init).buffer)[6]).toBe(4);
    expect(r.plan.warnings).toEqual([]);
  });

  it('pairs texture_depth_* with depth formats only, and sampler_comparison with a compare function only', () => {
    expect(
      planIssues([{ ...depth, format: 'r32float', init: 'zeros' }, cmp], module(DEPTH_2D, COMPARISON)),
    ).toEqual([
      'bindings[0].format: the WGSL declares "shadow" as texture_depth_2d; "r32float" is not a depth format (depth16unorm, depth32float)',
    ]);
    expect(
      planIssues([depth, cmp], module({ kind: 'texture', dimension: '2d', sampled: 'f32' }, COMPARISON)),
    ).toEqual([
      'bindings[0].format: the WGSL declares "shadow" as texture_2d<f32>; "depth32float" is a depth format: declare the texture as texture_depth_*',
    ]);
    expect(planIssues([depth, { ...cmp, sampler: {} }], module(DEPTH_2D, COMPARISON))).toEqual([
      'bindings[1].sampler: the WGSL declares "cmp" as sampler_comparison; give the sampler a `compare` function ("less", "greater-equal", ...)',
    ]);
    expect(planIssues([depth, cmp], module(DEPTH_2D, { kind: 'sampler', comparison: false }))).toEqual([
      'bindings[1].sampler.compare: the WGSL declares "cmp" as sampler; only a sampler_comparison takes a `compare` function',
    ]);
  });

  it('refuses a linear non-comparison sampler that samples a depth texture, not a linear comparison one', () => {
    const parsed = (s: object) => {
      const p = parseWorkload(workload([depth, { ...cmp, sampler: s }, out]));
      if (!p.ok) throw new Error('invalid');
      return p.workload;
    };
    // The sampling call pairs slot 0 (the depth texture) with slot 1 (the sampler) at 7:11.
    const sampled = (m: PlanModule): PlanModule => ({
      ...m,
      kernels: [{ ...m.kernels[0]!, samplings: [{ texture: 0, sampler: 1, line: 7, col: 11 }] }],
    });
    const linearCmp = planRun(
      parsed({ compare: 'less', filter: 'linear' }),
      sampled(module(DEPTH_2D, COMPARISON)),
    );
    expect(linearCmp.ok).toBe(true);
    const linear = planRun(
      parsed({ filter: 'linear' }),
      sampled(module(DEPTH_2D, { kind: 'sampler', comparison: false })),
    );
    expect(linear.ok).toBe(false);
    expect(!linear.ok && linear.issues.map((i) => i.path)).toEqual(['bindings[1].sampler']);
    expect(!linear.ok && linear.issues[0]!.message).toMatch(
      /depth32float, which cannot be filtered\) with it at 7:11/,
    );
  });
});
