/**
 * What every preset's reference.ts builds on: the inputs of a resolved workload, generated exactly as
 * both sides generate them (core/generators), and the uniform fields it was resolved with.
 */
import { generateBinding } from '../../core/generators';
import type { FieldValue, Workload } from '../../core/workload';

/** Expected contents of an output binding, in its element type. */
export type Expected = Float32Array | Uint32Array | Int32Array;

export interface ReferenceInputs {
  /** Initial bytes of a storage binding (what both sides upload). */
  bytes(name: string): Uint8Array;
  f32(name: string): Float32Array;
  u32(name: string): Uint32Array;
  i32(name: string): Int32Array;
  /** A numeric member of a uniform binding's `fields`. */
  field(binding: string, member: string): number;
}

/** Computes the expected outputs (binding name → values) of a preset's resolved workload. */
export type PresetReference = (workload: Workload, inputs: ReferenceInputs) => Record<string, Expected>;

export function referenceInputs(w: Workload): ReferenceInputs {
  const cache = new Map<string, Uint8Array>();
  const bytes = (name: string): Uint8Array => {
    let b = cache.get(name);
    if (!b) {
      const binding = w.bindings.find((x) => x.name === name);
      if (!binding) throw new Error(`${w.name}: no binding named "${name}"`);
      b = generateBinding(binding);
      cache.set(name, b);
    }
    return b;
  };
  const copy = (name: string) => Uint8Array.from(bytes(name)).buffer;
  return {
    bytes,
    f32: (name) => new Float32Array(copy(name)),
    u32: (name) => new Uint32Array(copy(name)),
    i32: (name) => new Int32Array(copy(name)),
    field(binding, member) {
      const b = w.bindings.find((x) => x.name === binding);
      const v: FieldValue | undefined = b?.fields?.[member];
      if (typeof v !== 'number') throw new Error(`${w.name}: ${binding}.${member} is not a number field`);
      return v;
    },
  };
}
