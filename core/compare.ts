/**
 * Element-by-element comparison of the two sides' outputs (docs/contracts.md §6).
 *
 * Integers (i32, u32, raw bytes) must be equal. Floats are compared by ULP distance and by
 * absolute / relative error, because the two sides legitimately round differently: CUDA may contract
 * a*b+c into one FMA where the browser's compiler does not, reductions may add in another order, and
 * WGSL allows builtins like exp or sin a few ULP of error (WGSL spec §15.5 "Floating Point Evaluation").
 *
 * An element is within tolerance when ANY of ulp ≤ tol.ulp, abs ≤ tol.abs, rel ≤ tol.rel holds:
 * ULP distance is the right measure for ordinary magnitudes, the absolute bound covers results that
 * cancel to near zero (where ULP and relative error explode), the relative bound covers summation-order
 * differences that grow with the number of terms.
 */

import {
  type CompareOptions,
  compareValues,
  type OutputComparison,
  type ResolvedTolerance,
  type Verdict,
} from './compare-values';
import { f16BitsToF32 } from './f16';
import { ownEntry } from './named';
import type { SideResult } from './result';
import { compareTexels, texelElement } from './texture-compare';
import { textureFormat } from './texture-formats';
import { samplerFilters } from './texture-plan';
import { type Binding, ELEMENT_BYTES, type ElementType, type Tolerance, type Workload } from './workload';

export type {
  CompareOptions,
  OutputComparison,
  ResolvedTolerance,
  Verdict,
} from './compare-values';

/**
 * Defaults a reader can see (the page shows them next to the verdict). A binding's `tolerance`
 * overrides them member by member; `{ "ulp": 0, "abs": 0, "rel": 0 }` asks for bit-identical floats.
 *
 * - f32: 4 ULP, or 1e-6 absolute, or 1e-5 relative (≈ 84 × f32 epsilon: room for FMA contraction and a
 *   different summation order over a few dozen terms, yet a real bug — a wrong index, a missed term —
 *   is orders of magnitude larger).
 * - f16: 2 ULP, or 1e-3 absolute, or 4e-3 relative (≈ 4 × f16 epsilon, 2^-10): f16 has 11 significant
 *   bits, so one extra rounding step (f16 arithmetic on one side, f32-then-round on the other) already
 *   costs a full ULP.
 */
export const DEFAULT_TOLERANCE: Readonly<Record<'f32' | 'f16', ResolvedTolerance>> = {
  f32: { ulp: 4, abs: 1e-6, rel: 1e-5 },
  f16: { ulp: 2, abs: 1e-3, rel: 4e-3 },
};

export function resolveTolerance(element: ElementType, override?: Tolerance): ResolvedTolerance | null {
  if (element !== 'f32' && element !== 'f16') return null;
  return { ...DEFAULT_TOLERANCE[element], ...override };
}

/** The tolerance in words, for display next to a verdict: "≤ 4 ULP or |Δ| ≤ 1e-6 or rel ≤ 1e-5". */
export function formatTolerance(t: ResolvedTolerance | null): string {
  if (!t) return 'exact';
  if (t.ulp === 0 && t.abs === 0 && t.rel === 0) return 'bit-identical (NaN = NaN, +0 = −0)';
  const parts: string[] = [];
  if (t.ulp > 0) parts.push(`≤ ${t.ulp} ULP`);
  if (t.abs > 0) parts.push(`|Δ| ≤ ${t.abs}`);
  if (t.rel > 0) parts.push(`rel ≤ ${t.rel}`);
  return parts.join(' or ');
}

/** Compares every output binding of `workload` between two sides, in binding order. */
export function compareOutputs(
  workload: Workload,
  a: SideResult,
  b: SideResult,
  options: CompareOptions = {},
): OutputComparison[] {
  const filtered = filtersLinearly(workload) ? { ...options, linearFiltering: true } : options;
  return workload.bindings
    .filter((binding) => binding.output)
    .map((binding) =>
      compareBinding(binding, ownEntry(a.outputs, binding.name), ownEntry(b.outputs, binding.name), filtered),
    );
}

