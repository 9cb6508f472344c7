import { describe, expect, it } from 'vitest';
import { planRun } from '../core/run-plan';
import { parseWorkload } from '../core/workload';
import { formatDiagnostic, translate } from './index';
import { BUFFER_VIEW_CASES } from './testdata/buffer-view-cases';
import { hasGxx, runOnCpu } from './testkit/native';

const gxx = hasGxx();

describe.skipIf(!gxx)('buffer_view kernels run with Tint semantics (g++)', () => {
  it.each(BUFFER_VIEW_CASES.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const r = translate(c.wgsl, { file: 'k.wgsl', target: 'cpu' });
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
      dispatch: 1,
      sizes: { out: c.expect.length * 4, ...c.sizes },
      init: c.init,
    });
    expect(res.status).toEqual([0]);
    expect(res.words).toEqual(c.expect.map((w) => w >>> 0));
  });
});

describe('buffer bindings reflect as bytes', () => {
  it('gives buffer<N> N bytes and an unsized buffer one word that grows by words', () => {
    const r = translate(
      `@group(0) @binding(0) var<storage, read_write> a : buffer<24>;
@group(0) @binding(1) var<uniform> b : buffer;
@compute @workgroup_size(1) fn main() { _ = bufferLength(&a); _ = bufferLength(&b); }`,
      { file: 'k.wgsl', target: 'cpu' },
    );
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    const [a, b] = r.bindings;
    expect([a!.kind, a!.type, a!.minBytes, a!.runtimeStride]).toEqual([
      'storage',
      'buffer<24>',
      24,
      undefined,
    ]);
    expect([b!.kind, b!.type, b!.minBytes, b!.runtimeStride]).toEqual(['uniform', 'buffer', 4, 4]);
  });
});

describe('a workload binds a buffer as bytes, like any storage or uniform buffer (docs/contracts.md)', () => {
  const wgsl = `@group(0) @binding(0) var<storage, read_write> v : buffer<64>;
@group(0) @binding(1) var<uniform> u : buffer;
@compute @workgroup_size(1) fn main() { bufferView<vec4u>(&v, 0).x = bufferLength(&u); }`;
  const plan = (vBytes: number) => {
    const w = parseWorkload({
      name: 'bytes',
      wgsl,
      entryPoint: 'main',
      dispatch: [1, 1, 1],
      bindings: [
        {
          group: 0,
          binding: 0,
          name: 'v',
          kind: 'storage',
          element: 'u32',
          length: vBytes / 4,
          output: true,
        },
        { group: 0, binding: 1, name: 'u', kind: 'uniform', element: 'bytes', length: 32, init: 'zeros' },
      ],
    });
    if (!w.ok) throw new Error(JSON.stringify(w.issues));
    const t = translate(wgsl, { file: 'k.wgsl', target: 'cpu' });
    if (!t.ok) throw new Error(t.diagnostics.map(formatDiagnostic).join('\n'));
    return planRun(w.workload, t);
  };

  it('plans a buffer<64> of 64 bytes or more and an unsized uniform buffer of any size', () => {
    const r = plan(64);
    expect(r.ok && r.plan.slots.map((s) => s.bytes)).toEqual([64, 32]);
  });

  it('refuses a buffer<N> binding smaller than N bytes, naming it', () => {
    const r = plan(32);
    expect(r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'bindings[0].length: "v" (buffer<64>) needs at least 64 bytes, the workload gives 32',
    ]);
  });
});
