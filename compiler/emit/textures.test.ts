import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  encodeSampler,
  type TextureShape,
  textureFormat,
  textureSlotBytes,
  writeTextureHeader,
} from '../../core/texture-formats';
import { formatDiagnostic, translate } from '../index';
import { hasGxx, hasNvcc, nvccCompile, runOnCpu } from '../testkit/native';

const gxx = await hasGxx();

function code(wgsl: string, target: 'cuda' | 'cpu', cpuFibers = false) {
  const r = translate(wgsl, { file: 'k.wgsl', target, cpuFibers });
  if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
  return r;
}

/** compiler/testdata/textures.wgsl: every texture kind and built-in, with a barrier. */
const EVERY = readFileSync(join(__dirname, '..', 'testdata', 'textures.wgsl'), 'utf8');

const sectionsIn = (text: string) => [...text.matchAll(/^\/\* @section ([a-z0-9-]+)/gm)].map((m) => m[1]);

/** A 2d texture, a sampler, a storage texture, a helper taking handles, and a buffer indexed by gid.x. */
const BLEND = `@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var dst: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;

fn fetch(t: texture_2d<f32>, s: sampler, uv: vec2f) -> vec4f {
  return textureSampleLevel(t, s, uv, 0.0, vec2(1, -1));
}

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let size = textureDimensions(dst);
  let c = textureLoad(src, vec2(gid.x, 0u), 0);
  let g = textureGather(1, src, smp, vec2f(0.5));
  textureStore(dst, vec2(gid.x, 0u), c * 0.5 + fetch(src, smp, vec2f(0.25)) * 0.25 + g * 0.25);
  out[gid.x] = f32(size.x);
}`;

