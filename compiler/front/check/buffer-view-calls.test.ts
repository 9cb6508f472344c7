import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';
import { firstDiagnosticUnder } from '../../testkit/first-diagnostic';

// Line 1: the buffer; the call under test is on line 4 (firstDiagnosticUnder puts the body there).
const DECLS = `@group(0) @binding(0) var<storage, read_write> v: buffer<64>;
@group(0) @binding(1) var<storage, read_write> u: buffer;`;
const first = firstDiagnosticUnder(DECLS);

/** The first diagnostic of a whole module, or '' when it translates. */
function firstOf(src: string): string {
  const r = translate(src, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? '' : formatDiagnostic(r.diagnostics[0]!);
}

describe('bufferView, bufferArrayView and bufferLength are checked as Tint checks them', () => {
  it('accepts the overloads of wgsl.def', () => {
    expect(first('let p = bufferView<vec4u>(&v, 48); let n: u32 = bufferLength(&u); _ = p; _ = n;')).toBe('');
    expect(
      first('let p = bufferArrayView<array<f32>>(&u, 4i, 8i); let n: u32 = arrayLength(p); _ = n;'),
    ).toBe('');
  });

  it('rejects a const offset that is negative, unaligned or past buffer<N>', () => {
    expect(first('let p = bufferView<u32>(&v, -4);')).toBe(
      "k.wgsl:4:31: error: the offset argument of 'bufferView' must be non-negative, got -4",
    );
    expect(first('let p = bufferView<vec4u>(&v, 8);')).toBe(
      "k.wgsl:4:33: error: the offset argument of 'bufferView' (8) must be a multiple of the alignment of vec4<u32> (16)",
    );
    expect(first('let p = bufferView<vec4u>(&v, 64);')).toBe(
      "k.wgsl:4:33: error: 'bufferView' of vec4<u32> (16 bytes) at offset 64 does not fit in buffer<64>",
    );
  });

  it('rejects a bufferArrayView size that holds no element, a partial element, or passes buffer<N>', () => {
    expect(first('let p = bufferArrayView<array<vec2u>>(&u, 0, 4);')).toBe(
      "k.wgsl:4:48: error: the size argument of 'bufferArrayView' (4 bytes) must hold one element of the runtime-sized array (8 bytes)",
    );
    expect(first('let p = bufferArrayView<array<vec2u>>(&u, 0, 12);')).toBe(
      "k.wgsl:4:48: error: the size argument of 'bufferArrayView' (12 bytes) minus the array's offset (0) must be a multiple of its stride (8)",
    );
    expect(first('let p = bufferArrayView<array<u32>>(&v, 32, 64);')).toBe(
      "k.wgsl:4:11: error: 'bufferArrayView' needs 96 bytes of buffer<64> (offset 32, size 64)",
    );
  });

  it('rejects view types Tint rejects', () => {
    expect(first('let p = bufferArrayView<vec4u>(&v, 0, 16);')).toBe(
      "k.wgsl:4:27: error: 'bufferArrayView' views a runtime-sized array (or a struct ending in one), not vec4<u32>; use bufferView",
    );
    expect(first('let p = bufferView<atomic<u32>>(&v, 0);')).toBe(
      "k.wgsl:4:22: error: the type 'bufferView' views cannot contain an atomic",
    );
    expect(first('let p = bufferView<bool>(&v, 0);')).toBe(
      "k.wgsl:4:22: error: the type 'bufferView' views must be host-shareable, not bool",
    );
    expect(first('let p = bufferView(&v, 0);')).toBe(
      "k.wgsl:4:11: error: 'bufferView' needs the type it views: bufferView<T>(…)",
    );
    expect(first('var x = 1u; let p = bufferView<u32>(&x, 0);')).toBe(
      "k.wgsl:4:39: error: the first argument of 'bufferView' must be a pointer to a buffer, not ptr<function, u32>",
    );
  });
});

describe('buffer types are declared where Tint allows them', () => {
  it('refuses a buffer size that is not a multiple of 4, and buffers outside storage, uniform and workgroup', () => {
    expect(firstOf('var<workgroup> w: buffer<6>;')).toBe(
      'k.wgsl:1:26: error: buffer size must be divisible by 4, got 6',
    );
    expect(firstOf('var<workgroup> w: buffer;')).toBe(
      "k.wgsl:1:1: error: 'w': an unsized buffer cannot be a workgroup variable; write buffer<N>",
    );
    expect(firstOf('var<private> w: buffer<16>;')).toBe(
      "k.wgsl:1:1: error: 'w': buffer<16> can only be a storage, uniform or workgroup variable",
    );
    expect(firstOf('struct S { b: buffer<16> }')).toBe(
      'k.wgsl:1:12: error: a struct member cannot be buffer<16>; use a pointer to a buffer variable',
    );
  });

  it('passes a bigger buffer for a smaller or unsized buffer parameter, never a smaller one', () => {
    const src = (param: string) => `var<workgroup> w: buffer<32>;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
fn f(p: ptr<workgroup, ${param}>) -> u32 { return bufferLength(p); }
@compute @workgroup_size(1) fn main() { out[0] = f(&w); }`;
    expect(firstOf(src('buffer<16>'))).toBe('');
    expect(firstOf(src('buffer'))).toBe('');
    expect(firstOf(src('buffer<64>'))).toBe(
      "k.wgsl:4:52: error: argument 1 of 'f': cannot pass ptr<workgroup, buffer<32>> as ptr<workgroup, buffer<64>>",
    );
  });
});

describe('uniformity through buffer views (WGSL §15.2)', () => {
  it('reads through a view of read_write storage are non-uniform, of a uniform buffer uniform', () => {
    const src = (buf: string) => `@group(0) @binding(0) var<storage, read_write> d: buffer<64>;
@group(0) @binding(1) var<uniform> u: buffer<64>;
@compute @workgroup_size(1) fn main() {
  let p = bufferView<vec2u>(&${buf}, 8);
  if (p.y == 0u) { workgroupBarrier(); }
}`;
    expect(firstOf(src('u'))).toBe('');
    expect(firstOf(src('d')).split('\n')).toEqual([
      "k.wgsl:5:20: error: 'workgroupBarrier' must only be called from uniform control flow",
      'k.wgsl:5:11: note: control flow depends on possibly non-uniform value',
      "k.wgsl:4:30: note: reading from read_write storage buffer 'd' may result in a non-uniform value",
    ]);
  });
});

describe('a buffer is never a value', () => {
  it('refuses assigning, discarding, passing or returning one', () => {
    const decl = '@group(0) @binding(0) var<storage, read_write> src: buffer<64>;\n';
    const kernel = (body: string) => `${decl}@compute @workgroup_size(1) fn main() { ${body} }`;
    expect(firstOf(kernel('src = src;'))).toBe(
      'k.wgsl:2:47: error: an assigned value cannot be buffer<64>; use a pointer to a buffer variable',
    );
    expect(firstOf(kernel('_ = src;'))).toBe(
      'k.wgsl:2:45: error: an assigned value cannot be buffer<64>; use a pointer to a buffer variable',
    );
    expect(firstOf(`${decl}fn f(b: buffer<64>) {}\n@compute @workgroup_size(1) fn main() {}`)).toBe(
      'k.wgsl:2:9: error: a parameter cannot be buffer<64>; use a pointer to a buffer variable',
    );
  });
});
