/**
 * Calls of the texture built-ins (WGSL §16.7): the overload whose texture kind, dimension and
 * parameter types match (texture-table.ts), its result type, and the const-expression rules of
 * `offset` (§16.7: each component in -8..7) and `component` (§16.7.6: 0..3). The matched row's
 * parameter types travel with the call so emission converts abstract arguments to them.
 */
import { textureFormat } from '../../../core/texture-formats';
import { fail } from '../../diagnostics';
import type { CallExpr, Expr } from '../ast';
import { evalConst, mentionsOverride } from '../consteval';
import {
  canConvert,
  F32,
  type HandleType,
  I32,
  isHandle,
  isIntKind,
  type TextureDim,
  type Type,
  typeName,
  U32,
  VOID,
  vec,
} from '../types';
import type { ExprInfo } from './annotations';
import type { CheckContext } from './context';
import { recordSampling } from './samplings';
import { TEXTURE_BUILTINS, TEXTURE_REFUSED, type TextureOverload, type TextureParam } from './texture-table';

/** Is `name` a texture built-in (translated or refused with a reason)? */
export function isTextureBuiltin(name: string): boolean {
  return TEXTURE_BUILTINS.has(name) || TEXTURE_REFUSED.has(name);
}

type Texture = Extract<HandleType, { k: 'texture' | 'storage_texture' }>;

/** Components of the coordinates of a `dim` texture: 1, 2 or 3 (a cube's is a direction, WGSL §16.7). */
const coordCount = (dim: TextureDim): number =>
  dim === '1d' ? 1 : dim === '3d' || dim === 'cube' || dim === 'cube-array' ? 3 : 2;
/** Components of a `dim` texture's extent (textureDimensions): a cube's faces are 2d. */
const extentCount = (dim: TextureDim): number => (dim === '1d' ? 1 : dim === '3d' ? 3 : 2);

/** The scalar type of a texture's texels as WGSL reads them: its sampled type or its format's channel type. */
function texelScalar(t: Texture): 'f32' | 'i32' | 'u32' {
  return t.k === 'texture' ? t.sampled : textureFormat(t.format)!.sampled;
}

function takes(o: TextureOverload, t: Texture): boolean {
  if (!o.dims.includes(t.dim)) return false;
  switch (o.textures) {
    case 'any':
      return true;
    case 'sampled':
      return t.k === 'texture';
    case 'color':
      return t.k === 'texture' && !t.depth;
    case 'sampled-f32':
      return t.k === 'texture' && !t.depth && t.sampled === 'f32';
    case 'depth':
      return t.k === 'texture' && t.depth === true;
    case 'storage-read':
      return t.k === 'storage_texture' && t.access !== 'write';
    case 'storage-write':
      return t.k === 'storage_texture' && t.access !== 'read';
  }
}

const isIntScalar = (t: Type): boolean => t.k === 'scalar' && isIntKind(t.s);

/** Does an argument of type `a` fit parameter `p` of an overload on texture `t`? */
function fits(p: TextureParam, a: Type, t: Texture): boolean {
  const n = coordCount(t.dim);
  switch (p) {
    case 'texture':
      return a === t;
    case 'sampler':
      return a.k === 'sampler' && !a.comparison;
    case 'sampler-comparison':
      return a.k === 'sampler' && a.comparison === true;
    case 'depth-ref':
      return canConvert(a, F32);
    case 'coords-int':
      return n === 1 ? isIntScalar(a) : a.k === 'vec' && a.n === n && isIntKind(a.e);
    case 'coords-float':
      return canConvert(a, n === 1 ? F32 : vec(n as 2 | 3, 'f32'));
    case 'array-index':
    case 'level-int':
    case 'component':
      return isIntScalar(a);
    case 'level-float':
      return canConvert(a, F32);
    case 'offset':
      return canConvert(a, vec(n as 2 | 3, 'i32'));
    case 'value':
      return canConvert(a, vec(4, texelScalar(t)));
  }
}

/** The concrete type parameter `p` gives its argument `a` (abstract integers become i32, as WGSL's C, L, A do). */
function paramType(p: TextureParam, a: Type, t: Texture): Type | undefined {
  const n = coordCount(t.dim);
  switch (p) {
    case 'texture':
    case 'sampler':
    case 'sampler-comparison':
      return undefined;
    case 'depth-ref':
      return F32;
    case 'coords-int':
    case 'array-index':
    case 'level-int':
    case 'component': {
      // `fits` admitted an integer scalar or vector; AbstractInt becomes i32.
      const s = a.k === 'vec' ? a.e : a.k === 'scalar' ? a.s : 'i32';
      const e = s === 'u32' ? 'u32' : 'i32';
      return a.k === 'vec' ? vec(a.n, e) : e === 'u32' ? U32 : I32;
    }
    case 'coords-float':
      return n === 1 ? F32 : vec(n as 2 | 3, 'f32');
    case 'level-float':
      return F32;
    case 'offset':
      return vec(n as 2 | 3, 'i32');
    case 'value':
      return vec(4, texelScalar(t));
  }
}

