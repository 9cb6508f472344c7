import { describe, expect, it } from 'vitest';
import { formatDiagnostic, reflect } from './index';

const SAXPY = `struct Params { n: u32, a: f32 }
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(1) var<storage, read> x: array<f32>;
override WG: u32 = 64;
@compute @workgroup_size(WG) fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i < params.n) { y[i] = params.a * x[i] + y[i]; }
}`;

describe('reflect', () => {
  it('numbers bindings as slots sorted by (group, binding)', () => {
    const r = reflect(SAXPY);
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    expect(r.bindings.map((b) => [b.slot, b.name, b.kind, b.type, b.minBytes, b.runtimeStride])).toEqual([
      [0, 'params', 'uniform', 'Params', 8, undefined],
      [1, 'x', 'storage-read', 'array<f32>', 4, 4],
      [2, 'y', 'storage', 'array<f32>', 4, 4],
    ]);
  });

  it('resolves override workgroup sizes with defaults and given values', () => {
    const r1 = reflect(SAXPY);
    const r2 = reflect(SAXPY, { overrides: { WG: 256 } });
    expect(r1.ok && r1.entryPoints).toEqual([{ name: 'main', stage: 'compute', workgroupSize: [64, 1, 1] }]);
    expect(r2.ok && r2.entryPoints[0]!.workgroupSize).toEqual([256, 1, 1]);
  });

  it('reports an unknown override by name', () => {
    const r = reflect(SAXPY, { overrides: { NOPE: 1 } });
    expect(!r.ok && r.diagnostics[0]!.message).toMatch(/no override named 'NOPE'/);
  });

  it('gives struct-with-runtime-array bindings their fixed part plus one element', () => {
    const r = reflect(`struct B { count: u32, pad: vec3<u32>, data: array<vec4<f32>> }
      @group(1) @binding(0) var<storage, read_write> b: B;
      @compute @workgroup_size(1) fn k() {}`);
    expect(r.ok && r.bindings[0]).toMatchObject({
      group: 1,
      minBytes: 48,
      runtimeStride: 16,
      kind: 'storage',
    });
  });

  it('positions syntax errors at the offending token', () => {
    const r = reflect('fn f() {\n  let x = ;\n}', { file: 'k.wgsl' });
    expect(!r.ok && r.diagnostics.map(formatDiagnostic)).toEqual([
      "k.wgsl:2:11: error: expected an expression, found ';'",
    ]);
  });

  it('numbers variables sharing a (group, binding) as one slot (WGSL §13.3.2, Tint bug/tint/369)', () => {
    const r = reflect(`@group(0) @binding(1) var<uniform> u: vec4f;
@group(0) @binding(0) var<storage> a: array<u32>;
@group(0) @binding(0) var<storage> b: array<u32>;`);
    expect(r.ok && r.bindings.map((x) => [x.slot, x.name])).toEqual([
      [0, 'a'],
      [0, 'b'],
      [1, 'u'],
    ]);
  });

  it('lays a uniform out as storage, silently (uniform_buffer_standard_layout: array<f32, 4> has stride 4)', () => {
    const r = reflect(`struct U { k: array<f32, 4>, p: vec3f, q: f32, r: array<vec2f, 3> }
@group(0) @binding(0) var<uniform> u: U;`);
    expect(r.ok && r.diagnostics).toEqual([]);
    const layout = r.ok ? r.bindings[0]!.layout : undefined;
    expect(layout?.kind === 'struct' && layout.members.map((m) => m.offset)).toEqual([0, 16, 28, 32]);
    expect(layout?.size).toBe(64);
  });
});
