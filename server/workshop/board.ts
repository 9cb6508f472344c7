/**
 * The teacher's board (docs/workshop.md): who is on which step, attempts and passes, the fastest
 * correct kernel per step (warm device time), the daemon's queue; and the room's results as CSV.
 * Built from the store's rows alone, so every web server on one database draws the same board.
 */
import { csvCell, spreadsheetText } from '../../core/csv';
import type { Room, Student, Submission } from './records';
import type { PairedRoomDaemon } from './room-daemon';

export interface StudentRow {
  id: string;
  name: string;
  step: number;
  runsUsed: number;
  /** Per step: submissions made and whether one passed. */
  progress: { attempts: number; passed: boolean }[];
}

/** A student's kernel the teacher put on everyone's screen. */
export interface SpotlightKernel {
  name: string;
  step: number;
  wgsl: string;
}

export interface BoardState {
  code: string;
  title: string;
  closed: boolean;
  locked: number[];
  spotlight: Room['spotlight'];
  /** The spotlit kernel itself, for the projector. */
  spotlightKernel: SpotlightKernel | null;
  steps: {
    title: string;
    attempts: number;
    passed: number;
    fastest: { name: string; kernelMs: number } | null;
  }[];
  students: StudentRow[];
  /** The room daemon's queue when it answered; null when it did not. */
  queue: { length: number; running: number } | null;
  /** Device time the room's checks took on this web server since it started, in ms. */
  busyMs: number;
  /** The teacher's paired daemon the room runs on, and whether it is online; null for the server's own. */
  pairedDaemon: PairedRoomDaemon;
}

export function boardState(
  room: Room,
  students: readonly Student[],
  submissions: readonly Submission[],
  extra: Pick<BoardState, 'queue' | 'busyMs' | 'pairedDaemon'> & { spotlight: SpotlightKernel | null },
): BoardState {
  const stepCount = room.lesson.steps.length;
  const progress = new Map(
    students.map((s) => [s.id, Array.from({ length: stepCount }, () => ({ attempts: 0, passed: false }))]),
  );
  const steps = room.lesson.steps.map((s) => ({
    title: s.title,
    attempts: 0,
    passed: 0,
    fastest: null as { name: string; kernelMs: number } | null,
  }));
  for (const sub of submissions) {
    const mine = progress.get(sub.student)?.[sub.step];
    const step = steps[sub.step];
    if (!mine || !step) continue;
    mine.attempts++;
    step.attempts++;
    if (!sub.pass) continue;
    if (!mine.passed) step.passed++;
    mine.passed = true;
    if (sub.kernelMs !== null && (!step.fastest || sub.kernelMs < step.fastest.kernelMs)) {
      step.fastest = { name: sub.name, kernelMs: sub.kernelMs };
    }
  }
  return {
    code: room.code,
    title: room.title,
    closed: room.closed,
    locked: room.locked,
    spotlight: room.spotlight,
    spotlightKernel: extra.spotlight,
    steps,
    students: students.map((s) => ({
      id: s.id,
      name: s.name,
      step: s.step,
      runsUsed: s.runsUsed,
      progress: progress.get(s.id) ?? [],
    })),
    queue: extra.queue,
    busyMs: extra.busyMs,
    pairedDaemon: extra.pairedDaemon,
  };
}

/** One line per student and step: attempts, passed, best warm device time of a correct kernel. */
export function boardCsv(room: Room, board: BoardState, submissions: readonly Submission[]): string {
  const best = new Map<string, number>();
  for (const s of submissions) {
    if (!s.pass || s.kernelMs === null) continue;
    const key = `${s.student}/${s.step}`;
    best.set(key, Math.min(best.get(key) ?? Number.POSITIVE_INFINITY, s.kernelMs));
  }
  const lines = [['student', 'step', 'step title', 'attempts', 'passed', 'best kernel ms'].join(',')];
  for (const st of board.students) {
    st.progress.forEach((p, i) => {
      lines.push(
        [
          spreadsheetText(st.name),
          i + 1,
          spreadsheetText(room.lesson.steps[i]?.title ?? ''),
          p.attempts,
          p.passed ? 'yes' : 'no',
          best.get(`${st.id}/${i}`) ?? null,
        ]
          .map(csvCell)
          .join(','),
      );
    });
  }
  return `${lines.join('\n')}\n`;
}
