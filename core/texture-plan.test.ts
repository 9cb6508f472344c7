import { describe, expect, it } from 'vitest';
import type { TypeLayout } from './host-layout';
import { type PlanModule, planRun, type TranslatedBinding } from './run-plan';
import { slotInitBytes } from './slot-init';
import { generateTextureSlot } from './texel-init';
import type { ResourceInfo } from './texture-formats';
import { parseWorkload, type Workload } from './workload';

// Handles have no host-shareable layout; the plan never reads one for them.
const handleLayout: TypeLayout = { kind: 'scalar', type: 'u32', scalar: 'u32', size: 4, align: 4 };

/** A hand-made reflection of one handle binding (the translator's shape, core/run-plan.ts). */
function handle(slot: number, name: string, resource: ResourceInfo, type: string): TranslatedBinding {
  return {
    slot,
    group: 0,
    binding: slot,
    name,
    kind: resource.kind,
    type,
    layout: handleLayout,
    minBytes: 32,
    resource,
  };
}

const blurModule = (over: Partial<Record<'src' | 'smp' | 'dst', ResourceInfo>> = {}): PlanModule => ({
  kernels: [{ entryPoint: 'main', symbol: 'duet_k_main', workgroupSize: [8, 8, 1], usedSlots: [0, 1, 2] }],
  bindings: [
    handle(0, 'src', over.src ?? { kind: 'texture', dimension: '2d', sampled: 'f32' }, 'texture_2d<f32>'),
    handle(1, 'smp', over.smp ?? { kind: 'sampler', comparison: false }, 'sampler'),
    handle(
      2,
      'dst',
      over.dst ?? { kind: 'storage-texture', dimension: '2d', format: 'rgba8unorm', access: 'write' },
      'texture_storage_2d<rgba8unorm, write>',
    ),
  ],
});

const src = {
  group: 0,
  binding: 0,
  name: 'src',
  kind: 'texture',
  format: 'rgba8unorm',
  size: [64, 48],
  init: { random: { seed: 3, min: 0, max: 255 } },
};
const smp = { group: 0, binding: 1, name: 'smp', kind: 'sampler', sampler: { filter: 'linear' } };
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

function workload(bindings: object[] = [src, smp, dst]): Workload {
  const r = parseWorkload({ name: 'blur', wgsl: 'x', entryPoint: 'main', dispatch: [8, 6, 1], bindings });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.workload;
}

