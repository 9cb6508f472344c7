/**
 * Seeded random depth and cube texture programs for the differential fuzzer, beside the colour ones of
 * ./textures.ts (same TextureProgram, same oracle: exploits/difffuzz/texture-check.ts). Two kinds:
 *
 * - a depth texture (depth16unorm or depth32float; texture_depth_2d, _2d_array, _cube, _cube_array; mip
 *   levels and layers) filled with random depths, read through a comparison sampler with any of the 8
 *   GPUCompareFunctions (nearest or linear, random address modes) by textureSampleCompareLevel and
 *   textureGatherCompare, with references inside and outside [0, 1] and NaN, and through a nearest
 *   non-comparison sampler by textureSampleLevel (integer levels) and textureGather (WebGPU binds a
 *   depth texture to a non-filtering or comparison sampler only, §26.1.2), plus textureLoad,
 *   textureDimensions, textureNumLevels, textureNumLayers;
 * - a colour cube or cube-array texture of any colour format, sampled by direction with
 *   textureSampleLevel (f32 formats) and textureGather.
 *
 * Cube lookups cross face edges and corners (a third of the face coordinates lie within half a texel
 * of an edge): filtering is seamless on both sides (docs/contracts.md, cube textures), and a corner
 * texel, the mean of three, is compared with half a step of the format more.
 *
 * What stays out because WebGPU leaves it to the implementation (docs/contracts.md, textures):
 * corner lookups on sRGB and integer formats (how the corner mean is made); coordinates within 2% of a
 * texel edge for nearest lookups and of a texel centre for gathers; references within 1/2048 of a stored
 * depth other than exact equality of representable depths; a depth32float reference outside [0, 1]
 * where the texture holds a depth of exactly 0 or 1 (whether it is clamped is the backend's choice);
 * a NaN reference with `not-equal` on depth32float (SwiftShader's comparison is ordered, Duet's IEEE
 * 754 `!=` passes NaN; WGSL §15.7.2 leaves NaN at run time to the implementation).
 * Directions are exact dyadic numbers with a power-of-two major axis, so the face coordinates are exact
 * on every side. Test-only.
 */
import { generateTexels } from '../../core/texel-init';
import { maxMipLevels } from '../../core/texture-binding';
import {
  ADDRESS_MODES,
  COMPARE_FUNCTIONS,
  CUBE_FACES,
  levelExtent,
  TEXTURE_FORMATS,
  type TextureFormat,
  type TextureShape,
} from '../../core/texture-formats';
import type { Binding } from '../../core/workload';
import { f, TextureGen, type TextureProgram } from './textures';

type DepthOrCubeDimension = '2d' | '2d-array' | 'cube' | 'cube-array';
/** How a lookup reads texels: one (nearest), a filtered 2×2 (linear), or a 2×2 returned as is (gather). */
type Lookup = 'nearest' | 'linear' | 'gather';

const DEPTH_TYPE: Record<DepthOrCubeDimension, string> = {
  '2d': 'texture_depth_2d',
  '2d-array': 'texture_depth_2d_array',
  cube: 'texture_depth_cube',
  'cube-array': 'texture_depth_cube_array',
};
const isCube = (d: DepthOrCubeDimension) => d === 'cube' || d === 'cube-array';
const isArray = (d: DepthOrCubeDimension) => d === '2d-array' || d === 'cube-array';

/** Is face/texel-space coordinate `s` (in [0, 1]) safe for `lookup` at every extent of `sizes`? */
function safeOnAxis(s: number, sizes: number[], lookup: Lookup): boolean {
  return sizes.every((n) => {
    const x = s * n;
    if (lookup === 'linear') return true;
    const t = x - (lookup === 'gather' ? 0.5 : 0);
    const fr = t - Math.floor(t);
    return fr > 0.02 && fr < 0.98;
  });
}

/**
 * How far a cube corner texel may be from the mean Duet computes: SwiftShader keeps the mean in the face's
 * border texel, in the texture's own format, so it is rounded to that format's precision: half a step of
 * rgb10a2unorm's 2-bit alpha (1/6), else at worst of rg11b10ufloat's 5-bit blue mantissa (2^-6 of the
 * value, at most the spread).
 */
const cornerStep = (fmt: TextureFormat, spread: number) =>
  fmt.name === 'rgb10a2unorm' ? 1 / 6 : spread / 64;
/**
 * Formats whose corner texel is the backend's choice beyond any tolerance (Vulkan: an implementation "may
 * replace the cube map corner texel by other methods"): SwiftShader averages sRGB formats' encoded bytes
 * (Duet the decoded values; measured 2026-12-06: encoded 0, 255, 0 read 0.0908 there, 1/3 here) and
 * integers in f32 (rounded to nearest below 2^24, 0x80000000 past 2^31). No corner lookups on them.
 */
