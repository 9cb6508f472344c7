import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../index';
import { hasGxx, runOnCpu } from '../testkit/native';

// Found by the differential fuzzer (exploits/difffuzz): `v |= f(&v)` read v after the call, as C++17
// sequences `a op= b` (b first); WGSL §9.2.3 reads the target first (`*r = *r op (e2)`, left to right).
const WGSL = `@group(0) @binding(0) var<storage, read_write> out: array<u32>;
fn bump(p: ptr<function, i32>, x: i32) -> i32 { *p += x; return 1; }
@compute @workgroup_size(1) fn main() {
  var a = 0;
  a |= bump(&a, 40);
  var b = 2;
  b *= bump(&b, 5);
  var c = array<i32, 2>(3, 0);
  c[0] += bump(&c[1], 9) + c[1];
  out[0] = u32(a);
  out[1] = u32(b);
  out[2] = u32(c[0]);
  out[3] = u32(c[1]);
}`;

const gxx = await hasGxx();

describe('compound assignment with a call that writes the target', () => {
  it.skipIf(!gxx)('reads the target before the right-hand side runs (CPU backend)', async () => {
    const r = translate(WGSL, { file: 'k.wgsl', target: 'cpu' });
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, { dispatch: 1, sizes: { out: 16 } });
    // a = 0 | 1 (not 40 | 1), b = 2 * 1 (not 7 * 1), c[0] = 3 + (1 + 9).
    expect(res.words).toEqual([1, 2, 13, 9]);
  });
});
