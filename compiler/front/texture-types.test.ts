import { describe, expect, it } from 'vitest';
import { STORAGE_TEXTURE_FORMATS } from '../../core/texture-formats';
import { formatDiagnostic, translate } from '../index';

/** The diagnostics of a module (one compute entry is added when it has none), or [] when it translates. */
function errors(src: string): string[] {
  const wgsl = src.includes('@compute') ? src : `${src}\n@compute @workgroup_size(1) fn main() {}`;
  const r = translate(wgsl, { file: 'k.wgsl', target: 'cpu' });
  return r.ok ? [] : r.diagnostics.map(formatDiagnostic);
}

/** A kernel whose body uses the declarations `decls`: its first diagnostic, or ''. */
function first(decls: string, body: string): string {
  return errors(`${decls}\n@compute @workgroup_size(1) fn main() {\n  ${body}\n}`)[0] ?? '';
}

const T = '@group(0) @binding(0) var t: texture_2d<f32>;';

describe('texture and sampler types (WGSL §6.5)', () => {
  it.each([
    ['texture_1d<f32>', 'texture', { kind: 'texture', dimension: '1d', sampled: 'f32' }],
    ['texture_2d<i32>', 'texture', { kind: 'texture', dimension: '2d', sampled: 'i32' }],
    ['texture_2d_array<u32>', 'texture', { kind: 'texture', dimension: '2d-array', sampled: 'u32' }],
    ['texture_3d<f32>', 'texture', { kind: 'texture', dimension: '3d', sampled: 'f32' }],
    [
      'texture_storage_2d<rgba8unorm, write>',
      'storage-texture',
      { kind: 'storage-texture', dimension: '2d', format: 'rgba8unorm', access: 'write' },
    ],
    [
      'texture_storage_2d_array<r32float, read_write>',
      'storage-texture',
      { kind: 'storage-texture', dimension: '2d-array', format: 'r32float', access: 'read_write' },
    ],
    [
      'texture_storage_1d<rgba32uint, read>',
      'storage-texture',
      { kind: 'storage-texture', dimension: '1d', format: 'rgba32uint', access: 'read' },
    ],
    [
      'texture_storage_3d<rgba16float, write>',
      'storage-texture',
      { kind: 'storage-texture', dimension: '3d', format: 'rgba16float', access: 'write' },
    ],
    ['sampler', 'sampler', { kind: 'sampler', comparison: false }],
  ])('%s is a %s binding with its resource info', (type, kind, resource) => {
    const r = translate(
      `@group(1) @binding(3) var h: ${type};\n@compute @workgroup_size(1) fn main() { _ = h; }`,
      {
        target: 'cpu',
      },
    );
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    expect(r.bindings).toHaveLength(1);
    const b = r.bindings[0]!;
    expect(b).toMatchObject({ group: 1, binding: 3, kind, type, resource });
    // The slot's fixed part: the 32-byte header (or sampler descriptor), as eight u32 words.
    expect(b.layout).toMatchObject({ kind: 'struct', size: 32 });
    expect(r.kernels[0]!.usedSlots).toEqual([0]);
  });

  it('needs at least a header and one texel (a storage texture: one texel of its format), or a descriptor', () => {
    const r = translate(
      `@group(0) @binding(0) var a: texture_2d<f32>;
@group(0) @binding(1) var b: texture_storage_2d<rgba32float, write>;
@group(0) @binding(2) var c: sampler;
@compute @workgroup_size(1) fn main() { _ = a; _ = b; _ = c; }`,
      { target: 'cpu' },
    );
    if (!r.ok) throw new Error(r.diagnostics.map(formatDiagnostic).join('\n'));
    expect(r.bindings.map((b) => b.minBytes)).toEqual([33, 48, 32]);
  });

  it('takes every storage format WebGPU core has, with the accesses the format allows', () => {
    for (const f of STORAGE_TEXTURE_FORMATS)
      for (const a of f.storageAccess)
        expect(
          errors(`@group(0) @binding(0) var s: texture_storage_2d<${f.name}, ${a}>;`),
          `${f.name} ${a}`,
        ).toEqual([]);
  });

  it.each([
    ['texture_2d<bool>', "k.wgsl:1:41: error: the sampled type of 'texture_2d' must be f32, i32 or u32"],
    ['texture_2d<vec4f>', "k.wgsl:1:41: error: the sampled type of 'texture_2d' must be f32, i32 or u32"],
    ['texture_2d', "k.wgsl:1:30: error: 'texture_2d' takes one template argument, its sampled type"],
    ['sampler<f32>', "k.wgsl:1:30: error: type 'sampler' takes no template arguments"],
    [
      'texture_storage_2d<rgba8unorm>',
      "k.wgsl:1:30: error: 'texture_storage_2d' takes two template arguments: a texel format and an access mode",
    ],
    [
      'texture_storage_2d<rgba8unorm, readwrite>',
      'k.wgsl:1:61: error: expected an access mode: read, write or read_write',
    ],
    [
      'texture_storage_2d<rgba8unorm, read_write>',
      "k.wgsl:1:61: error: 'rgba8unorm' storage textures cannot be read_write: WebGPU core allows write or read (read_write only for r32float, r32sint and r32uint)",
    ],
    [
      'texture_storage_2d<r8unorm, write>',
      `k.wgsl:1:49: error: 'r8unorm' is not a storage texel format (it can only be sampled); one of ${STORAGE_TEXTURE_FORMATS.map((f) => f.name).join(', ')}`,
    ],
    [
      'texture_storage_2d<rgba9unorm, write>',
      `k.wgsl:1:49: error: 'rgba9unorm' is not a storage texel format; one of ${STORAGE_TEXTURE_FORMATS.map((f) => f.name).join(', ')}`,
    ],
    [
      'texture_storage_1d<bgra8unorm, read>',
      "k.wgsl:1:61: error: 'bgra8unorm' storage textures cannot be read: WebGPU core allows write (read_write only for r32float, r32sint and r32uint)",
    ],
    [
      'texel_buffer<rgba8snorm, read>',
      "k.wgsl:1:30: error: 'texel_buffer' (texel buffers (the experimental texel_buffers language feature)) is not supported yet",
    ],
    [
      'texture_multisampled_2d<f32>',
      "k.wgsl:1:30: error: 'texture_multisampled_2d' (multisampled textures (only a render pass can fill one)) is not supported yet",
    ],
    [
      'texture_external',
      "k.wgsl:1:30: error: 'texture_external' (external textures (video frames)) is not supported yet",
    ],
    [
      'texture_depth_multisampled_2d',
      "k.wgsl:1:30: error: 'texture_depth_multisampled_2d' (multisampled depth textures) is not supported yet",
    ],
    ['texture_depth_2d<f32>', "k.wgsl:1:30: error: type 'texture_depth_2d' takes no template arguments"],
    ['sampler_comparison<f32>', "k.wgsl:1:30: error: type 'sampler_comparison' takes no template arguments"],
    ['texture_cube<bool>', "k.wgsl:1:43: error: the sampled type of 'texture_cube' must be f32, i32 or u32"],
  ])('refuses %s at its position', (type, message) => {
    expect(errors(`@group(0) @binding(0) var t: ${type};`)[0]).toBe(message);
  });
});

