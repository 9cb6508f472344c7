/**
 * Workshop rooms in the share database (server/share/db.ts: SQLite, or PostgreSQL with DATABASE_URL),
 * so a web server restart loses no room, student or submission. Teacher and student secrets are
 * stored only as sha256 (server/workshop/secrets.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Lesson } from '../../core/workshop/lesson';
import { normalizeCode, randomDigits } from '../pairing/codes';
import type { Database, WorkshopsTable } from '../share/schema';
import { WorkshopError } from './errors';
import { MAX_STUDENTS_PER_ROOM } from './limits';
import { cleanName } from './names';
import { newSecret, secretMatches, sha256Hex } from './secrets';

/** 6 Crockford digits: short enough to read off a projector; a seat is all a guess gets. */
export const ROOM_CODE_DIGITS = 6;

export interface RoomSettings {
  title: string;
  lesson: Lesson;
  /** A configured daemon's index, or 'auto'. */
  daemon: number | 'auto';
  runsPerStudent: number;
}

export interface Room extends RoomSettings {
  code: string;
  createdAt: string;
  closed: boolean;
  locked: number[];
  spotlight: { student: string; step: number } | null;
  broadcast: { wgsl: string; at: string } | null;
}

export interface Student {
  id: string;
  code: string;
  name: string;
  step: number;
  runsUsed: number;
}

