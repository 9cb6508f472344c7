/**
 * Untyped buffers (WGSL language feature `buffer_view`, shipped in Chrome; Tint's reference:
 * src/tint/lang/wgsl/wgsl.def `buffer<N>` / `unsized_buffer`, resolver/validator.cc `Buffer` and
 * `BufferView`): the types `buffer` (runtime-sized) and `buffer<N>` (N bytes), where they may be
 * declared, and the size rules of a view's type T that the checker and the emitter share
 * (validator.cc, robustness.cc `ClampBufferViewArgs`: the "minimum size" of T).
 */
import { fail, type Pos } from '../diagnostics';
import { layoutOf, type TypeLayout } from '../layout';
import type { IdentExpr } from './ast';
import { type AddressSpace, type Type, typeName } from './types';

export type BufferType = Extract<Type, { k: 'buffer' }>;

/**
 * `buffer` or `buffer<N>` (Tint validator.cc `Buffer`: N a positive const-expression, a multiple of 4,
 * or of 2 with `enable f16;`). `constInt` evaluates N where the type is written.
 */
export function bufferType(e: IdentExpr, constInt: () => number, f16: boolean): BufferType {
  if (!e.targs) return { k: 'buffer', size: null };
  if (e.targs.length !== 1) fail(e.pos, "'buffer' takes at most one template argument, its size in bytes");
  const n = constInt();
  if (n <= 0) fail(e.targs[0]!.pos, `buffer size must be positive, got ${n}`);
  const divisor = f16 ? 2 : 4;
  if (n % divisor !== 0) fail(e.targs[0]!.pos, `buffer size must be divisible by ${divisor}, got ${n}`);
  if (n > 0xffffffff) fail(e.targs[0]!.pos, `buffer size ${n} does not fit in 32 bits`);
  return { k: 'buffer', size: n };
}

/**
 * Where a buffer variable may live: the storage and uniform address spaces (bound to a binding) and,
 * sized only, workgroup (Tint: outside storage, variables "must have a fixed footprint").
 */
export function checkBufferVariable(pos: Pos, name: string, t: BufferType, space: AddressSpace): void {
  if (space === 'storage' || space === 'uniform') return;
  if (space === 'workgroup') {
    if (t.size === null)
      fail(pos, `'${name}': an unsized buffer cannot be a workgroup variable; write buffer<N>`);
    return;
  }
  fail(pos, `'${name}': ${typeName(t)} can only be a storage, uniform or workgroup variable`);
}

/** A buffer is never a value: not an array element, a struct member, a `let` or function variable. */
export function refuseBufferIn(pos: Pos, t: Type, where: string): void {
  if (t.k === 'buffer') fail(pos, `${where} cannot be ${typeName(t)}; use a pointer to a buffer variable`);
}

/**
 * The bytes a view of T needs (Tint validator.cc `BufferView`, robustness.cc `ClampBufferViewArgs`):
 * T's size when fixed; with a runtime-sized array (alone or as a struct's last member) the offset of
 * that array plus one element. `tail` is the array's offset in T, `stride` its element stride.
 */
export interface ViewShape {
  align: number;
  minSize: number;
  /** Runtime-sized T only. */
  tail?: { offset: number; stride: number };
}

export function viewShape(t: Type): ViewShape {
  const l = layoutOf(t);
  const rt = (a: TypeLayout): a is Extract<TypeLayout, { kind: 'array' }> =>
    a.kind === 'array' && a.count === null;
  if (rt(l)) return { align: l.align, minSize: l.stride, tail: { offset: 0, stride: l.stride } };
  if (l.kind === 'struct') {
    const last = l.members[l.members.length - 1]!;
    if (rt(last.layout)) {
      const tail = { offset: last.offset, stride: last.layout.stride };
      return { align: l.align, minSize: tail.offset + tail.stride, tail };
    }
  }
  return { align: l.align, minSize: l.size };
}