describe('handles: module-scope vars without an address space (WGSL §7.3, §13.3.2)', () => {
  it.each([
    [
      '@group(0) @binding(0) var<private> t: texture_2d<f32>;',
      'k.wgsl:1:23: error: texture_2d<f32> cannot be in the private address space; declare it without one: `var t: texture_2d<f32>;` (WGSL §7.3)',
    ],
    ['var t: texture_2d<f32>;', "k.wgsl:1:1: error: texture_2d<f32> variable 't' needs @group and @binding"],
    ['@group(0) var s: sampler;', "k.wgsl:1:11: error: sampler variable 's' needs @group and @binding"],
    [
      '@group(0) @binding(0) var x: u32;',
      'k.wgsl:1:30: error: a module-scope var without an address space must be a texture or sampler, not u32 (write var<private> or var<storage>)',
    ],
    [
      '@group(0) @binding(0) var<storage> b: array<sampler>;',
      'k.wgsl:1:45: error: an array cannot hold sampler (textures and samplers are handles)',
    ],
    [
      'struct S { t: texture_2d<f32> }',
      'k.wgsl:1:12: error: struct members cannot be texture_2d<f32> (textures and samplers are handles)',
    ],
    [
      'alias P = ptr<private, sampler>;',
      'k.wgsl:1:24: error: there are no pointers to sampler (textures and samplers are handles)',
    ],
  ])('%s', (src, message) => {
    // The struct and the function are checked only when used.
    const used = src.startsWith('struct')
      ? `${src}\n@group(0) @binding(0) var<storage, read_write> o: array<S>;\n@compute @workgroup_size(1) fn main() { _ = o[0]; }`
      : src;
    expect(errors(used)[0]).toBe(message);
  });

  it('refuses assignment, address-of, var, const and returns of a handle, at the offending code', () => {
    const U = '@group(0) @binding(1) var u: texture_2d<f32>;';
    expect(first(`${T}\n${U}`, 't = u;')).toBe(
      'k.wgsl:4:3: error: cannot assign to texture_2d<f32> (textures and samplers are read-only handles)',
    );
    expect(first(T, 'let p = &t;')).toBe(
      'k.wgsl:3:11: error: cannot take the address of texture_2d<f32> (WGSL §6.4.3: handles have no pointers)',
    );
    expect(first(T, 'var c: texture_2d<f32>;')).toBe(
      'k.wgsl:3:3: error: a var cannot hold texture_2d<f32>; use the module-scope variable, a let or a function parameter',
    );
    expect(first(T, 'var c = t;')).toBe(
      'k.wgsl:3:3: error: a var cannot hold texture_2d<f32>; use the module-scope variable, a let or a function parameter',
    );
    // texture_and_sampler_let: a let may hold it, but is no more assignable than the variable.
    expect(first(T, 'let c = t; c = t;')).toBe(
      'k.wgsl:3:14: error: cannot assign to texture_2d<f32> (textures and samplers are read-only handles)',
    );
    expect(
      errors(
        `${T}\nfn pick() -> texture_2d<f32> { return t; }\n@compute @workgroup_size(1) fn main() { _ = pick(); }`,
      )[0],
    ).toBe('k.wgsl:2:14: error: a function cannot return texture_2d<f32>');
    expect(first(T, 'let x = select(t, t, true);')).toBe(
      "k.wgsl:3:11: error: no overload of 'select' for (texture_2d<f32>, texture_2d<f32>, bool)",
    );
    expect(first(T, 'let x = t + 1;')).toMatch(/^k\.wgsl:3:1[13]: error: /);
  });

  it('passes a texture and a sampler to a function parameter, whose type must match', () => {
    const S = '@group(0) @binding(1) var s: sampler;';
    const f =
      'fn f(x: texture_2d<f32>, y: sampler) -> vec4f { return textureSampleLevel(x, y, vec2f(0.5), 0.0); }';
    expect(errors(`${T}\n${S}\n${f}\n@compute @workgroup_size(1) fn main() { _ = f(t, s); }`)).toEqual([]);
    const g = 'fn g(x: texture_2d<i32>) -> u32 { return textureNumLevels(x); }';
    expect(errors(`${T}\n${g}\n@compute @workgroup_size(1) fn main() { _ = g(t); }`)[0]).toBe(
      "k.wgsl:3:47: error: argument 1 of 'g': cannot pass texture_2d<f32> as texture_2d<i32>",
    );
  });

  it('takes a phony assignment of a handle (it joins the resource interface, WGSL §13.3.2)', () => {
    const r = translate(`${T}\n@compute @workgroup_size(1) fn main() { _ = t; }`, { target: 'cpu' });
    expect(r.ok && r.kernels[0]!.usedSlots).toEqual([0]);
  });
});
