/**
 * What a student sees (docs/workshop.md "During the class"): the steps' text and lock state, the
 * open step's workload with their latest kernel, runs left, the broadcast and the spotlit kernel;
 * never a solution.
 */

import type { Workload } from '../../core/workload';
import type { Lesson } from '../../core/workshop/lesson';
import type { SpotlightKernel } from './board';
import type { Room, Student } from './records';
import type { PairedRoomDaemon } from './room-daemon';
import { resolveStep } from './steps';
import type { WorkshopStore } from './store';

export interface StudentView {
  code: string;
  title: string;
  name: string;
  step: number;
  steps: { title: string; markdown: string; locked: boolean; goal: Lesson['steps'][number]['goal'] | null }[];
  /** The open step's workload, the student's latest kernel in it (else the starter's). */
  workload: Workload;
  runsLeft: number;
  broadcast: { wgsl: string; at: string } | null;
  /** The kernel the teacher put on the projector, when there is one. */
  spotlight: SpotlightKernel | null;
  /** The teacher's paired daemon the room runs on, and whether it is online; null for the server's own. */
  pairedDaemon: PairedRoomDaemon;
}

export async function studentView(
  store: WorkshopStore,
  room: Room,
  student: Student,
  pairedDaemon: PairedRoomDaemon,
): Promise<StudentView> {
  // A step locked while the student is on it still shows; only its runs and submissions are refused.
  const at = Math.min(student.step, room.lesson.steps.length - 1);
  const resolved = resolveStep(room.lesson.steps[at]!, at);
  const kernel = await store.kernel(student.id, student.step);
  const spotlight = await spotlightOf(store, room);
  return {
    code: room.code,
    title: room.title,
    name: student.name,
    step: student.step,
    steps: room.lesson.steps.map((s, i) => ({
      title: s.title,
      markdown: s.markdown,
      locked: room.locked.includes(i),
      goal: s.goal ?? null,
    })),
    workload: { ...resolved.workload, wgsl: kernel ?? resolved.workload.wgsl },
    runsLeft: Math.max(0, room.runsPerStudent - student.runsUsed),
    broadcast: room.broadcast,
    spotlight,
    pairedDaemon,
  };
}

/** The kernel in the spotlight, with its author's name; null when none (or they have none there). */
export async function spotlightOf(store: WorkshopStore, room: Room): Promise<SpotlightKernel | null> {
  const on = room.spotlight;
  if (!on) return null;
  const who = (await store.students(room.code)).find((s) => s.id === on.student);
  const wgsl = who ? await store.kernel(who.id, on.step) : null;
  return who && wgsl !== null ? { name: who.name, step: on.step, wgsl } : null;
}
