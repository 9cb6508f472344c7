/**
 * Opening a room (docs/workshop.md "Before the class"): the lesson (shipped or imported) parsed,
 * the room's settings checked, and every step's solution run on the room's daemon against its own
 * check, so a lesson that cannot pass is refused before a class sees it.
 */

import type { DaemonTarget } from '#daemon-client';
import { describeLessonIssues, type Lesson, parseLesson } from '../../core/workshop/lesson';
import { solutionProblem } from './check';
import { WorkshopError } from './errors';
import { SHIPPED_LESSONS } from './lessons';
import type { RoomDaemon, RoomSettings } from './records';
import type { DaemonChoice } from './room-daemon';
import { resolveStep, StepError } from './steps';

export const MAX_RUNS_PER_STUDENT = 10_000;

export interface CreateInput {
  title?: string | undefined;
  /** A shipped lesson's id, or a lesson file's text. */
  lesson: { shipped: string } | { json: string };
  /** What the page chose (room-daemon.ts): a daemon's index in the teacher's list, or 'auto'. */
  daemon: DaemonChoice;
  runsPerStudent: number;
}

/** The lesson a room is opened with; bad-lesson with the path to each bad field otherwise. */
function lessonOf(input: CreateInput['lesson']): Lesson {
  if ('shipped' in input) {
    const l = SHIPPED_LESSONS[input.shipped];
    if (!l) throw new WorkshopError('bad-lesson', `No shipped lesson "${input.shipped}".`);
    return l;
  }
  const r = parseLesson(input.json);
  if (!r.ok) throw new WorkshopError('bad-lesson', describeLessonIssues(r.issues));
  return r.lesson;
}

/** The settings of a room opened with `input` on `daemon` (room-daemon.ts): its lesson parsed, its quota in range. */
export function roomSettings(input: CreateInput, daemon: RoomDaemon): RoomSettings {
  const lesson = lessonOf(input.lesson);
  if (
    !Number.isInteger(input.runsPerStudent) ||
    input.runsPerStudent < 1 ||
    input.runsPerStudent > MAX_RUNS_PER_STUDENT
  ) {
    throw new WorkshopError(
      'bad-lesson',
      `runsPerStudent must be a whole number from 1 to ${MAX_RUNS_PER_STUDENT}.`,
    );
  }
  return {
    title: input.title?.trim() || lesson.title,
    lesson,
    daemon,
    runsPerStudent: input.runsPerStudent,
  };
}

/** Runs every step's solution against its own check on `target`; bad-lesson naming the first that fails. */
export async function checkSolutions(lesson: Lesson, target: DaemonTarget, clientId: string): Promise<void> {
  for (const [i, step] of lesson.steps.entries()) {
    try {
      resolveStep(step, i);
    } catch (e) {
      if (e instanceof StepError) throw new WorkshopError('bad-lesson', `invalid lesson: ${e.message}`);
      throw e;
    }
    const problem = await solutionProblem(step, i, {
      target,
      clientId: `web:${clientId || 'workshop-teacher'}`,
    });
    if (problem) throw new WorkshopError('bad-lesson', `invalid lesson: ${problem}`);
  }
}
