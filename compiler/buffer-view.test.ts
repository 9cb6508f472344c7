import { describe, expect, it } from 'vitest';
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
