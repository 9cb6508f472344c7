import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expr } from '../front/ast';
import { Checker } from '../front/check/checker';
import { parse } from '../front/parser';
import { ModuleScope } from '../front/scope';
import { ModuleNames } from '../namer';
import { translate } from '../translate';
import { IndexRanges } from './cpu-index-ranges';
import { exprsOfStmt, someExpr, stmtsDeep } from './fission-shape';

/** Whether the analysis proves the index of the assignment to `t[...]` in `main` in bounds. */
function proven(body: string, size: [number, number, number], length = 16, module = ''): boolean {
  const src = `${module}
var<workgroup> t: array<u32, ${length}>;
var<private> n: u32;
@compute @workgroup_size(${size.join(', ')})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) li: u32) { ${body} }`;
  const scope = new ModuleScope(parse(src), {});
  scope.resolveModule();
  const checker = new Checker(scope, new ModuleNames(scope));
  const fi = checker.checkFunction('main', { line: 1, col: 1, offset: 0 });
  const ranges = new IndexRanges(checker, fi, size);
  let index: Extract<Expr, { kind: 'index' }> | undefined;
  for (const s of stmtsDeep(fi.decl.body.stmts))
    for (const e of exprsOfStmt(s))
      someExpr(e, (x) => {
        if (x.kind === 'index' && x.base.kind === 'ident' && x.base.name === 't') index = x;
        return false;
      });
  if (!index) throw new Error('no t[...] in the body');
  return ranges.inBounds(index);
}

describe('IndexRanges: indices proven inside fixed-size arrays (the CPU backend drops their clamp)', () => {
  it('proves local ids, the local index, counted loop counters and lets of them', () => {
    expect(proven('t[lid.x] = 1u;', [16, 1, 1])).toBe(true);
    expect(proven('t[lid.y * 4u + lid.x] = 1u;', [4, 4, 1])).toBe(true);
    expect(proven('t[li] = 1u;', [8, 2, 1])).toBe(true);
    expect(proven('for (var k = 0u; k < 16u; k++) { t[k] = 1u; }', [1, 1, 1])).toBe(true);
    expect(proven('for (var k = 15; k >= 0; k--) { t[k] = 1u; }', [1, 1, 1])).toBe(true);
    expect(proven('for (var k = 0u; k < 4u; k++) { let j = k * 4u + lid.x; t[j] = 1u; }', [4, 1, 1])).toBe(
      true,
    );
    expect(proven('t[(li + 3u) % 16u] = 1u;', [64, 1, 1])).toBe(true);
    expect(proven('t[min(li, 15u)] = 1u;', [64, 1, 1])).toBe(true);
    expect(proven('t[li >> 2u] = 1u;', [64, 1, 1])).toBe(true);
    // A counted loop with a loop inside it: the counter is still known there.
    expect(
      proven('for (var k = 0u; k < 16u; k++) { for (var j = 0u; j < n; j++) { t[k] = j; } }', [1, 1, 1]),
    ).toBe(true);
  });

  it('keeps the clamp one step outside a proof', () => {
    expect(proven('for (var k = 0u; k <= 16u; k++) { t[k] = 1u; }', [1, 1, 1])).toBe(false);
    expect(proven('t[lid.x + 1u] = 1u;', [16, 1, 1])).toBe(false);
    expect(proven('t[li] = 1u;', [17, 1, 1])).toBe(false);
    expect(proven('for (var k = 0u; k < 16u; k++) { if (k == 3u) { k = 40u; } t[k] = 1u; }', [1, 1, 1])).toBe(
      false,
    );
    expect(proven('for (var k = 0u; k < 16u; k++) { let p = &k; *p = 40u; t[k] = 1u; }', [1, 1, 1])).toBe(
      false,
    );
    expect(proven('t[li - 1u] = 1u;', [16, 1, 1])).toBe(false); // wraps for li = 0
    expect(proven('t[max(li - 1u, 0u)] = 1u;', [16, 1, 1])).toBe(false); // max of the wrapped 4294967295
    expect(proven('t[min(li + 4294967295u, 15u)] = 1u;', [16, 1, 1])).toBe(false);
    expect(proven('t[(li + 4294967295u) % 16u] = 1u;', [16, 1, 1])).toBe(false); // wraps before the %
    expect(proven('var j = lid.x; t[j] = 1u;', [16, 1, 1])).toBe(false); // a var can change
    expect(proven('t[n] = 1u;', [1, 1, 1])).toBe(false);
    expect(proven('for (var k = 0u; k < n; k++) { t[k] = 1u; }', [1, 1, 1])).toBe(false);
    expect(proven('for (var k = 0u; k < 16u; k++) { } t[lid.x % 17u] = 1u;', [32, 1, 1])).toBe(false);
    expect(proven('t[li / (lid.x & 0u)] = 1u;', [16, 1, 1])).toBe(false); // a divisor that can be 0
  });

  it('leaves the CUDA output alone and drops the clamp only in the CPU output', () => {
    const src = `var<workgroup> t: array<u32, 16>;
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
@compute @workgroup_size(16) fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  t[lid.x] = lid.x;
  workgroupBarrier();
  out[lid.x] = t[(lid.x + 1u) % 16u] + t[lid.x + 1u];
}`;
    const cpu = translate(src, { target: 'cpu' });
    const cuda = translate(src, { target: 'cuda' });
    if (!cpu.ok || !cuda.ok) throw new Error('translation failed');
    expect(cpu.code).toContain('duet_in(ctx.wg->t, lid.x) = lid.x;');
    expect(cpu.code).toContain('duet_in(ctx.wg->t, duet_mod((lid.x + 1u), 16u))');
    expect(cpu.code).toContain('ctx.wg->t[lid.x + 1u]');
    expect(cuda.code).not.toContain('duet_in(');
  });
});

