/**
 * Workshop rooms in the share database (server/share/db.ts: SQLite, or PostgreSQL with DATABASE_URL),
 * so a web server restart loses no room, student or submission. Teacher and student secrets are
 * stored only as sha256 (server/workshop/secrets.ts).
 *
 * One class by layers, each a concern of its own: rooms and the teacher's actions (room-store.ts),
 * students (student-store.ts), and here the submissions; the records are in records.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Submission } from './records';
import { StudentStore } from './student-store';

export class WorkshopStore extends StudentStore {
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
}
