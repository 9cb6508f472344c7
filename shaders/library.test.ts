/**
 * The kernel library without running kernels: the registry is complete and in step with the folders,
 * every preset resolves to a valid workload for any parameters in range (fast-check), and every
 * reference agrees with small cases worked out by hand.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../core/preset';
import type { Workload } from '../core/workload';
import { copyReference } from './bandwidth-copy/reference';
import { bitonicPassCount, sortReference } from './bitonic-sort/reference';
import { blurReference } from './blur-2d/reference';
import { dotReference } from './dot-product/reference';
import { fmaReference } from './fma-throughput/reference';
import { lifeReference, lifeStep } from './game-of-life/reference';
import { histogramReference } from './histogram/reference';
import { getPreset, PRESETS, resolveLibraryPreset } from './index';
import { mandelbrotColour, mandelbrotIterations, mandelbrotReference } from './mandelbrot/reference';
import { matmulReference } from './matmul-naive/reference';
import { nbodyReference } from './nbody/reference';
import { particlesReference } from './particles/reference';
import { reduceWorkgroupReference } from './reduce-workgroup/reference';
import { REFERENCES } from './references.generated';
import { saxpyReference } from './saxpy/reference';
import { inclusiveScan, scannedBlockTotals } from './scan-inclusive/reference';
import { softmaxReference } from './softmax/reference';
import { transposeReference } from './transpose-naive/reference';
import { vectorAddReference } from './vector-add/reference';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const f32 = (...v: number[]) => Float32Array.from(v);
const u32 = (...v: number[]) => Uint32Array.from(v);

/** What WebGPU's default limits allow and the workload schema cannot know. */
function limitProblems(w: Workload): string[] {
  const out: string[] = [];
  const dispatches = w.passes?.map((p) => p.dispatch) ?? [w.dispatch!];
  for (const d of dispatches) if (d.some((x) => x > 65535)) out.push(`dispatch ${d} > 65535 workgroups`);
  for (const b of w.bindings) {
    const bytes = (b.length ?? 0) * (b.element === 'f16' ? 2 : b.element === 'bytes' ? 1 : 4);
    if (b.kind !== 'uniform' && bytes > 128 * 1024 * 1024) out.push(`${b.name}: ${bytes} bytes > 128 MiB`);
    if (b.image && b.image.width * b.image.height > (b.length ?? 0))
      out.push(`${b.name}: image larger than the binding`);
  }
  return out;
}

function paramArbitrary(spec: ParamSpec): fc.Arbitrary<number> {
  if (spec.powerOfTwo) {
    return fc
      .integer({ min: Math.ceil(Math.log2(spec.min)), max: Math.floor(Math.log2(spec.max)) })
      .map((e) => 2 ** e);
  }
  if (spec.multipleOf) {
    const m = spec.multipleOf;
    return fc.integer({ min: Math.ceil(spec.min / m), max: Math.floor(spec.max / m) }).map((k) => k * m);
  }
  if (spec.integer ?? true) return fc.integer({ min: spec.min, max: spec.max });
  return fc.double({ min: spec.min, max: spec.max, noNaN: true });
}