describe('textures in the generated source (docs/contracts.md §3)', () => {
  it('holds each handle as a context view, bound to its slot with the fit check in every CPU entry', () => {
    const text = code(BLEND, 'cpu').code;
    expect(text).toContain(
      '  duet_texture<DUET_TEX_2D, float> src;  // slot 0: @group(0) @binding(0) texture texture_2d<f32>',
    );
    expect(text).toContain('  duet_sampler smp;  // slot 1: @group(0) @binding(1) sampler sampler');
    // rgba8unorm is format 8 (core/texture-formats.ts); write access is 2.
    expect(textureFormat('rgba8unorm')!.code).toBe(8);
    expect(text).toContain('  duet_storage_texture<DUET_TEX_2D, 8, 2> dst;');
    for (const [slot, name] of [
      [0, 'src'],
      [1, 'smp'],
      [2, 'dst'],
    ])
      expect(text).toContain(`  duet_base.${name}.bind(p->slot[${slot}], p->slotBytes[${slot}], &duet_fit);`);
    // The fast path windows the buffer indexed with gid.x, never a handle.
    expect(text).toContain('duet_w.out.window(duet_g0, 64u)');
    expect(text).not.toMatch(/duet_w\.(src|smp|dst)\.window/);
  });

  it('binds handles in the CUDA entry and in a CPU entry with barriers (loop fission and fibers)', () => {
    expect(code(BLEND, 'cuda').code).toContain('  ctx.dst.bind(p.slot[2], p.slotBytes[2], &duet_fit);');
    const withBarrier = BLEND.replace('  out[gid.x]', '  workgroupBarrier();\n  out[gid.x]');
    expect(code(withBarrier, 'cpu').code).toContain(
      '  duet_base.src.bind(p->slot[0], p->slotBytes[0], &duet_fit);',
    );
    const fibers = code(withBarrier, 'cpu', true).code;
    expect(fibers).toContain('  ctx.src.bind(p->slot[0], p->slotBytes[0], 0);');
    expect(fibers).toContain('  duet_probe.src.bind(p->slot[0], p->slotBytes[0], &duet_fit);');
  });

  it('passes handles to functions by const reference and lowers calls to the prelude names', () => {
    const text = code(BLEND, 'cpu').code;
    expect(text).toContain(
      'DUET_FN vec<float, 4> fetch(DuetCtx& ctx, const duet_texture<DUET_TEX_2D, float>& t, const duet_sampler& s, vec<float, 2> uv) {',
    );
    expect(text).toContain('return duet_texture_sample_level(t, s, uv, 0.0f, vec<int, 2>{1, (-1)});');
    expect(text).toContain('duet_texture_dimensions(ctx.dst)');
    // Abstract integer coordinates and levels are i32 (WGSL's C and L), never the result's f32.
    expect(text).toMatch(/duet_texture_load\(ctx\.src, vec<unsigned, 2>\{[^}]*\}, 0\)/);
    expect(text).toMatch(/duet_texture_gather\(1, ctx\.src, ctx\.smp, [^;]*0\.5f/);
    expect(text).toMatch(/duet_texture_store\(ctx\.dst, /);
  });

  it('pulls the prelude’s textures section (compiler/emit/prelude.ts picks it by the names used)', () => {
    for (const target of ['cpu', 'cuda'] as const)
      expect(sectionsIn(code(BLEND, target).code)).toContain('textures');
    const saxpy = code(
      '@group(0) @binding(0) var<storage, read_write> out: array<f32>;\n@compute @workgroup_size(1) fn main() { out[0] = 1.0; }',
      'cpu',
    ).code;
    expect(sectionsIn(saxpy)).not.toContain('textures');
  });

  it.skipIf(!hasNvcc())(
    'compiles for CUDA (nvcc -cubin), every texture kind and built-in',
    async () => {
      expect(await nvccCompile(code(BLEND, 'cuda').code, 'sm_80')).not.toMatch(/error/);
      expect(await nvccCompile(code(EVERY, 'cuda').code, 'sm_90')).not.toMatch(/error/);
    },
    300_000,
  );
});

/** A texture slot as u32 words: the header, then `texels` bytes. */
function slotWords(shape: TextureShape, texels: number[]): number[] {
  const bytes = new Uint8Array(textureSlotBytes(shape));
  writeTextureHeader(bytes, shape);
  bytes.set(texels, 32);
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  return [...new Uint32Array(padded.buffer)];
}

const rgba8 = (width: number, height: number): TextureShape => ({
  format: textureFormat('rgba8unorm')!,
  dimension: '2d',
  width,
  height,
  depthOrLayers: 1,
  mipLevels: 1,
});

const f32 = (w: number) => new Float32Array(new Uint32Array([w]).buffer)[0]!;

describe.skipIf(!gxx)('texture kernels run under g++ (the runtime from compiler/preludes)', () => {
  it('every texture kind and built-in compiles for the CPU (g++, barrier mode)', async () => {
    const r = code(EVERY, 'cpu');
    expect(r.kernels[0]!.usesBarriers).toBe(true);
    // Nothing bound (every slot empty): each view refuses, the entry runs no WGSL code.
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, { dispatch: 1, sizes: {} });
    expect(res.status).toEqual([-1]);
  }, 120_000);

  // Texels of a 2x2 rgba8unorm texture: (x, y) has red 10 * (1 + x + 2y), green 200, blue 0, alpha 255.
  const SRC = [10, 200, 0, 255, 20, 200, 0, 255, 30, 200, 0, 255, 40, 200, 0, 255];

  it('loads (out-of-range coordinates and levels clamped, as Chrome does), samples and measures', async () => {
    const r = code(
      `@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
fn red(t: texture_2d<f32>, p: vec2i, level: i32) -> f32 { return textureLoad(t, p, level).r; }
@compute @workgroup_size(1) fn main() {
  out[0] = red(src, vec2(1, 0), 0);
  out[1] = red(src, vec2(0, 1), 0);
  out[2] = red(src, vec2(-5, 100), 9);
  out[3] = textureSampleLevel(src, smp, vec2f(0.75, 0.25), 0.0).r;
  out[4] = f32(textureDimensions(src).y);
  out[5] = f32(textureNumLevels(src));
  out[6] = textureGather(0, src, smp, vec2f(0.5)).w;
}`,
      'cpu',
    );
    const sampler = [...new Uint32Array(encodeSamplerNearest().buffer)];
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
      dispatch: 1,
      sizes: { src: 48, smp: 32, out: 28 },
      init: { src: slotWords(rgba8(2, 2), SRC), smp: sampler },
    });
    expect(res.status).toEqual([0]);
    const unorm = (v: number) => Math.fround(v / 255);
    expect(res.words.map(f32)).toEqual([
      unorm(20),
      unorm(30),
      // Chrome (Tint's robustness transform) converts to u32, then takes the min with the last texel
      // and level: (-5, 100) level 9 is (1, 1) level 0.
      unorm(40),
      unorm(20), // nearest at (0.75, 0.25): texel (1, 0)
      2,
      1,
      unorm(10), // gather's w is the (u0, v0) texel (WGSL §16.7.6)
    ]);
  }, 120_000);

  it('stores through a storage texture, out-of-range coordinates dropped; the header is untouched', async () => {
    const r = code(
      `@group(0) @binding(0) var out: texture_storage_2d<rgba8unorm, write>;
@compute @workgroup_size(1) fn main() {
  textureStore(out, vec2(1, 0), vec4f(0.2, 1.0, 0.0, 1.5));
  textureStore(out, vec2(-1, 0), vec4f(1.0));
  textureStore(out, vec2(0, 7), vec4f(1.0));
}`,
      'cpu',
    );
    const shape = rgba8(2, 1);
    const before = slotWords(shape, new Array(8).fill(0));
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
      dispatch: 1,
      sizes: { out: textureSlotBytes(shape) },
      init: { out: before },
    });
    expect(res.status).toEqual([0]);
    expect(res.words.slice(0, 8)).toEqual(before.slice(0, 8));
    // Texel 0 untouched; texel 1 = round(clamp(x, 0, 1) * 255) per channel: 51, 255, 0, 255.
    expect(res.words.slice(8)).toEqual([0, ((255 << 24) | (0 << 16) | (255 << 8) | 51) >>> 0]);
  }, 120_000);

  it('refuses a slot whose header does not fit its bytes: no WGSL code runs', async () => {
    const r = code(
      `@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(1) fn main() { out[0] = textureLoad(src, vec2(0, 0), 0).r + 1.0; }`,
      'cpu',
    );
    // The header claims 4096 x 4096 texels; the slot holds 16 bytes of them.
    const words = slotWords(rgba8(2, 2), SRC);
    words[1] = 4096;
    words[2] = 4096;
    const res = await runOnCpu(r.code, r.kernels[0]!, r.bindings, {
      dispatch: 1,
      sizes: { src: 48, out: 4 },
      init: { src: words },
    });
    expect(res.status).toEqual([-1]);
    expect(res.words).toEqual([0]);
  }, 120_000);
});

function encodeSamplerNearest(): Uint8Array {
  return encodeSampler({
    magFilter: 'nearest',
    minFilter: 'nearest',
    mipmapFilter: 'nearest',
    addressModeU: 'clamp-to-edge',
    addressModeV: 'clamp-to-edge',
    addressModeW: 'clamp-to-edge',
  });
}
