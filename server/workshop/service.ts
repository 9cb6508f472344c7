/**
 * The workshop's operations (docs/workshop.md), over the store: create a room (lesson checked, each
 * step's solution run against its own check on the room's daemon), join, the student's view, runs
 * and submissions under the student's identity and quota, the teacher's board and actions. Every
 * change wakes the room's board streams on this web server; other servers' boards see it on their
 * next poll (BOARD_POLL_MS). Opening a room is open-room.ts; what a student sees, student-view.ts;
 * which daemon a room runs on (the server's, or one its teacher paired), room-daemon.ts.
 */
import type { Kysely } from 'kysely';
import type { RunEvent } from '../../core/progress';
import type { Workload } from '../../core/workload';
import type { CheckVerdict } from '../../core/workshop/verdict';
import { type ConfiguredDaemon, targetOf } from '../daemon-config';
import { type PairingHub, pairingHub } from '../pairing/hub';
import type { Database } from '../share/schema';
import { type BoardState, boardCsv, boardState } from './board';
import { checkSubmission } from './check';
import { WorkshopError } from './errors';
import { createJoinLimiter, createRoomLimiter } from './limits';
import { type CreateInput, checkSolutions, roomSettings } from './open-room';
import { QueueFigures } from './queue-figures';
import type { Room, Student } from './records';
import { type DaemonChoice, daemonForRun, pairedRoomDaemon, roomDaemonFor } from './room-daemon';
import { RoomEvents } from './room-events';
import { cookieKey, readCookie, signCookie } from './secrets';
import { resolveStep } from './steps';
import { WorkshopStore } from './store';
import { StudentRuns } from './student-runs';
import { type StudentView, spotlightOf, studentView } from './student-view';

/** How often a board stream redraws with nothing changed here (queue depth; other web servers' writes). */
export const BOARD_POLL_MS = 2000;

export class WorkshopService {
  readonly store: WorkshopStore;
  /** Students' runs in flight on this web server, for `workshop.cancel`. */
  readonly runs = new StudentRuns();
  private readonly busyMs = new Map<string, number>();
  private readonly roomLimiter = createRoomLimiter();
  private readonly joinLimiter = createJoinLimiter();
  private readonly queues = new QueueFigures();
  private readonly events = new RoomEvents();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly hub: PairingHub = pairingHub(),
  ) {
    this.store = new WorkshopStore(db);
  }

  /** The daemon a room's next run goes to (room-daemon.ts): configured, the least loaded, or paired. */
  daemonOf(room: Pick<Room, 'daemon'>): Promise<ConfiguredDaemon> {
    return daemonForRun(room.daemon, this.hub);
  }

  /**
   * `clientId`: who asks (their address, server/trpc.ts), for the rooms-per-hour limit; `ownerKey`:
   * their browser (server/share/client-key.ts), whose paired daemons they may choose.
   */
  async create(
    input: CreateInput,
    clientId = '',
    ownerKey: string | null = null,
  ): Promise<{ code: string; teacherSecret: string }> {
    const settings = roomSettings(input, await roomDaemonFor(input.daemon, ownerKey, this.hub));
    await this.roomLimiter.take(clientId);
    await checkSolutions(settings.lesson, targetOf(await this.daemonOf(settings)), clientId);
    return this.store.create(settings);
  }

  /**
   * Moves an open room to another daemon (the board's picker), chosen as at `create`; the lesson's
   * solutions are checked on it first, so a room never moves to a daemon that cannot run its checks.
   */
  async setDaemon(room: Room, choice: DaemonChoice, clientId = '', ownerKey: string | null = null) {
    const daemon = await roomDaemonFor(choice, ownerKey, this.hub);
    await checkSolutions(room.lesson, targetOf(await this.daemonOf({ daemon })), clientId);
    await this.store.setDaemon(room.code, daemon);
    this.changed(room.code);
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
    return studentView(this.store, room, student, await pairedRoomDaemon(room.daemon, this.hub));
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
    // The daemon first: a student whose room's paired daemon is offline keeps the run.
    const daemon = await this.daemonOf(room);
    await this.prepareRun(room, student, step, wgsl);
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
    const [queue, students, submissions, spotlight, pairedDaemon] = await Promise.all([
      this.queues.of(room.code, async () => targetOf(await this.daemonOf(room))),
      this.store.students(room.code),
      this.store.submissions(room.code),
      spotlightOf(this.store, room),
      pairedRoomDaemon(room.daemon, this.hub),
    ]);
    return boardState(room, students, submissions, {
      queue,
      busyMs: this.busyMs.get(room.code) ?? 0,
      spotlight,
      pairedDaemon,
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
        pairedDaemon: null,
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
