import type { PresetReference } from '../lib/reference-kit';

/**
 * Row-wise softmax in the kernel's order: per-invocation strided partial max / sum over columns
 * l, l+256, …, then a 256-slot tree, every operation rounded to f32. exp is Math.exp rounded to f32;
 * a GPU's exp may differ by a few ULP (WGSL allows 3 + 2·|x| ULP), which the preset's tolerance covers.
 */
export function softmaxReference(x: Float32Array, rows: number, cols: number): Float32Array {
  const wg = 256;
  const out = new Float32Array(rows * cols);
  const f = Math.fround;
  const scratch = new Float32Array(wg);
  const tree = (op: (a: number, b: number) => number) => {
    for (let s = wg >> 1; s > 0; s >>= 1)
      for (let l = 0; l < s; l++) scratch[l] = op(scratch[l]!, scratch[l + s]!);
    return scratch[0]!;
  };
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let l = 0; l < wg; l++) {
      let m = -3.4028234663852886e38;
      for (let c = l; c < cols; c += wg) m = Math.max(m, x[base + c]!);
      scratch[l] = m;
    }
    const rowMax = tree(Math.max);
    for (let l = 0; l < wg; l++) {
      let s = 0;
      for (let c = l; c < cols; c += wg) s = f(s + f(Math.exp(f(x[base + c]! - rowMax))));
      scratch[l] = s;
    }
    const invSum = f(1 / tree((a, b) => f(a + b)));
    for (let c = 0; c < cols; c++) out[base + c] = f(f(Math.exp(f(x[base + c]! - rowMax))) * invSum);
  }
  return out;
}

export const reference: PresetReference = (_w, io) => ({
  probs: softmaxReference(io.f32('logits'), io.field('params', 'rows'), io.field('params', 'cols')),
});
