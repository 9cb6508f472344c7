import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../index';
import { hasGxx, runOnCpu } from '../testkit/native';
import { commonSectionsFor } from './prelude';

const gxx = await hasGxx();
const SAXPY = readFileSync(join(__dirname, '..', 'testdata', 'saxpy.wgsl'), 'utf8');

/** f16, subgroups and a matrix in one kernel: out[i] = the subgroup's sum of (m * v).x, plus h[i] doubled. */
const EVERYTHING = `enable f16;
enable subgroups;
@group(0) @binding(0) var<storage, read_write> out: array<f32>;
@group(0) @binding(1) var<storage, read_write> h: array<f16>;
@compute @workgroup_size(32)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let m = mat2x2<f32>(1.0, 2.0, 3.0, 4.0);
  let v = m * vec2<f32>(f32(gid.x), 1.0);
  h[gid.x] = h[gid.x] * 2.0h;
  out[gid.x] = subgroupAdd(v.x) + f32(h[gid.x]);
}`;

function code(wgsl: string, target: 'cuda' | 'cpu', cpuFibers = false) {
  const r = translate(wgsl, { file: 'k.wgsl', target, cpuFibers });
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r;
}

const sectionsIn = (text: string) => [...text.matchAll(/^\/\* @section ([a-z0-9-]+)/gm)].map((m) => m[1]);

describe('the common prelude holds the sections a module uses (compiler/emit/prelude.ts)', () => {
  it.each(['cuda', 'cpu'] as const)('saxpy (%s): no f16, subgroup, matrix or math sections', (target) => {
    const text = code(SAXPY, target).code;
    expect(sectionsIn(text)).toEqual([
      'vector',
      'containers',
      ...(target === 'cpu' ? ['thread', 'loop'] : []),
    ]);
    expect(text).not.toMatch(/\bduet_f16\b|DUET_USES_F16|duet_subgroupAdd|struct mat\b|duet_sin\b/);
    // The containers that bound every access are always there.
    expect(text).toContain('template <class T> struct duet_rt {');
    expect(text).toContain('template <class T, unsigned N> struct duet_array {');
  });

  it('a CPU loop-mode or loop-fission kernel has no fibers or context switch; one run as fibers has them', () => {
    const loop = code(SAXPY, 'cpu').code;
    expect(sectionsIn(loop)).toEqual(['vector', 'containers', 'thread', 'loop']);
    expect(loop).not.toMatch(/void duet_cpu_swctx\(|int duet_cpu_run_workgroup\(|#define DUET_BARRIER/);
    const reduce = readFileSync(join(__dirname, '..', 'testdata', 'reduce.wgsl'), 'utf8');
    const fission = code(reduce, 'cpu').code;
    expect(sectionsIn(fission)).toEqual(expect.arrayContaining(['thread', 'loop', 'fission']));
    expect(fission).not.toMatch(/void duet_cpu_swctx\(|int duet_cpu_run_workgroup\(|#define DUET_BARRIER/);
    const fibers = code(reduce, 'cpu', true).code;
    expect(sectionsIn(fibers)).toEqual(
      expect.arrayContaining(['context-switch', 'thread', 'loop', 'fibers']),
    );
    expect(fibers).toContain('#define DUET_BARRIER() duet_cpu_barrier()');
    expect(fibers).toContain('void duet_cpu_swctx(void** save, void* next);');
    expect(fibers).toContain('static inline int duet_cpu_run_workgroup(');
  });

  it.each(['cuda', 'cpu'] as const)('a kernel using f16, subgroups and a matrix gets them (%s)', (target) => {
    const text = code(EVERYTHING, target).code;
    expect(sectionsIn(text)).toEqual(expect.arrayContaining(['vector', 'containers', 'matrix', 'geometric']));
    expect(text).toContain('#define DUET_USES_F16 1');
    expect(text).toMatch(/typedef (__half|_Float16) duet_f16;/);
    expect(text).toContain('struct mat {');
    expect(text).toContain('duet_subgroupAdd(');
  });

  it('takes the sections a name needs, in the header order, and nothing more', () => {
    expect(commonSectionsFor([]).map((s) => s.name)).toEqual(['vector', 'containers']);
    expect(commonSectionsFor(['duet_pack4xI8Clamp', 'not_a_prelude_name']).map((s) => s.name)).toEqual([
      'vector',
      'containers',
      'integer',
      'minmax',
      'geometric',
      'packing',
    ]);
    expect(commonSectionsFor(['duet_loop_stop', 'duet_atomicAdd']).map((s) => s.name)).toEqual([
      'vector',
      'containers',
      'atomics',
      'loop-guard',
    ]);
  });

  it.each(['cuda', 'cpu'] as const)(
    'never reuses a text assembled for other sections or f16 (%s)',
    (target) => {
      // The same sections with and without f16, and other sections, one after the other: each module
      // gets its own text, not the one assembled for the module before it.
      const withF16 = `enable f16;\n${SAXPY}`;
      const f16Typedef = /typedef (__half|_Float16) duet_f16;/;
      for (let round = 0; round < 2; round++) {
        const plain = code(SAXPY, target).code;
        const f16 = code(withF16, target).code;
        const everything = code(EVERYTHING, target).code;
        expect(sectionsIn(f16)).toEqual(sectionsIn(plain));
        expect(plain).not.toMatch(f16Typedef);
        expect(f16).toMatch(f16Typedef);
        expect(sectionsIn(everything)).toContain('matrix');
        expect(sectionsIn(plain)).not.toContain('matrix');
      }
    },
  );

  it('gives the same module the same text (the translation cache hashes it)', () => {
    for (const target of ['cuda', 'cpu'] as const)
      for (const k of [SAXPY, EVERYTHING]) expect(code(k, target).code).toBe(code(k, target).code);
  });

  it.runIf(gxx)(
    'the selected text compiles and runs: f16, subgroup sum and matrix product on the CPU backend',
    { timeout: 120_000 },
    async () => {
      const r = code(EVERYTHING, 'cpu');
      // h = 1.5 as f16 bits (0x3e00) in each 16-bit half of the words.
      const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
        dispatch: 1,
        sizes: { out: 128, h: 64 },
        init: { h: new Array(16).fill(0x3e003e00) },
      });
      expect(res.status).toEqual([0]);
      // (m * v).x = 1 * gid.x + 3 * 1, summed over 32 lanes: 496 + 96; plus 2 * 1.5.
      expect([...new Float32Array(new Uint32Array(res.words.slice(0, 32)).buffer)]).toEqual(
        new Array(32).fill(595),
      );
    },
  );
});
