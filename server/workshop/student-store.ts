/**
 * The workshop store's students (server/workshop/store.ts): joining a room under a display name,
 * knowing them by their secret, their step, run quota and latest kernel per step.
 */
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../share/checksum';
import { isUniqueViolation } from '../share/db';
import { WorkshopError } from './errors';
import { cleanName } from './names';
import type { Student } from './records';
import { RoomStore } from './room-store';
import { newSecret, secretMatches } from './secrets';

export class StudentStore extends RoomStore {
  async join(code: string, displayName: string): Promise<{ student: Student; secret: string }> {
    const room = await this.openRoom(code);
    const { name, key } = cleanName(displayName);
    if ((await this.seated(room.code)) >= this.maxStudents) {
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
    if ((await this.seated(room.code)) > this.maxStudents) {
      await this.db.deleteFrom('workshop_students').where('id', '=', id).execute();
      throw new WorkshopError('quota', `The workshop ${room.code} is full (${this.maxStudents} students).`);
    }
    return { student: { id, code: room.code, name, step: 0, runsUsed: 0 }, secret };
  }

  private async seated(code: string): Promise<number> {
    const row = await this.db
      .selectFrom('workshop_students')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return Number(row.n);
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
}
