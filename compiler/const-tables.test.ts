/**
 * Big module-scope const tables (front/check/const-tables.ts, emit/module-consts.ts): read in place
 * from one static copy, indices clamped; whole-value uses still refused.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from './index';
import { hasGxx, hasNvcc, nvccCompile, runOnCpu } from './testkit/native';

const OUT = '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n';

// 32768 u32: 128 KiB, twice an invocation's allowance. Value i is a hash of i, so a wrong element shows.
const N = 32768;
const lut = (i: number) => Math.imul(i, 2654435761) >>> 0;
const U32_TABLE = `const LUT = array<u32, ${N}>(${Array.from({ length: N }, (_, i) => `${lut(i)}u`).join(', ')});\n`;
// 2100 structs of 32 bytes (vec3 at offset 16 after padding): 67200 bytes.
const S = 2100;
const STRUCT_TABLE = `struct E { a: u32, v: vec3<u32>, m: u32 }
const T = array<E, ${S}>(${Array.from({ length: S }, (_, i) => `E(${i}u, vec3(${i + 1}u, ${i + 2}u, ${i + 3}u), ${i * 7}u)`).join(', ')});\n`;
// 4100 vec3<f32> (16-byte elements): 65600 bytes; padded elements (duet_v3p) in the initialiser.
const V = 4100;
const VEC3_TABLE = `const P = array<vec3f, ${V}>(${Array.from({ length: V }, (_, i) => `vec3f(${i}.5, ${-i}.0, 1.0)`).join(', ')});\n`;

// out[0..3] hold the indices; hostile ones (past the end, u32 max, i32 -1 as u32) clamp to the last element.
const KERNEL = `${OUT}${U32_TABLE}${STRUCT_TABLE}${VEC3_TABLE}
@compute @workgroup_size(1) fn main() {
  let i = out[0]; let j = out[1]; let k = out[2]; let l = out[3];
  out[4] = LUT[i]; out[5] = LUT[j]; out[6] = LUT[k]; out[7] = LUT[l];
  out[8] = T[i].m; out[9] = T[j].v.z; out[10] = T[k].a;
  out[11] = u32(P[l].x * 2.0); out[12] = u32(-P[k].y);
}`;
const INDICES = [5, 0xffffffff, N, 32767];

function translated(wgsl: string, target: 'cpu' | 'cuda') {
  const r = translate(wgsl, { file: 'k.wgsl', target });
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r;
}

function diagnostics(wgsl: string): string[] {
  const r = translate(OUT + wgsl, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
}

describe('module-scope const tables', () => {
  it('holds a table over the allowance once, statically initialised, and a small constant as before', () => {
    const cpu = translated(KERNEL, 'cpu').code;
    expect(cpu).toContain(`static const duet_array<unsigned, ${N}> LUT = {{0u, ${lut(1)}u,`);
    expect(cpu).toContain('out[4] = LUT[');
    const cuda = translated(KERNEL, 'cuda').code;
    expect(cuda).toContain(`__device__ const duet_array<unsigned, ${N}> LUT = {{`);
    const small = translated(
      `${OUT}const S = array<u32, 4>(1u, 2u, 3u, 4u);
@compute @workgroup_size(1) fn main() { out[0] = S[out[1]]; }`,
      'cpu',
    ).code;
    expect(small).toMatch(/DUET_FN duet_array<unsigned, 4> S\(\) \{ return /);
  });

  it('still refuses a use that copies the whole table, where it is written', () => {
    const big = 'const BIG = array<u32, 20000>();\n';
    expect(
      diagnostics(`${big}@compute @workgroup_size(1) fn main() {\n  var a = BIG;\n  out[0] = a[1]; }`),
    ).toEqual([
      "k.wgsl:4:11: error: this expression makes a value of type array<u32, 20000> (80000 bytes) on the invocation's stack; Duet allows at most 65536 bytes per invocation (WGSL guarantees 8192)",
    ]);
    expect(
      diagnostics(`${big}fn f(t: array<u32, 20000>) -> u32 { return t[0]; }
@compute @workgroup_size(1) fn main() { out[0] = f(BIG); }`)[0],
    ).toMatch(/^k.wgsl:4:52: error: this expression makes a value of type array<u32, 20000> \(80000 bytes\)/);
    // A row of a table over 64 KiB is a value the emitter may copy: refused where it is taken.
    const rows = 'const R = array<array<u32, 20000>, 2>();\n';
    expect(
      diagnostics(`${rows}@compute @workgroup_size(1) fn main() { out[0] = R[out[1]][out[2]]; }`)[0],
    ).toMatch(/^k.wgsl:3:51: error: this expression makes a value of type array<u32, 20000> \(80000 bytes\)/);
    // Indexed: read in place, accepted.
    expect(diagnostics(`${big}@compute @workgroup_size(1) fn main() { out[0] = BIG[out[1]]; }`)).toEqual([]);
  });

  it('refuses a constant over the biggest table at each use, as before', () => {
    // A few bytes of source, 64 MiB of module: not a table (MAX_TABLE_BYTES).
    const huge = 'const Z = array<u32, 16777216>();\n';
    expect(diagnostics(`${huge}@compute @workgroup_size(1) fn main() { out[0] = Z[out[1]]; }`)[0]).toMatch(
      /^k.wgsl:3:50: error: this expression makes a value of type array<u32, 16777216> \(67108864 bytes\)/,
    );
  });

  it('refuses a big constant it cannot initialise statically at each use, as before', () => {
    // A matrix element is not written as an aggregate initialiser (const-tables.ts): a value per use.
    const big = `const M = array<mat4x4f, 1100>(${Array(1100).fill('mat4x4f()').join(', ')});\n`;
    expect(
      diagnostics(`${big}@compute @workgroup_size(1) fn main() { out[0] = u32(M[out[1]][0].x); }`)[0],
    ).toMatch(
      /^k.wgsl:3:54: error: this expression makes a value of type array<mat4x4<f32>, 1100> \(70400 bytes\)/,
    );
  });
});

describe.skipIf(!(await hasGxx()))('module-scope const tables run on the CPU (g++)', () => {
  it('reads the one copy at hostile indices, clamped to the last element', async () => {
    const r = translated(KERNEL, 'cpu');
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
      dispatch: 1,
      sizes: { out: 13 * 4 },
      init: { out: INDICES },
    });
    expect(res.status).toEqual([0]);
    const last = N - 1;
    expect(res.words).toEqual([
      ...INDICES,
      lut(5),
      lut(last),
      lut(last),
      lut(32767),
      5 * 7,
      S - 1 + 3,
      S - 1,
      (V - 1) * 2 + 1,
      V - 1,
    ]);
  });
});

describe.skipIf(!hasNvcc())('module-scope const tables compile with nvcc', () => {
  it('is a statically initialised __device__ const (sm_90)', async () => {
    const log = await nvccCompile(translated(KERNEL, 'cuda').code, 'sm_90');
    expect(log.trim()).toBe('');
  }, 300_000);
});
