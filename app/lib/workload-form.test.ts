import { describe, expect, it } from 'vitest';
import { reflect } from '../../compiler';
import { workloadSchema } from '../../core/workload';
import {
  checkConsistency,
  coverDispatch,
  declaredOverrides,
  defaultBinding,
  elementOf,
  type RawWorkload,
  rawBindings,
} from './workload-form';

const WGSL = `
struct Params { n: u32, a: f32 }
override SCALE: f32 = 2.0;
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@compute @workgroup_size(64, 2) fn main(@builtin(global_invocation_id) g: vec3<u32>) {
  y[g.x] = x[g.x].x * params.a * SCALE;
}`;

function reflected() {
  const r = reflect(WGSL);
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return r;
}

const base = (): RawWorkload => ({
  name: 't',
  entryPoint: 'main',
  dispatch: [1, 1, 1],
  bindings: [
    { group: 0, binding: 0, name: 'params', kind: 'uniform', fields: { n: 4, a: 1 } },
    { group: 0, binding: 1, name: 'x', kind: 'storage-read', element: 'f32', length: 16 },
    { group: 0, binding: 2, name: 'y', kind: 'storage', element: 'f32', length: 4, output: true },
  ],
});

describe('workload form logic', () => {
  it('finds nothing wrong with a matching workload', () => {
    expect(checkConsistency(base(), reflected().bindings, ['SCALE'])).toEqual([]);
  });

  it('accepts a workload that fills either of two variables sharing a (group, binding)', () => {
    // WGSL §13.3.2 (Tint's bug/tint/369): no entry point uses both `y` and `yWords`.
    const r = reflect(`${WGSL}
@group(0) @binding(2) var<storage, read_write> yWords: array<u32>;
@compute @workgroup_size(1) fn other() { yWords[0] = 1u; }`);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    expect(r.bindings.map((b) => [b.slot, b.name])).toEqual([
      [0, 'params'],
      [1, 'x'],
      [2, 'y'],
      [2, 'yWords'],
    ]);
    expect(checkConsistency(base(), r.bindings, ['SCALE'])).toEqual([]);
    const w = base();
    w.bindings = rawBindings(w).map((b) => (b.name === 'y' ? { ...b, name: 'yWords', element: 'u32' } : b));
    expect(checkConsistency(w, r.bindings, ['SCALE'])).toEqual([]);
    w.bindings = rawBindings(w).map((b) => (b.name === 'yWords' ? { ...b, name: 'z' } : b));
    // Naming neither: checked against the first declared (`y`, f32 elements).
    expect(checkConsistency(w, r.bindings, ['SCALE']).map((m) => m.id)).toEqual(['name-y', 'element-y']);
  });

  it('offers to add a binding the WGSL declares and the workload lacks', () => {
    const w = base();
    w.bindings = rawBindings(w).filter((b) => b.name !== 'y');
    const [m, ...rest] = checkConsistency(w, reflected().bindings, []);
    expect(rest).toEqual([]);
    expect(m!.id).toBe('missing-y');
    const fixed = m!.fix!.apply(w);
    expect(rawBindings(fixed).map((b) => b.name)).toEqual(['params', 'x', 'y']);
    expect(rawBindings(fixed)[2]).toMatchObject({
      kind: 'storage',
      element: 'f32',
      length: 16,
      output: true,
    });
    expect(checkConsistency(fixed, reflected().bindings, [])).toEqual([]);
  });

  it('offers to remove a binding, a uniform field or an override the WGSL lacks, and flags kinds', () => {
    const w = base();
    (w.bindings as RawWorkload[]).push({
      group: 1,
      binding: 0,
      name: 'z',
      kind: 'storage',
      element: 'u32',
      length: 1,
    });
    (w.bindings as RawWorkload[])[0]!.fields = { n: 4, a: 1, b: 3 };
    (w.bindings as RawWorkload[])[1]!.kind = 'storage';
    w.overrides = { NOPE: 1 };
    const ms = checkConsistency(w, reflected().bindings, ['SCALE']);
    expect(ms.map((m) => m.id).sort()).toEqual(['extra-z', 'field-params-b', 'kind-x', 'override-NOPE']);
    let fixed = w;
    for (const m of ms) fixed = m.fix!.apply(fixed);
    expect(checkConsistency(fixed, reflected().bindings, ['SCALE'])).toEqual([]);
    expect(fixed.overrides).toBeUndefined();
  });

  it('flags a uniform member called constructor that the fields leave out (not found on Object)', () => {
    const r = reflect(`struct U { constructor: u32, k: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read_write> y: array<u32>;
@compute @workgroup_size(1) fn main() { y[0] = u.constructor + u.k; }`);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    const w: RawWorkload = {
      name: 't',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        { group: 0, binding: 0, name: 'u', kind: 'uniform', fields: { k: 1 } },
        { group: 0, binding: 1, name: 'y', kind: 'storage', element: 'u32', length: 1, output: true },
      ],
    };
    const ms = checkConsistency(w, r.bindings, []);
    expect(ms.map((m) => m.id)).toEqual(['field-missing-u-constructor']);
    const fixed = ms[0]!.fix!.apply(w);
    expect(rawBindings(fixed)[0]!.fields).toEqual({ k: 1, constructor: 0 });
    expect(checkConsistency(fixed, r.bindings, [])).toEqual([]);
  });

  it('reads element types from layouts and covers N per dimension', () => {
    const [, x, y] = reflected().bindings;
    expect(elementOf(x!.layout)).toEqual({ element: 'f32', perItem: 4 });
    expect(defaultBinding(y!, 100)).toMatchObject({ element: 'f32', length: 100 });
    expect(reflected().entryPoints[0]!.workgroupSize).toEqual([64, 2, 1]);
    expect(coverDispatch([1000, 3, 1], [64, 2, 1])).toEqual([16, 2, 1]);
    expect(coverDispatch([0, 1, 1], [64, 1, 1])).toEqual([1, 1, 1]);
    expect(declaredOverrides(`${WGSL}\n// override HIDDEN: u32;`)).toEqual([
      { name: 'SCALE', type: 'f32', init: '2.0' },
    ]);
  });
});

