/**
 * The texture runtime of the common prelude (section `textures`, issue 20): its format table against
 * core/texture-formats.ts, and its behaviour, driven directly from C++ (textures.test.cpp: slots with
 * hand-written headers; conversions, textureLoad clamping, textureStore discards, address modes, nearest
 * and linear filtering, mip selection, offsets, gather order, hostile headers) under g++ -O2 and under
 * AddressSanitizer + UBSan, where every slot is a heap block of exactly its size so any access outside
 * it fails the run. The same functions compile for CUDA (textures.test.cu, nvcc -cubin -arch=sm_90).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TEXTURE_FORMATS } from '../../core/texture-formats';
import { GXX, hasGxx, hasNvcc, nvccCompile } from '../testkit/native';
import { COMMON } from './common';
import { CUDA_RUNTIME } from './cuda_runtime';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'duet-textures-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const canRun = await hasGxx();
const HOST_TEST = readFileSync(join(__dirname, 'textures.test.cpp'), 'utf8');
const CUDA_TEST = readFileSync(join(__dirname, 'textures.test.cu'), 'utf8');

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
        flags: (f.srgb ? 1 : 0) | (f.bgra ? 2 : 0),
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

  it.runIf(hasNvcc())(
    'compiles every texture function for CUDA (nvcc -cubin -arch=sm_90)',
    { timeout: 600_000 },
    async () => {
      const log = await nvccCompile(`${COMMON}\n${CUDA_RUNTIME}\n${CUDA_TEST}`, 'sm_90');
      expect(log).not.toMatch(/error|warning/i);
    },
  );
});