export interface Submission {
  student: string;
  name: string;
  step: number;
  pass: boolean;
  reason: string;
  kernelMs: number | null;
  wgsl: string;
  createdAt: string;
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

const toRoom = (r: WorkshopsTable, locked: number[]): Room => ({
  code: r.code,
  title: r.title,
  lesson: JSON.parse(r.lesson) as Lesson,
  daemon: r.daemon === 'auto' ? 'auto' : Number(r.daemon),
  runsPerStudent: r.runs_per_student,
  createdAt: r.created_at,
  closed: r.closed_at !== null,
  locked,
  spotlight:
    r.spotlight_student !== null && r.spotlight_step !== null
      ? { student: r.spotlight_student, step: r.spotlight_step }
      : null,
  broadcast: r.broadcast !== null ? { wgsl: r.broadcast, at: r.broadcast_at ?? '' } : null,
});

export class WorkshopStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
    private readonly maxStudents = MAX_STUDENTS_PER_ROOM,
  ) {}

  /** A new room; its teacher secret is returned once and kept only hashed. */
  async create(s: RoomSettings): Promise<{ code: string; teacherSecret: string }> {
    const teacherSecret = newSecret();
    for (let attempt = 0; ; attempt++) {
      const code = randomDigits(ROOM_CODE_DIGITS);
      try {
        await this.db
          .insertInto('workshops')
          .values({
            code,
            title: s.title,
            lesson: JSON.stringify(s.lesson),
            daemon: String(s.daemon),
            runs_per_student: s.runsPerStudent,
            teacher_sha256: sha256Hex(teacherSecret),
            created_at: this.now().toISOString(),
            closed_at: null,
            spotlight_student: null,
            spotlight_step: null,
            broadcast: null,
            broadcast_at: null,
          })
          .execute();
        return { code, teacherSecret };
      } catch (e) {
        if (isUniqueViolation(e) && attempt < 5) continue;
        throw e;
      }
    }
  }

  /** The room with this code (as people type it); null when there is none. */
  async room(code: string): Promise<Room | null> {
    const c = normalizeCode(code);
    if (!/^[0-9A-Z]{1,16}$/.test(c)) return null;
    const row = await this.db.selectFrom('workshops').selectAll().where('code', '=', c).executeTakeFirst();
    if (!row) return null;
    const locks = await this.db.selectFrom('workshop_locks').select('step').where('code', '=', c).execute();
    return toRoom(
      row,
      locks.map((l) => l.step).sort((a, b) => a - b),
    );
  }

  /** The room, open; throws unknown-room or closed. */
  async openRoom(code: string): Promise<Room> {
    const room = await this.room(code);
    if (!room)
      throw new WorkshopError(
        'unknown-room',
        `No workshop has the code ${code.trim().toUpperCase() || '(empty)'}.`,
      );
    if (room.closed) throw new WorkshopError('closed', `The workshop ${room.code} is closed.`);
    return room;
  }

  /** The room when `secret` is its teacher secret; throws not-teacher otherwise. */
  async teacherRoom(code: string, secret: string): Promise<Room> {
    const room = await this.room(code);
    const row = room
      ? await this.db
          .selectFrom('workshops')
          .select('teacher_sha256')
          .where('code', '=', room.code)
          .executeTakeFirst()
      : undefined;
    if (!room || !row || !secretMatches(secret, row.teacher_sha256)) {
      throw new WorkshopError('not-teacher', 'This teacher link is not valid for that workshop.');
    }
    return room;
  }

  async join(code: string, displayName: string): Promise<{ student: Student; secret: string }> {
    const room = await this.openRoom(code);
    const { name, key } = cleanName(displayName);
    const seated = await this.seated(room.code);
    if (Number(seated.n) >= this.maxStudents) {
      throw new WorkshopError('quota', `The workshop ${room.code} is full (${this.maxStudents} students).`);
    }
    const id = randomBytes(12).toString('base64url');
    const secret = newSecret();
    try {
      await this.db
        .insertInto('workshop_students')
        .values({
          id,
          code: room.code,
          name,
          name_key: key,
          secret_sha256: sha256Hex(secret),
          step: 0,
          runs_used: 0,
          joined_at: this.now().toISOString(),
        })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e))
        throw new WorkshopError('name-taken', `Someone in this workshop is already called "${name}".`);
      throw e;
    }
    // Parallel joins all pass the count above: recount with this seat taken, and give it back if over.
    if (Number((await this.seated(room.code)).n) > this.maxStudents) {
      await this.db.deleteFrom('workshop_students').where('id', '=', id).execute();
      throw new WorkshopError('quota', `The workshop ${room.code} is full (${this.maxStudents} students).`);
    }
    return { student: { id, code: room.code, name, step: 0, runsUsed: 0 }, secret };
  }

  private seated(code: string) {
    return this.db
      .selectFrom('workshop_students')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
  }

  /** The student when `secret` is theirs; null otherwise. */
  async student(id: string, secret: string): Promise<Student | null> {
    const row = await this.db
      .selectFrom('workshop_students')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row || !secretMatches(secret, row.secret_sha256)) return null;
    return { id: row.id, code: row.code, name: row.name, step: row.step, runsUsed: row.runs_used };
  }

  async setStep(student: string, step: number): Promise<void> {
    await this.db.updateTable('workshop_students').set({ step }).where('id', '=', student).execute();
  }

  /** Takes one run from the student's quota: false when none is left (one statement: no race). */
  async takeRun(student: string, quota: number): Promise<boolean> {
    const r = await this.db
      .updateTable('workshop_students')
      .set((eb) => ({ runs_used: eb('runs_used', '+', 1) }))
      .where('id', '=', student)
      .where('runs_used', '<', quota)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async saveKernel(student: string, step: number, wgsl: string): Promise<void> {
    const updated_at = this.now().toISOString();
    await this.db
      .insertInto('workshop_kernels')
      .values({ student, step, wgsl, updated_at })
      .onConflict((oc) => oc.columns(['student', 'step']).doUpdateSet({ wgsl, updated_at }))
      .execute();
  }

  /** The student's latest kernel for a step; null before they ran or submitted one. */
  async kernel(student: string, step: number): Promise<string | null> {
    const row = await this.db
      .selectFrom('workshop_kernels')
      .select('wgsl')
      .where('student', '=', student)
      .where('step', '=', step)
      .executeTakeFirst();
    return row?.wgsl ?? null;
  }

  async addSubmission(
    code: string,
    student: string,
    step: number,
    s: { wgsl: string; pass: boolean; reason: string; kernelMs: number | null },
  ): Promise<void> {
    await this.db
      .insertInto('workshop_submissions')
      .values({
        id: randomBytes(12).toString('base64url'),
        code,
        student,
        step,
        wgsl: s.wgsl,
        pass: s.pass ? 1 : 0,
        reason: s.reason,
        kernel_ms: s.kernelMs,
        created_at: this.now().toISOString(),
      })
      .execute();
  }

  async students(code: string): Promise<Student[]> {
    const rows = await this.db
      .selectFrom('workshop_students')
      .selectAll()
      .where('code', '=', code)
      .orderBy('joined_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, step: r.step, runsUsed: r.runs_used }));
  }

  /** Every submission of a room, oldest first, with the student's name. */
  async submissions(code: string): Promise<Submission[]> {
    const rows = await this.db
      .selectFrom('workshop_submissions as s')
      .innerJoin('workshop_students as st', 'st.id', 's.student')
      .select([
        's.student',
        'st.name',
        's.step',
        's.pass',
        's.reason',
        's.kernel_ms',
        's.wgsl',
        's.created_at',
      ])
      .where('s.code', '=', code)
      .orderBy('s.created_at')
      .orderBy('s.id')
      .execute();
    return rows.map((r) => ({
      student: r.student,
      name: r.name,
      step: r.step,
      pass: r.pass === 1,
      reason: r.reason,
      kernelMs: r.kernel_ms === null ? null : Number(r.kernel_ms),
      wgsl: r.wgsl,
      createdAt: r.created_at,
    }));
  }

  async setLocked(code: string, step: number, locked: boolean): Promise<void> {
    if (locked) {
      await this.db
        .insertInto('workshop_locks')
        .values({ code, step })
        .onConflict((oc) => oc.columns(['code', 'step']).doNothing())
        .execute();
    } else {
      await this.db.deleteFrom('workshop_locks').where('code', '=', code).where('step', '=', step).execute();
    }
  }

  async setSpotlight(code: string, spotlight: { student: string; step: number } | null): Promise<void> {
    await this.db
      .updateTable('workshops')
      .set({ spotlight_student: spotlight?.student ?? null, spotlight_step: spotlight?.step ?? null })
      .where('code', '=', code)
      .execute();
  }

  async setBroadcast(code: string, wgsl: string | null): Promise<void> {
    await this.db
      .updateTable('workshops')
      .set({ broadcast: wgsl, broadcast_at: wgsl === null ? null : this.now().toISOString() })
      .where('code', '=', code)
      .execute();
  }

  async close(code: string): Promise<void> {
    await this.db
      .updateTable('workshops')
      .set({ closed_at: this.now().toISOString() })
      .where('code', '=', code)
      .where('closed_at', 'is', null)
      .execute();
  }
}
