/**
 * Uniform `fields` → bytes, by the translator's WGSL layout (compiler/layout `packUniform`), so the
 * browser and the daemon fill uniform buffers identically: one layout implementation, not two.
 */
import { type BindingInfo, PackError, packUniform, reflect } from '../../compiler/index';
import type { FieldValue, Workload } from '../../core/workload';
import { WebGpuError } from './errors';
import type { UniformPacker } from './plan';

function packs(info: BindingInfo, fields: Record<string, FieldValue>): boolean {
  try {
    packUniform(info.layout, fields);
    return true;
  } catch {
    return false;
  }
}

/** A packer for this workload's WGSL; the module is reflected once, on the first `fields` uniform. */
export function packUniformFields(workload: Workload): UniformPacker {
  let shaderBindings: BindingInfo[] | undefined;
  const bindingsOfShader = (): BindingInfo[] => {
    if (shaderBindings) return shaderBindings;
    const r = reflect(workload.wgsl, { overrides: workload.overrides ?? {} });
    if (!r.ok) {
      throw new WebGpuError(
        'compile',
        `cannot lay out uniform fields: ${r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message}`).join('; ')}`,
        r.diagnostics.map((d) => ({
          type: d.severity === 'error' ? 'error' : 'warning',
          message: d.message,
          lineNum: d.line,
          linePos: d.col,
          offset: 0,
          length: 0,
        })),
      );
    }
    shaderBindings = r.bindings;
    return shaderBindings;
  };
  return (binding, fields) => {
    // Two WGSL variables may share a binding point when no entry point uses both (WGSL §13.3.2,
    // particles' particle.wgsl): the uniform whose layout takes these fields is the one meant.
    const at = bindingsOfShader().filter((s) => s.group === binding.group && s.binding === binding.binding);
    const uniforms = at.filter((s) => s.kind === 'uniform');
    const info = uniforms.find((s) => packs(s, fields)) ?? uniforms[0] ?? at[0];
    if (!info) {
      throw new WebGpuError(
        'validation',
        `uniform "${binding.name}": the WGSL declares nothing at @group(${binding.group}) @binding(${binding.binding})`,
      );
    }
    if (info.kind !== 'uniform') {
      throw new WebGpuError(
        'validation',
        `"${binding.name}" has fields, but the WGSL declares ${info.name} as ${info.kind}`,
      );
    }
    try {
      return packUniform(info.layout, fields);
    } catch (e) {
      if (e instanceof PackError)
        throw new WebGpuError('validation', `uniform "${binding.name}": ${e.message}`);
      throw e;
    }
  };
}

/**
 * The same packer, but a failure is remembered instead of thrown (the binding gets 16 zero bytes
 * meanwhile). The runner throws it only after the browser compiled the shader: when the WGSL is
 * broken, the browser's positioned compile errors say more than a layout complaint.
 */
export function deferredPacker(pack: UniformPacker): { pack: UniformPacker; throwIfFailed(): void } {
  let failure: unknown;
  return {
    pack: (binding, fields) => {
      try {
        return pack(binding, fields);
      } catch (e) {
        failure ??= e;
        return new Uint8Array(16);
      }
    },
    throwIfFailed: () => {
      if (failure !== undefined) throw failure;
    },
  };
}