const issues = (w: Workload, m: PlanModule) => {
  const r = planRun(w, m);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

describe('run plan: textures, storage textures and samplers', () => {
  it('plans the blur example: texture slot, sampler descriptor, storage texture output without header', () => {
    const r = planRun(workload(), blurModule());
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const [t, s, d] = r.plan.slots;
    expect(t).toMatchObject({ slot: 0, kind: 'texture', bytes: 32 + 64 * 48 * 4 });
    expect(s).toMatchObject({ slot: 1, kind: 'sampler', bytes: 32 });
    // linear filter: mag, min, mipmap 1; clamp-to-edge 0; no compare.
    expect([...new Uint32Array(slotInitBytes(s!.init).buffer)]).toEqual([1, 1, 1, 0, 0, 0, 0, 0]);
    expect(d).toMatchObject({ slot: 2, kind: 'storage-texture', bytes: 32 + 64 * 48 * 4 });
    expect(r.plan.outputs).toEqual([{ slot: 2, name: 'dst', offset: 32, bytes: 64 * 48 * 4 }]);
    expect(r.plan.warnings).toEqual([]);
  });

  it('generates header and texels for a texture slot, and the header alone for a zero one', () => {
    const r = planRun(workload(), blurModule());
    if (!r.ok) throw new Error('plan failed');
    const [t, , d] = r.plan.slots;
    const bytes = slotInitBytes(t!.init);
    expect(bytes.byteLength).toBe(t!.bytes);
    if (t!.init.from !== 'binding' || !t!.init.texture) throw new Error('texture slot not from its binding');
    expect(bytes).toEqual(generateTextureSlot(t!.init.texture, src.init));
    const header = slotInitBytes(d!.init);
    expect([...new Uint32Array(header.buffer)]).toEqual([8, 64, 48, 1, 1, 2, 4, 0]); // rgba8unorm = code 8
  });

  it('names the binding and field when the WGSL type does not fit', () => {
    expect(
      issues(workload(), blurModule({ src: { kind: 'texture', dimension: '2d', sampled: 'u32' } })),
    ).toEqual([
      'bindings[0].format: the WGSL declares "src" as texture_2d<u32>; "rgba8unorm" reads as f32, and it needs a unsigned integer format (r8uint, rg8uint, rgba8uint, r16uint, rg16uint, rgba16uint, ...)',
    ]);
    expect(
      issues(workload(), blurModule({ src: { kind: 'texture', dimension: '3d', sampled: 'f32' } })),
    ).toEqual([
      `bindings[0].dimension: the WGSL declares "src" as texture_3d<f32>; the workload's texture is 2d`,
    ]);
    expect(
      issues(
        workload(),
        blurModule({
          dst: { kind: 'storage-texture', dimension: '2d', format: 'rgba16float', access: 'write' },
        }),
      ),
    ).toEqual([
      `bindings[2].format: the WGSL declares "dst" as texture_storage_2d<rgba16float, write>; the workload's format is "rgba8unorm" (a storage texture's must be equal)`,
    ]);
    expect(
      issues(
        workload([src, smp, { ...dst, format: 'r32float', access: 'read-write' }]),
        blurModule({
          dst: { kind: 'storage-texture', dimension: '2d', format: 'r32float', access: 'write' },
        }),
      ),
    ).toEqual([
      `bindings[2].access: the WGSL declares "dst" as texture_storage_2d<r32float, write>; the workload's access is "read-write" (a storage texture's must be equal)`,
    ]);
    expect(
      issues(
        workload(
          [{ ...smp, kind: 'texture', sampler: undefined, format: 'r8unorm', size: [4, 4] }, src, dst].map(
            (b, k) => ({ ...b, binding: [1, 0, 2][k] }),
          ),
        ),
        blurModule(),
      ),
    ).toEqual(['bindings[0].kind: the WGSL declares "smp" as sampler; the workload says texture']);
  });

  it('gives a [w, h] texture to a texture_2d_array as one layer (a 2d-array view of a 2d texture)', () => {
    const r = planRun(
      workload(),
      blurModule({ src: { kind: 'texture', dimension: '2d-array', sampled: 'f32' } }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const header = new Uint32Array(slotInitBytes(r.plan.slots[0]!.init).buffer, 0, 8);
    expect([...header]).toEqual([8, 64, 48, 1, 1, 3, 4, 0]); // dimension code 3: 2d-array, 1 layer
  });

  it('fills a declared but unused texture the workload leaves out with a valid 1-texel texture', () => {
    const m = blurModule();
    const unused: PlanModule = {
      kernels: [{ ...m.kernels[0]!, usedSlots: [1, 2] }],
      bindings: m.bindings,
    };
    const r = planRun(workload([{ ...smp }, dst]), unused);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const header = new Uint32Array(slotInitBytes(r.plan.slots[0]!.init).buffer, 0, 8);
    expect([...header]).toEqual([8, 1, 1, 1, 1, 2, 4, 0]);
  });

  it('binds a shared binding point to the variable the dispatched entry point uses (WGSL §13.3.2)', () => {
    // probabilityMap.wgsl: tex_in (texture_2d) and tex_out (storage) both at @binding(3); import_level uses tex_in.
    const m: PlanModule = {
      kernels: [
        {
          entryPoint: 'main',
          symbol: 'duet_k_main',
          workgroupSize: [1, 1, 1],
          usedSlots: [0, 1],
          usedBindings: ['tex_in', 'dst'],
        },
      ],
      // Variables at one (group, binding) share its slot (compiler/reflect.ts).
      bindings: [
        { ...blurModule().bindings[2]!, slot: 0, name: 'tex_out', binding: 3 },
        { ...blurModule().bindings[0]!, slot: 0, name: 'tex_in', binding: 3 },
        { ...blurModule().bindings[2]!, slot: 1, name: 'dst', binding: 4 },
      ],
    };
    const r = planRun(
      workload([
        { ...src, binding: 3 },
        { ...dst, binding: 4 },
      ]),
      m,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const bySlot = Object.fromEntries(r.plan.slots.map((x) => [x.slot, [x.name, x.kind]]));
    expect(bySlot).toEqual({
      0: ['src', 'texture'],
      1: ['dst', 'storage-texture'],
    });
  });

  it('refuses a filtering sampler the WGSL pairs with a texture that cannot be filtered, at the call', () => {
    const m = blurModule();
    const paired: PlanModule = {
      ...m,
      kernels: [{ ...m.kernels[0]!, samplings: [{ texture: 0, sampler: 1, line: 7, col: 11 }] }],
    };
    const r = planRun(workload([{ ...src, format: 'r32float', init: 'zeros' }, smp, dst]), paired);
    expect(r.ok ? [] : r.issues).toEqual([
      {
        path: 'bindings[1].sampler',
        message:
          '"smp" filters linearly, and entry point "main" samples "src" (r32float, which cannot be filtered) with it at 7:11: WebGPU refuses such a pipeline (WebGPU §8.1.1, texture-sampler pairs); use "filter": "nearest" or textureLoad',
      },
    ]);
    // A nearest sampler, a filterable format, or no sampling call pairing them: WebGPU accepts all three.
    const nearest = { ...smp, sampler: { filter: 'nearest' } };
    expect(planRun(workload([{ ...src, format: 'r32float', init: 'zeros' }, nearest, dst]), paired).ok).toBe(
      true,
    );
    expect(planRun(workload([src, smp, dst]), paired).ok).toBe(true);
    const r2 = planRun(workload([{ ...src, format: 'r32float', init: 'zeros' }, smp, dst]), m);
    expect(r2.ok && r2.plan.warnings).toEqual([]);
  });
});
