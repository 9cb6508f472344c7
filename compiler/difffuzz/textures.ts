/**
 * Seeded random texture programs for the differential fuzzer (exploits/difffuzz/texture-check.ts):
 * a sampled texture of any of the formats (core/texture-formats.ts), dimension 1d/2d/2d-array/3d and
 * mip chain, a sampler with random filters and per-axis address modes, and often a storage texture
 * (write, read or read_write), exercised by random calls of WGSL §16.7: textureLoad with coordinates,
 * layers and levels in and out of range, textureStore in and out of range with values the format
 * cannot hold, textureDimensions (with levels past the last), textureNumLayers, textureNumLevels,
 * textureSampleLevel (1d to 3d, nearest/linear, mip filters, offsets, every address mode) and textureGather
 * (every component, offsets), in a third of the programs through `let`s of the texture and the sampler
 * (`texture_and_sampler_let`). Each call writes its result to `out` words, each word with how it is
 * compared (`WordCheck`); storage textures are outputs compared as the page compares them.
 *
 * What stays out, because WebGPU leaves it to the implementation and GPUs differ: coordinates within
 * 2% of a texel edge where nearest sampling picks a texel (and of a texel centre where a gather picks
 * four), levels within 2% of a nearest mip boundary, NaN and infinite coordinates and stored floats
 * (the exploits suite runs those: exploits/cases/texture-hostile-coords.ts), f16 stores beyond f16's
 * range, and a filtering sampler with an unfilterable texture (WebGPU refuses the pipeline, and so
 * does the run plan). Two SwiftShader deviations from the spec stay out too (docs/wgsl-coverage.md,
 * "Textures and samplers under differential fuzzing"): sampling layers of 2^31 or more, and offsets
 * with a fractional level under a linear mipmap filter. Test-only.
 */
import { mulberry32 } from '../../core/generators';
import { decodeTexels } from '../../core/texel-codec';
import { componentsPerTexel } from '../../core/texel-components';
import { generateTexels } from '../../core/texel-init';
import { maxMipLevels } from '../../core/texture-binding';
import {
  ADDRESS_MODES,
  levelExtent,
  STORAGE_TEXTURE_FORMATS,
  TEXTURE_FORMATS,
  type TextureDimension,
  type TextureFormat,
  type TextureShape,
} from '../../core/texture-formats';
import type { Binding } from '../../core/workload';

/** How one `out` word is compared: exactly, or as an f32 within `abs` (plus `ulp` units in the last place). */
export type WordCheck =
  | { what: string; exact: true }
  | { what: string; exact: false; abs: number; ulp: number };

export interface TextureProgram {
  /** Module-scope declarations: the program's bindings. */
  decls: string[];
  /** Statements of `fn p<i>_run()`; `§` is replaced by the first `out` word's index. */
  body: string[];
  bindings: Binding[];
  /** One per `out` word the program writes, in order. */
  words: WordCheck[];
}

export type Rand = () => number;

/** The dimensions a colour texture here takes (cubes, sampled by direction, and depth textures: ./depth-cube-textures.ts). */
type FuzzedDimension = Exclude<TextureDimension, 'cube' | 'cube-array'>;

const DIM_TYPE: Record<FuzzedDimension, string> = {
  '1d': '1d',
  '2d': '2d',
  '2d-array': '2d_array',
  '3d': '3d',
};
const COORDS: Record<FuzzedDimension, number> = { '1d': 1, '2d': 2, '2d-array': 2, '3d': 3 };

/** f32 literal text that round-trips exactly. */
export const f = (x: number) => {
  const t = `${x}`;
  return /[.e]/.test(t) ? `${t}f` : `${t}.0`;
};

/** i32 literal text (WGSL has no negative literals: -2147483648i is -(2147483648i), out of range). */
export const i32 = (v: number) => (v === -2147483648 ? '(-2147483647i - 1i)' : `${v}i`);

export class TextureGen {
  protected readonly r: Rand;
  readonly decls: string[] = [];
  readonly body: string[] = [];
  readonly bindings: Binding[] = [];
  readonly words: WordCheck[] = [];

  constructor(
    protected readonly seed: number,
    protected readonly prefix: string,
    protected readonly firstBinding: number,
  ) {
    this.r = mulberry32(seed ^ 0x7e57);
  }

