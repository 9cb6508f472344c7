/**
 * Texture and sampler type names (WGSL §6.5 "Texture and Sampler Types"): the sampled textures
 * `texture_1d<T>` … `texture_3d<T>`, `texture_cube[_array]<T>` (§6.5.2), the depth textures
 * `texture_depth_2d[_array]`, `texture_depth_cube[_array]` (§6.5.6), the storage textures
 * `texture_storage_*<F, A>` (§6.5.5), `sampler` and `sampler_comparison` (§6.5.8). Formats are
 * core/texture-formats.ts's. Multisampled and external textures are valid WGSL Duet does not run yet
 * (docs/wgsl-coverage.md).
 */
import { STORAGE_TEXTURE_FORMATS, textureFormat } from '../../core/texture-formats';
import { fail, unsupported } from '../diagnostics';
import type { Expr, IdentExpr } from './ast';
import type { AccessMode, TextureDim, Type } from './types';

const SAMPLED_DIMS: Record<string, TextureDim> = {
  texture_1d: '1d',
  texture_2d: '2d',
  texture_2d_array: '2d-array',
  texture_3d: '3d',
  texture_cube: 'cube',
  texture_cube_array: 'cube-array',
};

/** Depth textures (WGSL §6.5.6): their texels read as f32. */
const DEPTH_DIMS: Record<string, TextureDim> = {
  texture_depth_2d: '2d',
  texture_depth_2d_array: '2d-array',
  texture_depth_cube: 'cube',
  texture_depth_cube_array: 'cube-array',
};

const STORAGE_DIMS: Record<string, TextureDim> = {
  texture_storage_1d: '1d',
  texture_storage_2d: '2d',
  texture_storage_2d_array: '2d-array',
  texture_storage_3d: '3d',
};

/** Valid WGSL texture and sampler types this round leaves out, and why. */
const NOT_YET: Record<string, string> = {
  texture_depth_multisampled_2d: 'multisampled depth textures',
  texture_multisampled_2d: 'multisampled textures (only a render pass can fill one)',
  texture_external: 'external textures (video frames)',
  texel_buffer: 'texel buffers (the experimental texel_buffers language feature)',
};

const ACCESS_MODES = new Set(['read', 'write', 'read_write']);

/** Is `name` one of WGSL's texture or sampler type names (predeclared, §6.5)? */
function isTextureTypeName(name: string): boolean {
  return (
    name === 'sampler' ||
    name === 'sampler_comparison' ||
    Object.hasOwn(SAMPLED_DIMS, name) ||
    Object.hasOwn(DEPTH_DIMS, name) ||
    Object.hasOwn(STORAGE_DIMS, name) ||
    Object.hasOwn(NOT_YET, name)
  );
}

/**
 * The type `e` names when it is a texture or sampler type; undefined for any other name.
 * `resolve` resolves the sampled type argument (`texture_2d<f32>`).
 */
export function textureType(e: IdentExpr, resolve: (t: Expr) => Type): Type | undefined {
  const { name, targs } = e;
  if (!isTextureTypeName(name)) return undefined;
  if (Object.hasOwn(NOT_YET, name)) unsupported(e.pos, `'${name}' (${NOT_YET[name]})`);
  if (name === 'sampler' || name === 'sampler_comparison') {
    if (targs) fail(e.pos, `type '${name}' takes no template arguments`);
    return name === 'sampler' ? { k: 'sampler' } : { k: 'sampler', comparison: true };
  }
  const depthDim = DEPTH_DIMS[name];
  if (depthDim) {
    if (targs) fail(e.pos, `type '${name}' takes no template arguments`);
    return { k: 'texture', dim: depthDim, sampled: 'f32', depth: true };
  }
  const sampledDim = SAMPLED_DIMS[name];
  if (sampledDim) {
    if (targs?.length !== 1) fail(e.pos, `'${name}' takes one template argument, its sampled type`);
    const t = resolve(targs[0]!);
    // WGSL §6.5.2: the sampled type is f32, i32 or u32.
    if (t.k !== 'scalar' || (t.s !== 'f32' && t.s !== 'i32' && t.s !== 'u32'))
      fail(targs[0]!.pos, `the sampled type of '${name}' must be f32, i32 or u32`);
    return { k: 'texture', dim: sampledDim, sampled: t.s };
  }
  const dim = STORAGE_DIMS[name]!;
  if (targs?.length !== 2)
    fail(e.pos, `'${name}' takes two template arguments: a texel format and an access mode`);
  const [f, a] = targs as [Expr, Expr];
  const format = storageFormat(f);
  if (a.kind !== 'ident' || !ACCESS_MODES.has(a.name) || a.targs)
    fail(a.pos, 'expected an access mode: read, write or read_write');
  const access = a.name as AccessMode;
  // WebGPU §26.1.1 "Plain color formats": read_write storage only for r32float, r32sint and r32uint;
  // bgra8unorm (with "bgra8unorm-storage") is write-only.
  const allowed = textureFormat(format)!.storageAccess;
  if (!allowed.includes(access))
    fail(
      a.pos,
      `'${format}' storage textures cannot be ${access}: WebGPU core allows ${allowed.join(' or ')} (read_write only for r32float, r32sint and r32uint)`,
    );
  return { k: 'storage_texture', dim, format, access };
}

/** A storage texel format (WGSL §6.5.5 "Texel Formats"), named by an identifier. */
function storageFormat(e: Expr): string {
  const names = STORAGE_TEXTURE_FORMATS.map((f) => f.name);
  if (e.kind !== 'ident' || e.targs) fail(e.pos, `expected a storage texel format (${names.join(', ')})`);
  if (!names.includes(e.name)) {
    const known = textureFormat(e.name) !== undefined;
    fail(
      e.pos,
      `'${e.name}' is not a storage texel format${known ? ' (it can only be sampled)' : ''}; one of ${names.join(', ')}`,
    );
  }
  return e.name;
}
