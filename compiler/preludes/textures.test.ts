/**
 * The texture runtime of the common prelude (section `textures`, issue 20): its format table against
 * core/texture-formats.ts, and its behaviour, driven directly from C++ (textures.test.cpp: slots with
 * hand-written headers; conversions, textureLoad clamping, textureStore discards, address modes, nearest
 * and linear filtering, mip selection, offsets, gather order, hostile headers, seamless cube edges and
 * corners) under g++ -O2 and under
 * AddressSanitizer + UBSan, where every slot is a heap block of exactly its size so any access outside
 * it fails the run. Real WGSL goes through the translator and runs on the CPU (the contract between the
 * emitted calls and these overloads), and a module using every overload compiles for both targets. The
 * same functions compile for CUDA (textures.test.cu and the translated module, nvcc -cubin -arch=sm_90).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  encodeSampler,
  TEXTURE_FORMATS,
  TEXTURE_HEADER_BYTES,
  type TextureShape,
  textureFormat,
  textureSlotBytes,
  writeTextureHeader,
} from '../../core/texture-formats';
import { GXX, hasGxx, hasNvcc, nvccCompile, runOnCpu } from '../testkit/native';
import { translate } from '../translate';
import { COMMON } from './common';
import { CUDA_RUNTIME } from './cuda_runtime';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duet-textures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const canRun = await hasGxx();
const HOST_TEST = readFileSync(join(__dirname, 'textures.test.cpp'), 'utf8');
const CUDA_TEST = readFileSync(join(__dirname, 'textures.test.cu'), 'utf8');

const SAMPLING = `
@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var smp: sampler;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;
@compute @workgroup_size(4) fn main(@builtin(global_invocation_id) id: vec3u) {
  let d = textureDimensions(src);
  let t = textureLoad(src, vec2i(i32(id.x) * 2 - 1, 0), 0);
  let s = textureSampleLevel(src, smp, vec2f(0.25, 0.5), 0.0);
  let g = textureGather(0, src, smp, vec2f(0.5, 0.5));
  out[id.x] = textureLoad(src, vec2i(i32(id.x), 0), 0).x + f32(d.x) * 1000.0;
  out[4u + id.x] = s.x;
  out[8u + id.x] = g[id.x];
  out[12u + id.x] = t.x;
}`;

const STORING = `
@group(0) @binding(0) var src: texture_2d<f32>;
@group(0) @binding(1) var out: texture_storage_2d<rgba8unorm, write>;
@compute @workgroup_size(8) fn main(@builtin(global_invocation_id) id: vec3u) {
  let t = textureLoad(src, vec2u(id.x, 1u), 0);
  textureStore(out, vec2u(id.x, 0u), vec4f(t.x, t.y, 0.5, t.w));
}`;

/** Every texture built-in overload the translator accepts, each dimension and a storage format of each kind. */
const EVERY_OVERLOAD = `
@group(0) @binding(0) var t1: texture_1d<f32>;
@group(0) @binding(1) var t2: texture_2d<f32>;
@group(0) @binding(2) var ta: texture_2d_array<f32>;
@group(0) @binding(3) var t3: texture_3d<f32>;
@group(0) @binding(4) var tu: texture_2d<u32>;
@group(0) @binding(5) var ti: texture_2d_array<i32>;
@group(0) @binding(6) var s: sampler;
@group(0) @binding(7) var w1: texture_storage_1d<r32float, write>;
@group(0) @binding(8) var w2: texture_storage_2d<rgba8unorm, write>;
@group(0) @binding(9) var wa: texture_storage_2d_array<rgba16float, write>;
@group(0) @binding(10) var w3: texture_storage_3d<rgba32sint, write>;
@group(0) @binding(11) var rw: texture_storage_2d<r32uint, read_write>;
@group(0) @binding(12) var ra: texture_storage_2d_array<rgba8snorm, read>;
@group(0) @binding(13) var<storage, read_write> out: array<f32>;
@group(0) @binding(14) var d2: texture_depth_2d;
@group(0) @binding(15) var da: texture_depth_2d_array;
@group(0) @binding(16) var sc: sampler_comparison;
@group(0) @binding(17) var tc: texture_cube<f32>;
@group(0) @binding(18) var tca: texture_cube_array<i32>;
@group(0) @binding(19) var dc: texture_depth_cube;
@group(0) @binding(20) var dca: texture_depth_cube_array;
@compute @workgroup_size(8) fn main(@builtin(global_invocation_id) id: vec3u) {
  let i = i32(id.x);
  let f = f32(id.x) * 0.1;
  var z = textureLoad(d2, vec2i(i, 0), 0) + textureLoad(da, vec2u(id.x, 0u), i, 0u) + f32(textureNumLevels(d2));
  z += textureSampleLevel(d2, s, vec2f(f), i) + textureSampleLevel(d2, s, vec2f(f), 0u, vec2i(1, -1));
  z += textureSampleLevel(da, s, vec2f(f), i, 0) + textureSampleLevel(da, s, vec2f(f), 1u, 1, vec2i(0, 2));
  z += textureSampleCompareLevel(d2, sc, vec2f(f), f) + textureSampleCompareLevel(d2, sc, vec2f(f), 0.5, vec2i(-8, 7));
  z += textureSampleCompareLevel(da, sc, vec2f(f), i, f) + textureSampleCompareLevel(da, sc, vec2f(f), 2u, f, vec2i(1, 1));
  let zg = textureGather(d2, s, vec2f(f)) + textureGather(d2, s, vec2f(f), vec2i(1, 0)) + textureGather(da, s, vec2f(f), i)
    + textureGather(da, s, vec2f(f), 0u, vec2i(0, 1)) + textureGatherCompare(d2, sc, vec2f(f), f)
    + textureGatherCompare(d2, sc, vec2f(f), f, vec2i(2, 3)) + textureGatherCompare(da, sc, vec2f(f), i, f)
    + textureGatherCompare(da, sc, vec2f(f), 1u, f, vec2i(-1, -1));
  out[8u + id.x] = z + zg.x + f32(textureDimensions(da, 0).x + textureNumLayers(da));
  let dir = vec3f(f, -f, 0.5);
  let cg = textureSampleLevel(tc, s, dir, f) + textureGather(2, tc, s, dir) + textureGather(dc, s, dir)
    + textureGather(dca, s, dir, i) + textureGatherCompare(dc, sc, dir, f) + textureGatherCompare(dca, sc, dir, 1u, f);
  let ci = textureGather(1, tca, s, dir, 2u);
  out[16u + id.x] = cg.x + f32(ci.x) + textureSampleLevel(dc, s, dir, 0) + textureSampleLevel(dca, s, dir, i, 1u)
    + textureSampleCompareLevel(dc, sc, dir, f) + textureSampleCompareLevel(dca, sc, dir, 0, f)
    + f32(textureDimensions(tc).x + textureDimensions(dca, 1).y + textureNumLayers(tca) + textureNumLayers(dca) + textureNumLevels(dc));
  var n = textureDimensions(t1) + textureDimensions(t1, 0) + textureDimensions(t2).x + textureDimensions(t2, 1u).y;
  n += textureDimensions(ta).x + textureDimensions(t3, i).z + textureNumLayers(ta) + textureNumLayers(wa) + textureNumLevels(t3);
  n += textureDimensions(w1) + textureDimensions(w3).z + textureDimensions(ra).y;
  var a = textureLoad(t1, i, 0) + textureLoad(t2, vec2i(i, 1), 0) + textureLoad(ta, vec2u(id.x, 0u), i, 0u);
  a += textureLoad(t3, vec3i(i), 0) + textureLoad(ra, vec2i(i, 0), 1u);
  a += textureSampleLevel(t1, s, f, 0.0) + textureSampleLevel(t2, s, vec2f(f), f) + textureSampleLevel(t2, s, vec2f(f), f, vec2i(-8, 7));
  a += textureSampleLevel(ta, s, vec2f(f), i, f) + textureSampleLevel(ta, s, vec2f(f), 1u, 0.0, vec2i(1, 0));
  a += textureSampleLevel(t3, s, vec3f(f), f) + textureSampleLevel(t3, s, vec3f(f), f, vec3i(1, 2, 3));
  a += textureGather(1, t2, s, vec2f(f)) + textureGather(0u, ta, s, vec2f(f), i, vec2i(0, 1));
  a += textureSampleBaseClampToEdge(t2, s, vec2f(f));
  let u = textureLoad(tu, vec2i(i, 0), 0) + textureGather(3, tu, s, vec2f(f), vec2i(1, 1)) + textureLoad(rw, vec2u(id.x, 0u));
  let k = textureLoad(ti, vec2i(i, 0), 0, 0) + textureGather(2, ti, s, vec2f(f), 1u);
  textureStore(w1, i, a);
  textureStore(w2, vec2i(i, 0), a);
  textureStore(wa, vec2u(id.x, 0u), 1, a);
  textureStore(w3, vec3i(i), k);
  textureStore(rw, vec2i(i, 0), u + vec4u(n));
  out[id.x] = a.x;
}`;

