import { describe, expect, it } from 'vitest';
import {
  failureClass,
  isComputeSource,
  isCorpusPath,
  nvccFailureClass,
  spreadSample,
  usesTextures,
} from './wgsl-coverage-corpus';

describe("selecting Tint's compute corpus", () => {
  it('takes test inputs, not expectation files, split into the main and generated sets', () => {
    expect(isCorpusPath('test/tint/bug/tint/369.wgsl', 'main')).toBe(true);
    expect(isCorpusPath('test/tint/bug/tint/369.wgsl.expected.wgsl', 'main')).toBe(false);
    expect(isCorpusPath('test/tint/builtins/gen/literal/abs/002533.wgsl', 'main')).toBe(false);
    expect(isCorpusPath('test/tint/builtins/gen/literal/abs/002533.wgsl', 'gen')).toBe(true);
    expect(isCorpusPath('src/tint/foo.wgsl', 'main')).toBe(false);
  });

  it('keeps compute shaders without Chromium-only extensions, ignoring comments', () => {
    expect(isComputeSource('@compute @workgroup_size(1) fn main() {}')).toBe(true);
    expect(isComputeSource('@fragment fn fs() {}\n// @compute is only mentioned here')).toBe(false);
    expect(
      isComputeSource(
        'enable chromium_experimental_framebuffer_fetch;\n@compute @workgroup_size(1) fn m() {}',
      ),
    ).toBe(false);
    expect(isComputeSource('enable f16;\n@compute @workgroup_size(1) fn m() {}')).toBe(true);
  });

  it('flags textures and samplers', () => {
    expect(usesTextures('@group(0) @binding(0) var t: texture_2d<f32>;')).toBe(true);
    expect(usesTextures('let c = textureLoad(t, vec2i(0), 0);')).toBe(true);
    expect(usesTextures('@group(0) @binding(1) var s: sampler;')).toBe(true);
    expect(usesTextures('var<private> textured: u32; // texture_2d in a comment')).toBe(false);
  });

  it('spreads a sample evenly, and a larger spread sample contains a smaller one of half the size', () => {
    const items = Array.from({ length: 2036 }, (_, i) => i);
    const s300 = spreadSample(items, 300);
    const s600 = spreadSample(items, 600);
    expect(s300).toHaveLength(300);
    expect(s300[0]).toBe(0);
    expect(s300[299]).toBe(Math.floor((299 * 2036) / 300));
    expect(s300.every((x) => s600.includes(x))).toBe(true);
    expect(spreadSample(items)).toHaveLength(2036);
  });
});

describe('failure classes', () => {
  it('groups diagnostics that differ only in names and numbers', () => {
    expect(failureClass("type 'texture_2d' (textures and samplers) is not supported yet")).toBe(
      failureClass("type 'sampler' (textures and samplers) is not supported yet"),
    );
    expect(failureClass('index 10000 is out of bounds\nk.wgsl:1:1: note: …')).toBe(
      'index N is out of bounds',
    );
  });

  it("takes nvcc's first error", () => {
    const log =
      'k.cu(12): warning #1: x\nk.cu(40): error: no instance of overloaded function "duet_mod" matches\n';
    expect(nvccFailureClass(log)).toBe('nvcc: no instance of overloaded function "…" matches');
  });
});
