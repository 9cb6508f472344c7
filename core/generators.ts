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

/** Fills `length` elements of `element` from `init` into a new buffer of exactly length × size bytes. */
export function generate(element: ElementType, length: number, init: Init | undefined): Uint8Array {
  const bytes = new Uint8Array(length * ELEMENT_BYTES[element]);
  if (!init || init === 'zeros') return bytes;
  const view = new DataView(bytes.buffer);
  if ('fill' in init) {
    for (let i = 0; i < length; i++) store(view, element, i, init.fill);
  } else if ('iota' in init) {
    for (let i = 0; i < length; i++) store(view, element, i, init.iota.start + i * init.iota.step);
  } else if ('random' in init) {
    const { seed, min, max } = init.random;
    const next = mulberry32(seed);
    const isFloat = element === 'f32' || element === 'f16';
    for (let i = 0; i < length; i++) {
      const u = next() / 4294967296; // [0, 1)
      if (isFloat) store(view, element, i, Math.fround(min + (max - min) * u));
      else {
        const lo = Math.ceil(min);
        const hi = Math.floor(max);
        store(view, element, i, lo + Math.floor(u * (hi - lo + 1)));
      }
    }
  } else if ('data' in init) {
    for (let i = 0; i < init.data.length; i++) store(view, element, i, init.data[i]!);
  } else if ('base64' in init) {
    const src = decodeBase64(init.base64);
    bytes.set(src.subarray(0, bytes.length));
  }
  return bytes;
}

/** Initial bytes of a storage (or raw uniform) binding. Uniform `fields` are packed by compiler/layout. */
export function generateBinding(b: Binding): Uint8Array {
  return generate(b.element ?? 'bytes', b.length ?? 0, b.init);
}
