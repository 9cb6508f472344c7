/**
 * Calls of `bufferView<T>(p, offset)`, `bufferArrayView<T>(p, offset, size)` and `bufferLength(p)`
 * (WGSL language feature `buffer_view`). Overloads as Tint's src/tint/lang/wgsl/wgsl.def declares them:
 * p is a pointer to a `buffer` or `buffer<N>` in storage, uniform or workgroup memory, offset and size
 * are i32 or u32 byte counts, and the result is a pointer to T in p's address space with p's access.
 * T's rules and the const-expression checks follow Tint's resolver/validator.cc `BufferView`: T is
 * host-shareable, not a buffer, holds no atomic, and has no fixed footprint for bufferArrayView; a
 * const offset is non-negative and a multiple of T's alignment; a const size holds one element of
 * the runtime-sized array and whole elements after it; with buffer<N> both fit in N bytes. Run-time
 * values are clamped where they are used (compiler/emit/buffer-view.ts), as Tint's robustness does.
 * Each view is recorded with its buffer (`FnInfo.bufferViews`) for the minimum binding size of an
 * unsized buffer (compiler/translate.ts `KernelInfo.viewBytes`).
 */
import { fail } from '../../diagnostics';
import type { CallExpr, Expr } from '../ast';
import { type BufferType, viewShape } from '../buffer-view';
import { containsAtomic, containsRuntimeArray, isHandle, type Type, typeName, U32, usesF16 } from '../types';
import type { ExprInfo, FnInfo, HandleRef } from './annotations';
import type { CheckContext } from './context';

export const BUFFER_VIEW_BUILTINS: ReadonlySet<string> = new Set([
  'bufferView',
  'bufferArrayView',
  'bufferLength',
]);

type BufferPtr = Extract<Type, { k: 'ptr' }> & { store: BufferType };

const U32_MAX = 0xffffffff;

export function checkBufferViewCall(c: CheckContext, e: CallExpr, args: ExprInfo[]): ExprInfo {
  const name = e.callee.name;
  const arity = name === 'bufferView' ? 2 : name === 'bufferArrayView' ? 3 : 1;
  if (args.length !== arity)
    fail(e.pos, `'${name}' takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`);
  const p = args[0]!.type;
  if (p.k !== 'ptr' || p.store.k !== 'buffer')
    fail(e.args[0]!.pos, `the first argument of '${name}' must be a pointer to a buffer, not ${typeName(p)}`);
  const ptr = p as BufferPtr;
  const sideEffects = args.some((a) => a.sideEffects);
  if (name === 'bufferLength') {
    if (e.callee.targs) fail(e.pos, "'bufferLength' takes no template arguments");
    return { type: U32, sideEffects, call: { kind: 'builtin', name } };
  }
  if (e.callee.targs?.length !== 1) fail(e.pos, `'${name}' needs the type it views: ${name}<T>(…)`);
  const targ = e.callee.targs[0]!;
  const t = c.resolveType(targ);
  checkViewType(c, name, targ.pos, t);
  const shape = viewShape(t);
  recordBufferView(c, e.args[0]!, shape.minSize);
  const offset = byteCount(c, name, e, args, 1, 'offset');
  if (offset !== undefined && offset % shape.align !== 0)
    fail(
      e.args[1]!.pos,
      `the offset argument of '${name}' (${offset}) must be a multiple of the alignment of ${typeName(t)} (${shape.align})`,
    );
  const n = ptr.store.size;
  const at = offset ?? 0;
  if (name === 'bufferView') {
    if (at + shape.minSize > U32_MAX)
      fail(e.args[1]!.pos, `the offset of '${name}' plus the size of ${typeName(t)} passes 32 bits`);
    if (n !== null && at + shape.minSize > n)
      fail(
        e.args[1]!.pos,
        `'${name}' of ${typeName(t)} (${shape.minSize} bytes) at offset ${at} does not fit in ${typeName(ptr.store)}`,
      );
  } else {
    const size = byteCount(c, name, e, args, 2, 'size');
    const tail = shape.tail!;
    if (size !== undefined && size < shape.minSize)
      fail(
        e.args[2]!.pos,
        `the size argument of '${name}' (${size} bytes) must hold one element of the runtime-sized array (${shape.minSize} bytes)`,
      );
    if (size !== undefined && (size - tail.offset) % tail.stride !== 0)
      fail(
        e.args[2]!.pos,
        `the size argument of '${name}' (${size} bytes) minus the array's offset (${tail.offset}) must be a multiple of its stride (${tail.stride})`,
      );
    const need = at + Math.max(size ?? 0, shape.minSize);
    if (need > U32_MAX) fail(e.pos, `the offset and size of '${name}' pass 32 bits`);
    if (n !== null && need > n)
      fail(
        e.pos,
        `'${name}' needs ${need} bytes of ${typeName(ptr.store)} (offset ${at}, size ${need - at})`,
      );
  }
  return {
    type: { k: 'ptr', space: ptr.space, store: t, access: ptr.access },
    sideEffects,
    call: { kind: 'builtin', name, targ: t },
  };
}

