'use client';
/**
 * Draws an output binding that the workload marks with `image`: rgba8 (4 bytes per pixel) as is, or
 * scalar (one number per pixel) as grey levels scaled from its minimum to its maximum.
 */
import { useEffect, useRef } from 'react';
import { elementCount, firstElements } from '../lib/output-preview';

export interface ImageSpec {
  width: number;
  height: number;
  format: 'rgba8' | 'scalar';
}

function toRgba(bytes: Uint8Array, element: string, spec: ImageSpec): Uint8ClampedArray {
  const pixels = spec.width * spec.height;
  const out = new Uint8ClampedArray(pixels * 4);
  if (spec.format === 'rgba8') {
    out.set(bytes.subarray(0, Math.min(bytes.byteLength, out.length)));
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

export function OutputImage({
  bytes,
  element,
  spec,
  label,
}: {
  bytes: Uint8Array;
  element: string;
  spec: ImageSpec;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const rgba = toRgba(bytes, element, spec);
    ctx.putImageData(new ImageData(new Uint8ClampedArray(rgba), spec.width, spec.height), 0, 0);
  }, [bytes, element, spec]);
  return (
    <canvas
      ref={canvas}
      width={spec.width}
      height={spec.height}
      role="img"
      aria-label={label}
      className="mt-1 max-h-64 max-w-full rounded border border-zinc-200 [image-rendering:pixelated] dark:border-zinc-700"
    />
  );
}
