/**
 * Why a concrete i32/u32 operation on const-expression operands has no value: WGSL makes it a
 * shader-creation error (§8.7 arithmetic: division or remainder by zero, and a result the type cannot
 * represent, including the most negative value divided by -1; §8.9 bit shifts: a `<<` whose shifted-out
 * bits are not all zero for u32, or not all equal to the result's sign bit for i32). At run time the same
 * operations wrap (x / 0 = x, x % 0 = 0), so callers ask only about const-expression operands.
 */

import type { Typed } from './consteval';

type Concrete = 'i32' | 'u32';

const RANGE: Record<Concrete, [bigint, bigint]> = {
  i32: [-(2n ** 31n), 2n ** 31n - 1n],
  u32: [0n, 2n ** 32n - 1n],
};
const SUFFIX: Record<Concrete, string> = { i32: 'i', u32: 'u' };

/** The concrete integer kind a binary operation takes (an AbstractInt operand converts to the other). */
function kindOf(op: string, l: Typed, r: Typed): Concrete | undefined {
  const k = op === '<<' || op === '>>' ? l.kind : l.kind === 'abstract-int' ? r.kind : l.kind;
  return k === 'i32' || k === 'u32' ? k : undefined;
}

const asBig = (v: Typed['value']): bigint | undefined =>
  typeof v === 'bigint' ? v : typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : undefined;

/** The exact (unbounded) result of `a op b`, or undefined for operations that cannot overflow. */
function exact(op: string, a: bigint, b: bigint): bigint | undefined {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return a / b; // BigInt division truncates toward zero, as WGSL's
    case '%':
      // WGSL §8.7 lists the most negative value % -1 with the overflowing divisions.
      return a === RANGE.i32[0] && b === -1n ? -a : a % b;
    default:
      return undefined;
  }
}

/** The message for `l op r` on const-expression operands when WGSL makes it an error, else undefined. */
export function constIntBinaryError(op: string, l: Typed, r: Typed): string | undefined {
  const kind = kindOf(op, l, r);
  const a = asBig(l.value);
  const b = asBig(r.value);
  if (!kind || a === undefined || b === undefined) return undefined;
  const shown = `${a}${SUFFIX[kind]} ${op} ${b}${op === '<<' || op === '>>' ? 'u' : SUFFIX[kind]}`;
  const [lo, hi] = RANGE[kind];
  if ((op === '/' || op === '%') && b === 0n)
    return `integer division by zero in a const-expression: ${shown}`;
  if (op === '<<' && b >= 0n && b < 32n) {
    // Shift within the bit width, then shift back: equal only when no significant bit was lost.
    const width = 32n;
    const bits = (a << b) & ((1n << width) - 1n);
    const back = kind === 'u32' ? bits >> b : BigInt.asIntN(32, bits) >> b;
    if (back !== a)
      return `${shown} shifts out significant bits: the result cannot be represented as ${kind}`;
    return undefined;
  }
  const v = exact(op, a, b);
  if (v !== undefined && (v < lo || v > hi))
    return `${kind} '${op}' overflows in a const-expression: ${shown} = ${v} cannot be represented as ${kind}`;
  return undefined;
}
