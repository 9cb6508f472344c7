/**
 * What the checker learns about a module, as plain data: the type and meaning of every expression
 * and a summary of every checked function. The emitter, the loop-trip analysis, the memory limits
 * and the uniformity pass read these; none of them needs the checker itself (naga's `ModuleInfo`
 * plays the same part between `valid/` and the back ends).
 */
import type { Pos } from '../../diagnostics';
import { layoutOf } from '../../layout';
import type { Expr, FnDecl, VarDecl } from '../ast';
import type { Typed } from '../consteval';
import type { GlobalVar, OverrideInfo } from '../scope';
import { type AccessMode, type AddressSpace, isHandle, type ScalarKind, type Type } from '../types';

/**
 * A multi-component swizzle of a vector in memory, a swizzle of that, or an element of one (WGSL
 * `swizzle_assignment` language feature; Tint's core::type::SwizzleView): not a reference (`&` cannot
 * take it) but an assignment target. `root` is the vector reference, or the pointer to it
 * (`rootViaPointer`), that the chain starts from; `comps` the root's components it names, chained
 * swizzles composed (Tint's sem::CollapseLhsSwizzle); `index` a runtime index into `comps`.
 */
export interface SwizzleView {
  space: AddressSpace;
  access: AccessMode;
  root: Expr;
  rootViaPointer: boolean;
  comps: number[];
  index?: Expr;
}

/** What a name resolves to. */
export type WgslSymbol =
  | {
      kind: 'local';
      decl: VarDecl;
      type: Type;
      mutable: boolean;
      cname: string;
      /** A `let` of a texture or sampler: the variable or parameter it names (check/samplings.ts). */
      handle?: HandleRef;
    }
  | { kind: 'param'; name: string; type: Type; cname: string }
  | { kind: 'global'; g: GlobalVar; cname: string }
  | { kind: 'override'; info: OverrideInfo; cname: string }
  | {
      kind: 'const';
      decl: VarDecl;
      type: Type;
      cname: string;
      module: boolean;
      value?: Typed;
      /** Every use folds to a literal: the constant stays abstract and is not written (const-uses.ts). */
      folded?: boolean;
      /** A module-scope table held once in static read-only storage (const-tables.ts). */
      table?: boolean;
    };

export interface ExprInfo {
  type: Type;
  /** Set when the expression denotes a memory reference (WGSL §6.4.2 "Reference and pointer types"). */
  ref?: { space: AddressSpace; access: AccessMode };
  sideEffects: boolean;
  symbol?: WgslSymbol;
  /** Calls: what is called. */
  call?:
    | { kind: 'ctor'; type: Type }
    | {
        kind: 'builtin';
        name: string;
        targ?: Type;
        /** Texture built-ins: the concrete type each argument is passed as (undefined: the handle itself). */
        params?: (Type | undefined)[];
      }
    | { kind: 'user'; fn: FnDecl };
  /** Member access: a vector swizzle (component indices). */
  swizzle?: number[];
  /** Index/member access through a pointer (implicit dereference). */
  viaPointer?: boolean;
  /** A swizzle of a vector in memory, or an element of one: check/swizzle-view.ts. */
  swizzleView?: SwizzleView;
  /** Binary operators: the scalar kind both operands are converted to. */
  opScalar?: ScalarKind;
  konst?: Typed;
  /** `&&` / `||` whose const left side decides the value: the right side is not evaluated (§8.7). */
  shortCircuit?: boolean;
}

/** One side of a texture-sampler pair: a module-scope variable by name, or a parameter by index. */
export type HandleRef = { global: string } | { param: number };

/** A texture-sampler pair of a sampling call (check/samplings.ts). */
export interface Sampling {
  texture: HandleRef;
  sampler: HandleRef;
  /** The sampling call (the innermost one, where a pair came up from a callee). */
  pos: Pos;
}

/**
 * A `bufferView<T>` / `bufferArrayView<T>` of a buffer variable or pointer parameter: `bytes` is T's
 * minimum size (Tint resolver.cc `RegisterBufferView`, `min_type_size`).
 */
interface BufferViewUse {
  buffer: HandleRef;
  bytes: number;
}

export interface FnInfo {
  decl: FnDecl;
  /** `builtin`: the @builtin value of an entry parameter; `builtinStruct`: those of its struct's members. */
  params: { name: string; type: Type; cname: string; builtin?: string; builtinStruct?: string[] }[];
  ret: Type;
  calls: Set<string>;
  usesBarrier: boolean;
  usesSubgroups: boolean;
  usesF16: boolean;
  /** Module-scope variables this function touches directly. */
  globals: Set<string>;
  /** Texture-sampler pairs of its sampling calls and of its callees' (samplings.ts). */
  samplings: Sampling[];
  /** Buffers its views and its callees' views read, with the bytes each view's type needs (buffer-view-calls.ts). */
  bufferViews: BufferViewUse[];
  /**
   * Function-scope `var`s and `let`s it declares, and their parameters' (host-shareable sizes,
   * WGSL section 14.4.1): what one invocation keeps on its stack for this function at most.
   */
  localBytes: number;
  /** The biggest of them, to point a "too much memory" error at. */
  largestLocal?: { name: string; pos: Pos; bytes: number };
}

/** Adds a local (or a parameter passed by value) to its function's stack estimate. */
export function countLocal(fi: FnInfo, name: string, pos: Pos, type: Type): void {
  // A pointer names memory counted where it lives; a texture or sampler parameter is a reference to its view.
  if (type.k === 'ptr' || type.k === 'void' || isHandle(type)) return;
  const bytes = layoutOf(type).size;
  fi.localBytes += bytes;
  if (!fi.largestLocal || bytes > fi.largestLocal.bytes) fi.largestLocal = { name, pos, bytes };
}

/** The checked functions of a module: what passes after the checker (uniformity) read. */
export interface CheckedFunctions {
  readonly info: ReadonlyMap<Expr, ExprInfo>;
  readonly fnInfo: ReadonlyMap<string, FnInfo>;
}
