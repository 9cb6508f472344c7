import { describe, expect, it } from 'vitest';
import { parse } from './front/parser';
import { ModuleScope } from './front/scope';
import { f32ToF16Bits, layoutOf, PackError, packUniform, type TypeLayout } from './layout';

function structLayout(src: string, name: string): Extract<TypeLayout, { kind: 'struct' }> {
  const scope = new ModuleScope(parse(src));
  const d = scope.decls.get(name);
  if (d?.kind !== 'struct') throw new Error('no struct');
  return layoutOf(scope.structType(d)) as Extract<TypeLayout, { kind: 'struct' }>;
}

const offsets = (l: Extract<TypeLayout, { kind: 'struct' }>) =>
  Object.fromEntries(l.members.map((m) => [m.name, m.offset]));

// The examples of WGSL spec §14.4.1 "Alignment and Size" / §14.4.2 "Structure Member Layout".
const SPEC_A = `struct A {          //             align(8)  size(24)
    u: f32,         // offset(0)   align(4)  size(4)
    v: f32,         // offset(4)   align(4)  size(4)
    w: vec2<f32>,   // offset(8)   align(8)  size(8)
    x: f32          // offset(16)  align(4)  size(4)
}`;

const SPEC_A_SIZED = SPEC_A.replace('x: f32', '@size(16) x: f32');

const SPEC_B = `${SPEC_A_SIZED}
struct B {
    a: vec2<f32>,
    b: vec3<f32>,
    c: f32,
    d: f32,
    @align(16) e: A,
    f: vec3<f32>,
    g: array<A, 3>,
    h: i32
}`;

describe('WGSL host-shareable layout (spec §14.4)', () => {
  it('lays out the spec example struct A: offsets 0,4,8,16, align 8, size 24', () => {
    const a = structLayout(SPEC_A, 'A');
    expect(offsets(a)).toEqual({ u: 0, v: 4, w: 8, x: 16 });
    expect(a.align).toBe(8);
    expect(a.size).toBe(24);
  });

  it('honours @size: A with @size(16) x has size 32', () => {
    const a = structLayout(SPEC_A_SIZED, 'A');
    expect(a.size).toBe(32);
  });

  it('lays out the spec example struct B (align 16, size 208)', () => {
    const b = structLayout(SPEC_B, 'B');
    expect(offsets(b)).toEqual({ a: 0, b: 16, c: 28, d: 32, e: 48, f: 80, g: 96, h: 192 });
    expect(b.align).toBe(16);
    expect(b.size).toBe(208);
    const g = b.members.find((m) => m.name === 'g')!.layout;
    expect(g.kind === 'array' && g.stride).toBe(32);
  });

  it('gives vec3 size 12 and align 16, and arrays of vec3 a 16-byte stride', () => {
    const l = layoutOf({ k: 'array', e: { k: 'vec', n: 3, e: 'f32' }, count: 4 });
    expect(l).toMatchObject({
      kind: 'array',
      stride: 16,
      size: 64,
      align: 16,
      element: { size: 12, align: 16 },
    });
  });

  it('pads matrix columns of 3 rows to 16 bytes (mat3x3<f32> is 48 bytes, mat2x2<f32> 16)', () => {
    expect(layoutOf({ k: 'mat', c: 3, r: 3, e: 'f32' })).toMatchObject({
      size: 48,
      align: 16,
      columnStride: 16,
    });
    expect(layoutOf({ k: 'mat', c: 2, r: 2, e: 'f32' })).toMatchObject({
      size: 16,
      align: 8,
      columnStride: 8,
    });
    expect(layoutOf({ k: 'mat', c: 4, r: 3, e: 'f16' })).toMatchObject({
      size: 32,
      align: 8,
      columnStride: 8,
    });
  });

  it('places a scalar right after a vec3 (offset 12) and rounds the struct to 16', () => {
    const s = structLayout('struct S { v: vec3<f32>, f: f32, g: f32 }', 'S');
    expect(offsets(s)).toEqual({ v: 0, f: 12, g: 16 });
    expect(s.size).toBe(32);
  });
});

describe('packUniform', () => {
  it('packs scalars, vectors, matrices, nested structs and arrays by member name', () => {
    const l = structLayout(
      `struct In { k: i32, w: vec2<f32> }
       struct U { n: u32, a: f32, v: vec3<f32>, m: mat2x2<f32>, s: In, arr: array<vec4<u32>, 2> }`,
      'U',
    );
    const bytes = packUniform(l, {
      n: 7,
      a: 2.5,
      v: [1, 2, 3],
      m: [
        [4, 5],
        [6, 7],
      ],
      s: { k: -3, w: [8, 9] },
      arr: [[1, 2, 3, 4]],
    });
    const dv = new DataView(bytes.buffer);
    const o = offsets(l);
    expect(bytes.length).toBe(l.size);
    expect(dv.getUint32(o.n!, true)).toBe(7);
    expect(dv.getFloat32(o.a!, true)).toBe(2.5);
    expect([0, 1, 2].map((i) => dv.getFloat32(o.v! + 4 * i, true))).toEqual([1, 2, 3]);
    expect([0, 1, 2, 3].map((i) => dv.getFloat32(o.m! + 4 * i, true))).toEqual([4, 5, 6, 7]);
    expect(dv.getInt32(o.s!, true)).toBe(-3);
    expect(dv.getFloat32(o.s! + 8, true)).toBe(8);
    expect(dv.getUint32(o.arr! + 12, true)).toBe(4);
    expect(dv.getUint32(o.arr! + 16, true)).toBe(0); // missing elements stay zero
  });

  it('leaves missing members zero', () => {
    const l = structLayout('struct P { n: u32, a: f32 }', 'P');
    expect([...packUniform(l, { a: 1 })]).toEqual([0, 0, 0, 0, 0, 0, 0x80, 0x3f]);
  });

  it('names the member on a mismatch', () => {
    const l = structLayout('struct In { w: vec2<f32> } struct P { n: u32, s: In }', 'P');
    expect(() => packUniform(l, { s: { w: [1] } })).toThrow(/s\.w: expected 2 values/);
    expect(() => packUniform(l, { n: -1 })).toThrow(PackError);
    expect(() => packUniform(l, { n: -1 })).toThrow(/^n: -1 is not a u32/);
    expect(() => packUniform(l, { q: 1 })).toThrow(/q: P has no member 'q'/);
    expect(() => packUniform(l, { n: [1] })).toThrow(/n: expected a number/);
  });

  it('converts f16 values with round-to-nearest-even', () => {
    expect(f32ToF16Bits(1)).toBe(0x3c00);
    expect(f32ToF16Bits(-2)).toBe(0xc000);
    expect(f32ToF16Bits(65504)).toBe(0x7bff);
    expect(f32ToF16Bits(1e6)).toBe(0x7c00);
    expect(f32ToF16Bits(2 ** -24)).toBe(0x0001);
  });
});