/** A 2d rgba8unorm texture of one level. */
function texture2d(width: number, height: number): TextureShape {
  const format = textureFormat('rgba8unorm')!;
  return { format, dimension: '2d', width, height, depthOrLayers: 1, mipLevels: 1 };
}

/** A texture slot (header and texels) as u32 words, texel (x, y) of level 0 holding `texel(x, y)`. */
function slotWords(t: TextureShape, texel: (x: number, y: number) => number): number[] {
  const slot = new Uint8Array(textureSlotBytes(t));
  writeTextureHeader(slot, t);
  const words = new Uint32Array(slot.buffer);
  for (let y = 0; y < t.height; y++)
    for (let x = 0; x < t.width; x++) words[TEXTURE_HEADER_BYTES / 4 + y * t.width + x] = texel(x, y) >>> 0;
  return [...words];
}

interface CxxFormatRow {
  code: number;
  name: string;
  channels: number;
  storage: string;
  texelBytes: number;
  flags: number;
}

/** The rows of `duet_texture_formats(X)`: X(code, name, channels, storage, texelBytes, flags). */
function cxxFormatRows(): CxxFormatRow[] {
  const table = /#define duet_texture_formats\(X\)((?:[^\n]*\\\n)*[^\n]*)/.exec(COMMON);
  if (!table) throw new Error('common.h: no duet_texture_formats table');
  return [...table[1]!.matchAll(/X\((\d+), (\w+), (\d+), DUET_TEXEL_(\w+), (\d+), (\d+)\)/g)].map((m) => ({
    code: Number(m[1]),
    name: m[2]!,
    channels: Number(m[3]),
    storage: m[4]!.toLowerCase(),
    texelBytes: Number(m[5]),
    flags: Number(m[6]),
  }));
}

