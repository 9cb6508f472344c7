/**
 * Texture-sampler pairs (WebGPU §8.1.1 "texture-sampler pairs" of a pipeline's shader stage): which
 * texture each sampling built-in (textureSampleLevel, textureGather, …) reads with which sampler, so
 * the run plan can refuse a filtering sampler paired with a texture that cannot be filtered, as
 * WebGPU refuses the pipeline (core/texture-plan.ts). A side is a module-scope variable, or a
 * parameter of the function whose call sites say which variable it is: a call passes its callee's
 * pairs up with the parameters replaced by its own arguments.
 */
import type { CallExpr, Expr } from '../ast';
import type { FnInfo, HandleRef } from './annotations';
import type { CheckContext } from './context';

/** What a handle argument names in the function being checked, if a variable or parameter (or a `let` of one). */
export function handleRef(c: CheckContext, e: Expr): HandleRef | undefined {
  if (e.kind !== 'ident') return undefined;
  const s = c.lookup(e.name);
  if (s?.kind === 'global') return { global: e.name };
  if (s?.kind === 'local') return s.handle;
  if (s?.kind === 'param') {
    const param = c.current?.params.findIndex((p) => p.name === s.name) ?? -1;
    return param >= 0 ? { param } : undefined;
  }
  return undefined;
}

/** Records the pair of a sampling built-in call: its texture argument `t` and sampler argument `s`. */
export function recordSampling(c: CheckContext, e: CallExpr, t: number, s: number): void {
  const texture = handleRef(c, e.args[t]!);
  const sampler = handleRef(c, e.args[s]!);
  if (texture && sampler) c.current?.samplings.push({ texture, sampler, pos: e.pos });
}

/** Passes the pairs of callee `fi` up to the caller through the call `e`'s arguments. */
export function inheritSamplings(c: CheckContext, e: CallExpr, fi: FnInfo): void {
  if (!c.current || fi === c.current) return;
  const through = (r: HandleRef) => ('global' in r ? r : handleRef(c, e.args[r.param]!));
  for (const p of fi.samplings) {
    const texture = through(p.texture);
    const sampler = through(p.sampler);
    if (texture && sampler) c.current.samplings.push({ texture, sampler, pos: p.pos });
  }
}
