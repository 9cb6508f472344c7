/**
 * Semantic types of WGSL (WGSL spec §6 "Types"). Abstract numeric types exist only for constant
 * expressions; the checker concretizes them before emission. Textures and samplers (§6.5) are handles:
 * opaque, in the `handle` address space, never stored, copied into variables or pointed to.
 */
import type { SampledKind, TextureDimension } from '../../core/texture-formats';

export type ScalarKind = 'bool' | 'i32' | 'u32' | 'f32' | 'f16' | 'abstract-int' | 'abstract-float';
export type AddressSpace = 'function' | 'private' | 'workgroup' | 'uniform' | 'storage' | 'handle';
export type AccessMode = 'read' | 'write' | 'read_write';
/** A texture's dimension (WGSL §6.5.2): '1d' | '2d' | '2d-array' | '3d' | 'cube' | 'cube-array', as core/texture-formats.ts names it. */
export type TextureDim = TextureDimension;

export interface StructMemberType {
  name: string;
  type: Type;
  /** `@align(n)` and `@size(n)` attributes as written. */
  align?: number;
  size?: number;
}

export type Type =
  | { k: 'scalar'; s: ScalarKind }
  | { k: 'vec'; n: 2 | 3 | 4; e: ScalarKind }
  | { k: 'mat'; c: 2 | 3 | 4; r: 2 | 3 | 4; e: ScalarKind }
  | { k: 'array'; e: Type; count: number | null }
  | { k: 'struct'; name: string; members: StructMemberType[] }
  | { k: 'atomic'; e: 'i32' | 'u32' }
  | { k: 'ptr'; space: AddressSpace; store: Type; access: AccessMode }
  /** `texture_1d<f32>` … `texture_3d<u32>` (WGSL §6.5.2); `depth`: `texture_depth_2d[_array]` (§6.5.6), f32. */
  | { k: 'texture'; dim: TextureDim; sampled: SampledKind; depth?: true }
  /** `texture_storage_2d<rgba8unorm, write>` (§6.5.5); `format` is a core/texture-formats.ts name. */
  | { k: 'storage_texture'; dim: TextureDim; format: string; access: AccessMode }
  /** `sampler`, or `sampler_comparison` with `comparison` (§6.5.8). */
  | { k: 'sampler'; comparison?: true }
  /** `buffer` (size null) or `buffer<N>`: N untyped bytes, viewed through `bufferView` (language feature `buffer_view`; compiler/front/buffer-view.ts). */
  | { k: 'buffer'; size: number | null }
  | { k: 'void' };

export type ScalarType = Extract<Type, { k: 'scalar' }>;
export type VecType = Extract<Type, { k: 'vec' }>;
export type MatType = Extract<Type, { k: 'mat' }>;
export type ArrayType = Extract<Type, { k: 'array' }>;
export type StructType = Extract<Type, { k: 'struct' }>;

export const VOID: Type = { k: 'void' };
export const scalar = (s: ScalarKind): ScalarType => ({ k: 'scalar', s });
export const BOOL = scalar('bool');
export const I32 = scalar('i32');
export const U32 = scalar('u32');
export const F32 = scalar('f32');
export const vec = (n: 2 | 3 | 4, e: ScalarKind): VecType => ({ k: 'vec', n, e });

/** WGSL spelling of a type, used in messages and in `BindingInfo.type`. */
export function typeName(t: Type): string {
  switch (t.k) {
    case 'scalar':
      return t.s;
    case 'vec':
      return `vec${t.n}<${t.e}>`;
    case 'mat':
      return `mat${t.c}x${t.r}<${t.e}>`;
    case 'array':
      return t.count === null ? `array<${typeName(t.e)}>` : `array<${typeName(t.e)}, ${t.count}>`;
    case 'struct':
      return t.name;
    case 'atomic':
      return `atomic<${t.e}>`;
    case 'ptr':
      return `ptr<${t.space}, ${typeName(t.store)}${t.space === 'storage' ? `, ${t.access}` : ''}>`;
    case 'texture':
      return t.depth
        ? `texture_depth_${t.dim.replace('-', '_')}`
        : `texture_${t.dim.replace('-', '_')}<${t.sampled}>`;
    case 'storage_texture':
      return `texture_storage_${t.dim.replace('-', '_')}<${t.format}, ${t.access}>`;
    case 'sampler':
      return t.comparison ? 'sampler_comparison' : 'sampler';
    case 'buffer':
      return t.size === null ? 'buffer' : `buffer<${t.size}>`;
    case 'void':
      return 'void';
  }
}

/** Textures and samplers: values of the handle address space (WGSL §7.3, §13.3.2). */
export type HandleType = Extract<Type, { k: 'texture' | 'storage_texture' | 'sampler' }>;
export function isHandle(t: Type): t is HandleType {
  return t.k === 'texture' || t.k === 'storage_texture' || t.k === 'sampler';
}

export function sameType(a: Type, b: Type): boolean {
  if (a.k !== b.k) return false;
  switch (a.k) {
    case 'scalar':
      return a.s === (b as ScalarType).s;
    case 'vec':
      return a.n === (b as VecType).n && a.e === (b as VecType).e;
    case 'mat': {
      const m = b as MatType;
      return a.c === m.c && a.r === m.r && a.e === m.e;
    }
    case 'array': {
      const o = b as ArrayType;
      return a.count === o.count && sameType(a.e, o.e);
    }
    case 'struct':
      return a.name === (b as StructType).name;
    case 'atomic':
      return a.e === (b as typeof a).e;
    case 'ptr': {
      const o = b as typeof a;
      return a.space === o.space && sameType(a.store, o.store);
    }
    case 'texture':
    case 'storage_texture':
    case 'sampler':
      return typeName(a) === typeName(b);
    case 'buffer':
      return a.size === (b as typeof a).size;
    case 'void':
      return true;
  }
}

