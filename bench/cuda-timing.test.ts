/**
 * bench/cuda-timing.ts and its tool (daemon/executor/bench/cuda_timing.cpp) without a GPU: the spec each
 * preset gets matches its hand-written kernel's parameters, and the tool runs both kernels end to end on
 * the test doubles of libcuda and NVRTC (daemon/executor/fake-cuda.ts), or says why it cannot.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildExecutor } from '../daemon/executor/executor-harness';
import { fakeCudaEnv } from '../daemon/executor/fake-cuda';
import { QUALITY_PRESETS, TIMING_TOOL, timeAgainstHandWritten, writeTimingSpec } from './cuda-timing';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The parameter list of the hand-written kernel `name` in its .cu source. */
function parameters(preset: string, name: string): string[] {
  const src = readFileSync(new URL(`./cuda-handwritten/${preset}.cu`, import.meta.url), 'utf8');
  const at = src.indexOf(`${name}(`);
  return src
    .slice(at + name.length + 1, src.indexOf(')', at))
    .split(',')
    .map((p) => p.trim());
}

describe('generated CUDA against hand-written kernels: the timing spec', () => {
  it.each(QUALITY_PRESETS)(
    "%s: one argument per hand-written parameter, of the parameter's kind",
    (preset) => {
      const dir = mkdtempSync(join(tmpdir(), 'duet-timing-spec-'));
      dirs.push(dir);
      const spec = JSON.parse(readFileSync(writeTimingSpec(preset, dir), 'utf8'));
      const [generated, hand] = spec.kernels;
      expect(generated.abi).toBe('duet');
      expect(generated.symbol).toMatch(/^duet_k_/);
      const params = parameters(preset, hand.symbol);
      expect(hand.args).toHaveLength(params.length);
      hand.args.forEach((a: Record<string, number>, i: number) => {
        const p = params[i]!;
        if (p.includes('*')) expect(a.buffer).toBeGreaterThan(0);
        else if (p.startsWith('float')) expect(a.f32).toBeTypeOf('number');
        else expect(p.startsWith('unsigned') && Number.isInteger(a.u32)).toBe(true);
      });
      // Every buffer file holds its binding's bytes; the uniform struct is slot 0 in these presets.
      expect(statSync(join(dir, spec.buffers[0].file)).size).toBeGreaterThan(0);
      for (const a of hand.args.filter((x: { buffer?: number }) => x.buffer !== undefined))
        expect(statSync(join(dir, spec.buffers[a.buffer].file)).size).toBeGreaterThanOrEqual(4);
    },
  );
});

describe('duet-cuda-timing', () => {
  it('runs both kernels on the fake driver: their times, and whether their outputs agree', () => {
    buildExecutor();
    const r = timeAgainstHandWritten('saxpy', TIMING_TOOL, { ...process.env, ...fakeCudaEnv() });
    if ('notMeasured' in r) throw new Error(r.notMeasured);
    expect(r.generated.label).toBe('generated');
    expect(r.handWritten.label).toBe('hand-written');
    expect(r.generated.ms.n).toBe(100);
    expect(r.handWritten.ms.median).toBeGreaterThanOrEqual(0);
    // The fake runs neither kernel (it knows only its fixtures): both leave the same bytes.
    expect(r.handWritten.buffersDiffering).toEqual([]);
  }, 600_000);

  it('says why it measured nothing when there is no CUDA driver', () => {
    buildExecutor();
    const r = timeAgainstHandWritten('saxpy', TIMING_TOOL, {
      ...process.env,
      DUET_LIBCUDA: '/nonexistent/libcuda.so.1',
    });
    expect(r).toEqual({ notMeasured: expect.stringMatching(/^no CUDA device: .*nonexistent/) });
  }, 600_000);
});
