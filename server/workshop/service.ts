/**
 * The workshop's operations (docs/workshop.md), over the store: create a room (lesson checked, each
 * step's solution run against its own check on the room's daemon), join, the student's view, runs
 * and submissions under the student's identity and quota, the teacher's board and actions. Every
 * change wakes the room's board streams on this web server; other servers' boards see it on their
 * next poll (BOARD_POLL_MS). Opening a room is open-room.ts; what a student sees, student-view.ts.
 */
import type { Kysely } from 'kysely';
import type { RunEvent } from '../../core/progress';
import type { Workload } from '../../core/workload';
import type { CheckVerdict } from '../../core/workshop/verdict';
import { type ConfiguredDaemon, configuredDaemons, targetOf } from '../daemon-config';
import { leastLoadedDaemon } from '../least-loaded';
import type { Database } from '../share/schema';
import { type BoardState, boardCsv, boardState } from './board';
import { checkSubmission } from './check';
import { WorkshopError } from './errors';
import { createJoinLimiter, createRoomLimiter } from './limits';
import { type CreateInput, checkSolutions, roomSettings } from './open-room';
import { QueueFigures } from './queue-figures';
import type { Room, Student } from './records';
import { RoomEvents } from './room-events';
import { cookieKey, readCookie, signCookie } from './secrets';
import { resolveStep } from './steps';
import { WorkshopStore } from './store';
import { type StudentView, spotlightOf, studentView } from './student-view';

/** How often a board stream redraws with nothing changed here (queue depth; other web servers' writes). */
export const BOARD_POLL_MS = 2000;

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

  /** `clientId`: who asks (their address, server/trpc.ts), for the rooms-per-hour limit. */
  async create(input: CreateInput, clientId = ''): Promise<{ code: string; teacherSecret: string }> {
    const settings = roomSettings(input);
    await this.roomLimiter.take(clientId);
    await checkSolutions(settings.lesson, targetOf(await this.daemonOf(settings)), clientId);
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

  view(room: Room, student: Student): Promise<StudentView> {
    return studentView(this.store, room, student);
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
      spotlightOf(this.store, room),
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