const cornerDiffers = (fmt: TextureFormat) => fmt.srgb === true || fmt.sampled !== 'f32';

class DepthCubeGen extends TextureGen {
  constructor(seed: number, prefix: string, firstBinding: number) {
    super(seed ^ 0xdc0be, prefix, firstBinding);
  }

  /** A square cube face side (at least 4 when `wide`), or a 2d extent. */
  private depthShape(fmt: TextureFormat, dim: DepthOrCubeDimension, wide: boolean): TextureShape {
    const cube = isCube(dim);
    const width = this.between(wide ? 4 : 1, cube ? 8 : 9);
    const height = cube ? width : this.between(1, 9);
    const depthOrLayers =
      dim === 'cube'
        ? CUBE_FACES
        : dim === 'cube-array'
          ? CUBE_FACES * this.between(1, 3)
          : dim === '2d-array'
            ? this.between(1, 4)
            : 1;
    const mipLevels = this.between(1, maxMipLevels(dim, [width, height]));
    return { format: fmt, dimension: dim, width, height, depthOrLayers, mipLevels };
  }

  private textureBinding(decl: string, shape: TextureShape, data: number[]): string {
    return this.bind(decl, {
      name: 't',
      kind: 'texture',
      format: shape.format.name,
      size: [shape.width, shape.height, shape.depthOrLayers].slice(0, shape.dimension === '2d' ? 2 : 3),
      dimension: shape.dimension,
      mipLevels: shape.mipLevels,
      init: { data },
    } as Omit<Binding, 'group' | 'binding'>);
  }

  /**
   * A normalized coordinate of one axis, safe for `lookup` at every extent of `sizes` (2d: any u in
   * [-1.1, 2.1]); on a cube, a third of them within half a texel of a face edge, where a 2×2 lookup
   * reads the adjacent face (both axes: a corner).
   */
  private coordFor(sizes: number[], lookup: Lookup, cube: boolean): number {
    const seam = cube && this.chance(1 / 3);
    for (let tries = 0; ; tries++) {
      const r = this.unit();
      const u = !cube
        ? r * 3.2 - 1.1
        : seam
          ? this.pick([r, sizes[0]! - r]) / (2 * sizes[0]!) // within half a texel of s = 0 or 1
          : r;
      const q = Math.round(u * 4096) / 4096;
      if (safeOnAxis(q, sizes, lookup) || tries > 10_000) return q;
    }
  }

  /**
   * The coordinate argument: a 2d point, or a direction whose major axis is a power of two and whose
   * other components put the face coordinates (s, t) where `lookup` is safe (Vulkan "Cube Map Face
   * Selection": s = (sc / |ma| + 1) / 2, t = (tc / |ma| + 1) / 2, sc/tc per face as in common.h).
   * `corner`: a 2×2 lookup there reads past two edges of the face at some extent of `sizes`, a texel
   * no face has (Vulkan "Cube Map Edge Handling": the mean of the other three); `noCorner` draws again
   * (a few times: on a 1×1 face every 2×2 lookup is a corner) until it is not.
   */
  private coordArg(
    dim: DepthOrCubeDimension,
    sizes: number[],
    lookup: Lookup,
    noCorner = false,
  ): { text: string; corner: boolean } {
    const cube = isCube(dim);
    const past = (u: number, n: number) => u * n < 0.5 || u * n > n - 0.5;
    let [s, t, corner] = [0, 0, false];
    for (let tries = 0; tries === 0 || (noCorner && corner && tries < 20); tries++) {
      s = this.coordFor(sizes, lookup, cube);
      t = this.coordFor(sizes, lookup, cube);
      corner = cube && lookup !== 'nearest' && sizes.some((n) => past(s, n) && past(t, n));
    }
    if (!cube) return { text: `vec2<f32>(${f(s)}, ${f(t)})`, corner: false };
    const ma = this.pick([0.5, 1, 2, 4]);
    const sc = (2 * s - 1) * ma;
    const tc = (2 * t - 1) * ma;
    const face = this.int(CUBE_FACES);
    const dir = [
      [ma, -tc, -sc], // +x: sc = -z, tc = -y
      [-ma, -tc, sc], // -x: sc = +z, tc = -y
      [sc, ma, tc], // +y: sc = +x, tc = +z
      [sc, -ma, -tc], // -y: sc = +x, tc = -z
      [sc, -tc, ma], // +z: sc = +x, tc = -y
      [-sc, -tc, -ma], // -z: sc = -x, tc = -y
    ][face]!;
    return { text: `vec3<f32>(${dir.map((x) => f(x + 0)).join(', ')})`, corner };
  }

