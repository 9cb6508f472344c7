/** The lesson format: both shipped lessons parse; a bad file names the path to its bad field. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLesson } from './lesson';

const ROOT = join(import.meta.dirname, '../..');
const shipped = (name: string) => JSON.parse(readFileSync(join(ROOT, 'lessons', name), 'utf8')) as unknown;

/** A lesson as a test spoils it: loosely typed JSON. */
interface DraftStep {
  [field: string]: unknown;
  id: string;
  starter: Record<string, unknown>;
  check: { solution: Record<string, unknown>; tolerance?: unknown };
}
type Draft = { version: number; title: string; steps: DraftStep[] };

const minimal = (): Draft => ({
  version: 1,
  title: 'T',
  steps: [
    {
      id: 'one',
      title: 'One',
      markdown: 'text',
      starter: { preset: 'saxpy' },
      check: { solution: { preset: 'saxpy' } },
    },
  ],
});

describe('parseLesson', () => {
  it.each(['matmul-tiling.json', 'reduction-egpu.json'])('parses the shipped lesson %s', (name) => {
    const r = parseLesson(shipped(name));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.lesson.steps.length).toBeGreaterThanOrEqual(2);
  });

  it('accepts a minimal lesson from its JSON text', () => {
    expect(parseLesson(JSON.stringify(minimal())).ok).toBe(true);
  });

  it('reports text that is not JSON', () => {
    const r = parseLesson('{"version": 1,');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toMatch(/^not JSON/);
  });

  it.each([
    [
      'a solution with both preset and wgsl',
      (l: Draft) => (l.steps[0]!.check.solution.wgsl = 'x'),
      'steps[0].check.solution',
    ],
    [
      'a starter with neither preset nor wgsl',
      (l: Draft) => (l.steps[0]!.starter = {}),
      'steps[0].starter.wgsl',
    ],
    ['a bad step id', (l: Draft) => (l.steps[0]!.id = 'Bad Id'), 'steps[0].id'],
    ['an empty goal', (l: Draft) => (l.steps[0]!.goal = {}), 'steps[0].goal'],
    [
      'a negative tolerance',
      (l: Draft) => (l.steps[0]!.check.tolerance = { abs: -1 }),
      'steps[0].check.tolerance.abs',
    ],
    ['an unknown field', (l: Draft) => (l.steps[0]!.hint = 'x'), 'steps[0]'],
    [
      'a bad starter workload',
      (l: Draft) =>
        (l.steps[0]!.starter = { wgsl: 'x', workload: { name: 'w', dispatch: [1, 1, 1], bindings: 'no' } }),
      'steps[0].starter.workload.bindings',
    ],
    ['a duplicate step id', (l: Draft) => l.steps.push(structuredClone(l.steps[0]!)), 'steps[1].id'],
    ['no steps', (l: Draft) => (l.steps = []), 'steps'],
  ])('names the path of %s', (_what, spoil, path) => {
    const lesson = minimal();
    spoil(lesson);
    const r = parseLesson(lesson);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(path);
  });
});
