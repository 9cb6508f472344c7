import type { PresetReference } from '../lib/reference-kit';

/** The kernel's colour of an iteration count (R in the lowest byte). */
export function mandelbrotColour(iterations: number, maxIter: number): number {
  if (iterations >= maxIter) return 0xff000000;
  const r = (iterations * 7) & 0xff;
  const g = (iterations * 3 + 40) & 0xff;
  const b = (iterations * 11 + 120) & 0xff;
  return (r | (g << 8) | (b << 16) | (0xff << 24)) >>> 0;
}

/** Escape-time count for c = (cx, cy), every operation rounded to f32 in the kernel's order. */
export function mandelbrotIterations(cx: number, cy: number, maxIter: number): number {
  const f = Math.fround;
  let x = 0;
  let y = 0;
  let i = 0;
  for (;;) {
    const xx = f(x * x);
    const yy = f(y * y);
    if (i >= maxIter || f(xx + yy) > 4) break;
    const xy = f(x * y);
    x = f(f(xx - yy) + cx);
    y = f(f(xy + xy) + cy);
    i++;
  }
  return i;
}

export function mandelbrotReference(
  width: number,
  height: number,
  maxIter: number,
  x0: number,
  y0: number,
  step: number,
): Uint32Array {
  const f = Math.fround;
  const [fx0, fy0, fstep] = [f(x0), f(y0), f(step)]; // the uniform holds f32
  const out = new Uint32Array(width * height);
  for (let py = 0; py < height; py++) {
    for (let px = 0; px < width; px++) {
      const cx = f(fx0 + f(px * fstep));
      const cy = f(fy0 + f(py * fstep));
      out[py * width + px] = mandelbrotColour(mandelbrotIterations(cx, cy, maxIter), maxIter);
    }
  }
  return out;
}

export const reference: PresetReference = (_w, io) => ({
  pixels: mandelbrotReference(
    io.field('params', 'width'),
    io.field('params', 'height'),
    io.field('params', 'max_iter'),
    io.field('params', 'x0'),
    io.field('params', 'y0'),
    io.field('params', 'step'),
  ),
});
