import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { generateBinding } from '../core/generators';
import type { Workload } from '../core/workload';
import { resolveLibraryPreset } from '../shaders/index';
import { buildCudaHarness, INPUTS_BEGIN, INPUTS_END } from './harness';
import { packUniform } from './layout';
import { reflect } from './reflect';
import { GXX, hasGxx, hasNvcc, NVCC } from './testing/native';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duet-harness-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const saxpy = resolveLibraryPreset('saxpy', {});

function harnessOf(w: Workload): string {
  const h = buildCudaHarness(w);
  if (!h.ok) throw new Error(h.problems.join('\n'));
  return h.source;
}

/** The bytes every slot starts with, as the page and the daemon make them. */
function expectedSlotBytes(w: Workload): Uint8Array[] {
  const r = reflect(w.wgsl, w.overrides ? { overrides: w.overrides } : {});
  if (!r.ok) throw new Error('reflect failed');
  return r.bindings.map((mb) => {
    const b = w.bindings.find((x) => x.group === mb.group && x.binding === mb.binding);
    if (!b) return new Uint8Array(Math.max(4, mb.minBytes));
    if (b.kind === 'uniform' && !b.element) return packUniform(mb.layout, b.fields ?? {});
    return generateBinding(b);
  });
}

describe('buildCudaHarness', () => {
  it('embeds the kernel, launches it with the dispatch and workgroup size and times it with cudaEvents', () => {
    const src = harnessOf(saxpy);
    expect(src).toContain('extern "C" __global__');
    expect(src).toMatch(/duet_k_main<<<dim3\(\d+, 1, 1\), dim3\(256, 1, 1\)>>>\(p\)/);
    expect(src).toContain(`dim3(${saxpy.dispatch!.join(', ')})`);
    expect(src).toContain('cudaEventElapsedTime');
    expect(src).toContain('int main()');
    expect(src).toContain('// wgsl:');
  });

  it('says what is wrong instead of emitting a harness for a workload the WGSL does not fit', () => {
    const bad = {
      ...saxpy,
      bindings: [...saxpy.bindings, { ...saxpy.bindings[1]!, binding: 7, name: 'extra' }],
    };
    const h = buildCudaHarness(bad);
    expect(h.ok).toBe(false);
    if (!h.ok) expect(h.problems.join('\n')).toContain('@binding(7)');
    const broken = buildCudaHarness({ ...saxpy, wgsl: 'fn 1x() {}' });
    expect(broken.ok).toBe(false);
  });

  it('refuses to embed huge explicit data', () => {
    const big: Workload = {
      ...saxpy,
      bindings: saxpy.bindings.map((b) =>
        b.name === 'x' ? { ...b, element: 'f16' as const, length: 5_000_000, init: { fill: 1 } } : b,
      ),
    };
    const h = buildCudaHarness(big);
    expect(h.ok).toBe(false);
  });
});

// The inputs section is plain C++: compile it alone with g++ and check it writes exactly the bytes
// core/generators.ts and compiler/layout.ts produce (random, iota, fill, data, packed uniform, f16).
const gxx = await hasGxx();
if (!gxx) console.warn(`SKIPPED: ${GXX} not found; the harness input parity check does not run`);

describe('harness inputs are bit-identical to the page and the daemon', () => {
  const inputsOf = (src: string) => src.slice(src.indexOf(INPUTS_BEGIN), src.indexOf(INPUTS_END));

  const variants: [string, Workload][] = [
    ['saxpy (random f32, packed uniform)', resolveLibraryPreset('saxpy', { N: 1000, A: -0.75 })],
    [
      'iota / fill / random ints / data / f16',
      {
        ...saxpy,
        bindings: [
          saxpy.bindings[0]!,
          { ...saxpy.bindings[1]!, element: 'f32', length: 300, init: { iota: { start: -3.3, step: 0.1 } } },
          { ...saxpy.bindings[2]!, element: 'f32', length: 300, init: { fill: 0.1 } },
        ],
      },
    ],
    [
      'random i32 over a wide range and u32 data',
      {
        ...saxpy,
        bindings: [
          saxpy.bindings[0]!,
          {
            ...saxpy.bindings[1]!,
            element: 'i32',
            length: 500,
            init: { random: { seed: 9, min: -3e9, max: 5e9 } },
          },
          { ...saxpy.bindings[2]!, element: 'u32', length: 5, init: { data: [1, 2, 4294967295, 7] } },
        ],
      },
    ],
    [
      'f16 random (embedded)',
      {
        ...saxpy,
        bindings: [
          saxpy.bindings[0]!,
          {
            ...saxpy.bindings[1]!,
            element: 'f16',
            length: 64,
            init: { random: { seed: 3, min: -2, max: 2 } },
          },
          {
            ...saxpy.bindings[2]!,
            element: 'u32',
            length: 32,
            init: { random: { seed: 4, min: 0, max: 4294967295 } },
          },
        ],
      },
    ],
  ];

  it.skipIf(!gxx).each(variants)('%s', async (name, w) => {
    const src = inputsOf(harnessOf(w));
    const driver = `${src}
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char** argv) {
  for (int s = 0; s < duet_slot_count; s++) {
    unsigned char* b = (unsigned char*)calloc(duet_slot_bytes[s] + 16, 1);
    duet_slot_init[s](b);
    char path[4096];
    snprintf(path, sizeof path, "%s/slot%d.bin", argv[1], s);
    FILE* f = fopen(path, "wb");
    fwrite(b, 1, duet_slot_bytes[s], f);
    fclose(f);
    free(b);
  }
  return argc > 1 ? 0 : 1;
}
`;
    const tag = name.replace(/\W+/g, '-');
    const cpp = join(dir, `${tag}.cpp`);
    const exe = join(dir, tag);
    writeFileSync(cpp, driver);
    await run(GXX, ['-std=c++17', '-O2', '-o', exe, cpp]);
    await run(exe, [dir]);
    const expected = expectedSlotBytes(w);
    expected.forEach((bytes, s) => {
      const got = new Uint8Array(readFileSync(join(dir, `slot${s}.bin`)));
      expect(got.byteLength, `slot ${s} size`).toBe(bytes.byteLength);
      expect(Buffer.compare(Buffer.from(got), Buffer.from(bytes)), `slot ${s} bytes`).toBe(0);
    });
  });
});

const nvcc = hasNvcc();
if (!nvcc)
  console.warn(`SKIPPED: nvcc not found at ${NVCC}; the standalone .cu harness is not compile-checked`);

describe.skipIf(!nvcc)('the standalone .cu compiles with nvcc', () => {
  it('saxpy preset: nvcc -c', { timeout: 240_000 }, async () => {
    const cu = join(dir, 'saxpy.cu');
    writeFileSync(cu, harnessOf(saxpy));
    const r = await run(NVCC, ['-c', '-arch=sm_80', '-o', join(dir, 'saxpy.o'), cu], { maxBuffer: 1 << 24 });
    expect(r.stderr.trim()).toBe('');
  });

  it('a multi-pass preset with per-pass uniforms and swaps (bitonic sort): nvcc -c', {
    timeout: 240_000,
  }, async () => {
    const cu = join(dir, 'bitonic.cu');
    writeFileSync(cu, harnessOf(resolveLibraryPreset('bitonic-sort', {})));
    const r = await run(NVCC, ['-c', '-arch=sm_80', '-o', join(dir, 'bitonic.o'), cu], {
      maxBuffer: 1 << 24,
    });
    expect(r.stderr.trim()).toBe('');
  });
});
