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

import { f16BitsToF32 } from './f16';
import { ownEntry } from './named';
import type { SideResult } from './result';
import { type Binding, ELEMENT_BYTES, type ElementType, type Tolerance, type Workload } from './workload';

export type ResolvedTolerance = Required<Tolerance>;

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

/**
 * match: every element identical (same bits, or both NaN, or both zero of either sign).
 * within-tolerance: some elements differ, none beyond the tolerance.
 * mismatch: at least one element beyond the tolerance (integers: any difference).
 * size-mismatch: the two sides returned different byte lengths (the common prefix is still compared).
 */
export type Verdict = 'match' | 'within-tolerance' | 'mismatch' | 'size-mismatch';

export interface Mismatch {
  /** Element index (byte index for `bytes`). */
  index: number;
  a: number;
  b: number;
  /** |a − b|; Infinity when exactly one side is NaN or the sides are different infinities. */
  abs: number;
  /** Distance in units in the last place (integers: |a − b|); Infinity as for `abs`. */
  ulp: number;
}

export interface OutputComparison {
  name: string;
  element: ElementType;
  verdict: Verdict;
  /** Tolerance applied (null: exact comparison for integers and bytes). */
  tolerance: ResolvedTolerance | null;
  /** Elements compared: the common prefix of both sides. */
  count: number;
  bytesA: number;
  bytesB: number;
  /** Elements that differ at all (identical ones excluded), within tolerance or not. */
  differentCount: number;
  /** Elements beyond the tolerance. */
  mismatchCount: number;
  /** Largest errors over all compared elements (finite pairs; Infinity when a NaN/∞ pair differs). */
  maxAbs: number;
  maxRel: number;
  maxUlp: number;
  /** The first mismatches (beyond tolerance), in index order, at most `maxReported`. */
  firstMismatches: Mismatch[];
  /** Mismatch counts over `histogram.length` equal slices of the element range, for a heatmap strip. */
  histogram: number[];
  /** Elements per histogram bucket (the last bucket may hold fewer). */
  bucketSize: number;
}

export interface CompareOptions {
  /** Histogram buckets (default 64; fewer when there are fewer elements). */
  buckets?: number;
  /** How many mismatches to list (default 20). */
  maxReported?: number;
}

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
  return workload.bindings
    .filter((binding) => binding.output)
    .map((binding) =>
      compareBinding(binding, ownEntry(a.outputs, binding.name), ownEntry(b.outputs, binding.name), options),
    );
}

export function compareBinding(
  binding: Binding,
  a: Uint8Array | undefined,
  b: Uint8Array | undefined,
  options: CompareOptions = {},
): OutputComparison {
  const empty = new Uint8Array(0);
  const result = compareBytes(binding.element ?? 'bytes', a ?? empty, b ?? empty, {
    ...options,
    tolerance: binding.tolerance,
  });
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
  const tolerance = resolveTolerance(element, options.tolerance);
  const maxReported = options.maxReported ?? 20;
  const buckets = Math.max(1, Math.min(options.buckets ?? 64, count || 1));
  const bucketSize = Math.max(1, Math.ceil(count / buckets));
  const histogram = new Array<number>(buckets).fill(0);
  const firstMismatches: Mismatch[] = [];
  const readA = reader(element, a);
  const readB = reader(element, b);
  const isFloat = element === 'f32' || element === 'f16';
  const ordA = isFloat ? orderedBits(element, a) : readA;
  const ordB = isFloat ? orderedBits(element, b) : readB;

  let differentCount = 0;
  let mismatchCount = 0;
  let maxAbs = 0;
  let maxRel = 0;
  let maxUlp = 0;

  for (let i = 0; i < count; i++) {
    const oa = ordA(i);
    const ob = ordB(i);
    if (oa === ob) continue; // same bits, or +0 / −0 (both map to 0)
    const x = readA(i);
    const y = readB(i);
    let abs: number;
    let ulp: number;
    let rel: number;
    if (isFloat) {
      const nanA = Number.isNaN(x);
      const nanB = Number.isNaN(y);
      if (nanA && nanB) continue; // NaN payloads differ between implementations; both NaN is a match
      if (nanA || nanB || !Number.isFinite(x) || !Number.isFinite(y)) {
        // An infinity matches only the same infinity (equal bits, handled above): MAX vs ∞ is an
        // overflow on one side, not a rounding difference, however close the bit patterns are.
        abs = Number.POSITIVE_INFINITY;
        ulp = Number.POSITIVE_INFINITY;
        rel = Number.POSITIVE_INFINITY;
      } else {
        abs = Math.abs(x - y);
        ulp = Math.abs(oa - ob);
        rel = abs / Math.max(Math.abs(x), Math.abs(y));
      }
    } else {
      abs = Math.abs(x - y);
      ulp = abs;
      rel = abs / Math.max(Math.abs(x), Math.abs(y));
    }
    differentCount++;
    if (abs > maxAbs) maxAbs = abs;
    if (rel > maxRel) maxRel = rel;
    if (ulp > maxUlp) maxUlp = ulp;
    const within =
      tolerance !== null && (ulp <= tolerance.ulp || abs <= tolerance.abs || rel <= tolerance.rel);
    if (within) continue;
    mismatchCount++;
    histogram[Math.min(buckets - 1, Math.floor(i / bucketSize))]!++;
    if (firstMismatches.length < maxReported) firstMismatches.push({ index: i, a: x, b: y, abs, ulp });
  }

  let verdict: Verdict;
  if (a.byteLength !== b.byteLength) verdict = 'size-mismatch';
  else if (mismatchCount > 0) verdict = 'mismatch';
  else if (differentCount > 0) verdict = 'within-tolerance';
  else verdict = 'match';

  return {
    name: '',
    element,
    verdict,
    tolerance,
    count,
    bytesA: a.byteLength,
    bytesB: b.byteLength,
    differentCount,
    mismatchCount,
    maxAbs,
    maxRel,
    maxUlp,
    firstMismatches,
    histogram,
    bucketSize,
  };
}

/** The two sides' outputs taken together (docs/contracts.md §6). */
export type OverallVerdict = 'agree' | 'disagree';

/** Both sides agree when every output matches or stays within tolerance (docs/contracts.md §6). */
export function overallVerdict(comparisons: readonly { verdict: Verdict }[]): OverallVerdict {
  return comparisons.every((c) => c.verdict === 'match' || c.verdict === 'within-tolerance')
    ? 'agree'
    : 'disagree';
}
