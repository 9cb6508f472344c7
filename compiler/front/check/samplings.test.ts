import { describe, expect, it } from 'vitest';
import { translate } from '../../translate';

const HEAD = `@group(0) @binding(0) var<storage, read_write> out: array<f32>;
@group(0) @binding(1) var t: texture_2d<f32>;
@group(0) @binding(2) var u: texture_2d<f32>;
@group(0) @binding(3) var s: sampler;
@group(0) @binding(4) var n: sampler;
`;

function samplings(body: string) {
  const r = translate(HEAD + body, { file: 'pairs.wgsl', target: 'cpu' });
  if (!r.ok) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return Object.fromEntries(r.kernels.map((k) => [k.entryPoint, k.samplings]));
}

describe('texture-sampler pairs (WebGPU §8.1.1)', () => {
  it('reports each sampling call of an entry point by slot, at the call', () => {
    const pairs = samplings(`@compute @workgroup_size(1) fn main() {
  out[0] = textureSampleLevel(t, s, vec2f(0.5), 0.0).x + textureGather(1, u, n, vec2f(0.5)).x;
  out[1] = textureLoad(u, vec2i(0), 0).x;
}`);
    expect(pairs.main).toEqual([
      { texture: 1, sampler: 3, line: 7, col: 12 },
      { texture: 2, sampler: 4, line: 7, col: 58 },
    ]);
  });

  it('follows textures and samplers passed to functions, through every call site', () => {
    const pairs =
      samplings(`fn look(tex: texture_2d<f32>, smp: sampler) -> f32 { return textureSampleLevel(tex, smp, vec2f(0.5), 0.0).x; }
fn twice(tex: texture_2d<f32>) -> f32 { return look(tex, n) + look(t, s); }
@compute @workgroup_size(1) fn a() { out[0] = twice(u); }
@compute @workgroup_size(1) fn b() { out[0] = look(t, n); }
@compute @workgroup_size(1) fn c() { out[0] = textureLoad(t, vec2i(0), 0).x; }`);
    const at = { line: 6, col: 61 };
    expect(pairs.a).toEqual([
      { texture: 2, sampler: 4, ...at },
      { texture: 1, sampler: 3, ...at },
    ]);
    expect(pairs.b).toEqual([{ texture: 1, sampler: 4, ...at }]);
    expect(pairs.c).toEqual([]);
  });
});
