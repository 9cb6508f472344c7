/**
 * Emits the texture built-ins (WGSL §16.7) as calls of the common prelude's `textures` section
 * (textureLoad → duet_texture_load, …; docs/contracts.md §3). The checker chose the overload and the
 * concrete type of every argument (front/check/texture-calls.ts); the prelude's overloads take them
 * as they are, clamp every coordinate, layer and level, and convert texels as WebGPU does.
 */
import type { CallExpr } from '../front/ast';
import type { Type } from '../front/types';
import type { EmitContext } from './context';
import { emitChildren } from './order';

/** `textureSampleLevel` → `duet_texture_sample_level`. */
function textureFunctionName(name: string): string {
  return `duet_${name.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)}`;
}

export function emitTextureCall(
  ctx: EmitContext,
  e: CallExpr,
  name: string,
  params: readonly (Type | undefined)[],
): string {
  const args = emitChildren(
    ctx,
    e.args.map((a, k) => ({ e: a, want: params[k] })),
  );
  return `${textureFunctionName(name)}(${args.join(', ')})`;
}