describe('the registry', () => {
  it('lists every folder with a preset.json, each with a reference, and is up to date', () => {
    const folders = readdirSync(join(ROOT, 'shaders'), { withFileTypes: true })
      .filter((d) => d.isDirectory() && readdirSync(join(ROOT, 'shaders', d.name)).includes('preset.json'))
      .map((d) => d.name)
      .sort();
    expect(PRESETS.map((p) => p.id).sort()).toEqual(folders);
    expect(PRESETS.length).toBeGreaterThanOrEqual(16);
    for (const p of PRESETS) {
      expect(REFERENCES[p.id], p.id).toBeTypeOf('function');
      expect(p.wgsl, p.id).toContain('@compute');
      expect(p.readme, p.id).toMatch(/^# /);
      expect(p.readme, `${p.id}: the README states the formulas`).toMatch(/Formulas/);
    }
    // The generated files match the folders (fails when someone edits a kernel without regenerating).
    execFileSync(process.execPath, [join(ROOT, 'scripts/gen-shader-index.mjs'), '--check'], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  });

  it('finds presets by id and says which exist when one does not', () => {
    expect(getPreset('saxpy')?.title).toBe('SAXPY');
    expect(() => resolveLibraryPreset('nope')).toThrow(/no preset "nope" \(known: .*saxpy/);
    expect(resolveLibraryPreset('saxpy', { N: 1000 }).dispatch).toEqual([4, 1, 1]);
  });

  it('only uses core WGSL: no enable directives', () => {
    for (const p of PRESETS) expect(p.wgsl, p.id).not.toMatch(/^\s*enable\s/m);
  });
});

describe('every preset resolves for any parameters in range (property)', () => {
  for (const p of PRESETS) {
    it(p.id, () => {
      const arb = fc.record(
        Object.fromEntries(Object.entries(p.params).map(([k, s]) => [k, paramArbitrary(s)])),
      );
      fc.assert(
        fc.property(arb, (params) => {
          const w = resolveLibraryPreset(p.id, params as Record<string, number>);
          expect(limitProblems(w), JSON.stringify(params)).toEqual([]);
          expect(w.metrics?.bytes).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 30 },
      );
      // The extremes too: every parameter at its minimum, then at its maximum.
      for (const end of ['min', 'max'] as const) {
        const params = Object.fromEntries(
          Object.entries(p.params).map(([k, s]) => [
            k,
            s.powerOfTwo ? 2 ** Math.round(Math.log2(s[end])) : s[end],
          ]),
        );
        expect(limitProblems(resolveLibraryPreset(p.id, params)), `${p.id} at ${end}`).toEqual([]);
      }
    });
  }
});

describe('references agree with hand-worked cases', () => {
  it('saxpy, vector add, copy', () => {
    expect(saxpyReference(2, 2, f32(1, -1, 5), f32(1, 1, 1))).toEqual(f32(3, -1, 1));
    expect(vectorAddReference(2, f32(1, 2, 3), f32(10, 20, 30))).toEqual(f32(11, 22, 0));
    expect(vectorAddReference(1, f32(0.1), f32(0.2))[0]).toBe(
      Math.fround(Math.fround(0.1) + Math.fround(0.2)),
    );
    expect(copyReference(f32(1, 2, 3, 4, 5, 6, 7, 8), 1)).toEqual(f32(1, 2, 3, 4, 0, 0, 0, 0));
  });

  it('reductions: workgroup partials, dot product, scan, histogram', () => {
    const ramp = Float32Array.from({ length: 300 }, (_, i) => i + 1);
    expect(reduceWorkgroupReference(ramp, 300, 256, 2)).toEqual(f32(32896, 12254)); // Σ1..256, Σ257..300
    expect(dotReference(f32(1, 2, 3), f32(4, 5, 6), 3)).toEqual({ partials: f32(32), result: 32 });
    const ones = new Float32Array(300).fill(1);
    expect(dotReference(ones, ones, 300)).toEqual({ partials: f32(256, 44), result: 300 });
    expect(inclusiveScan(u32(1, 2, 3, 4), 4)).toEqual(u32(1, 3, 6, 10));
    expect(inclusiveScan(u32(0xffffffff, 2, 7), 2)).toEqual(u32(0xffffffff, 1, 0)); // wraps; n = 2
    expect(scannedBlockTotals(inclusiveScan(new Uint32Array(300).fill(1), 300), 300, 2)).toEqual(
      u32(256, 300),
    );
    expect(histogramReference(f32(0, 0.25, 0.5, 0.99999, 0.3, 1), 6, 4)).toEqual(u32(1, 2, 1, 2)); // 1.0 clamps
    expect(histogramReference(f32(0.1, 0.9), 1, 2)).toEqual(u32(1, 0)); // only n values count
  });

  it('memory and linear algebra: transpose, matmul', () => {
    // [[0,1,2],[3,4,5]] (H=2, W=3) → [[0,3],[1,4],[2,5]]
    expect(transposeReference(f32(0, 1, 2, 3, 4, 5), 3, 2)).toEqual(f32(0, 3, 1, 4, 2, 5));
    expect(matmulReference(f32(1, 2, 3, 4), f32(5, 6, 7, 8), 2, 2, 2)).toEqual(f32(19, 22, 43, 50));
    expect(matmulReference(f32(1, 2, 3), f32(4, 5, 6), 1, 1, 3)).toEqual(f32(32)); // 1×3 · 3×1
    expect(matmulReference(f32(1, 2), f32(3, 4), 2, 2, 1)).toEqual(f32(3, 4, 6, 8)); // outer product
  });

  it('images: blur, mandelbrot', () => {
    expect(blurReference(new Float32Array(12).fill(0.5), 4, 3)).toEqual(new Float32Array(12).fill(0.5));
    const delta = new Float32Array(25);
    delta[12] = 1;
    const blurred = blurReference(delta, 5, 5);
    expect(blurred[12]).toBe(36 / 256);
    expect(blurred[0]).toBe(1 / 256);
    expect(blurred[7]).toBe(24 / 256); // (x=2, y=1): weights 6·4
    expect(mandelbrotIterations(0, 0, 10)).toBe(10); // c = 0 never escapes
    expect(mandelbrotIterations(2, 0, 10)).toBe(2); // z: 0 → 2 → 6, |6|² > 4
    expect(mandelbrotIterations(-1, 0, 50)).toBe(50); // z cycles 0, −1, 0, …
    expect(mandelbrotColour(2, 10)).toBe((14 | (46 << 8) | (142 << 16) | (255 << 24)) >>> 0);
    expect(mandelbrotColour(10, 10)).toBe(0xff000000);
    expect(mandelbrotReference(2, 1, 10, -1, 0, 3)).toEqual(u32(0xff000000, mandelbrotColour(2, 10))); // c = −1, 2
  });

  it('softmax', () => {
    const p = softmaxReference(f32(0, Math.log(3), 1000, 1000, -5), 1, 5);
    expect(p[0]).toBeCloseTo(0, 6); // e^(0 − 1000) underflows to 0: the max was subtracted, no NaN
    expect(p[2]).toBeCloseTo(0.5, 6);
    expect(p[3]).toBeCloseTo(0.5, 6);
    const q = softmaxReference(f32(0, Math.log(3)), 1, 2);
    expect(q[0]).toBeCloseTo(0.25, 6);
    expect(q[1]).toBeCloseTo(0.75, 6);
    const rows = softmaxReference(f32(1, 1, 1, 7, 7, 7), 2, 3); // rows are independent
    expect(Array.from(rows, (v) => Math.round(v * 3 * 1e6) / 1e6)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('sorting', () => {
    expect(sortReference(u32(3, 0xffffffff, 1, 2))).toEqual(u32(1, 2, 3, 0xffffffff)); // numeric, not lexical
    expect([2, 8, 65536].map(bitonicPassCount)).toEqual([1, 6, 136]);
  });

  it('simulation: life, n-body, particles', () => {
    // A blinker on a 5×5 torus flips between vertical and horizontal.
    const vertical = new Uint32Array(25);
    for (const i of [7, 12, 17]) vertical[i] = 1;
    const horizontal = new Uint32Array(25);
    for (const i of [11, 12, 13]) horizontal[i] = 1;
    expect(lifeStep(vertical, 5, 5)).toEqual(horizontal);
    expect(lifeReference(vertical, 5, 5, 2)).toEqual(vertical);
    // A glider moves one cell diagonally every 4 generations (wrapping on an 8×8 torus).
    const glider = (dx: number, dy: number) => {
      const g = new Uint32Array(64);
      for (const [x, y] of [
        [1, 0],
        [2, 1],
        [0, 2],
        [1, 2],
        [2, 2],
      ])
        g[((y! + dy) % 8) * 8 + ((x! + dx) % 8)] = 1;
      return g;
    };
    expect(lifeReference(glider(0, 0), 8, 8, 4)).toEqual(glider(1, 1));
    expect(lifeReference(glider(6, 6), 8, 8, 8)).toEqual(glider(0, 0));

    // Two unit masses 1 apart, ε² = 1, dt = 1: pull 1/(2√2) toward each other; self-pull is 0.
    const pos = f32(0, 0, 0, 1, 1, 0, 0, 1);
    const r = nbodyReference(pos, new Float32Array(8), 2, 1, 1);
    const pull = 1 / (2 * Math.SQRT2);
    expect(r.vel[0]).toBeCloseTo(pull, 6);
    expect(r.vel[4]).toBeCloseTo(-pull, 6);
    expect(r.pos[0]).toBeCloseTo(pull, 6);
    expect(r.pos[4]).toBeCloseTo(1 - pull, 6);
    expect([r.pos[3], r.pos[7], r.vel[3]]).toEqual([1, 1, 0]); // mass kept, w of velocity 0

    const noDrag = { dt: 0.1, gravity: 10, drag: 0, restitution: 0.5 };
    const fall = particlesReference(f32(0.5, 0.5, 0, 0), 1, 1, noDrag);
    expect(fall[3]).toBeCloseTo(-1, 6); // vy = −g·dt
    expect(fall[1]).toBeCloseTo(0.4, 6); // y = 0.5 + vy·dt
    const bounce = particlesReference(f32(0.01, 0.5, -1, 0), 1, 1, { ...noDrag, gravity: 0 });
    expect(bounce[0]).toBeCloseTo(0.09, 6); // mirrored at x = 0
    expect(bounce[2]).toBeCloseTo(0.5, 6); // reversed and halved
  });

  it('fma probe', () => {
    // s = 0: chains start at (0, 1, −1, 0); one step of x·0.5 + 0.25 → (0.25, 0.75, −0.25, 0.25).
    expect(fmaReference(f32(0), 1, 1, 0.5, 0.25)).toEqual(f32(1));
    // Many steps converge to the fixed point 0.25 / (1 − 0.5) = 0.5 in every chain.
    expect(fmaReference(f32(3), 1, 200, 0.5, 0.25)).toEqual(f32(2));
  });
});
