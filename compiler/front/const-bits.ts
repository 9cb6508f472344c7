/**
 * Constant folding of WGSL's bit and packing built-ins on concrete 32-bit integers (WGSL §17.5 "Numeric
 * Built-in Functions": countOneBits … insertBits; §17.9 "Data Packing", §17.10 "Data Unpacking"). Each
 * takes and returns scalar lanes; const-builtins.ts maps them over vectors. A result WGSL gives no
 * value in a const-expression is `{ error }` (extractBits/insertBits with offset + count > 32,
 * pack2x16float of a value outside f16).
 */

import { quantizeF16 } from '../layout';
import type { ConstValue } from './const-value';

export type Lane = { error: string } | ConstValue | undefined;
type Int = 'i32' | 'u32';

const asKind = (v: number, kind: Int): number => (kind === 'u32' ? v >>> 0 : v | 0);

function trailingZeros(x: number): number {
  return x === 0 ? 32 : 31 - Math.clz32(x & -x);
}

function reverse32(x: number): number {
  let r = 0;
  for (let i = 0; i < 32; i++) r = (r << 1) | ((x >>> i) & 1);
  return r;
}

/** Range check of offset + count (WGSL §17.5.8 extractBits, §17.5.25 insertBits, const-expressions). */
function bitRangeError(name: string, offset: number, count: number): { error: string } | undefined {
  if (offset + count <= 32) return undefined;
  return {
    error: `'${name}' offset ${offset} + count ${count} is greater than 32 in a const-expression`,
  };
}

/** countOneBits … insertBits of one lane of kind `kind` (i32 or u32); offset and count are u32. */
export function bitLane(name: string, kind: Int, xs: number[]): Lane {
  const x = xs[0]!;
  switch (name) {
    case 'countOneBits': {
      let n = 0;
      for (let v = x >>> 0; v; v >>>= 1) n += v & 1;
      return n;
    }
    case 'reverseBits':
      return asKind(reverse32(x), kind);
    case 'countLeadingZeros':
      return Math.clz32(x);
    case 'countTrailingZeros':
      return trailingZeros(x);
    case 'firstTrailingBit':
      return x === 0 ? asKind(-1, kind) : trailingZeros(x);
    case 'firstLeadingBit': {
      // For a negative i32, the most significant bit that differs from the sign bit (§17.5.12).
      const v = kind === 'i32' && x < 0 ? ~x : x >>> 0;
      return v === 0 ? asKind(-1, kind) : 31 - Math.clz32(v);
    }
    case 'extractBits': {
      const [o, c] = [xs[1]!, xs[2]!];
      const bad = bitRangeError(name, o, c);
      if (bad) return bad;
      if (c === 0) return 0;
      // i32: the extracted field is sign-extended from its top bit.
      return kind === 'i32' ? (x << (32 - o - c)) >> (32 - c) : ((x >>> o) & (2 ** c - 1)) >>> 0;
    }
    case 'insertBits': {
      const [n, o, c] = [xs[1]!, xs[2]!, xs[3]!];
      const bad = bitRangeError(name, o, c);
      if (bad) return bad;
      if (c === 0) return x;
      const mask = ((2 ** c - 1) * 2 ** o) | 0;
      return asKind((x & ~mask) | ((n << o) & mask), kind);
    }
    default:
      return undefined;
  }
}

/** WGSL §17.9: each component scaled, `floor(0.5 + scale × clamp(e, lo, 1))`, in `bits` bits. */
function packNorm(v: number[], bits: number, signed: boolean): number {
  const scale = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  let r = 0;
  v.forEach((x, i) => {
    const q = Math.floor(0.5 + scale * Math.min(Math.max(x, signed ? -1 : 0), 1));
    r += (q & (2 ** bits - 1)) * 2 ** (bits * i);
  });
  return r;
}

/** The f16 bit pattern of a double already quantized to f16. */
function f16Bits(x: number): number {
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a === 0) return sign;
  if (a < 2 ** -14) return sign | Math.round(a / 2 ** -24); // subnormal
  const e = Math.floor(Math.log2(a));
  const exp = a / 2 ** e >= 2 ? e + 1 : a / 2 ** e < 1 ? e - 1 : e;
  return sign | ((exp + 15) << 10) | Math.round((a / 2 ** exp - 1) * 1024);
}

function f16Value(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

/** pack* of a vector (WGSL §17.9); the result is a u32. */
export function packValue(name: string, v: number[]): Lane {
  switch (name) {
    case 'pack4x8snorm':
      return packNorm(v, 8, true);
    case 'pack4x8unorm':
      return packNorm(v, 8, false);
    case 'pack2x16snorm':
      return packNorm(v, 16, true);
    case 'pack2x16unorm':
      return packNorm(v, 16, false);
    case 'pack2x16float': {
      const q = v.map(quantizeF16);
      // WGSL §17.9.5: a component outside f16's finite range is a shader-creation error here.
      if (q.some((x) => !Number.isFinite(x)))
        return { error: `'pack2x16float' of ${v.join(', ')}: a component is outside f16's range` };
      return f16Bits(q[0]!) + f16Bits(q[1]!) * 65536;
    }
    case 'pack4xI8':
    case 'pack4xU8':
    case 'pack4xI8Clamp':
    case 'pack4xU8Clamp': {
      const clamp = name.endsWith('Clamp');
      const signed = name.startsWith('pack4xI8');
      return v.reduce((r, x, i) => {
        const c = !clamp ? x : signed ? Math.min(Math.max(x, -128), 127) : Math.min(x, 255);
        return r + (c & 0xff) * 2 ** (8 * i);
      }, 0);
    }
    default:
      return undefined;
  }
}

/** unpack* of a u32 (WGSL §17.10); the result is a vector. */
export function unpackValue(name: string, x: number): number[] | undefined {
  const field = (bits: number, i: number, signed: boolean) => {
    const u = Math.floor(x / 2 ** (bits * i)) % 2 ** bits;
    return signed && u >= 2 ** (bits - 1) ? u - 2 ** bits : u;
  };
  const lanes = (n: number, bits: number, signed: boolean) =>
    Array.from({ length: n }, (_, i) => field(bits, i, signed));
  switch (name) {
    case 'unpack4x8snorm':
      return lanes(4, 8, true).map((q) => Math.fround(Math.max(q / 127, -1)));
    case 'unpack4x8unorm':
      return lanes(4, 8, false).map((q) => Math.fround(q / 255));
    case 'unpack2x16snorm':
      return lanes(2, 16, true).map((q) => Math.fround(Math.max(q / 32767, -1)));
    case 'unpack2x16unorm':
      return lanes(2, 16, false).map((q) => Math.fround(q / 65535));
    case 'unpack2x16float':
      return lanes(2, 16, false).map(f16Value);
    case 'unpack4xI8':
      return lanes(4, 8, true);
    case 'unpack4xU8':
      return lanes(4, 8, false);
    default:
      return undefined;
  }
}
