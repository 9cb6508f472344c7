import { describe, expect, it } from 'vitest';
import { formatDiagnostic, translate } from '../../index';
import { BUILTINS } from './builtin-table';
import { SUBGROUP_BUILTINS } from './subgroup-table';

const HEAD = `var<workgroup> counter: atomic<u32>;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
`;

/** The first diagnostic of a kernel whose body is `line` (line 4, or 5 after `enables`), or '' when it translates. */
function first(line: string, enables = ''): string {
  const r = translate(
    `${enables}${HEAD}@compute @workgroup_size(32) fn main() {\n  ${line}\n  out[0] = 1u;\n}\n`,
    {
      file: 'k.wgsl',
      target: 'cuda',
    },
  );
  if (r.ok) return '';
  return formatDiagnostic(r.diagnostics[0]!);
}

describe('built-in calls, resolved from the tables (WGSL §17)', () => {
  it('checks the argument count before the argument types, at the call', () => {
    expect(first('let x = abs(true, 1);')).toBe("k.wgsl:4:11: error: 'abs' takes 1 argument, got 2");
    expect(first('let x = clamp(1, 2);')).toBe("k.wgsl:4:11: error: 'clamp' takes 3 arguments, got 2");
    expect(first('workgroupBarrier(1);')).toBe(
      "k.wgsl:4:3: error: 'workgroupBarrier' takes 0 arguments, got 1",
    );
  });

  it('gives every argument-type mismatch the one overload message', () => {
    expect(first('let x = sign(1u);')).toBe("k.wgsl:4:11: error: no overload of 'sign' for (u32)");
    expect(first('let x = cross(vec2f(1.0), vec2f(2.0));')).toBe(
      "k.wgsl:4:11: error: no overload of 'cross' for (vec2<f32>, vec2<f32>)",
    );
    expect(first('let x = pack4x8snorm(vec2f(1.0));')).toBe(
      "k.wgsl:4:11: error: no overload of 'pack4x8snorm' for (vec2<f32>)",
    );
  });

  it('computes the result type by the entry’s rule (AbstractInt concretized where the spec says)', () => {
    // countOneBits(AbstractInt) is i32; dot(vec3<i32>) is i32; unpack4x8unorm is vec4<f32>.
    expect(first('let x: u32 = countOneBits(5);')).toBe('k.wgsl:4:16: error: cannot initialize u32 with i32');
    expect(first('let x: u32 = dot(vec3i(1), vec3i(2));')).toBe(
      'k.wgsl:4:16: error: cannot initialize u32 with i32',
    );
    expect(first('let x: f32 = unpack4x8unorm(1u);')).toBe(
      'k.wgsl:4:16: error: cannot initialize f32 with vec4<f32>',
    );
    expect(first('let x = modf(1.5).whole + frexp(vec2f(1.0)).fract.y;')).toBe('');
  });

  it('wants a pointer to an atomic before it counts an atomic call’s arguments', () => {
    expect(first('let x = atomicAdd(1);')).toBe(
      "k.wgsl:4:11: error: 'atomicAdd' needs a pointer to an atomic as its first argument",
    );
    expect(first('let x = atomicAdd(&counter);')).toBe(
      "k.wgsl:4:11: error: 'atomicAdd' takes 2 arguments, got 1",
    );
    expect(first('let x = atomicAdd(&counter, 1u);')).toBe('');
  });

  it('refuses a call of one returning nothing where a value is needed', () => {
    expect(first('let x = atomicStore(&counter, 1u);')).toBe(
      "k.wgsl:4:11: error: 'atomicStore' returns nothing",
    );
  });

  it('needs `enable subgroups;` for the whole subgroup family, known or not', () => {
    expect(first('let x = subgroupAdd(1u);')).toBe(
      "k.wgsl:4:11: error: subgroup operations require 'enable subgroups;'",
    );
    expect(first('let x = subgroupFoo(1u);')).toBe(
      "k.wgsl:4:11: error: subgroup operations require 'enable subgroups;'",
    );
    expect(first('let x = subgroupFoo(1u);', 'enable subgroups;\n')).toBe(
      "k.wgsl:5:11: error: 'subgroupFoo' (this subgroup operation) is not supported yet",
    );
    expect(first('let x = subgroupShuffle(1u, 1.5);', 'enable subgroups;\n')).toBe(
      "k.wgsl:5:11: error: no overload of 'subgroupShuffle' for (u32, abstract-float)",
    );
  });

  it('refuses derivatives (fragment shaders only), and names no table lacks as unknown', () => {
    expect(first('let x = dpdx(1.0);')).toBe(
      "k.wgsl:4:11: error: 'dpdx' can only be used in a fragment shader: derivatives exist only between fragments (WGSL §16.7, §16.8)",
    );
    // textureBarrier is a compute built-in (WGSL §16.11): a workgroup barrier over storage textures.
    expect(first('textureBarrier();')).toBe('');
    expect(first('let x = frobnicate(1);')).toBe("k.wgsl:4:11: error: unknown function 'frobnicate'");
    // The tables are maps: names of Object.prototype are not built-ins.
    expect(first('let x = toString(1);')).toBe("k.wgsl:4:11: error: unknown function 'toString'");
  });

  it('cites a section of the WGSL spec for every entry', () => {
    for (const [name, fn] of [...BUILTINS, ...SUBGROUP_BUILTINS]) {
      expect(fn.spec, name).toMatch(/^#[a-z0-9-]+$/);
      expect(fn.arity, name).toBeGreaterThanOrEqual(0);
    }
  });
});
