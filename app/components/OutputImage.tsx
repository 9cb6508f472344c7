'use client';
/**
 * Draws an output as an image (app/lib/output-image.ts says which): rgba8 (4 bytes per pixel) as is,
 * bgra8 with blue and red exchanged, or scalar (one number per pixel) as grey levels scaled from its
 * minimum to its maximum.
 */
import { useEffect, useRef } from 'react';
import type { ImageSpec } from '../lib/output-image';
import { elementCount, firstElements } from '../lib/output-preview';

export type { ImageSpec };

export function toRgba(bytes: Uint8Array, element: string, spec: ImageSpec): Uint8ClampedArray {
  const pixels = spec.width * spec.height;
  const out = new Uint8ClampedArray(pixels * 4);
  if (spec.format === 'rgba8') {
    out.set(bytes.subarray(0, Math.min(bytes.byteLength, out.length)));
    return out;
  }
  if (spec.format === 'bgra8') {
    const n = Math.min(bytes.byteLength, out.length);
    for (let i = 0; i + 3 < n; i += 4) out.set([bytes[i + 2]!, bytes[i + 1]!, bytes[i]!, bytes[i + 3]!], i);
    return out;
  }
  const values = firstElements(bytes, element, Math.min(pixels, elementCount(bytes, element)));
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (Number.isFinite(v)) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  const span = hi > lo ? hi - lo : 1;
  values.forEach((v, i) => {
    const g = Number.isFinite(v) ? Math.round(((v - lo) / span) * 255) : 0;
    out.set([g, g, g, 255], i * 4);
  });
  return out;
}

/** Pixels that differ between two renderings: red where they differ, a faint grey of `a` elsewhere. */
export function diffRgba(
  a: Uint8ClampedArray,
  b: Uint8ClampedArray,
): { rgba: Uint8ClampedArray; differing: number } {
  const out = new Uint8ClampedArray(a.length);
  let differing = 0;
  for (let i = 0; i < a.length; i += 4) {
    const same = a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2] && a[i + 3] === b[i + 3];
    if (same) {
      const g = Math.round(((a[i]! + a[i + 1]! + a[i + 2]!) / 3) * 0.25 + 160);
      out.set([g, g, g, 255], i);
    } else {
      differing++;
      out.set([225, 29, 72, 255], i);
    }
  }
  return { rgba: out, differing };
}

export function OutputImage({
  bytes,
  element,
  spec,
  label,
  rgba,
  testId,
}: {
  bytes: Uint8Array;
  element: string;
  spec: ImageSpec;
  label: string;
  /** Pixels to draw instead of decoding `bytes` (a diff image). */
  rgba?: Uint8ClampedArray;
  testId?: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const pixels = rgba ?? toRgba(bytes, element, spec);
    ctx.putImageData(new ImageData(new Uint8ClampedArray(pixels), spec.width, spec.height), 0, 0);
  }, [bytes, element, spec, rgba]);
  return (
    <canvas
      ref={canvas}
      width={spec.width}
      height={spec.height}
      role="img"
      aria-label={label}
      data-testid={testId}
      className="mt-1 max-h-64 max-w-full rounded border border-zinc-200 [image-rendering:pixelated] dark:border-zinc-700"
    />
  );
}
