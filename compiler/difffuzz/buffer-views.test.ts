import { describe, expect, it } from 'vitest';
import { BUFFER_VIEW_BINDINGS_PER_PROGRAM, generateBufferViewProgram } from './buffer-views';
import { itChecksTextureBatches } from './texture-batch-tests';

const SEEDS = Array.from({ length: 40 }, (_, i) => i);
/** Two programs share a module as the oracle batches them (exploits/difffuzz/bufferfuzz.test.ts). */
const batch = (s: number) =>
  [0, 1].map((i) => generateBufferViewProgram(s * 2 + i, `p${i}_`, 1 + i * BUFFER_VIEW_BINDINGS_PER_PROGRAM));

describe('difffuzz buffer-view generator', () => {
  it('is deterministic: a seed always gives the same program', () => {
    expect(generateBufferViewProgram(7, 'p0_', 1)).toEqual(generateBufferViewProgram(7, 'p0_', 1));
    expect(generateBufferViewProgram(7, 'p0_', 1)).not.toEqual(generateBufferViewProgram(8, 'p0_', 1));
  });

  itChecksTextureBatches(SEEDS, batch, (seed) => `bufferfuzz-${seed}.wgsl`);

  it('covers the views, offsets and sizes the fuzzer exists for, over a seed range', () => {
    const programs = Array.from({ length: 200 }, (_, s) => generateBufferViewProgram(s, 'p0_', 1));
    const text = programs.map((p) => [...p.decls, ...p.body].join('\n')).join('\n');
    for (const feature of [
      /var<storage, read> p0_src: buffer<\d+>;/,
      /var<storage, read> p0_src: buffer;/,
      /bufferView<p0_S>\(&p0_src, \d+u\)/, // a const offset
      /bufferView<vec4u>\(&p0_src, i32\(p0_rt\[\d+\]\)\)/, // a run-time i32 offset
      /bufferArrayView<array<vec2u>>\(&p0_src, [^,]+, p0_rt\[\d+\]\)/, // a run-time size
      /arrayLength\(bufferArrayView</,
      /bufferLength\(&p0_dst\)/,
      /\*bufferView<u32>\(&p0_dst, [^)]+\) = /, // a write
    ])
      expect(text).toMatch(feature);
    const runtime = programs.flatMap((p) => (p.bindings.at(-1)!.init as { data: number[] }).data);
    // Past the end, huge, and unaligned run-time values all occur.
    for (const v of [0xfffffff0, 0x7ffffff0, 0xffffffff]) expect(runtime).toContain(v);
    expect(runtime.some((v) => v % 4 !== 0 && v < 4096)).toBe(true);
  });
});
