/** The lessons Duet ships (lessons/*.json), parsed once: what the create page offers. */
import { describeLessonIssues, type Lesson, parseLesson } from '../../core/workshop/lesson';
import matmulTiling from '../../lessons/matmul-tiling.json';
import reductionEgpu from '../../lessons/reduction-egpu.json';

const SHIPPED_FILES: Readonly<Record<string, unknown>> = {
  'matmul-tiling': matmulTiling,
  'reduction-egpu': reductionEgpu,
};

function parsed(id: string, value: unknown): Lesson {
  const r = parseLesson(value);
  if (!r.ok) throw new Error(`lessons/${id}.json:\n${describeLessonIssues(r.issues)}`);
  return r.lesson;
}

export const SHIPPED_LESSONS: Readonly<Record<string, Lesson>> = Object.fromEntries(
  Object.entries(SHIPPED_FILES).map(([id, v]) => [id, parsed(id, v)]),
);