  protected int(n: number): number {
    return this.r() % n;
  }
  protected between(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  protected chance(p: number): boolean {
    return this.r() / 2 ** 32 < p;
  }
  protected pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  protected unit(): number {
    return this.r() / 2 ** 32;
  }

  protected bind(decl: string, b: Omit<Binding, 'group' | 'binding'>): string {
    const binding = this.firstBinding + this.bindings.length;
    const name = `${this.prefix}${b.name}`;
    this.decls.push(`@group(0) @binding(${binding}) var ${name}: ${decl};`);
    this.bindings.push({ ...b, name, group: 0, binding } as Binding);
    return name;
  }

  /** Component values `init.data` fills a texture with: each stored component in the format's range. */
  protected component(fmt: TextureFormat, c: number): number {
    const per = componentsPerTexel(fmt);
    switch (fmt.storage) {
      case 'unorm8':
      case 'uint8':
        return this.int(256);
      case 'snorm8':
      case 'sint8':
        return this.int(256) - 128;
      case 'uint16':
        return this.pick([0, 1, 65535, this.int(65536)]);
      case 'sint16':
        return this.pick([-32768, 32767, -1, this.int(65536) - 32768]);
      case 'uint32':
        return this.pick([0, 4294967295, 2147483648, this.r()]);
      case 'sint32':
        return this.pick([-2147483648, 2147483647, -1, this.r() | 0]);
      case 'float16':
        return (this.int(257) - 128) / 8;
      case 'float32':
        return this.pick([(this.int(2001) - 1000) / 16, this.int(1 << 20) * 1024, -0.0625]);
      case 'rgb10a2unorm':
      case 'rgb10a2uint':
        return this.int(c === 3 ? 4 : 1024);
      // Exponents 10..20 keep these small floats finite and near 1.
      case 'rg11b10ufloat':
        return c === 2 ? this.between(320, 671) : this.between(640, 1343);
      case 'rgb9e5ufloat':
        return c === per - 1 ? this.between(10, 20) : this.int(512);
      case 'depth16unorm':
      case 'depth32float':
        throw new Error(`${fmt.name}: depth textures are not generated here (texture_depth_*)`);
    }
  }

  protected shape(fmt: TextureFormat, dim: FuzzedDimension, storage: boolean): TextureShape {
    const width = dim === '1d' ? this.between(1, 16) : this.between(1, dim === '3d' ? 5 : 9);
    const height = dim === '1d' ? 1 : this.between(1, dim === '3d' ? 5 : 9);
    const depthOrLayers = dim === '3d' ? this.between(1, 5) : dim === '2d-array' ? this.between(1, 4) : 1;
    const size = [width, height, depthOrLayers].slice(0, dim === '1d' ? 1 : dim === '2d' ? 2 : 3);
    const mipLevels = storage || dim === '1d' ? 1 : this.between(1, maxMipLevels(dim, size));
    return { format: fmt, dimension: dim, width, height, depthOrLayers, mipLevels };
  }

  protected sizeOf(s: TextureShape): number[] {
    return s.dimension === '1d'
      ? [s.width]
      : s.dimension === '2d'
        ? [s.width, s.height]
        : [s.width, s.height, s.depthOrLayers];
  }

  /** Random `init.data` for every texel of every level, and the decoded values' spread. */
  protected contents(s: TextureShape): { data: number[]; spread: number } {
    const per = componentsPerTexel(s.format);
    const texels = generateTexels(s, undefined).byteLength / s.format.texelBytes;
    const data = Array.from({ length: texels * per }, (_, i) => this.component(s.format, i % per));
    const decoded = [...decodeTexels(s.format, generateTexels(s, { data })), 0, 1];
    return { data, spread: Math.max(...decoded) - Math.min(...decoded) };
  }

  /** An integer coordinate expression of one axis of `extent`: mostly inside, sometimes far outside. */
  protected intCoord(extent: number, signed: boolean): number {
    if (this.chance(0.75)) return this.int(extent);
    return signed
      ? this.pick([-1, -7, extent, extent + 3, 2147483647])
      : this.pick([extent, extent + 5, 4294967295]);
  }

  protected intVec(values: number[], signed: boolean): string {
    const s = (v: number) => (signed ? i32(v) : `${v >>> 0}u`);
    if (values.length === 1) return s(values[0]!);
    return `vec${values.length}<${signed ? 'i32' : 'u32'}>(${values.map(s).join(', ')})`;
  }

  protected record(call: string, ty: 'f32' | 'int', n: number, tol: { abs: number; ulp: number }): void {
    const base = this.words.length;
    const parts = n === 1 ? ['r'] : ['r.x', 'r.y', 'r.z', 'r.w'].slice(0, n);
    const stores = parts.map((p, k) => `out[§ + ${base + k}u] = bitcast<u32>(${p});`);
    this.body.push(`{ let r = ${call}; ${stores.join(' ')} }`);
    for (let k = 0; k < n; k++)
      this.words.push(
        ty === 'int'
          ? { what: `${call} [${k}]`, exact: true }
          : { what: `${call} [${k}]`, exact: false, ...tol },
      );
  }

  /** The tolerance of reading texels of `fmt` exactly: the decode's rounding (sRGB: its curve). */
  protected readTolerance(fmt: TextureFormat): { abs: number; ulp: number } {
    return fmt.srgb ? { abs: 2e-3, ulp: 0 } : { abs: 0, ulp: 2 };
  }

  /** A mip level: mostly one of the chain, sometimes past it (or negative). */
  protected levelValue(levels: number, signed: boolean): number {
    if (this.chance(0.8)) return this.int(levels);
    return signed ? this.pick([-1, levels, 99]) : this.pick([levels, 4294967295]);
  }

  protected level(levels: number, signed: boolean): string {
    const v = this.levelValue(levels, signed);
    return signed ? `${v}i` : `${v >>> 0}u`;
  }

  /** A normalized coordinate whose texel-space position keeps 2% away from `edge` (0: nearest, 0.5: gather) at every size. */
  protected floatCoord(sizes: number[], edge: number | null): number {
    for (;;) {
      const u = Math.round((this.unit() * 3.2 - 1.1) * 4096) / 4096;
      if (edge === null) return u;
      const ok = sizes.every((n) => {
        const t = u * n - edge;
        const fr = t - Math.floor(t);
        return fr > 0.02 && fr < 0.98;
      });
      if (ok) return u;
    }
  }

  generate(): void {
    const fmt = this.pick(TEXTURE_FORMATS.filter((x) => !x.depth));
    const dim = this.pick(['1d', '2d', '2d', '2d-array', '3d'] as const);
    const shape = this.shape(fmt, dim, false);
    const { data, spread } = this.contents(shape);
    const t = this.bind(`texture_${DIM_TYPE[dim]}<${fmt.sampled}>`, {
      name: 't',
      kind: 'texture',
      format: fmt.name,
      size: this.sizeOf(shape),
      dimension: dim,
      mipLevels: shape.mipLevels,
      init: { data },
    } as Omit<Binding, 'group' | 'binding'>);
    // WebGPU refuses a filtering sampler with an unfilterable texture (WebGPU §8.1.1).
    const filters = fmt.filterable ? (['nearest', 'linear'] as const) : (['nearest'] as const);
    const sampler = {
      magFilter: this.pick(filters),
      minFilter: this.pick(filters),
      mipmapFilter: this.pick(filters),
      addressMode: { u: this.pick(ADDRESS_MODES), v: this.pick(ADDRESS_MODES), w: this.pick(ADDRESS_MODES) },
    };
    const s = this.bind('sampler', { name: 's', kind: 'sampler', sampler } as Omit<
      Binding,
      'group' | 'binding'
    >);
    // texture_and_sampler_let: a third of the programs reach both through lets (chosen by the seed,
    // so the random stream, and every other program, stays as it was).
    const [tv, sv] = this.seed % 3 === 2 ? this.viaLets(t, s) : [t, s];
    const calls = this.between(3, 8);
    for (let i = 0; i < calls; i++) this.sampledCall(tv, sv, shape, sampler, spread);
    if (this.chance(0.6)) this.storage();
  }

  /** `let <t>l = <t>; let <s>l = <s>;` at the top of the program: the names calls then use. */
  private viaLets(t: string, s: string): [string, string] {
    this.body.push(`let ${t}l = ${t};`, `let ${s}l = ${s};`);
    return [`${t}l`, `${s}l`];
  }

  private sampledCall(
    t: string,
    s: string,
    shape: TextureShape,
    sampler: { magFilter: string; minFilter: string; mipmapFilter: string },
    spread: number,
  ): void {
    const { format: fmt, mipLevels } = shape;
    const dim = shape.dimension as FuzzedDimension;
    const isFloat = fmt.sampled === 'f32';
    const canSample = isFloat;
    const canGather = dim === '2d' || dim === '2d-array';
    const kind = this.pick([
      'load',
      'load',
      'dims',
      'levels',
      ...(dim === '2d-array' ? ['layers'] : []),
      ...(canSample ? ['sample', 'sample', 'sample'] : []),
      ...(canGather ? ['gather', 'gather'] : []),
    ]);
    const signed = this.chance(0.5);
    // A sampling call's layer goes through f32 (Vulkan "Texel Coordinate Systems": clamp(RNE(layer),
    // 0, layers - 1)); SwiftShader turns a layer of 2^31 or more into layer 0 where the rule says the
    // last (its float-to-int conversion overflows), so those stay in the exploits suite.
    const far = (sampling: boolean) => (sampling ? 1000 : signed ? 2147483647 : 4294967295);
    const layer = (sampling = false) =>
      signed
        ? `${this.chance(0.75) ? this.int(shape.depthOrLayers) : this.pick([-1, shape.depthOrLayers, far(sampling)])}i`
        : `${this.chance(0.75) ? this.int(shape.depthOrLayers) : this.pick([shape.depthOrLayers, far(sampling)])}u`;
    const ty = isFloat ? 'f32' : 'int';
    switch (kind) {
      case 'load': {
        const lv = this.levelValue(mipLevels, signed);
        const ext = levelExtent(shape, Math.min(lv >>> 0, mipLevels - 1));
        const coords = this.intVec(
          ext.slice(0, COORDS[dim]).map((n) => this.intCoord(n, signed)),
          signed,
        );
        const level = signed ? `${lv}i` : `${lv >>> 0}u`;
        const args = [t, coords, ...(dim === '2d-array' ? [layer()] : []), level];
        this.record(`textureLoad(${args.join(', ')})`, ty, 4, this.readTolerance(fmt));
        return;
      }
      case 'dims': {
        const n = dim === '1d' ? 1 : dim === '3d' ? 3 : 2;
        const call = this.chance(0.5)
          ? `textureDimensions(${t})`
          : `textureDimensions(${t}, ${this.level(mipLevels, signed)})`;
        this.record(call, 'int', n, { abs: 0, ulp: 0 });
        return;
      }
      case 'levels':
        this.record(`textureNumLevels(${t})`, 'int', 1, { abs: 0, ulp: 0 });
        return;
      case 'layers':
        this.record(`textureNumLayers(${t})`, 'int', 1, { abs: 0, ulp: 0 });
        return;
      case 'sample':
        this.sample(t, s, shape, sampler, spread, () => layer(true));
        return;
      case 'gather':
        this.gather(t, s, shape, () => layer(true));
        return;
    }
  }

  private offset(n: number): string | undefined {
    if (!this.chance(0.3)) return undefined;
    const c = () => this.between(-8, 7);
    return n === 2 ? `vec2<i32>(${c()}, ${c()})` : `vec3<i32>(${c()}, ${c()}, ${c()})`;
  }

  private sample(
    t: string,
    s: string,
    shape: TextureShape,
    sampler: { magFilter: string; minFilter: string; mipmapFilter: string },
    spread: number,
    layer: () => string,
  ): void {
    const { mipLevels } = shape;
    const dim = shape.dimension as FuzzedDimension;
    // Levels: whole numbers (some outside the chain) or fractions kept off nearest's .5 boundary.
    const lvl = this.pick([-1, 0, 0, 1, 2, mipLevels, 40, 0.25, 0.75, 1.3, 1.7, mipLevels + 0.25]);
    const lambda = Math.min(Math.max(lvl, 0), 32);
    const linear = (lambda <= 0 ? sampler.magFilter : sampler.minFilter) === 'linear';
    const d = Math.min(lambda, mipLevels - 1);
    const mipBlend = sampler.mipmapFilter === 'linear' && d !== Math.floor(d);
    const levels =
      sampler.mipmapFilter === 'linear'
        ? [Math.floor(d), Math.min(Math.floor(d) + 1, mipLevels - 1)]
        : [Math.ceil(d + 0.5) - 1];
    const axes = COORDS[dim];
    const coord = (axis: number) =>
      this.floatCoord(
        levels.map((l) => levelExtent(shape, l)[axis]!),
        linear ? null : 0,
      );
    const uv = Array.from({ length: axes }, (_, a) => coord(a));
    const args = [t, s, axes === 1 ? f(uv[0]!) : `vec${axes}<f32>(${uv.map(f).join(', ')})`];
    if (dim === '2d-array') args.push(layer());
    args.push(f(lvl));
    // SwiftShader applies an offset wrongly to the second level of a linear mip blend (and blends
    // past the last level when the lod is fractional): Vulkan "Texel Coordinate Operations" offsets
    // each level's integer coordinates alike. Offsets stay with whole levels or nearest mipmaps.
    // A 1d texture has no offset overload (WGSL §16.7.8).
    const off =
      axes === 1 || (sampler.mipmapFilter === 'linear' && lvl !== Math.floor(lvl))
        ? undefined
        : this.offset(axes);
    if (off) args.push(off);
    // GPUs blend with 8-bit fixed-point weights (docs/contracts.md, textures): spread / 256 per
    // filtered axis and for the level blend, on top of the texels' own decode rounding.
    // SwiftShader samples normalized formats through 16-bit fixed point (rgb10a2unorm's alpha 1/3
    // reads 0.33331), so any sampled value may be 2^-14 of the spread off (snorm8 5/127 reads 6e-5 low).
    const abs = (spread * ((linear ? axes : 0) + (mipBlend ? 1 : 0))) / 256 + spread / 16384;
    const read = this.readTolerance(shape.format);
    this.record(`textureSampleLevel(${args.join(', ')})`, 'f32', 4, {
      abs: abs + read.abs,
      ulp: Math.max(read.ulp, 4),
    });
  }

  private gather(t: string, s: string, shape: TextureShape, layer: () => string): void {
    const [w, h] = levelExtent(shape, 0);
    const uv = [this.floatCoord([w], 0.5), this.floatCoord([h], 0.5)];
    const component = shape.format.channels === 1 && this.chance(0.5) ? 0 : this.int(4);
    const args = [`${component}${this.chance(0.5) ? 'u' : 'i'}`, t, s, `vec2<f32>(${uv.map(f).join(', ')})`];
    if (shape.dimension === '2d-array') args.push(layer());
    const off = this.offset(2);
    if (off) args.push(off);
    this.record(
      `textureGather(${args.join(', ')})`,
      shape.format.sampled === 'f32' ? 'f32' : 'int',
      4,
      this.readTolerance(shape.format),
    );
  }

  /** A storage texture: write (stores, an output), read (loads) or read_write (stores then loads, an output). */
  private storage(): void {
    const formats = STORAGE_TEXTURE_FORMATS.filter((x) => !x.storageFeature);
    const fmt = this.pick(formats);
    const access = this.pick(fmt.storageAccess);
    const dim = this.pick(['1d', '2d', '2d-array', '3d'] as const);
    const shape = this.shape(fmt, dim, true);
    const reads = access !== 'write';
    const { data } = this.contents(shape);
    const st = this.bind(`texture_storage_${DIM_TYPE[dim]}<${fmt.name}, ${access}>`, {
      name: 'st',
      kind: 'storage-texture',
      format: fmt.name,
      size: this.sizeOf(shape),
      dimension: dim,
      access: access === 'read_write' ? 'read-write' : access,
      ...(reads ? { init: { data } } : {}),
      ...(access !== 'read' ? { output: true } : {}),
    } as Omit<Binding, 'group' | 'binding'>);
    const ext = [shape.width, shape.height, shape.depthOrLayers];
    const at = (signed: boolean) => {
      const coords = this.intVec(
        ext.slice(0, COORDS[dim]).map((n) => this.intCoord(n, signed)),
        signed,
      );
      if (dim !== '2d-array') return [coords];
      const l = this.chance(0.8) ? this.int(shape.depthOrLayers) : shape.depthOrLayers + this.int(3);
      return [coords, signed ? `${l}i` : `${l}u`];
    };
    const n = this.between(1, 6);
    for (let i = 0; i < n; i++) {
      const signed = this.chance(0.5);
      if (access !== 'read' && (access === 'write' || this.chance(0.5)))
        this.body.push(`textureStore(${[st, ...at(signed), this.texelValue(fmt)].join(', ')});`);
      else {
        const ty = fmt.sampled === 'f32' ? 'f32' : 'int';
        this.record(`textureLoad(${[st, ...at(signed)].join(', ')})`, ty, 4, this.readTolerance(fmt));
      }
    }
    if (this.chance(0.3))
      this.record(`textureDimensions(${st})`, 'int', dim === '1d' ? 1 : dim === '3d' ? 3 : 2, {
        abs: 0,
        ulp: 0,
      });
    if (dim === '2d-array' && this.chance(0.3))
      this.record(`textureNumLayers(${st})`, 'int', 1, { abs: 0, ulp: 0 });
  }

  /** A vec4 textureStore value of the format's channel type, often beyond what the format holds. */
  private texelValue(fmt: TextureFormat): string {
    const one = (): string => {
      switch (fmt.storage) {
        case 'unorm8':
        case 'snorm8':
          // Exact ties (k + 0.5) / 255 and values outside [-1, 1] included.
          return f(this.pick([(this.int(256) + 0.5) / 255, (this.int(4001) - 2000) / 1000, -3, 7]));
        case 'float16':
          return f(this.pick([(this.int(2001) - 1000) / 64, (this.int(20001) - 10000) / 3, 65504, -0.0001]));
        case 'float32':
          return f(this.pick([(this.int(2001) - 1000) / 64, 1e30, -1e-30, 16777217]));
        case 'uint8':
        case 'uint16':
        case 'uint32':
          return `${this.pick([0, 1, 255, 256, 300, 65535, 65536, 70000, 4294967295, this.r()]) >>> 0}u`;
        default:
          return i32(
            this.pick([
              0,
              -1,
              127,
              128,
              -128,
              -129,
              32767,
              32768,
              -32769,
              2147483647,
              -2147483648,
              this.r() | 0,
            ]),
          );
      }
    };
    const ty = fmt.sampled === 'f32' ? 'f32' : fmt.sampled;
    return `vec4<${ty}>(${one()}, ${one()}, ${one()}, ${one()})`;
  }
}

/** Program `seed` with its names prefixed `prefix` and its bindings numbered from `firstBinding`. */
export function generateTextureProgram(seed: number, prefix = 'p0_', firstBinding = 1): TextureProgram {
  const g = new TextureGen(seed, prefix, firstBinding);
  g.generate();
  return { decls: g.decls, body: g.body, bindings: g.bindings, words: g.words };
}

/** Bindings one program takes at most (texture, sampler, storage texture), spaced so a batch never collides. */
export const BINDINGS_PER_PROGRAM = 3;

/** The module and `out` layout of programs run one after another by one invocation. */
export function printTextureModule(programs: TextureProgram[]): { wgsl: string; bases: number[] } {
  const bases: number[] = [];
  let out = 0;
  const parts = programs.map((p, i) => {
    bases.push(out);
    const base = out;
    out += p.words.length;
    return [
      ...p.decls,
      `fn p${i}_run() {`,
      ...p.body.map((l) => `  ${l.replaceAll('§', `${base}u`)}`),
      '}',
    ].join('\n');
  });
  bases.push(out);
  const wgsl = [
    '// difffuzz: generated texture programs (compiler/difffuzz/textures.ts), one invocation runs each in turn.',
    '@group(0) @binding(0) var<storage, read_write> out: array<u32>;',
    ...parts,
    '@compute @workgroup_size(1)',
    'fn main() {',
    ...programs.map((_, i) => `  p${i}_run();`),
    '}',
    '',
  ].join('\n');
  return { wgsl, bases };
}