describe('the kernel library through the form', () => {
  it('finds every preset’s default workload consistent with its WGSL', async () => {
    const { PRESETS, resolveLibraryPreset } = await import('../../shaders/index');
    expect(PRESETS.length).toBeGreaterThan(10);
    for (const p of PRESETS) {
      const { wgsl, ...w } = resolveLibraryPreset(p.id);
      const r = reflect(wgsl, { overrides: w.overrides ?? {} });
      expect(r.ok, p.id).toBe(true);
      if (!r.ok) continue;
      const found = checkConsistency(
        w as unknown as RawWorkload,
        r.bindings,
        declaredOverrides(wgsl).map((o) => o.name),
      );
      expect(
        found.map((m) => m.message),
        p.id,
      ).toEqual([]);
    }
  });
});

describe('defaultBinding for textures and samplers', () => {
  it('adds what the WGSL declares as a valid workload binding', () => {
    const r = reflect(`@group(0) @binding(0) var src: texture_2d_array<u32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var dst: texture_storage_3d<r32float, read_write>;
@compute @workgroup_size(1) fn main() {
  let a = textureLoad(src, vec2u(0u), 0, 0);
  let b = smp;
  textureStore(dst, vec3u(0u), textureLoad(dst, vec3u(0u)) + f32(a.x));
}`);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const [src, smp, dst] = r.bindings.map((b) => defaultBinding(b));
    expect(src).toMatchObject({ kind: 'texture', format: 'r32uint', size: [64, 64, 2] });
    expect(smp).toMatchObject({ kind: 'sampler', sampler: {} });
    expect(dst).toMatchObject({
      kind: 'storage-texture',
      format: 'r32float',
      dimension: '3d',
      access: 'read-write',
      output: true,
    });
    const parsed = workloadSchema.safeParse({
      name: 't',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [src, smp, dst],
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });

  it('gives a texture_depth_* a depth32float of depths in [0, 1] and a sampler_comparison a compare function', () => {
    const r = reflect(`@group(0) @binding(0) var d: texture_depth_2d_array;
@group(0) @binding(1) var c: sampler_comparison;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(1) fn main() { out[0] = textureSampleCompareLevel(d, c, vec2f(0.5), 0, 0.5); }`);
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    const [d, c, out] = r.bindings.map((b) => defaultBinding(b));
    expect(d).toMatchObject({ kind: 'texture', format: 'depth32float', size: [64, 64, 2] });
    expect(c).toMatchObject({ kind: 'sampler', sampler: { compare: 'less' } });
    const parsed = workloadSchema.safeParse({
      name: 't',
      wgsl: 'x',
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [d, c, out],
    });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  });
});
