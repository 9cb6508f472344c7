import { describe, expect, it } from 'vitest';
import { COMPARE_FUNCTIONS } from '../../core/texture-formats';
import { generateDepthCubeProgram } from './depth-cube-textures';
import { itChecksTextureBatches } from './texture-batch-tests';
import { BINDINGS_PER_PROGRAM } from './textures';

const SEEDS = Array.from({ length: 30 }, (_, i) => i);
/** Four programs share a module as the oracle batches them (exploits/difffuzz/texture-check.ts). */
const batch = (s: number) =>
  [0, 1, 2, 3].map((i) => generateDepthCubeProgram(s * 4 + i, `p${i}_`, 1 + i * BINDINGS_PER_PROGRAM));

/** Face coordinates (s, t) of a cube direction (Vulkan "Cube Map Face Selection", as common.h). */
function faceST([x, y, z]: number[]): [number, number] {
  const [ax, ay, az] = [Math.abs(x!), Math.abs(y!), Math.abs(z!)];
  const [sc, tc, ma] =
    az >= ax && az >= ay
      ? [z! < 0 ? -x! : x!, -y!, az]
      : ay >= ax
        ? [x!, y! < 0 ? -z! : z!, ay]
        : [x! < 0 ? z! : -z!, -y!, ax];
  return [(sc / ma + 1) / 2, (tc / ma + 1) / 2];
}

describe('difffuzz depth and cube texture generator', () => {
  it('is deterministic: a seed always gives the same program', () => {
    expect(generateDepthCubeProgram(7)).toEqual(generateDepthCubeProgram(7));
    expect(generateDepthCubeProgram(7)).not.toEqual(generateDepthCubeProgram(8));
  });

  itChecksTextureBatches(SEEDS, batch, (seed) => `texfuzz-depth-${seed}.wgsl`);

  const programs = Array.from({ length: 400 }, (_, s) => generateDepthCubeProgram(s));

  it('covers depth, comparison and cube constructs over a seed range', () => {
    const text = programs.map((p) => [...p.decls, ...p.body].join('\n')).join('\n');
    for (const feature of [
      /: texture_depth_2d;/,
      /: texture_depth_2d_array;/,
      /: texture_depth_cube;/,
      /: texture_depth_cube_array;/,
      /: texture_cube<f32>/,
      /: texture_cube_array<[iu]32>/,
      /textureSampleCompareLevel\(p0_t, p0_sc, vec2<f32>\([^;]*, vec2<i32>\(/, // with an offset
      /textureSampleCompareLevel\(p0_t, p0_sc, vec3<f32>\([^;]*[iu], /, // a cube array's cube
      /textureSampleCompareLevel\([^;]*, nan\)/,
      /textureSampleCompareLevel\([^;]*, -0\.5f\)/, // a reference below [0, 1]
      /textureGatherCompare\(p0_t, p0_sc, vec3<f32>\(/,
      /textureSampleLevel\(p0_t, p0_s, vec2<f32>\([^;]*, 99[iu]\)/, // a depth level past the chain
      /textureGather\(p0_t, p0_s, /, // a depth gather (no component)
      /textureGather\([0-3][iu], p0_t, p0_s, vec3<f32>\(/, // a colour cube gather
      /textureLoad\(p0_t, [^;]*-1i/,
      /textureNumLayers\(/,
    ])
      expect(text).toMatch(feature);
    const bindings = programs.flatMap((p) => p.bindings);
    expect(new Set(bindings.map((b) => b.format).filter((f) => f?.startsWith('depth')))).toEqual(
      new Set(['depth16unorm', 'depth32float']),
    );
    const comparisons = bindings.filter((b) => b.sampler?.compare);
    expect(new Set(comparisons.map((b) => b.sampler?.compare))).toEqual(new Set(COMPARE_FUNCTIONS));
    expect(new Set(comparisons.map((b) => b.sampler?.magFilter))).toEqual(new Set(['nearest', 'linear']));
    // A filtering non-comparison sampler on a depth texture is refused by WebGPU: never generated.
    for (const p of programs)
      if (p.bindings.some((b) => b.format?.startsWith('depth')))
        for (const b of p.bindings.filter((x) => x.kind === 'sampler' && !x.sampler?.compare))
          expect([b.sampler?.magFilter, b.sampler?.minFilter, b.sampler?.mipmapFilter]).toEqual([
            'nearest',
            'nearest',
            'nearest',
          ]);
  });

  it('crosses cube face edges and corners with 2×2 lookups (seamless filtering is compared, not avoided)', () => {
    let edges = 0;
    let corners = 0;
    for (const p of programs) {
      const t = p.bindings.find((b) => b.kind === 'texture' && b.dimension?.startsWith('cube'));
      if (!t) continue;
      const w = t.size![0]!;
      for (const line of p.body) {
        const m = /textureGather(?:Compare)?\([^;]*?vec3<f32>\(([^)]*)\)/.exec(line);
        if (!m) continue;
        // A gather reads texels floor(s w - 0.5) and the next: past an edge within half a texel of it.
        const past = faceST(m[1]!.split(', ').map((x) => Number.parseFloat(x))).map(
          (c) => c * w < 0.5 || c * w > w - 0.5,
        );
        if (past[0] && past[1]) corners++;
        else if (past[0] || past[1]) edges++;
      }
    }
    expect(edges).toBeGreaterThan(50);
    expect(corners).toBeGreaterThan(10);
  });
});