  /** An array index argument (layer, or a cube array's cube): mostly in range, sometimes beyond it. */
  private arrayIndex(count: number): string {
    const signed = this.chance(0.5);
    const v = this.chance(0.75) ? this.int(count) : this.pick(signed ? [-1, count, 1000] : [count, 1000]);
    return signed ? `${v}i` : `${v}u`;
  }

  private layerCount(shape: TextureShape): number {
    return shape.dimension === 'cube-array' ? shape.depthOrLayers / CUBE_FACES : shape.depthOrLayers;
  }

  /** A mip level of a sampling call on a depth texture (integer, WGSL §16.7.10), some outside the chain. */
  private depthLevel(levels: number): { text: string; level: number } {
    const signed = this.chance(0.5);
    const v = this.chance(0.8) ? this.int(levels) : this.pick(signed ? [-1, levels, 99] : [levels, 99]);
    return { text: signed ? `${v}i` : `${v}u`, level: Math.min(Math.max(v, 0), levels - 1) };
  }

  private offset2d(dim: DepthOrCubeDimension): string | undefined {
    if (isCube(dim) || !this.chance(0.3)) return undefined;
    return `vec2<i32>(${this.between(-8, 7)}, ${this.between(-8, 7)})`;
  }

  /** Common to both kinds: the texture's size queries. */
  private queries(t: string, shape: TextureShape): void {
    const dim = shape.dimension as DepthOrCubeDimension;
    const kind = this.pick(['dims', 'dims', 'levels', ...(isArray(dim) ? ['layers'] : [])]);
    if (kind === 'dims') {
      const call = this.chance(0.5)
        ? `textureDimensions(${t})`
        : `textureDimensions(${t}, ${this.level(shape.mipLevels, this.chance(0.5))})`;
      this.record(call, 'int', 2, { abs: 0, ulp: 0 });
    } else if (kind === 'levels') this.record(`textureNumLevels(${t})`, 'int', 1, { abs: 0, ulp: 0 });
    else this.record(`textureNumLayers(${t})`, 'int', 1, { abs: 0, ulp: 0 });
  }

  override generate(): void {
    if (this.chance(0.6)) this.depth();
    else this.colourCube();
  }

  /** Depths k/1024 (0 and 1 themselves only when `ends`): 1/2048 or more from every reference not equal to one. */
  private depthValue(ends: boolean): number {
    const k = ends ? this.pick([0, 1024, this.int(1025)]) : 1 + this.int(1023);
    return k / 1024;
  }

