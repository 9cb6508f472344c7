/**
 * A workshop lesson (docs/workshop.md): ordered steps, each with its text, a starter kernel and
 * workload (written out, or a library preset with parameters), a hidden check (a solution kernel,
 * or a preset's kernel, run on the daemon on the same inputs and compared within a tolerance) and
 * an optional timing goal. Lessons are JSON files a teacher writes, imports and exports; every
 * problem comes back with the path to the bad field (`steps[1].check.solution.wgsl: …`).
 */
import { z } from 'zod';
import { formatPath, jsonSchemaRef, toleranceSchema, type WorkloadIssue, workloadSchema } from '../workload';

export const LESSON_VERSION = 1;

const params = z.record(z.string(), z.number().finite());

/** The step's workload without its kernel (the kernel is what the student edits); checked below. */
const workloadShape = z.record(z.string(), z.unknown());

/**
 * Where a step's starter comes from: a library preset (shaders/) at `params`, its kernel replaced by
 * `wgsl` when given (a skeleton to complete); or a kernel and workload of the lesson's own.
 */
const starterSchema = z
  .object({
    preset: z.string().min(1).optional(),
    params: params.optional(),
    wgsl: z.string().min(1).optional(),
    workload: workloadShape.optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.preset !== undefined) {
      if (s.workload !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['workload'],
          message: 'give either preset or workload, not both',
        });
      return;
    }
    if (s.wgsl === undefined)
      ctx.addIssue({ code: 'custom', path: ['wgsl'], message: 'required (or give preset)' });
    if (s.workload === undefined)
      ctx.addIssue({ code: 'custom', path: ['workload'], message: 'required (or give preset)' });
    if (s.params !== undefined)
      ctx.addIssue({ code: 'custom', path: ['params'], message: 'only with preset' });
    if (s.workload === undefined) return;
    if ('wgsl' in s.workload)
      ctx.addIssue({
        code: 'custom',
        path: ['workload', 'wgsl'],
        message: 'the kernel goes in starter.wgsl',
      });
    const w = workloadSchema.safeParse({ ...s.workload, wgsl: s.wgsl ?? 'x' });
    for (const i of w.success ? [] : w.error.issues) {
      ctx.addIssue({
        code: 'custom',
        path: ['workload', ...(i.path as (string | number)[])],
        message: i.message,
      });
    }
  });

/** The hidden answer: a kernel of its own, or a library preset's kernel, run on the step's workload. */
const solutionSchema = z
  .object({ preset: z.string().min(1).optional(), wgsl: z.string().min(1).optional() })
  .strict()
  .refine((s) => (s.preset === undefined) !== (s.wgsl === undefined), {
    message: 'give exactly one of preset or wgsl',
  });

const goalSchema = z
  .object({
    /** The kernel's warm device time (median of the timed samples) must be under this, in ms. */
    maxKernelMs: z.number().positive().optional(),
    /** The kernel must be this many times faster (warm device time) than the step's starter. */
    speedupOverStarter: z.number().min(1).optional(),
  })
  .strict()
  .refine((g) => g.maxKernelMs !== undefined || g.speedupOverStarter !== undefined, {
    message: 'give maxKernelMs or speedupOverStarter',
  });

export const stepSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes (≤ 40)'),
    title: z.string().min(1).max(120),
    /** What the student reads (Markdown). */
    markdown: z.string().max(20_000),
    starter: starterSchema,
    check: z
      .object({
        solution: solutionSchema,
        /** Overrides each output binding's tolerance (core/compare.ts). */
        tolerance: toleranceSchema.optional(),
      })
      .strict(),
    goal: goalSchema.optional(),
  })
  .strict();

export const lessonSchema = z
  .object({
    $schema: jsonSchemaRef,
    version: z.literal(LESSON_VERSION).describe('The lesson file format version.'),
    title: z.string().min(1).max(120).describe("The lesson's title, shown when opening a room."),
    summary: z.string().max(1000).optional().describe('One or two sentences shown beside the title.'),
    steps: z
      .array(stepSchema)
      .min(1)
      .max(50)
      .describe('The steps in order: text, starter kernel, hidden check, optional timing goal.'),
  })
  .strict()
  .meta({
    title: 'Duet lesson',
    description:
      'A workshop lesson: ordered steps, each with a starter and a hidden check (docs/workshop.md).',
  })
  .superRefine((l, ctx) => {
    const seen = new Set<string>();
    l.steps.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: `duplicate step id "${s.id}"` });
      seen.add(s.id);
    });
  });

export type Lesson = Omit<z.infer<typeof lessonSchema>, '$schema'>;
export type LessonStep = z.infer<typeof stepSchema>;
export type StepGoal = z.infer<typeof goalSchema>;

export type LessonParse = { ok: true; lesson: Lesson } | { ok: false; issues: WorkloadIssue[] };

/** A lesson from its JSON text or parsed value; issues name the bad field's path. */
export function parseLesson(input: unknown): LessonParse {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (e) {
      return { ok: false, issues: [{ path: '(lesson)', message: `not JSON: ${(e as Error).message}` }] };
    }
  }
  const r = lessonSchema.safeParse(value);
  if (!r.success) {
    return {
      ok: false,
      issues: r.error.issues.map((i) => ({
        path: formatPath(i.path).replace('(workload)', '(lesson)'),
        message: i.message,
      })),
    };
  }
  const { $schema: _forEditors, ...lesson } = r.data;
  return { ok: true, lesson };
}

export function describeLessonIssues(issues: readonly WorkloadIssue[]): string {
  return issues.map((i) => `invalid lesson: ${i.path}: ${i.message}`).join('\n');
}