// ---- the property: whatever the analysis proves holds for every value the index takes ----------------

type Tree =
  | { k: 'lit'; v: number }
  | { k: 'lx' | 'ly' | 'li' | 'counter' }
  | { k: 'bin'; op: string; a: Tree; b: Tree }
  | { k: 'min' | 'max'; a: Tree; b: Tree };

const U32 = 2n ** 32n;
const OPS = ['+', '-', '*', '/', '%', '&'];

const tree: fc.Arbitrary<Tree> = fc.letrec<{ t: Tree }>((tie) => ({
  t: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.oneof(
      fc.record({
        k: fc.constant('lit' as const),
        v: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constant(4294967295)),
      }),
      fc.constantFrom<Tree>({ k: 'lx' }, { k: 'ly' }, { k: 'li' }, { k: 'counter' }),
    ),
    fc.record({ k: fc.constant('bin' as const), op: fc.constantFrom(...OPS), a: tie('t'), b: tie('t') }),
    fc.record({
      k: fc.constant('bin' as const),
      op: fc.constantFrom('<<', '>>'),
      a: tie('t'),
      b: fc.record({ k: fc.constant('lit' as const), v: fc.integer({ min: 0, max: 31 }) }),
    }),
    fc.record({ k: fc.constantFrom('min' as const, 'max' as const), a: tie('t'), b: tie('t') }),
  ),
})).t;

function render(t: Tree): string {
  switch (t.k) {
    case 'lit':
      return `${t.v}u`;
    case 'lx':
      return 'lid.x';
    case 'ly':
      return 'lid.y';
    case 'li':
      return 'li';
    case 'counter':
      return 'k';
    case 'bin':
      return `(${render(t.a)} ${t.op} ${render(t.b)})`;
    default:
      return `${t.k}(${render(t.a)}, ${render(t.b)})`;
  }
}

/** WGSL's u32 value of `t` (section 8.7: wrapping arithmetic, `e / 0` is e, `e % 0` is 0). */
function evaluate(t: Tree, v: { lx: bigint; ly: bigint; li: bigint; counter: bigint }): bigint {
  switch (t.k) {
    case 'lit':
      return BigInt(t.v);
    case 'lx':
    case 'ly':
    case 'li':
    case 'counter':
      return v[t.k];
    case 'min':
    case 'max': {
      const a = evaluate(t.a, v);
      const b = evaluate(t.b, v);
      return (t.k === 'min') === a < b ? a : b;
    }
    case 'bin': {
      const a = evaluate(t.a, v);
      const b = evaluate(t.b, v);
      const w = (x: bigint) => ((x % U32) + U32) % U32;
      switch (t.op) {
        case '+':
          return w(a + b);
        case '-':
          return w(a - b);
        case '*':
          return w(a * b);
        case '/':
          return b === 0n ? a : a / b;
        case '%':
          return b === 0n ? 0n : a % b;
        case '&':
          return a & b;
        case '<<':
          return w(a << b);
        default:
          return a >> b;
      }
    }
  }
}

describe('IndexRanges property: a proven index is inside its array for every invocation and counter value', () => {
  it('holds for random index expressions over local ids, constants and a counted loop', () => {
    let provenCount = 0;
    fc.assert(
      fc.property(
        tree,
        fc.constantFrom(1, 2, 4, 8, 16),
        fc.constantFrom(1, 2, 4),
        fc.integer({ min: 1, max: 64 }),
        fc.record({
          start: fc.integer({ min: 0, max: 40 }),
          bound: fc.integer({ min: 0, max: 40 }),
          inclusive: fc.boolean(),
          step: fc.integer({ min: 1, max: 5 }),
          viaLet: fc.boolean(),
        }),
        (t, x, y, length, loop) => {
          const cmp = loop.inclusive ? '<=' : '<';
          const expr = render(t);
          const access = loop.viaLet ? `let j = ${expr}; t[j] = 1u;` : `t[${expr}] = 1u;`;
          const body = `for (var k = ${loop.start}u; k ${cmp} ${loop.bound}u; k += ${loop.step}u) { ${access} }`;
          let ok: boolean;
          try {
            ok = proven(body, [x, y, 1], length);
          } catch {
            return; // not valid WGSL (a constant expression that overflows or divides by zero)
          }
          if (!ok) return;
          provenCount++;
          const counters: bigint[] = [];
          for (let k = loop.start; loop.inclusive ? k <= loop.bound : k < loop.bound; k += loop.step)
            counters.push(BigInt(k));
          for (let ly = 0; ly < y; ly++)
            for (let lx = 0; lx < x; lx++)
              for (const counter of counters) {
                const v = evaluate(t, { lx: BigInt(lx), ly: BigInt(ly), li: BigInt(ly * x + lx), counter });
                if (v >= BigInt(length))
                  throw new Error(`${expr} = ${v} at lid (${lx}, ${ly}), k = ${counter}: outside ${length}`);
              }
        },
      ),
      { numRuns: 600 },
    );
    expect(provenCount).toBeGreaterThan(20); // the property is not vacuous
  });
});
