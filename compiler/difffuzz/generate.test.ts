import { describe, expect, it } from 'vitest';
import { translate } from '../translate';
import { generateProgram, inputWords } from './generate';
import { printModule } from './program';

const SEEDS = Array.from({ length: 60 }, (_, i) => i);

describe('difffuzz generator', () => {
  it('is deterministic: a seed always prints the same module', () => {
    expect(printModule([generateProgram(7)]).wgsl).toBe(printModule([generateProgram(7)]).wgsl);
    expect(printModule([generateProgram(7)]).wgsl).not.toBe(printModule([generateProgram(8)]).wgsl);
    expect(inputWords(3)).toEqual(inputWords(3));
  });

  it.each(SEEDS)('program %i is valid WGSL: the translator accepts it for both targets', (seed) => {
    const { wgsl } = printModule([generateProgram(seed)]);
    for (const target of ['cpu', 'cuda'] as const) {
      const r = translate(wgsl, { file: `difffuzz-${seed}.wgsl`, target });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      expect(
        errors.map((d) => `${d.line}:${d.col} ${d.message}`).join('\n') + (r.ok ? '' : `\n${wgsl}`),
      ).toBe('');
    }
  });

  it('covers the feature classes the fuzzer exists for, over a seed range', () => {
    const text = SEEDS.map((s) => printModule([generateProgram(s)]).wgsl).join('\n');
    for (const feature of [
      /const \w+ = [^;]*\d{13,}/, // AbstractInt beyond 2^32 and beyond doubles' 2^53
      /u32\(\w+ & 0xffffffff\)/, // AbstractInt concretized through a 64-bit &
      /16777217\.0/, // AbstractFloat not representable in f32
      /ptr<function, i32>/,
      /&v\d+/,
      /for \(var/,
      /while \(/,
      /continuing \{/,
      /switch \(/,
      /break;|continue;/,
      /array<i32, 4>/,
      /p0_S\(/,
      /extractBits|insertBits/,
      /countOneBits|reverseBits/,
      / \/ |% /,
      /pack4x8snorm|pack4xI8/,
      /select\(/,
      /const \w+ = vec[34]\(/, // a module-scope const vector, read by component
      /vec[234]\([^;]*\)\.\w+\.[xyzw]|vec[234]\([^;]*\)\.[xyzw]/, // a component or swizzle of a const vector
      /dot\(vec2\(/,
      /clamp\(\(?-?\d/, // clamp of AbstractInts
      /\(vec2\([^;]*\) \+ vec2\(0, /, // a vector operator folded lane by lane
      /max\(vec2\(/, // a @const built-in of vectors
      /floor\(|fract\(|sqrt\(|saturate\(/, // float @const built-ins folded in f64
      /\.[xyzw]{2}\.[xyzw] [-+*^|]?= |\.[rgba]{2}\.[rgba] [-+*^|]?= /, // a chained swizzle assigned (swizzle_assignment)
      /\.(?:[xyzw]{2,4}|[rgba]{2,4}) [+]?= /, // a permutation swizzle assigned
      /\.(?:[xyzw]{2,4}|[rgba]{2,4})\[\(/, // an indexed swizzle assigned
    ])
      expect(text).toMatch(feature);
  });

  it('shadows names in nested scopes', () => {
    const shadowed = SEEDS.some((s) => {
      const lines = printModule([generateProgram(s)]).wgsl.split('\n');
      const decls = lines.map((l) => /^\s*(?:let|var) (v\d+)\b/.exec(l)?.[1]).filter(Boolean);
      return new Set(decls).size < decls.length;
    });
    expect(shadowed).toBe(true);
  });
});
