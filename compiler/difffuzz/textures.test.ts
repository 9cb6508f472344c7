import { describe, expect, it } from 'vitest';
import { TEXTURE_FORMATS } from '../../core/texture-formats';
import { itChecksTextureBatches } from './texture-batch-tests';
import { BINDINGS_PER_PROGRAM, generateTextureProgram } from './textures';

const SEEDS = Array.from({ length: 40 }, (_, i) => i);
/** Four programs share a module as the oracle batches them (exploits/difffuzz/texture-check.ts). */
const batch = (s: number) =>
  [0, 1, 2, 3].map((i) => generateTextureProgram(s * 4 + i, `p${i}_`, 1 + i * BINDINGS_PER_PROGRAM));

describe('difffuzz texture generator', () => {
  it('is deterministic: a seed always gives the same program', () => {
    expect(generateTextureProgram(7)).toEqual(generateTextureProgram(7));
    expect(generateTextureProgram(7)).not.toEqual(generateTextureProgram(8));
  });

  itChecksTextureBatches(SEEDS, batch, (seed) => `texfuzz-${seed}.wgsl`);

  it('covers the texture constructs the fuzzer exists for, over a seed range', () => {
    const programs = Array.from({ length: 400 }, (_, s) => generateTextureProgram(s));
    const text = programs.map((p) => [...p.decls, ...p.body].join('\n')).join('\n');
    for (const feature of [
      /texture_1d</,
      /texture_2d_array</,
      /texture_3d</,
      /texture_storage_\w+<\w+, write>/,
      /texture_storage_\w+<\w+, read>/,
      /texture_storage_\w+<r32\w+, read_write>/,
      /textureLoad\(p0_t, [^;]*-1i/, // negative coordinate or level
      /textureLoad\(p0_t, [^;]*4294967295u/, // a u32 far past the end
      /textureStore\([^;]*vec4<u32>\([^)]*\b(256|300|65536|70000)u/, // an integer the format cannot hold
      /textureSampleLevel\([^;]*vec2<i32>\(/, // with an offset
      /textureSampleLevel\([^;]*, 40\.0\)/, // a level past the chain
      /textureSampleLevel\(p0_t, p0_s, -?[0-9.]+f?, /, // a 1d texture
      /textureGather\([0-3][iu], /,
      /textureDimensions\(p0_t, /,
      /textureNumLevels\(/,
      /textureNumLayers\(/,
      /let p0_tl = p0_t;[\s\S]*textureSampleLevel\(p0_tl, p0_sl, /, // texture_and_sampler_let
      /textureLoad\(p0_tl, /,
    ])
      expect(text).toMatch(feature);
    const formats = new Set(programs.flatMap((p) => p.bindings.map((b) => b.format)));
    // Depth formats are depth-cube-textures.ts's (its test checks both appear).
    expect(TEXTURE_FORMATS.filter((f) => !f.depth && !formats.has(f.name)).map((f) => f.name)).toEqual([]);
    const samplers = programs.flatMap((p) => p.bindings.filter((b) => b.kind === 'sampler'));
    const modes = new Set(samplers.flatMap((b) => Object.values((b.sampler?.addressMode ?? {}) as object)));
    expect([...modes].sort()).toEqual(['clamp-to-edge', 'mirror-repeat', 'repeat']);
    expect(
      samplers.some((b) => b.sampler?.minFilter === 'linear' && b.sampler?.mipmapFilter === 'linear'),
    ).toBe(true);
  });
});
