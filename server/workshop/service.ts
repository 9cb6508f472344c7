/**
 * The workshop's operations (docs/workshop.md), over the store: create a room (lesson checked, each
 * step's solution run against its own check on the room's daemon), join, the student's view, runs
 * and submissions under the student's identity and quota, the teacher's board and actions. Every
 * change wakes the room's board streams on this web server; other servers' boards see it on their
 * next poll (BOARD_POLL_MS).
 */
import type { Kysely } from 'kysely';
import type { RunEvent } from '../../core/progress';
import type { Workload } from '../../core/workload';
import { describeLessonIssues, type Lesson, parseLesson } from '../../core/workshop/lesson';
import type { CheckVerdict } from '../../core/workshop/verdict';
import { type ConfiguredDaemon, configuredDaemons, targetOf } from '../daemon-config';
import { leastLoadedDaemon } from '../least-loaded';
import type { Database } from '../share/schema';
import { type BoardState, boardCsv, boardState, type SpotlightKernel } from './board';
import { checkSubmission, solutionProblem } from './check';
import { WorkshopError } from './errors';
import { SHIPPED_LESSONS } from './lessons';
import { createJoinLimiter, createRoomLimiter } from './limits';
import { QueueFigures } from './queue-figures';
import type { Room, RoomSettings, Student } from './records';
import { RoomEvents } from './room-events';
import { cookieKey, readCookie, signCookie } from './secrets';
import { resolveStep, StepError } from './steps';
import { WorkshopStore } from './store';

export const MAX_RUNS_PER_STUDENT = 10_000;
/** How often a board stream redraws with nothing changed here (queue depth; other web servers' writes). */
export const BOARD_POLL_MS = 2000;

export interface CreateInput {
  title?: string | undefined;
  /** A shipped lesson's id, or a lesson file's text. */
  lesson: { shipped: string } | { json: string };
  daemon: number | 'auto';
  runsPerStudent: number;
}

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
}

export class WorkshopService {
  readonly store: WorkshopStore;
  private readonly busyMs = new Map<string, number>();
  private readonly roomLimiter = createRoomLimiter();
  private readonly joinLimiter = createJoinLimiter();
  private readonly queues = new QueueFigures();
  private readonly events = new RoomEvents();

  constructor(private readonly db: Kysely<Database>) {
    this.store = new WorkshopStore(db);
  }

  /** The daemon a room's runs go to: its configured daemon, or the least loaded one. */
  async daemonOf(room: Pick<Room, 'daemon'>): Promise<ConfiguredDaemon> {
    const all = configuredDaemons();
    const d = room.daemon === 'auto' ? ((await leastLoadedDaemon(all)) ?? all[0]) : all[room.daemon];
    if (!d)
      throw new WorkshopError('bad-lesson', `No daemon #${room.daemon} is configured on this web server.`);
    return d;
  }

  private lessonOf(input: CreateInput['lesson']): Lesson {
    if ('shipped' in input) {
      const l = SHIPPED_LESSONS[input.shipped];
      if (!l) throw new WorkshopError('bad-lesson', `No shipped lesson "${input.shipped}".`);
      return l;
    }
    const r = parseLesson(input.json);
    if (!r.ok) throw new WorkshopError('bad-lesson', describeLessonIssues(r.issues));
    return r.lesson;
  }

  /** `clientId`: who asks (their address, server/trpc.ts), for the rooms-per-hour limit. */
  async create(input: CreateInput, clientId = ''): Promise<{ code: string; teacherSecret: string }> {
    const lesson = this.lessonOf(input.lesson);
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
    const settings: RoomSettings = {
      title: input.title?.trim() || lesson.title,
      lesson,
      daemon: input.daemon,
      runsPerStudent: input.runsPerStudent,
    };
    await this.roomLimiter.take(clientId);
    const target = targetOf(await this.daemonOf(settings));
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
    return this.store.create(settings);
  }

  /** `clientId`: who asks (their address), for the joins-per-minute limit; taken before the name is tried. */
  async join(code: string, name: string, clientId = ''): Promise<{ cookie: string; student: Student }> {
    await this.joinLimiter.take(clientId);
    const { student, secret } = await this.store.join(code, name);
    this.changed(student.code);
    return { cookie: signCookie(await cookieKey(this.db), student.id, secret), student };
  }

  /** The student this cookie belongs to, in this open room; throws not-student otherwise. */
  async student(code: string, cookie: string | null | undefined): Promise<{ room: Room; student: Student }> {
    const room = await this.store.openRoom(code);
    const c = readCookie(await cookieKey(this.db), cookie);
    const student = c ? await this.store.student(c.id, c.secret) : null;
    if (!student || student.code !== room.code) {
      throw new WorkshopError('not-student', `Join the workshop ${room.code} first (with a display name).`);
    }
    return { room, student };
  }