/**
 * Outputs of a workload that filters linearly may be off by 3 × 2^-8 absolute by default (a binding's
 * `tolerance` still wins; normalized texture outputs: about 3 steps): GPUs blend with fixed-point
 * weights of 8 bits (Vulkan subTexelPrecisionBits / mipmapPrecisionBits, 8 on current desktop GPUs;
 * D3D11 asks for 8), so a blend of values in [0, 1] is off by up to 2^-8 per filtered axis or level
 * blend, at most three of them (2d + mip levels, 3d), where the CPU emulation uses f32 weights.
 */
export const LINEAR_FILTER_ABS = 3 * 2 ** -8;

function filtersLinearly(w: Workload): boolean {
  return w.bindings.some((b) => b.kind === 'sampler' && samplerFilters(b));
}

export function compareBinding(
  binding: Binding,
  a: Uint8Array | undefined,
  b: Uint8Array | undefined,
  options: CompareOptions = {},
): OutputComparison {
  const empty = new Uint8Array(0);
  const filtered = options.linearFiltering ? { abs: LINEAR_FILTER_ABS } : {};
  const opts = { ...options, tolerance: { ...filtered, ...binding.tolerance } };
  const format = binding.kind === 'storage-texture' ? textureFormat(binding.format ?? '') : undefined;
  if (format) {
    // A storage texture's output is its texels (core/texture-compare.ts): channel by channel.
    const element = texelElement(format);
    const result = element
      ? { ...compareBytes(element, a ?? empty, b ?? empty, opts), format: format.name }
      : compareTexels(format, a ?? empty, b ?? empty, opts);
    return { ...result, name: binding.name };
  }
  const result = compareBytes(binding.element ?? 'bytes', a ?? empty, b ?? empty, opts);
  return { ...result, name: binding.name };
}

/** Reads element i of a little-endian buffer as a JS number (f16 widened exactly to double). */
type Reader = (i: number) => number;

function reader(element: ElementType, bytes: Uint8Array): Reader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (element) {
    case 'f32':
      return (i) => view.getFloat32(i * 4, true);
    case 'f16':
      return (i) => f16BitsToF32(view.getUint16(i * 2, true));
    case 'i32':
      return (i) => view.getInt32(i * 4, true);
    case 'u32':
      return (i) => view.getUint32(i * 4, true);
    case 'bytes':
      return (i) => view.getUint8(i);
  }
}

/**
 * Maps a float's bit pattern onto a line where adjacent representable values are adjacent integers
 * and both zeros meet at 0, so ULP distance is a plain subtraction. (Sign-magnitude → two's complement.)
 */
function orderedBits(element: 'f32' | 'f16', bytes: Uint8Array): Reader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (element === 'f32') {
    return (i) => {
      const bits = view.getUint32(i * 4, true);
      return bits & 0x80000000 ? -(bits & 0x7fffffff) : bits;
    };
  }
  return (i) => {
    const bits = view.getUint16(i * 2, true);
    return bits & 0x8000 ? -(bits & 0x7fff) : bits;
  };
}

/** Compares two little-endian arrays of `element` (the common prefix when their lengths differ). */
export function compareBytes(
  element: ElementType,
  a: Uint8Array,
  b: Uint8Array,
  options: CompareOptions & { tolerance?: Tolerance } = {},
): OutputComparison {
  const size = ELEMENT_BYTES[element];
  const count = Math.floor(Math.min(a.byteLength, b.byteLength) / size);
  const readA = reader(element, a);
  const readB = reader(element, b);
  const isFloat = element === 'f32' || element === 'f16';
  const readers = {
    count,
    isFloat,
    readA,
    readB,
    orderedA: isFloat ? orderedBits(element, a) : readA,
    orderedB: isFloat ? orderedBits(element, b) : readB,
  };
  const tolerance = resolveTolerance(element, options.tolerance);
  return compareValues(element, readers, { bytesA: a.byteLength, bytesB: b.byteLength }, tolerance, options);
}

/** The two sides' outputs taken together (docs/contracts.md §6). */
export type OverallVerdict = 'agree' | 'disagree';

/** Both sides agree when every output matches or stays within tolerance (docs/contracts.md §6). */
export function overallVerdict(comparisons: readonly { verdict: Verdict }[]): OverallVerdict {
  return comparisons.every((c) => c.verdict === 'match' || c.verdict === 'within-tolerance')
    ? 'agree'
    : 'disagree';
}