export const isAbstract = (s: ScalarKind): boolean => s === 'abstract-int' || s === 'abstract-float';
export const isFloatKind = (s: ScalarKind): boolean => s === 'f32' || s === 'f16' || s === 'abstract-float';
export const isIntKind = (s: ScalarKind): boolean => s === 'i32' || s === 'u32' || s === 'abstract-int';

/** Element scalar of a scalar, vector or matrix type; undefined otherwise. */
export function scalarOf(t: Type): ScalarKind | undefined {
  if (t.k === 'scalar') return t.s;
  if (t.k === 'vec' || t.k === 'mat') return t.e;
  return undefined;
}

/** Replace the element scalar of a scalar/vector/matrix type. */
export function withScalar(t: Type, s: ScalarKind): Type {
  if (t.k === 'scalar') return scalar(s);
  if (t.k === 'vec') return vec(t.n, s);
  if (t.k === 'mat') return { ...t, e: s };
  return t;
}

/** WGSL §6.4 "Type rules": the concrete type an abstract type becomes when nothing else decides. */
export function concretizeDefault(t: Type): Type {
  if (t.k === 'scalar' || t.k === 'vec' || t.k === 'mat') {
    const s = scalarOf(t)!;
    if (s === 'abstract-int') return withScalar(t, 'i32');
    if (s === 'abstract-float') return withScalar(t, 'f32');
    return t;
  }
  if (t.k === 'array') return { ...t, e: concretizeDefault(t.e) };
  return t;
}

export function containsAbstract(t: Type): boolean {
  const s = scalarOf(t);
  if (s) return isAbstract(s);
  if (t.k === 'array') return containsAbstract(t.e);
  return false;
}

/** WGSL §6.4.1 "conversion rank": can abstract scalar `from` be converted to `to`? */
export function canConvertScalar(from: ScalarKind, to: ScalarKind): boolean {
  if (from === to) return true;
  if (from === 'abstract-int') return to !== 'bool';
  if (from === 'abstract-float') return to === 'f32' || to === 'f16';
  return false;
}

/** Can a value of type `from` be implicitly converted (by concretization) to `to`? */
export function canConvert(from: Type, to: Type): boolean {
  if (sameType(from, to)) return true;
  if (from.k === 'scalar' && to.k === 'scalar') return canConvertScalar(from.s, to.s);
  if (from.k === 'vec' && to.k === 'vec') return from.n === to.n && canConvertScalar(from.e, to.e);
  if (from.k === 'mat' && to.k === 'mat')
    return from.c === to.c && from.r === to.r && canConvertScalar(from.e, to.e);
  if (from.k === 'array' && to.k === 'array') return from.count === to.count && canConvert(from.e, to.e);
  return false;
}

export function containsAtomic(t: Type): boolean {
  if (t.k === 'atomic') return true;
  if (t.k === 'array') return containsAtomic(t.e);
  if (t.k === 'struct') return t.members.some((m) => containsAtomic(m.type));
  return false;
}

export function containsRuntimeArray(t: Type): boolean {
  if (t.k === 'array') return t.count === null;
  if (t.k === 'struct')
    return t.members.length > 0 && containsRuntimeArray(t.members[t.members.length - 1]!.type);
  return false;
}

export function usesF16(t: Type): boolean {
  const s = scalarOf(t);
  if (s) return s === 'f16';
  if (t.k === 'array') return usesF16(t.e);
  if (t.k === 'struct') return t.members.some((m) => usesF16(m.type));
  if (t.k === 'ptr') return usesF16(t.store);
  return false;
}

/** A bool scalar or vector. */
export function isBool(t: Type): boolean {
  return scalarOf(t) === 'bool' && t.k !== 'mat';
}

/** A u32 scalar, or an AbstractInt that becomes one. */
export function isU32Like(t: Type): boolean {
  return t.k === 'scalar' && (t.s === 'u32' || t.s === 'abstract-int');
}

/** The scalar two operands meet at (WGSL §6.4.1 "conversion rank"); undefined when there is none. */
export function unifyScalar(a: ScalarKind, b: ScalarKind): ScalarKind | undefined {
  if (a === b) return a;
  if (a === 'abstract-int' && b !== 'bool') return b;
  if (b === 'abstract-int' && a !== 'bool') return a;
  if (a === 'abstract-float' && isFloatKind(b)) return b;
  if (b === 'abstract-float' && isFloatKind(a)) return a;
  return undefined;
}

/** The type two values of the same shape meet at, element scalars unified; undefined when none. */
export function unifyTypes(a: Type, b: Type): Type | undefined {
  if (sameType(a, b)) return a;
  if (a.k === 'scalar' && b.k === 'scalar') {
    const s = unifyScalar(a.s, b.s);
    return s ? scalar(s) : undefined;
  }
  if (a.k === 'vec' && b.k === 'vec' && a.n === b.n) {
    const s = unifyScalar(a.e, b.e);
    return s ? vec(a.n, s) : undefined;
  }
  if (a.k === 'mat' && b.k === 'mat' && a.c === b.c && a.r === b.r) {
    const s = unifyScalar(a.e, b.e);
    return s ? { ...a, e: s } : undefined;
  }
  if (a.k === 'array' && b.k === 'array' && a.count === b.count) {
    const e = unifyTypes(a.e, b.e);
    return e ? { k: 'array', e, count: a.count } : undefined;
  }
  return undefined;
}