  /** The daemon's client id for a student: what its fair queue and rate limits count. */
  static clientId(student: Student): string {
    return `workshop:${student.code}:${student.id}`;
  }

  private openStep(room: Room, step: number) {
    const s = room.lesson.steps[step];
    if (!s) throw new WorkshopError('no-step', `This workshop has no step ${step + 1}.`);
    if (room.locked.includes(step))
      throw new WorkshopError('locked', `Step ${step + 1} is locked by the teacher.`);
    return { step: s, resolved: resolveStep(s, step) };
  }

  async view(room: Room, student: Student): Promise<StudentView> {
    // A step locked while the student is on it still shows; only its runs and submissions are refused.
    const at = Math.min(student.step, room.lesson.steps.length - 1);
    const resolved = resolveStep(room.lesson.steps[at]!, at);
    const kernel = await this.store.kernel(student.id, student.step);
    const spotlight = await this.spotlightOf(room);
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
    };
  }

  /** The kernel in the spotlight, with its author's name; null when none (or they have none there). */
  private async spotlightOf(room: Room): Promise<SpotlightKernel | null> {
    const on = room.spotlight;
    if (!on) return null;
    const who = (await this.store.students(room.code)).find((s) => s.id === on.student);
    const wgsl = who ? await this.store.kernel(who.id, on.step) : null;
    return who && wgsl !== null ? { name: who.name, step: on.step, wgsl } : null;
  }

  async goTo(room: Room, student: Student, step: number): Promise<void> {
    this.openStep(room, step);
    await this.store.setStep(student.id, step);
    this.changed(room.code);
  }

  /** Takes a run from the quota and keeps the kernel; the workload to run with the student's kernel. */
  async prepareRun(room: Room, student: Student, step: number, wgsl: string): Promise<Workload> {
    const { resolved } = this.openStep(room, step);
    if (!(await this.store.takeRun(student.id, room.runsPerStudent))) {
      throw new WorkshopError('quota', `You have used all ${room.runsPerStudent} runs of this workshop.`);
    }
    await this.store.saveKernel(student.id, step, wgsl);
    this.changed(room.code);
    return { ...resolved.workload, wgsl };
  }

  async submit(
    room: Room,
    student: Student,
    step: number,
    wgsl: string,
    signal?: AbortSignal,
    onEvent?: (e: RunEvent) => void,
  ): Promise<CheckVerdict> {
    const { step: s } = this.openStep(room, step);
    await this.prepareRun(room, student, step, wgsl);
    const daemon = await this.daemonOf(room);
    const started = performance.now();
    const verdict = await checkSubmission(s, step, wgsl, {
      target: targetOf(daemon),
      // As runs.submit sends a run of this student (`web:` + the context's client id).
      clientId: `web:${WorkshopService.clientId(student)}`,
      ...(signal ? { signal } : {}),
      ...(onEvent ? { onEvent } : {}),
    });
    this.busyMs.set(room.code, (this.busyMs.get(room.code) ?? 0) + (performance.now() - started));
    await this.store.addSubmission(room.code, student.id, step, {
      wgsl,
      pass: verdict.pass,
      reason: verdict.reason,
      kernelMs: verdict.pass ? verdict.kernelMs : null,
    });
    this.changed(room.code);
    return verdict;
  }

  async board(room: Room): Promise<BoardState> {
    const [queue, students, submissions, spotlight] = await Promise.all([
      this.queues.of(room.code, async () => targetOf(await this.daemonOf(room))),
      this.store.students(room.code),
      this.store.submissions(room.code),
      this.spotlightOf(room),
    ]);
    return boardState(room, students, submissions, {
      queue,
      busyMs: this.busyMs.get(room.code) ?? 0,
      spotlight,
    });
  }

  async csv(room: Room): Promise<string> {
    const submissions = await this.store.submissions(room.code);
    return boardCsv(
      room,
      boardState(room, await this.store.students(room.code), submissions, {
        queue: null,
        busyMs: 0,
        spotlight: null,
      }),
      submissions,
    );
  }

  /** Wakes this room's board streams. */
  changed(code: string): void {
    this.events.changed(code);
  }

  /** Resolves at the room's next change, after `ms`, or on abort. */
  nextChange(code: string, ms: number, signal?: AbortSignal): Promise<void> {
    return this.events.next(code, ms, signal);
  }
}
