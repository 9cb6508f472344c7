import { describe, expect, it } from 'vitest';
import type { Stmt } from './front/ast';
import { Checker } from './front/check/checker';
import { parse } from './front/parser';
import { ModuleScope } from './front/scope';
import { boundedLoopTrips, countedLoop } from './loop-trips';
import { ModuleNames } from './namer';
import { translate } from './translate';

/** The first `for` statement of `fn main() { body }`, checked, with its checker. */
function firstFor(body: string, module = '') {
  const src = `${module}
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
var<private> n: u32;
fn helper() -> u32 { return 1u; }
@compute @workgroup_size(1) fn main() { ${body} }`;
  const scope = new ModuleScope(parse(src), {});
  scope.resolveModule();
  const checker = new Checker(scope, new ModuleNames(scope));
  const fi = checker.checkFunction('main', { line: 1, col: 1, offset: 0 });
  const loop = fi.decl.body.stmts.find((s): s is Extract<Stmt, { kind: 'for' }> => s.kind === 'for');
  if (!loop) throw new Error('no for statement');
  return { loop, checker };
}

/** boundedLoopTrips of the first `for` statement of `fn main() { body }`. */
function trips(body: string, module = ''): number | null {
  const { loop, checker } = firstFor(body, module);
  return boundedLoopTrips(loop, checker);
}

describe('boundedLoopTrips: a for loop whose counter is known ends within a known count', () => {
  it('counts the usual counted loops', () => {
    expect(trips('for (var i = 0u; i < 16u; i++) { out[i] = i; }')).toBe(16);
    expect(trips('for (var i = 0; i <= 10; i += 3) { out[0] += 1u; }')).toBe(4); // 0 3 6 9
    expect(trips('for (var i = 10; i > 0; i--) { }')).toBe(10);
    expect(trips('for (var i = 0u; 16u > i; i = i + 1u) { }')).toBe(16);
    expect(trips('for (var i = 0u; i < N; i++) { }', 'const N = 64u;')).toBe(64);
    expect(trips('for (var i = 0u; i < 8u && out[0] != 3u; i++) { }')).toBe(8);
  });

  it('counts a halving loop (reduce-workgroup: stride = 128 … 1)', () => {
    expect(trips('for (var s = WG / 2u; s > 0u; s = s / 2u) { }', 'const WG: u32 = 256u;')).toBe(8);
    expect(trips('for (var s = 1u << 31u; s != 0u; s >>= 1u) { }')).toBe(32);
  });

  it('follows 32-bit wrapping (WGSL §8.7), where unbounded integers would say "never ends"', () => {
    expect(trips('for (var i = 4294967290u; i > 5u; i++) { }')).toBe(6); // …95, then 0
    expect(trips('for (var i = 2147483600; i > 0; i += 10) { }')).toBe(5); // then negative
  });

  it('proves nothing for a loop that never ends or runs too long', () => {
    expect(trips('for (var i = 0u; i != 1u; i += 2u) { }')).toBeNull(); // even forever, wrapping
    expect(trips('for (var i = 0u; i < 100000u; i++) { }')).toBeNull();
    expect(trips('for (var i = 1u; i > 0u; i = i * 1u) { }')).toBeNull();
  });

  it('proves nothing when the bound or the start is not a constant', () => {
    expect(trips('for (var i = 0u; i < n; i++) { }')).toBeNull();
    expect(trips('for (var i = n; i < 4u; i++) { }')).toBeNull();
    expect(trips('for (var i = 0u; i < 4u; i += n) { }')).toBeNull();
    expect(trips('for (var i = 0u; out[i] < 4u; i++) { }')).toBeNull();
  });

  it('proves nothing when the body can change the counter', () => {
    expect(trips('for (var i = 0u; i < 16u; i++) { i = 0u; }')).toBeNull();
    expect(trips('for (var i = 0u; i < 16u; i++) { if (out[0] == 1u) { i--; } }')).toBeNull();
    expect(trips('for (var i = 0u; i < 16u; i++) { let p = &i; *p = 0u; }')).toBeNull();
  });

  it('proves nothing when an iteration is not straight-line work (nested loop, user call)', () => {
    expect(trips('for (var i = 0u; i < 4u; i++) { for (var j = 0u; j < 2u; j++) { } }')).toBeNull();
    expect(trips('for (var i = 0u; i < 4u; i++) { loop { } }')).toBeNull();
    expect(trips('for (var i = 0u; i < 4u; i++) { out[0] = helper(); }')).toBeNull();
    expect(trips('for (var i = 0u; i < 4u && helper() == 1u; i++) { }')).toBeNull();
  });
});

describe('the emitted loop stop', () => {
  const code = (wgsl: string) => {
    const r = translate(wgsl, { target: 'cuda' });
    if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
    return r.code;
  };
  it('passes a proven count to DUET_BOUNDED_LOOP_STOP and polls every other loop', () => {
    const c = code(`@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(1) fn main() {
  for (var i = 0u; i < 16u; i++) { out[i] = i; }
  for (var i = 0u; i < out[0]; i++) { out[1] += 1u; }
}`);
    expect(c).toContain('if (DUET_BOUNDED_LOOP_STOP(ctx.control, &ctx.stopped, duet_it0, 16u)) break;');
    expect(c).toContain('if (duet_loop_stop(ctx.control, &ctx.stopped, duet_it1)) break;');
  });
});

/** countedLoop of the first `for` statement of `fn main() { body }`. */
function counted(body: string) {
  const { loop, checker } = firstFor(body);
  return countedLoop(loop, checker);
}

describe('countedLoop: the values a counted loop runs its body with', () => {
  it('gives the trips, the counter range and whether the condition is that comparison alone', () => {
    expect(counted('for (var i = 0u; i < 16u; i++) { }')).toEqual({
      trips: 16,
      min: 0n,
      max: 15n,
      single: true,
    });
    expect(counted('for (var i = 10; i >= -2; i -= 4) { }')).toEqual({
      trips: 4,
      min: -2n,
      max: 10n,
      single: true,
    });
    expect(counted('for (var i = 0u; i < 8u && n > 2u; i++) { }')?.single).toBe(false);
  });

  it('allows loops inside the body but not a write to the counter at any depth', () => {
    expect(
      counted('for (var i = 0u; i < 4u; i++) { for (var j = 0u; j < n; j++) { out[j] = i; } }')?.max,
    ).toBe(3n);
    expect(counted('for (var i = 0u; i < 4u; i++) { loop { i = 0u; break; } }')).toBeNull();
    expect(counted('for (var i = 0u; i < 4u; i++) { for (var j = 0u; j < 2u; i++) { } }')).toBeNull();
    expect(counted('for (var i = 0u; i < 4u; i++) { let p = &i; }')).toBeNull();
  });
});
