/**
 * Workshop checks on a real CPU daemon: every shipped step's solution passes its own check, the
 * starters' skeletons fail with the first mismatch, and a broken solution is reported as failing its
 * own check (against the preset's CPU reference).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonTarget } from '#daemon-client';
import type { RunEvent } from '../../core/progress';
import type { LessonStep } from '../../core/workshop/lesson';
import { type RunningDaemon, startDaemon } from '../../daemon/daemon';
import { getPreset } from '../../shaders/index';
import { checkSubmission, solutionProblem } from './check';
import { WorkshopError } from './errors';
import { SHIPPED_LESSONS } from './lessons';
import { resolveStep } from './steps';

const ROOT = join(import.meta.dirname, '../..');
let d: RunningDaemon;
let target: DaemonTarget;

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-executor.mjs'), '--quiet'], { stdio: 'inherit' });
  d = await startDaemon({ port: 0, backend: 'cpu', cacheDir: mkdtempSync(join(tmpdir(), 'duet-workshop-')) });
  target = { url: d.url, token: d.token };
  await d.supervisor.waitReady(60_000);
});
afterAll(() => d?.close());

const steps = Object.entries(SHIPPED_LESSONS).flatMap(([id, lesson]) =>
  lesson.steps.map((step, i) => [`${id} ${step.id}`, step, i] as const),
);

describe('shipped lessons on the CPU daemon', () => {
  it.each(steps)('%s: the solution passes its own check', async (_name, step, i) => {
    expect(await solutionProblem(step, i, { target })).toBeNull();
    const { solutionWgsl } = resolveStep(step, i);
    const verdict = await checkSubmission(step, i, solutionWgsl, { target, clientId: 'test:teacher' });
    expect(verdict.reason).toMatch(/^correct/);
    expect(verdict.pass).toBe(true);
  });

  it('fails a skeleton starter with its first mismatch, reporting the daemon progress of its runs', async () => {
    const step = SHIPPED_LESSONS['matmul-tiling']!.steps[0]!;
    const { workload } = resolveStep(step, 0);
    const events: RunEvent[] = [];
    const verdict = await checkSubmission(step, 0, workload.wgsl, {
      target,
      clientId: 'test:student',
      onEvent: (e) => events.push(e),
    });
    expect(events.filter((e) => e.type === 'accepted')).toHaveLength(2);
    expect(events.some((e) => e.type === 'phase')).toBe(true);
    expect(verdict.pass).toBe(false);
    expect(verdict.reason).toMatch(/^c\[\d+\] is 0, expected -?\d/);
  });
});

describe('a lesson whose solution is wrong', () => {
  const naive = getPreset('matmul-naive')!.wgsl;
  const step = (wgsl: string): LessonStep => ({
    id: 'bad',
    title: 'Bad',
    markdown: '',
    starter: { preset: 'matmul-naive', params: { M: 8, N: 8, K: 8 } },
    check: { solution: { wgsl } },
  });

  it('reports a solution that computes the wrong answer as failing its own check', async () => {
    const wrong = naive.replace('c[row * params.n + col] = sum;', 'c[row * params.n + col] = sum + 1.0;');
    expect(wrong).not.toBe(naive);
    expect(await solutionProblem(step(wrong), 3, { target })).toMatch(
      /^steps\[3\]\.check\.solution: the solution fails its own check: c\[0\] is .*, the reference says/,
    );
  });

  it('reports a solution that does not translate as failing its own check', async () => {
    expect(await solutionProblem(step('fn main( {'), 0, { target })).toMatch(
      /^steps\[0\]\.check\.solution: the solution fails its own check: it does not run: /,
    );
  });
});

describe('a check whose reference run cannot run', () => {
  it("says the check could not run, not that the student's kernel is at fault", async () => {
    // One run a minute per client: the student's kernel takes it, the solution's run is refused
    // (429 'limit', a kind the check counts as the kernel's when it is the student's own run).
    const limited = await startDaemon({
      port: 0,
      backend: 'cpu',
      cacheDir: mkdtempSync(join(tmpdir(), 'duet-workshop-limited-')),
      limits: { maxRunsPerClientPerMinute: 1 },
    });
    try {
      await limited.supervisor.waitReady(60_000);
      const step = SHIPPED_LESSONS['matmul-tiling']!.steps[0]!;
      const { solutionWgsl } = resolveStep(step, 0);
      const e = await checkSubmission(step, 0, solutionWgsl, {
        target: { url: limited.url, token: limited.token },
        clientId: 'test:limited-student',
      }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(WorkshopError);
      expect((e as WorkshopError).kind).toBe('daemon');
      expect((e as WorkshopError).message).toMatch(/^The check could not run the step's solution: /);
    } finally {
      await limited.close();
    }
  });
});