describe('the C++ texture runtime (common.h section textures)', () => {
  it('has the format table of core/texture-formats.ts, row for row', () => {
    const rows = cxxFormatRows();
    expect(rows.map((r) => r.code)).toEqual(rows.map((_, i) => i));
    expect(rows).toEqual(
      TEXTURE_FORMATS.map((f) => ({
        code: f.code,
        name: f.name.replaceAll('-', '_'),
        channels: f.channels,
        storage: f.storage,
        texelBytes: f.texelBytes,
        flags: (f.srgb ? 1 : 0) | (f.bgra ? 2 : 0) | (f.depth ? 4 : 0),
      })),
    );
    // Every storage kind the TS table uses is a member of the C++ enum.
    const kinds = /enum \{\s*(DUET_TEXEL_[\s\S]*?)\};/
      .exec(COMMON)![1]!
      .split(',')
      .map((k) => k.trim());
    for (const f of TEXTURE_FORMATS) expect(kinds).toContain(`DUET_TEXEL_${f.storage.toUpperCase()}`);
  });

  it.runIf(canRun)(
    'converts, clamps, discards, filters, gathers and refuses hostile headers as specified (g++ -O2, ASan+UBSan)',
    { timeout: 300_000 },
    async () => {
      const src = join(dir, 'textures.cpp');
      writeFileSync(src, `${COMMON}\n${HOST_TEST}`);
      for (const flags of [
        ['-O2'],
        ['-O0', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all'],
      ]) {
        const exe = join(dir, `textures${flags[0]}`);
        await run(GXX, ['-std=c++17', '-w', ...flags, '-o', exe, src], { maxBuffer: 1 << 24 });
        const r = await run(exe, [], { timeout: 60_000 }).catch((e: { stdout: string; stderr: string }) => e);
        expect(r.stderr).toBe('');
        expect(r.stdout).toContain('failures 0');
      }
    },
  );

  it.runIf(canRun)(
    'runs WGSL texture built-ins through the translator on the CPU: load, store, sample, gather; a hostile header refuses the entry',
    { timeout: 120_000 },
    async () => {
      // src: rgba8unorm 4x2 with red = 50 x + 10 y, alpha 255; smp: linear, clamp-to-edge.
      // Slots laid out by core/texture-formats.ts, as the run plan lays them out.
      const src = slotWords(texture2d(4, 2), (x, y) => (50 * x + 10 * y) | 0xff000000);
      const smp = [
        ...new Uint32Array(
          encodeSampler({
            magFilter: 'linear',
            minFilter: 'linear',
            mipmapFilter: 'nearest',
            addressModeU: 'clamp-to-edge',
            addressModeV: 'clamp-to-edge',
            addressModeW: 'clamp-to-edge',
          }).buffer,
        ),
      ];
      const red = (x: number, y: number) => (50 * x + 10 * y) / 255;
      const sampling = translate(SAMPLING, { target: 'cpu' });
      if (!sampling.ok) throw new Error(JSON.stringify(sampling.diagnostics));
      const r = await runOnCpu(sampling.code, sampling.kernels[0]!, sampling.bindings, {
        dispatch: 1,
        sizes: { src: 4 * src.length, smp: 32, out: 4 * 16 },
        init: { src, smp },
      });
      expect(r.status).toEqual([0]);
      const f = [...new Float32Array(new Uint32Array(r.words).buffer)];
      // textureLoad of row 0 (x clamps at 3), textureDimensions in the thousands.
      for (let x = 0; x < 4; x++) expect(f[x]).toBe(Math.fround(Math.fround(red(x, 0)) + 4000));
      // Linear sample at (0.25, 0.5): the mean of texels (0..1, 0..1).
      for (let x = 0; x < 4; x++)
        expect(f[4 + x]).toBeCloseTo((red(0, 0) + red(1, 0) + red(0, 1) + red(1, 1)) / 4, 6);
      // textureGather(0, ...) at (0.5, 0.5): texels x 1..2, y 0..1 as (u0,v1) (u1,v1) (u1,v0) (u0,v0).
      expect(f.slice(8, 12).map((v) => Math.round(v * 255))).toEqual([60, 110, 100, 50]);
      // textureLoad at x = -1, 1, 3, 5: -1 is a huge u32 and clamps to 3, as 5 does (Tint's robustness).
      expect(f.slice(12, 16).map((v) => Math.round(v * 255))).toEqual([150, 50, 150, 150]);

      const storing = translate(STORING, { target: 'cpu' });
      if (!storing.ok) throw new Error(JSON.stringify(storing.diagnostics));
      const header = slotWords(texture2d(4, 1), () => 0).slice(0, TEXTURE_HEADER_BYTES / 4);
      const s = await runOnCpu(storing.code, storing.kernels[0]!, storing.bindings, {
        dispatch: 1,
        sizes: { src: 4 * src.length, out: 4 * 12 },
        init: { src, out: header },
      });
      expect(s.status).toEqual([0]);
      // The header is untouched; texels 0..3 hold row 1 of src with blue = 0.5 -> 128 (ties to even);
      // the invocations storing at x = 4..7 wrote nothing (the slot has room for 4 texels only).
      expect(s.words.slice(0, 8)).toEqual(header);
      expect(s.words.slice(8, 12)).toEqual(
        [0, 1, 2, 3].map((x) => ((50 * x + 10) | (128 << 16) | 0xff000000) >>> 0),
      );
      // A hostile header (width 2^31: its texels cannot be in the slot) makes the entry refuse before any
      // WGSL runs (-1, DUET_STATUS_BINDING): nothing is stored.
      const hostile = [...src];
      hostile[1] = 0x80000000;
      const h = await runOnCpu(storing.code, storing.kernels[0]!, storing.bindings, {
        dispatch: 1,
        sizes: { src: 4 * src.length, out: 4 * 12 },
        init: { src: hostile, out: header },
      });
      expect(h.status).toEqual([-1]);
      expect(h.words.slice(8, 12)).toEqual([0, 0, 0, 0]);
    },
  );

  it.runIf(canRun)(
    'compiles every texture overload the translator emits (g++)',
    { timeout: 120_000 },
    async () => {
      const r = translate(EVERY_OVERLOAD, { target: 'cpu' });
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      const src = join(dir, 'every.cpp');
      writeFileSync(src, r.code);
      const c = await run(GXX, ['-std=c++17', '-O2', '-c', '-o', join(dir, 'every.o'), src], {
        maxBuffer: 1 << 24,
      });
      expect(c.stderr).not.toMatch(/error/i);
    },
  );

  it.runIf(hasNvcc())(
    'compiles every texture function, and every overload the translator emits, for CUDA (nvcc -cubin -arch=sm_90)',
    { timeout: 900_000 },
    async () => {
      expect(await nvccCompile(`${COMMON}\n${CUDA_RUNTIME}\n${CUDA_TEST}`, 'sm_90')).not.toMatch(
        /error|warning/i,
      );
      const r = translate(EVERY_OVERLOAD, { target: 'cuda' });
      if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
      expect(await nvccCompile(r.code, 'sm_90')).not.toMatch(/error|warning/i);
    },
  );
});
