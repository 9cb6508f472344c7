/**
 * Test support for the texture preludes: slots as u32 words and a one-workgroup kernel run on the CPU
 * (g++) whose `out` is read back as f32.
 */
import { samplerStateOf } from '../../core/texture-binding';
import { encodeSampler, type SamplerState } from '../../core/texture-formats';
import { translate } from '../translate';
import { runOnCpu } from './native';

/** A slot's bytes as the u32 words runOnCpu's `init` takes. */
export const slotWords = (bytes: Uint8Array): number[] => [...new Uint32Array(Uint8Array.from(bytes).buffer)];

/** A sampler descriptor's words: the default sampler with `s` over it. */
export const samplerWords = (s: Partial<SamplerState>): number[] =>
  slotWords(encodeSampler({ ...samplerStateOf(undefined), ...s }));

/**
 * Translates `kernel` for the CPU and runs one workgroup of its first entry point with each binding
 * of `init` filled (and sized) by its words and `out` holding `outFloats` f32s.
 */
export async function runTextureKernel(
  kernel: string,
  init: Record<string, number[]>,
  outFloats: number,
): Promise<{ status: number[]; out: number[] }> {
  const r = translate(kernel, { target: 'cpu' });
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  const sizes = Object.fromEntries(Object.entries(init).map(([k, v]) => [k, 4 * v.length]));
  const run = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
    dispatch: 1,
    sizes: { ...sizes, out: 4 * outFloats },
    init,
  });
  return { status: run.status, out: [...new Float32Array(new Uint32Array(run.words).buffer)] };
}
