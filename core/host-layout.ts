/**
 * Host-shareable memory layouts as data (what `compiler/layout` computes from WGSL types, WGSL spec
 * §14.4) and uniform packing: `fields` → bytes by such a layout. Isomorphic and below the compiler,
 * so the run plan (core/run-plan), the page and the daemon fill uniform buffers with one implementation.
 */
import { ownEntry } from './named';
import type { FieldValue } from './workload';

export type HostScalar = 'f32' | 'i32' | 'u32' | 'f16' | 'bool';

export type TypeLayout =
  | { kind: 'scalar'; type: string; scalar: HostScalar; size: number; align: number }
  | { kind: 'atomic'; type: string; scalar: 'i32' | 'u32'; size: number; align: number }
  | { kind: 'vector'; type: string; scalar: HostScalar; count: number; size: number; align: number }
  | {
      kind: 'matrix';
      type: string;
      scalar: HostScalar;
      columns: number;
      rows: number;
      columnStride: number;
      size: number;
      align: number;
    }
  | {
      kind: 'array';
      type: string;
      element: TypeLayout;
      /** `null` for a runtime-sized array; `size` then counts one element. */
      count: number | null;
      stride: number;
      size: number;
      align: number;
    }
  | { kind: 'struct'; type: string; members: MemberLayout[]; size: number; align: number };

export interface MemberLayout {
  name: string;
  offset: number;
  layout: TypeLayout;
}

// ---- packUniform ---------------------------------------------------------------------------------------

export class PackError extends Error {
  override name = 'PackError';
}

function writeScalar(view: DataView, offset: number, s: HostScalar, v: FieldValue, path: string): void {
  let n: number;
  if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (typeof v === 'number') n = v;
  else
    throw new PackError(
      `${path}: expected a number for ${s}, got ${Array.isArray(v) ? 'an array' : 'an object'}`,
    );
  if (!Number.isFinite(n)) throw new PackError(`${path}: ${n} is not a finite number`);
  switch (s) {
    case 'f32':
      view.setFloat32(offset, n, true);
      return;
    case 'f16':
      view.setUint16(offset, f32ToF16Bits(n), true);
      return;
    case 'i32':
      if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) {
        throw new PackError(`${path}: ${n} is not an i32 (integer in [-2147483648, 2147483647])`);
      }
      view.setInt32(offset, n, true);
      return;
    case 'u32':
    case 'bool':
      if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
        throw new PackError(`${path}: ${n} is not a u32 (integer in [0, 4294967295])`);
      }
      view.setUint32(offset, n, true);
      return;
  }
}

function expectArray(v: FieldValue, length: number, path: string, what: string): FieldValue[] {
  if (!Array.isArray(v)) throw new PackError(`${path}: expected an array of ${length} values for ${what}`);
  if (v.length !== length) {
    throw new PackError(`${path}: expected ${length} values for ${what}, got ${v.length}`);
  }
  return v;
}

function writeValue(view: DataView, offset: number, l: TypeLayout, v: FieldValue, path: string): void {
  switch (l.kind) {
    case 'scalar':
    case 'atomic':
      writeScalar(view, offset, l.scalar, v, path);
      return;
    case 'vector': {
      const b = l.scalar === 'f16' ? 2 : 4;
      expectArray(v, l.count, path, l.type).forEach((x, i) => {
        writeScalar(view, offset + i * b, l.scalar, x, `${path}[${i}]`);
      });
      return;
    }
    case 'matrix': {
      const b = l.scalar === 'f16' ? 2 : 4;
      expectArray(v, l.columns, path, `${l.type} (columns)`).forEach((col, c) => {
        expectArray(col, l.rows, `${path}[${c}]`, `column ${c} of ${l.type}`).forEach((x, r) => {
          writeScalar(view, offset + c * l.columnStride + r * b, l.scalar, x, `${path}[${c}][${r}]`);
        });
      });
      return;
    }
    case 'array': {
      if (!Array.isArray(v)) throw new PackError(`${path}: expected an array for ${l.type}`);
      if (l.count !== null && v.length > l.count) {
        throw new PackError(`${path}: ${l.type} holds ${l.count} elements, got ${v.length}`);
      }
      v.forEach((x, i) => {
        writeValue(view, offset + i * l.stride, l.element, x, `${path}[${i}]`);
      });
      return;
    }
    case 'struct': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        throw new PackError(`${path}: expected an object with the members of ${l.type}`);
      }
      writeStruct(view, offset, l, v, path);
      return;
    }
  }
}

function writeStruct(
  view: DataView,
  offset: number,
  l: Extract<TypeLayout, { kind: 'struct' }>,
  fields: Record<string, FieldValue>,
  path: string,
): void {
  const known = new Set(l.members.map((m) => m.name));
  for (const name of Object.keys(fields)) {
    if (!known.has(name)) {
      const list = [...known].join(', ');
      throw new PackError(
        `${path ? `${path}.` : ''}${name}: ${l.type} has no member '${name}' (members: ${list})`,
      );
    }
  }
  for (const m of l.members) {
    const v = ownEntry(fields, m.name); // a member named `constructor` is not Object's
    if (v === undefined) continue; // missing members stay zero
    writeValue(view, offset + m.offset, m.layout, v, path ? `${path}.${m.name}` : m.name);
  }
}

/**
 * Lay out uniform `fields` (by member name) into the bytes of a binding with layout `layout`:
 * numbers for scalars, arrays for vectors, arrays of columns for matrices, objects for nested structs,
 * arrays for fixed arrays. Missing members are zero. Throws `PackError` naming the member on a mismatch.
 * A non-struct layout takes its value under the key `value`.
 */
export function packUniform(layout: TypeLayout, fields: Record<string, FieldValue>): Uint8Array {
  const bytes = new Uint8Array(layout.size);
  const view = new DataView(bytes.buffer);
  if (layout.kind === 'struct') {
    writeStruct(view, 0, layout, fields, '');
  } else {
    for (const k of Object.keys(fields)) {
      if (k !== 'value') throw new PackError(`${k}: a ${layout.type} uniform takes its value as 'value'`);
    }
    if (fields.value !== undefined) writeValue(view, 0, layout, fields.value, 'value');
  }
  return bytes;
}

/** The number an IEEE binary16 bit pattern holds. */
export function f16BitsToNumber(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0x1f) return mant ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  if (exp === 0) return sign * mant * 2 ** -24;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Round a number to the nearest f16 value (ties to even). */
export const quantizeF16 = (v: number): number => f16BitsToNumber(f32ToF16Bits(v));

/** IEEE binary16 bits of a number, round to nearest even (WGSL §15.7 f16 conversions). */
export function f32ToF16Bits(value: number): number {
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  f[0] = value;
  const x = u[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - e;
    let h = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const half = 1 << (shift - 1);
    if (rem > half || (rem === half && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++;
  e = h; // may carry into the exponent, which is the correct rounding
  return sign | e;
}
