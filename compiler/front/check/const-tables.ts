/**
 * Module-scope constant tables: an array or structure constant bigger than an invocation's whole
 * allowance (MAX_INVOCATION_BYTES), written as one call of array or structure constructors down to
 * scalar and vector const-expressions. The generated code holds such a constant once, in static
 * read-only storage (compiler/emit/module-consts.ts), so indexing it (`LUT[i]`, `LUT[i].m`) reads that
 * copy instead of making the value on the invocation's stack; a use of the whole value still does and
 * stays refused (checker.ts, checkTemporary). Smaller constants are emitted as before.
 */

import { layoutOf } from '../../layout';
import { MAX_INVOCATION_BYTES } from '../../memory-limits';
import type { Expr } from '../ast';
import type { Typed } from '../const-value';
import { concretizeDefault, type Type } from '../types';

/**
 * The biggest table: a zero-valued constructor (`array<u32, 16777216>()`) costs a few bytes of source but
 * its whole size in the module the executor compiles and loads. 1 MiB is eight times the 128 KiB lookup
 * tables real kernels carry; a bigger constant is refused at each use as before.
 */
export const MAX_TABLE_BYTES = 1024 * 1024;

/** Whether the constant `init` of type `type` is held as a static table. */
export function isStaticTable(init: Expr, type: Type, value: (e: Expr) => Typed | undefined): boolean {
  const t = concretizeDefault(type);
  if (t.k !== 'array' && t.k !== 'struct') return false;
  const bytes = layoutOf(t).size;
  if (bytes <= MAX_INVOCATION_BYTES || bytes > MAX_TABLE_BYTES) return false;
  return staticallyInitialised(init, t, value);
}

/**
 * Whether `e` can be written as a C++ aggregate initialiser of `t`: constructors of host-shareable
 * arrays and structures, leaves that are scalar or vector constants (f16 left out: its C++ type is not
 * a literal type on every target).
 */
export function staticallyInitialised(e: Expr, t: Type, value: (e: Expr) => Typed | undefined): boolean {
  if (t.k === 'scalar' || t.k === 'vec') {
    const s = t.k === 'scalar' ? t.s : t.e;
    return s !== 'f16' && value(e) !== undefined;
  }
  if (e.kind !== 'call') return false;
  if (t.k === 'array') {
    if (t.count === null || e.callee.name !== 'array' || !hostShareableFixed(t)) return false;
    if (e.args.length !== 0 && e.args.length !== t.count) return false;
    return e.args.every((a) => staticallyInitialised(a, t.e, value));
  }
  if (t.k === 'struct') {
    if (e.callee.name !== t.name || !hostShareableFixed(t)) {
      console.log('X', e.callee.name, t.name, hostShareableFixed(t));
      return false;
    }
    if (e.args.length !== 0 && e.args.length !== t.members.length) return false;
    return e.args.every((a, i) => staticallyInitialised(a, t.members[i]!.type, value));
  }
  return false;
}

/** Structures the emitter lays out member by member with explicit padding (types.ts structDefinition). */
function hostShareableFixed(t: Type): boolean {
  if (t.k === 'scalar') return t.s !== 'bool' && t.s !== 'f16';
  if (t.k === 'vec') return t.e !== 'bool' && t.e !== 'f16';
  if (t.k === 'array') return t.count !== null && hostShareableFixed(t.e);
  if (t.k === 'struct') return t.members.every((m) => hostShareableFixed(m.type));
  return false;
}
