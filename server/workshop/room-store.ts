/**
 * The workshop store's rooms (server/workshop/store.ts): opening one, finding it as a student or as
 * its teacher, and the teacher's actions on it (lock, spotlight, broadcast, close).
 */
import type { Kysely } from 'kysely';
import type { Lesson } from '../../core/workshop/lesson';
import { normalizeCode, randomDigits } from '../pairing/codes';
import { sha256Hex } from '../share/checksum';
import { isUniqueViolation } from '../share/db';
import type { Database, WorkshopsTable } from '../share/schema';
import { WorkshopError } from './errors';
import { MAX_STUDENTS_PER_ROOM } from './limits';
import type { Room, RoomDaemon, RoomSettings } from './records';
import { newSecret, secretMatches } from './secrets';

/** 6 Crockford digits: short enough to read off a projector; a seat is all a guess gets. */
export const ROOM_CODE_DIGITS = 6;

const toRoom = (r: WorkshopsTable, locked: number[]): Room => ({
  code: r.code,
  title: r.title,
  lesson: JSON.parse(r.lesson) as Lesson,
  daemon:
    r.paired_daemon !== null ? { paired: r.paired_daemon } : r.daemon === 'auto' ? 'auto' : Number(r.daemon),
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

/** How a room's daemon is kept: a paired one by its pairing id beside the marker 'paired'. */
const daemonColumns = (d: RoomDaemon): Pick<WorkshopsTable, 'daemon' | 'paired_daemon'> =>
  typeof d === 'object'
    ? { daemon: 'paired', paired_daemon: d.paired }
    : { daemon: String(d), paired_daemon: null };

export class RoomStore {
  constructor(
    protected readonly db: Kysely<Database>,
    protected readonly now: () => Date = () => new Date(),
    protected readonly maxStudents = MAX_STUDENTS_PER_ROOM,
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
            ...daemonColumns(s.daemon),
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

  /** Moves the room's runs to another daemon (the board's daemon picker). */
  async setDaemon(code: string, daemon: RoomDaemon): Promise<void> {
    await this.db.updateTable('workshops').set(daemonColumns(daemon)).where('code', '=', code).execute();
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