  private depth(): void {
    const fmt = this.pick(TEXTURE_FORMATS.filter((x) => x.depth));
    const dim = this.pick(['2d', '2d', '2d-array', 'cube', 'cube-array'] as const);
    const shape = this.depthShape(fmt, dim, isCube(dim) && this.chance(0.7));
    const ends = this.chance(0.5);
    const texels = generateTexels(shape, undefined).byteLength / fmt.texelBytes;
    const data = Array.from({ length: texels }, () => this.depthValue(ends));
    const t = this.textureBinding(DEPTH_TYPE[dim], shape, data);
    const filter = () => this.pick(['nearest', 'linear'] as const);
    const modes = () => ({
      u: this.pick(ADDRESS_MODES),
      v: this.pick(ADDRESS_MODES),
      w: this.pick(ADDRESS_MODES),
    });
    const cmpSampler = {
      magFilter: filter(),
      minFilter: filter(),
      mipmapFilter: filter(),
      addressMode: modes(),
      compare: this.pick(COMPARE_FUNCTIONS),
    };
    const sc = this.bind('sampler_comparison', { name: 'sc', kind: 'sampler', sampler: cmpSampler } as Omit<
      Binding,
      'group' | 'binding'
    >);
    const s = this.bind('sampler', {
      name: 's',
      kind: 'sampler',
      sampler: { magFilter: 'nearest', minFilter: 'nearest', mipmapFilter: 'nearest', addressMode: modes() },
    } as Omit<Binding, 'group' | 'binding'>);
    // A NaN the translator cannot fold (a constant NaN is a shader-creation error, WGSL §14.6).
    this.body.push('var nan_bits = 0x7fc00000u;', 'let nan = bitcast<f32>(nan_bits);');
    const present = [...new Set(data)];
    const nanDiffers = fmt.name === 'depth32float' && cmpSampler.compare === 'not-equal';
    // `corner`: a depth the lookup reads is the mean of three (k / 3072), which no reference below equals
    // or comes within 1/6144 of, but a stored depth may equal, and the mean's rounding is the backend's
    // (SwiftShader stores it in the texture's format): no equality references there.
    const ref = (corner: boolean): string => {
      const r = this.unit();
      // Equality is meaningful only where the stored depth is exact: any depth32float, 0 and 1 in depth16unorm.
      const exact = fmt.name === 'depth32float' ? present : present.filter((d) => d === 0 || d === 1);
      if (r < 0.3 && exact.length && !corner) return f(this.pick(exact));
      if (r < 0.75) return f((2 * this.int(1024) + 1) / 2048);
      // SwiftShader compares ordered, so a NaN reference fails `not-equal` too, where Duet's IEEE 754
      // `!=` passes it (SamplerCore.cpp CmpNEQ; WGSL §15.7.2 lets an implementation assume no NaN at
      // run time); depth16unorm clamps NaN to 0 on both sides first.
      if (r < 0.85) return nanDiffers ? f(0.5) : 'nan';
      if (fmt.name === 'depth32float' && ends) return f(this.pick([0, 1]));
      return f(this.pick([-0.5, -1e-3, 1.0009765625, 1.5, 100]));
    };
    const layers = this.layerCount(shape);
    const level0 = [shape.width, shape.height];
    const calls = this.between(3, 8);
    for (let tries = 0; this.body.length - 2 < calls && tries < 4 * calls; tries++) {
      const kind = this.pick([
        'compare',
        'compare',
        'gatherCompare',
        'gatherCompare',
        'sample',
        'query',
        ...(!isCube(dim) ? ['load'] : []),
        'gather',
      ]);
      const arr = () => (isArray(dim) ? [this.arrayIndex(layers)] : []);
      switch (kind) {
        case 'compare': {
          // Level 0, so the magFilter decides (WGSL §16.7.9); linear blends four results (PCF).
          const linear = cmpSampler.magFilter === 'linear';
          const at = this.coordArg(dim, level0, linear ? 'linear' : 'nearest');
          const args = [t, sc, at.text, ...arr(), ref(at.corner)];
          const off = this.offset2d(dim);
          if (off) args.push(off);
          // Blended results in [0, 1]: 8-bit blend weights per axis (docs/contracts.md, textures), and
          // SwiftShader's 16-bit fixed point.
          this.record(`textureSampleCompareLevel(${args.join(', ')})`, 'f32', 1, {
            abs: linear ? 2 / 256 + 1 / 16384 : 0,
            ulp: 0,
          });
          break;
        }
        case 'gatherCompare':
        case 'gather': {
          const at = this.coordArg(dim, level0, 'gather');
          const args =
            kind === 'gather' ? [t, s, at.text, ...arr()] : [t, sc, at.text, ...arr(), ref(at.corner)];
          const off = this.offset2d(dim);
          if (off) args.push(off);
          const name = kind === 'gather' ? 'textureGather' : 'textureGatherCompare';
          // A corner's depth is a mean SwiftShader stores as depth16unorm (half a step off).
          const abs = kind === 'gather' && at.corner && fmt.name === 'depth16unorm' ? 1 / 65535 : 0;
          this.record(`${name}(${args.join(', ')})`, 'f32', 4, { abs, ulp: kind === 'gather' ? 2 : 0 });
          break;
        }
        case 'sample': {
          const { text, level } = this.depthLevel(shape.mipLevels);
          const ext = levelExtent(shape, level);
          const args = [t, s, this.coordArg(dim, [ext[0], ext[1]], 'nearest').text, ...arr(), text];
          const off = this.offset2d(dim);
          if (off) args.push(off);
          this.record(`textureSampleLevel(${args.join(', ')})`, 'f32', 1, { abs: 0, ulp: 2 });
          break;
        }
        case 'load': {
          const signed = this.chance(0.5);
          const lv = this.levelValue(shape.mipLevels, signed);
          const ext = levelExtent(shape, Math.min(lv >>> 0, shape.mipLevels - 1));
          const coords = this.intVec([this.intCoord(ext[0], signed), this.intCoord(ext[1], signed)], signed);
          const layer = isArray(dim) ? [this.arrayIndex(layers)] : [];
          const level = signed ? `${lv}i` : `${lv >>> 0}u`;
          this.record(`textureLoad(${[t, coords, ...layer, level].join(', ')})`, 'f32', 1, {
            abs: 0,
            ulp: 2,
          });
          break;
        }
        default:
          this.queries(t, shape);
      }
    }
  }