/** T of a view: host-shareable, no buffer or atomic; runtime-sized for bufferArrayView (Tint validator.cc). */
function checkViewType(c: CheckContext, name: string, pos: CallExpr['pos'], t: Type): void {
  const shareable = (x: Type): boolean => {
    if (x.k === 'scalar') return x.s !== 'bool';
    if (x.k === 'vec' || x.k === 'mat') return x.e !== 'bool';
    if (x.k === 'array') return shareable(x.e);
    if (x.k === 'struct') return x.members.every((m) => shareable(m.type));
    return x.k === 'atomic';
  };
  if (t.k === 'buffer') fail(pos, `the type '${name}' views cannot be a buffer`);
  if (t.k === 'ptr' || isHandle(t) || !shareable(t))
    fail(pos, `the type '${name}' views must be host-shareable, not ${typeName(t)}`);
  if (containsAtomic(t)) fail(pos, `the type '${name}' views cannot contain an atomic`);
  if (name === 'bufferArrayView' && !containsRuntimeArray(t))
    fail(
      pos,
      `'bufferArrayView' views a runtime-sized array (or a struct ending in one), not ${typeName(t)}; use bufferView`,
    );
  if (usesF16(t) && c.current) c.current.usesF16 = true;
}

/** A byte count argument (i32 or u32): its value when a const-expression; negative is an error. */
function byteCount(
  _c: CheckContext,
  name: string,
  e: CallExpr,
  args: ExprInfo[],
  k: number,
  what: string,
): number | undefined {
  const a = args[k]!;
  const at = e.args[k]!.pos;
  const t = a.type;
  if (t.k !== 'scalar' || (t.s !== 'i32' && t.s !== 'u32' && t.s !== 'abstract-int'))
    fail(at, `the ${what} argument of '${name}' must be i32 or u32, not ${typeName(t)}`);
  if (!a.konst) return undefined;
  const v = Number(a.konst.value);
  if (v < 0) fail(at, `the ${what} argument of '${name}' must be non-negative, got ${v}`);
  if (v > U32_MAX) fail(at, `the ${what} argument of '${name}' (${v}) does not fit in u32`);
  return v;
}

/**
 * A pointer to a buffer passed for a pointer-to-buffer parameter of another size (Tint validator.cc,
 * function call arguments): same address space and access, and the parameter unsized or smaller.
 */
export function bufferArgFits(arg: Type, param: Type): boolean {
  if (arg.k !== 'ptr' || param.k !== 'ptr') return false;
  if (arg.store.k !== 'buffer' || param.store.k !== 'buffer') return false;
  if (arg.space !== param.space || arg.access !== param.access) return false;
  const want = param.store.size;
  const have = arg.store.size;
  return want === null || (have !== null && have >= want);
}

/**
 * The buffer a view's pointer argument names (Tint's root identifier): `&v` of a module-scope
 * variable, a pointer parameter (its call sites name the variable), or a `let` of either.
 */
function bufferRef(c: CheckContext, e: Expr, seen = new Set<Expr>()): HandleRef | undefined {
  // `&(*p)` is `p` (WGSL §6.4.8: the address-of of an indirection is the original pointer).
  if (e.kind === 'unary' && e.op === '&' && e.operand.kind === 'unary' && e.operand.op === '*') {
    return bufferRef(c, e.operand.operand, seen);
  }
  if (e.kind === 'unary' && e.op === '&' && e.operand.kind === 'ident') {
    return c.lookup(e.operand.name)?.kind === 'global' ? { global: e.operand.name } : undefined;
  }
  if (e.kind !== 'ident') return undefined;
  const s = c.lookup(e.name);
  // Names resolve where the view is, so `let q = q;` in an inner block would name itself: stop there.
  if (s?.kind === 'local' && !s.mutable && s.decl.init && !seen.has(s.decl.init)) {
    seen.add(s.decl.init);
    return bufferRef(c, s.decl.init, seen);
  }
  if (s?.kind !== 'param') return undefined;
  const param = c.current?.params.findIndex((p) => p.name === s.name) ?? -1;
  return param >= 0 ? { param } : undefined;
}

/**
 * Tint (resolver.cc `RegisterBufferView`, `CheckBufferViews`) makes an unsized buffer's minimum
 * binding size the largest minimum size of the types its entry point views it as; the constant
 * offset does not count (it only bounds a `buffer<N>`, checked above).
 */
function recordBufferView(c: CheckContext, arg: Expr, bytes: number): void {
  const buffer = bufferRef(c, arg);
  // Every view's buffer must be known, or its minimum binding size would go unchecked and a too-small
  // binding would leave the view on the module's shared sink, which outlives the run.
  if (!buffer) {
    fail(
      arg.pos,
      "this view's buffer is not supported yet: name it by `&v`, a pointer parameter or a `let` of one",
    );
  }
  c.current?.bufferViews.push({ buffer, bytes });
}

/** Passes the views of callee `fi` up to the caller, its parameters replaced by the call's arguments. */
export function inheritBufferViews(c: CheckContext, e: CallExpr, fi: FnInfo): void {
  if (!c.current || fi === c.current) return;
  for (const v of fi.bufferViews) {
    const buffer = 'global' in v.buffer ? v.buffer : bufferRef(c, e.args[v.buffer.param]!);
    if (buffer) c.current.bufferViews.push({ buffer, bytes: v.bytes });
  }
}
