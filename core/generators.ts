/**
 * Deterministic input generators. The browser and the daemon both call these, so both sides start
 * from bit-identical bytes: integer PRNG arithmetic (Math.imul, >>>) and IEEE double → float
 * rounding (Math.fround) give the same result in every JS engine.
 */
import { f32ToF16Bits } from './f16';
import { type Binding, ELEMENT_BYTES, type ElementType, type Init } from './workload';

/** mulberry32: small, fast, full 2^32 period; good enough for test data, and exactly reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

function decodeBase64(s: string): Uint8Array {
  if (typeof atob === 'function') {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  return new Uint8Array(Buffer.from(s, 'base64'));
}

/** Writes one value of `element` at element index `i`. Integers wrap like a u32/i32 store would. */
function store(view: DataView, element: ElementType, i: number, v: number): void {
  switch (element) {
    case 'f32':
      view.setFloat32(i * 4, v, true);
      break;
    case 'i32':
      view.setInt32(i * 4, Math.trunc(v) | 0, true);
      break;
    case 'u32':
      view.setUint32(i * 4, Math.trunc(v) >>> 0, true);
      break;
    case 'f16':
      view.setUint16(i * 2, f32ToF16Bits(v), true);
      break;
    case 'bytes':
      view.setUint8(i, Math.trunc(v) & 0xff);
      break;
  }
}

/**
 * Calls `put(i, v)` with the value `init` gives element `i`, for i < count (data: its own length, at
 * most count); "zeros" and base64 put nothing. Floats are drawn as f32 values, integers as whole
 * numbers in [ceil(min), floor(max)]. Buffers and textures (core/texel-init.ts) share it, so a
 * seed means the same sequence on both.
 */
export function forEachInitValue(
  init: Init | undefined,
  count: number,
  isFloat: boolean,
  put: (i: number, v: number) => void,
): void {
  if (!init || init === 'zeros' || 'base64' in init) return;
  if ('fill' in init) {
    for (let i = 0; i < count; i++) put(i, init.fill);
  } else if ('iota' in init) {
    for (let i = 0; i < count; i++) put(i, init.iota.start + i * init.iota.step);
  } else if ('random' in init) {
    const { seed, min, max } = init.random;
    const next = mulberry32(seed);
    const lo = Math.ceil(min);
    const hi = Math.floor(max);
    for (let i = 0; i < count; i++) {
      const u = next() / 4294967296; // [0, 1)
      put(i, isFloat ? Math.fround(min + (max - min) * u) : lo + Math.floor(u * (hi - lo + 1)));
    }
  } else if ('data' in init) {
    const n = Math.min(count, init.data.length);
    for (let i = 0; i < n; i++) put(i, init.data[i]!);
  }
}

export function decodeBase64Init(init: Init | undefined): Uint8Array | null {
  return init && typeof init === 'object' && 'base64' in init ? decodeBase64(init.base64) : null;
}

/** Fills `length` elements of `element` from `init` into a new buffer of exactly length × size bytes. */
export function generate(element: ElementType, length: number, init: Init | undefined): Uint8Array {
  const bytes = new Uint8Array(length * ELEMENT_BYTES[element]);
  const view = new DataView(bytes.buffer);
  forEachInitValue(init, length, element === 'f32' || element === 'f16', (i, v) =>
    store(view, element, i, v),
  );
  const raw = decodeBase64Init(init);
  if (raw) bytes.set(raw.subarray(0, bytes.length));
  return bytes;
}

/** Initial bytes of a storage (or raw uniform) binding. Uniform `fields` are packed by compiler/layout. */
export function generateBinding(b: Binding): Uint8Array {
  return generate(b.element ?? 'bytes', b.length ?? 0, b.init);
}
