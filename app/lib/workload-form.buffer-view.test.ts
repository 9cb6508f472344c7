/**
 * The workload form for untyped buffers (language feature buffer_view): the bindings it proposes are
 * plain buffers of u32 words (docs/contracts.md §1), valid workloads that the form finds consistent.
 */
import { describe, expect, it } from 'vitest';
import { reflect } from '../../compiler';
import { workloadSchema } from '../../core/workload';
import { checkConsistency, defaultBinding, type RawWorkload } from './workload-form';

const WGSL = `@group(0) @binding(0) var<storage, read> src: buffer<64>;
@group(0) @binding(1) var<storage, read_write> dst: buffer;
@group(0) @binding(2) var<uniform> u: buffer<32>;
@compute @workgroup_size(1) fn main() {
  *bufferView<u32>(&dst, 0) = bufferView<vec4u>(&src, 16).x + *bufferView<u32>(&u, 4);
}`;

describe('workload form with buffer bindings', () => {
  it('proposes u32 words: N bytes for buffer<N>, 1024 words for an unsized buffer, bytes for a uniform', () => {
    const r = reflect(WGSL);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    const bindings = r.bindings.map((b) => defaultBinding(b));
    expect(bindings.map((b) => [b.name, b.kind, b.element, b.length])).toEqual([
      ['src', 'storage-read', 'u32', 16],
      ['dst', 'storage', 'u32', 1024],
      ['u', 'uniform', 'bytes', 32],
    ]);
    const w: RawWorkload = { name: 'bv', entryPoint: 'main', dispatch: [1, 1, 1], bindings };
    expect(checkConsistency(w, r.bindings, [])).toEqual([]);
    expect(workloadSchema.safeParse({ ...w, wgsl: WGSL }).success).toBe(true);
  });

  it('takes any element for a buffer, where it names a typed array holding another', () => {
    const r = reflect(`${WGSL}
@group(0) @binding(3) var<storage, read_write> typed: array<u32>;
@compute @workgroup_size(1) fn other() { typed[0] = 1u; }`);
    if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    const bindings = r.bindings.map((b) =>
      b.name === 'u' ? defaultBinding(b) : { ...defaultBinding(b), element: 'f32' },
    );
    const w: RawWorkload = { name: 'bv', entryPoint: 'main', dispatch: [1, 1, 1], bindings };
    expect(checkConsistency(w, r.bindings, []).map((m) => m.message)).toEqual([
      '"typed" holds u32 in the WGSL (array<u32>) but the workload says f32.',
    ]);
  });
});