  private colourCube(): void {
    const fmt = this.pick(TEXTURE_FORMATS.filter((x) => !x.depth));
    const dim = this.pick(['cube', 'cube-array'] as const);
    const filters = fmt.filterable ? (['nearest', 'linear'] as const) : (['nearest'] as const);
    const sampler = {
      magFilter: this.pick(filters),
      minFilter: this.pick(filters),
      mipmapFilter: this.pick(filters),
      addressMode: { u: this.pick(ADDRESS_MODES), v: this.pick(ADDRESS_MODES), w: this.pick(ADDRESS_MODES) },
    };
    const shape = this.depthShape(fmt, dim, this.chance(0.7));
    const { data, spread } = this.contents(shape);
    const t = this.textureBinding(
      `texture_${dim === 'cube' ? 'cube' : 'cube_array'}<${fmt.sampled}>`,
      shape,
      data,
    );
    const s = this.bind('sampler', { name: 's', kind: 'sampler', sampler } as Omit<
      Binding,
      'group' | 'binding'
    >);
    const layers = this.layerCount(shape);
    const arr = () => (dim === 'cube-array' ? [this.arrayIndex(layers)] : []);
    const calls = this.between(3, 8);
    for (let i = 0; i < calls; i++) {
      const kind = this.pick([
        'query',
        ...(fmt.sampled === 'f32' ? ['sample', 'sample', 'sample'] : []),
        'gather',
        'gather',
      ]);
      if (kind === 'query') this.queries(t, shape);
      else if (kind === 'gather') {
        const component = this.int(4);
        const at = this.coordArg(dim, [shape.width], 'gather', cornerDiffers(fmt));
        if (at.corner && cornerDiffers(fmt)) continue;
        const args = [`${component}${this.chance(0.5) ? 'u' : 'i'}`, t, s, at.text, ...arr()];
        const read = this.readTolerance(fmt);
        this.record(
          `textureGather(${args.join(', ')})`,
          fmt.sampled === 'f32' ? 'f32' : 'int',
          4,
          at.corner ? { abs: read.abs + cornerStep(fmt, spread), ulp: read.ulp } : read,
        );
      } else this.cubeSample(t, s, shape, sampler, spread, arr);
    }
  }

  /** textureSampleLevel on a colour cube, its level and lookup chosen as ./textures.ts does for 2d. */
  private cubeSample(
    t: string,
    s: string,
    shape: TextureShape,
    sampler: { magFilter: string; minFilter: string; mipmapFilter: string },
    spread: number,
    arr: () => string[],
  ): void {
    const { mipLevels } = shape;
    const lvl = this.pick([-1, 0, 0, 1, 2, mipLevels, 40, 0.25, 0.75, 1.3, 1.7, mipLevels + 0.25]);
    const lambda = Math.min(Math.max(lvl, 0), 32);
    const linear = (lambda <= 0 ? sampler.magFilter : sampler.minFilter) === 'linear';
    const d = Math.min(lambda, mipLevels - 1);
    const mipBlend = sampler.mipmapFilter === 'linear' && d !== Math.floor(d);
    const levels =
      sampler.mipmapFilter === 'linear'
        ? [Math.floor(d), Math.min(Math.floor(d) + 1, mipLevels - 1)]
        : [Math.ceil(d + 0.5) - 1];
    const sizes = levels.map((l) => levelExtent(shape, l)[0]);
    const noCorner = cornerDiffers(shape.format);
    const at = this.coordArg(
      shape.dimension as DepthOrCubeDimension,
      sizes,
      linear ? 'linear' : 'nearest',
      noCorner,
    );
    if (at.corner && noCorner) return;
    const args = [t, s, at.text, ...arr(), f(lvl)];
    const abs =
      (spread * ((linear ? 2 : 0) + (mipBlend ? 1 : 0))) / 256 +
      spread / 16384 +
      (at.corner ? cornerStep(shape.format, spread) : 0);
    const read = this.readTolerance(shape.format);
    this.record(`textureSampleLevel(${args.join(', ')})`, 'f32', 4, {
      abs: abs + read.abs,
      ulp: Math.max(read.ulp, 4),
    });
  }
}

/** Depth/cube program `seed`, its names prefixed `prefix` and its bindings numbered from `firstBinding`. */
export function generateDepthCubeProgram(seed: number, prefix = 'p0_', firstBinding = 1): TextureProgram {
  const g = new DepthCubeGen(seed, prefix, firstBinding);
  g.generate();
  return { decls: g.decls, body: g.body, bindings: g.bindings, words: g.words };
}