function resultType(o: TextureOverload, t: Texture): Type {
  switch (o.result) {
    case 'texel':
      return vec(4, texelScalar(t));
    case 'vec4f':
      return vec(4, 'f32');
    case 'f32':
      return F32;
    case 'extent': {
      const n = extentCount(t.dim);
      return n === 1 ? U32 : vec(n as 2 | 3, 'u32');
    }
    case 'u32':
      return U32;
    case 'void':
      return VOID;
  }
}

/** A const-expression argument (not an override-expression, WGSL §16.7) as integers, or a positioned error. */
function constInts(c: CheckContext, e: CallExpr, k: number, what: string): number[] {
  const arg = e.args[k]!;
  const env = c.constEnv();
  const t = c.get(arg).type;
  // The folder evaluates scalars; a vector's components are read one by one (`offset[i]`).
  const parts: Expr[] =
    t.k === 'vec'
      ? Array.from({ length: t.n }, (_, i) => ({
          kind: 'index',
          pos: arg.pos,
          base: arg,
          index: { kind: 'lit', pos: arg.pos, text: String(i), litKind: 'int' },
        }))
      : [arg];
  const values = parts.map((p) => evalConst(p, env)?.value);
  if (mentionsOverride(arg, env, 0) || values.some((v) => typeof v !== 'number' && typeof v !== 'bigint'))
    fail(arg.pos, `the ${what} of '${e.callee.name}' must be a const-expression`);
  return values.map(Number);
}

export function checkTextureCall(
  c: CheckContext,
  e: CallExpr,
  args: ExprInfo[],
  asStatement: boolean,
): ExprInfo {
  const name = e.callee.name;
  const refused = TEXTURE_REFUSED.get(name);
  if (refused) {
    if (refused.fragmentOnly)
      fail(e.pos, `'${name}' can only be used in a fragment shader: ${refused.why} (WGSL §16.7, §16.8)`);
    fail(e.pos, `'${name}' (${refused.why}) is not supported yet`);
  }
  const fn = TEXTURE_BUILTINS.get(name)!;
  const ts = args.map((a) => a.type);
  const noOverload = () => fail(e.pos, `no overload of '${name}' for (${ts.map(typeName).join(', ')})`);
  // The texture is the first argument, or the second after textureGather's component.
  const textureOf = (x: TextureOverload): Texture | undefined => {
    const t = ts[x.params.indexOf('texture')];
    return t && (t.k === 'texture' || t.k === 'storage_texture') ? t : undefined;
  };
  const o = fn.overloads.find((x) => {
    const t = textureOf(x);
    return (
      t !== undefined &&
      x.params.length === ts.length &&
      takes(x, t) &&
      x.params.every((p, k) => fits(p, ts[k]!, t))
    );
  });
  if (!o) return noOverload();
  const tex = textureOf(o)!;
  o.params.forEach((p, k) => {
    if (p === 'offset') {
      const v = constInts(c, e, k, 'offset');
      const badAt = v.findIndex((x) => x < -8 || x > 7);
      if (badAt >= 0)
        fail(
          e.args[k]!.pos,
          `offset component ${badAt} of '${name}' is ${v[badAt]}; each must be in -8..7 (WGSL §16.7)`,
        );
    }
    if (p === 'component') {
      const [v] = constInts(c, e, k, 'component');
      if (v! < 0 || v! > 3)
        fail(e.args[k]!.pos, `the component of '${name}' is ${v}; it must be 0, 1, 2 or 3 (WGSL §16.7.6)`);
    }
  });
  if (o.params.includes('sampler'))
    recordSampling(c, e, o.params.indexOf('texture'), o.params.indexOf('sampler'));
  const type = resultType(o, tex);
  if (asStatement && type.k !== 'void') fail(e.pos, `the result of '${name}' must be used (@must_use)`);
  if (!asStatement && type.k === 'void') fail(e.pos, `'${name}' returns nothing`);
  const writes = fn.sideEffects === 'always' || (fn.sideEffects === 'storage' && tex.k === 'storage_texture');
  return {
    type,
    sideEffects: writes || args.some((a) => a.sideEffects),
    call: { kind: 'builtin', name, params: o.params.map((p, k) => paramType(p, ts[k]!, tex)) },
  };
}

/** Arguments of a non-texture built-in are never textures or samplers. */
export function refuseHandleArgs(e: CallExpr, args: ExprInfo[]): void {
  if (args.some((a) => isHandle(a.type)))
    fail(e.pos, `no overload of '${e.callee.name}' for (${args.map((a) => typeName(a.type)).join(', ')})`);
}
