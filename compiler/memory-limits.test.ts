/**
 * Workgroup and per-invocation memory limits (compiler/memory-limits.ts): positioned errors where a
 * backend would fail to compile or crash, a warning where only some browsers run the kernel.
 */
import { describe, expect, it } from 'vitest';
import { translate } from './index';

const OUT = '@group(0) @binding(0) var<storage, read_write> out: array<u32>;\n';

function diagnostics(wgsl: string) {
  const r = translate(OUT + wgsl, { file: 'k.wgsl', target: 'cpu' });
  return r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.severity}: ${d.message}`);
}

describe('memory limits', () => {
  it('counts the deepest call chain, not every function: siblings share the stack', () => {
    // Two helpers of 40 KiB each, called one after the other: 40 KiB at a time.
    const siblings = `fn a() -> u32 { var x: array<u32, 10240>; x[1] = 1u; return x[1]; }
fn b() -> u32 { var y: array<u32, 10240>; y[2] = 2u; return y[2]; }
@compute @workgroup_size(1) fn main() { out[0] = a() + b(); }`;
    expect(diagnostics(siblings)).toEqual([]);
    // The same two nested: 80 KiB on one chain, pointed at the bigger (first declared) array.
    const nested = `fn b() -> u32 { var y: array<u32, 10240>; y[2] = 2u; return y[2]; }
fn a() -> u32 { var x: array<u32, 10240>; x[1] = b(); return x[1]; }
@compute @workgroup_size(1) fn main() { out[0] = a(); }`;
    expect(diagnostics(nested)).toEqual([
      "3:17: error: entry point 'main' needs 81920 bytes of function-scope and private variables per invocation, counting the functions it calls ('x': 40960); Duet allows at most 65536 (WGSL guarantees 8192)",
    ]);
  });

  it('adds the private variables the entry point uses, and arrays passed by value', () => {
    const wgsl = `var<private> scratch: array<u32, 12000>;
fn sum(v: array<u32, 6000>) -> u32 { return v[0]; }
@compute @workgroup_size(1) fn main() { var w: array<u32, 6000>; scratch[0] = sum(w); out[0] = scratch[0]; }`;
    expect(diagnostics(wgsl)[0]).toMatch(
      /^2:1: error: entry point 'main' needs 96000 bytes .* \('scratch': 48000\)/,
    );
  });

  it('counts const arrays and structures as the locals they are in the code', () => {
    // Issue (red team): a function-scope const was not counted, so a 64 KiB-per-level nest of consts
    // made a 4 MiB frame on a 256 KiB fiber stack.
    const wgsl = `@compute @workgroup_size(1) fn main() {
  const a = array<u32, 12000>();
  var b: array<u32, 6000>;
  const n = 3u;
  out[0] = a[out[1]] + b[out[2]] + n;
}`;
    expect(diagnostics(wgsl)).toEqual([
      "3:3: error: entry point 'main' needs 72000 bytes of function-scope and private variables per invocation, counting the functions it calls ('a': 48000); Duet allows at most 65536 (WGSL guarantees 8192)",
    ]);
  });

  it('refuses one array or structure value bigger than the allowance where an expression makes it', () => {
    const refused = (expr: string, pre = '') =>
      diagnostics(`${pre}@compute @workgroup_size(1) fn main() { out[0] = ${expr}; }`);
    expect(refused('array<array<u32, 4096>, 4096>()[out[1]][out[2]]')).toEqual([
      "2:50: error: this expression makes a value of type array<array<u32, 4096>, 4096> (67108864 bytes) on the invocation's stack; Duet allows at most 65536 bytes per invocation (WGSL guarantees 8192)",
    ]);
    // A function's result, and a module-scope constant used whole (indexed, a table is read in place:
    // compiler/const-tables.test.ts).
    expect(
      refused('f()[out[1]]', 'fn f() -> array<u32, 20000> { var a: array<u32, 20000>; return a; }\n')[0],
    ).toMatch(/^3:50: error: this expression makes a value of type array<u32, 20000> \(80000 bytes\)/);
    const big = 'const big = array<u32, 20000>();\nfn g(t: array<u32, 20000>) -> u32 { return t[1]; }\n';
    expect(refused('g(big)', big)[0]).toMatch(
      /^4:52: error: this expression makes a value of type array<u32, 20000> \(80000 bytes\)/,
    );
    // At the allowance: accepted.
    expect(refused('array<u32, 16384>()[out[1]]')).toEqual([]);
  });

  it('refuses workgroup memory beyond 48 KiB and warns beyond WebGPU’s default 16 KiB', () => {
    const use = (n: number) => `var<workgroup> tile: array<u32, ${n}>;
@compute @workgroup_size(64) fn main(@builtin(local_invocation_index) i: u32) { tile[i] = i; workgroupBarrier(); out[i] = tile[i]; }`;
    expect(diagnostics(use(4096))).toEqual([]);
    expect(diagnostics(use(6000))).toEqual([
      "2:1: warning: workgroup variables take 24000 bytes in the code for entry point 'main', more than WebGPU's default maxComputeWorkgroupStorageSize (16384): a browser runs it only where the adapter allows more",
    ]);
    expect(diagnostics(use(12289))[0]).toMatch(
      /^2:1: error: workgroup variables take 49156 bytes per workgroup in the code for entry point 'main'/,
    );
  });

  it('sums the workgroup variables of every translated entry point: the generated code holds them all', () => {
    const wgsl = `var<workgroup> a: array<u32, 8192>;
var<workgroup> b: array<u32, 8192>;
@compute @workgroup_size(1) fn first() { a[0] = 1u; out[0] = a[0]; }
@compute @workgroup_size(1) fn second() { b[0] = 2u; out[1] = b[0]; }`;
    expect(diagnostics(wgsl)[0]).toMatch(
      /^2:1: error: workgroup variables take 65536 bytes per workgroup in the code for entry points 'first', 'second' \('a': 32768\)/,
    );
    const one = translate(OUT + wgsl, { file: 'k.wgsl', target: 'cpu', entryPoints: ['first'] });
    expect(one.ok).toBe(true);
  });

  it('lays variables out with their alignment, as the C++ struct does', () => {
    // 12287 u32 (49148 bytes) then a vec4 at the next 16-byte boundary: 49152 + 16 > 48 KiB.
    const wgsl = `var<workgroup> a: array<u32, 12287>;
var<workgroup> v: vec4<u32>;
@compute @workgroup_size(1) fn main() { a[0] = 1u; v.x = 2u; out[0] = a[0] + v.x; }`;
    expect(diagnostics(wgsl)[0]).toMatch(/^2:1: error: workgroup variables take 49168 bytes per workgroup/);
  });

  it('counts only what an entry point uses', () => {
    const wgsl = `var<workgroup> big: array<u32, 16000>;
@compute @workgroup_size(1) fn uses() { big[0] = 1u; out[0] = big[0]; }
@compute @workgroup_size(1) fn other() { out[1] = 2u; }`;
    const r = translate(OUT + wgsl, { file: 'k.wgsl', target: 'cpu', entryPoints: ['other'] });
    expect(r.ok).toBe(true);
  });
});
