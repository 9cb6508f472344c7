/**
 * The comparison loop every output shares (docs/contracts.md §6): two sequences of numbers, read
 * through accessors, compared value by value under one tolerance, with the statistics and the
 * mismatch histogram the page shows. Buffers (core/compare.ts) read elements; texture outputs
 * (core/texture-compare.ts) read decoded channels.
 */
import type { ElementType, Tolerance } from './workload';

export type ResolvedTolerance = Required<Tolerance>;

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
  /** Texture outputs: the texel format; indices count channels (texel × channels + channel). */
  format?: string;
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
  /** The workload samples with a linear filter: float outputs get LINEAR_FILTER_ABS (core/compare.ts). */
  linearFiltering?: boolean;
}

/** Reads value i as a JS number. */
export type Reader = (i: number) => number;

/**
 * How to read both sides: `read` gives the value, `ordered` a position on a line where adjacent
 * representable values are adjacent integers (ULP distance = a subtraction; integers: the value).
 */
export interface ValueReaders {
  count: number;
  isFloat: boolean;
  readA: Reader;
  readB: Reader;
  orderedA: Reader;
  orderedB: Reader;
}

/** Compares `count` values read through `r` (the common prefix of both sides). */
export function compareValues(
  element: ElementType,
  r: ValueReaders,
  sizes: { bytesA: number; bytesB: number },
  tolerance: ResolvedTolerance | null,
  options: CompareOptions = {},
): OutputComparison {
  const { count, isFloat, readA, readB } = r;
  const ordA = r.orderedA;
  const ordB = r.orderedB;
  const maxReported = options.maxReported ?? 20;
  const buckets = Math.max(1, Math.min(options.buckets ?? 64, count || 1));
  const bucketSize = Math.max(1, Math.ceil(count / buckets));
  const histogram = new Array<number>(buckets).fill(0);
  const firstMismatches: Mismatch[] = [];
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
      ulp = Math.abs(oa - ob); // integers: the value itself; normalized texels: stored steps
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
  if (sizes.bytesA !== sizes.bytesB) verdict = 'size-mismatch';
  else if (mismatchCount > 0) verdict = 'mismatch';
  else if (differentCount > 0) verdict = 'within-tolerance';
  else verdict = 'match';

  return {
    name: '',
    element,
    verdict,
    tolerance,
    count,
    bytesA: sizes.bytesA,
    bytesB: sizes.bytesB,
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
