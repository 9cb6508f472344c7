/**
 * The texture dimensions the WGSL declares, by slot, from the translator's reflection (the same
 * `reflect` the uniform packer uses, compiler/reflect.ts `resource`). The runner needs them where a
 * texture_2d_array views a 2d texture of one layer (WebGPU §6.2 allows that view; the run plan
 * accepts it, core/run-plan.ts). When the WGSL does not reflect, nothing is declared: the browser's
 * own compile errors then say what is wrong, with positions.
 */
import { reflect } from '../../compiler/index';
import type { Workload } from '../../core/workload';
import type { DeclaredDimension } from './plan';

export function declaredDimensions(workload: Workload): DeclaredDimension {
  if (!workload.bindings.some((b) => b.kind === 'texture' || b.kind === 'storage-texture'))
    return () => undefined;
  const r = reflect(workload.wgsl, { overrides: workload.overrides ?? {} });
  if (!r.ok) return () => undefined;
  return (group, binding) => {
    // A binding point two variables share (WGSL §13.3.2) holds a texture in one of them at most here.
    const resource = r.bindings.find(
      (b) => b.group === group && b.binding === binding && b.resource && b.resource.kind !== 'sampler',
    )?.resource;
    return resource && resource.kind !== 'sampler' ? resource.dimension : undefined;
  };
}
