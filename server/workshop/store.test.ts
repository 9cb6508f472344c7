/**
 * The workshop store on SQLite and on a real PostgreSQL: rooms, joins and their name rules, secrets
 * kept only hashed, quotas, locks, kernels and submissions, the room's daemon (a paired one by its
 * pairing id, migration 0006); and a second handle on the same database
 * (a restarted web server) sees everything the first wrote.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../share/checksum';
import { openShareDb, type ShareDb } from '../share/db';
import {
  createDatabase,
  findPostgresBinDir,
  POSTGRES_MISSING,
  startTestPostgres,
  type TestPostgres,
} from '../share/testkit/postgres';
import { SHIPPED_LESSONS } from './lessons';
import { cookieKey, readCookie, signCookie } from './secrets';
import { WorkshopStore } from './store';

const pgBinDir = findPostgresBinDir();
if (!pgBinDir) console.warn(`workshop store: ${POSTGRES_MISSING}`);

const lesson = SHIPPED_LESSONS['matmul-tiling']!;
const settings = { title: 'Class', lesson, daemon: 'auto' as const, runsPerStudent: 2 };

/** Opens a fresh database; `again` opens a second handle on it, as a restarted server would. */
type Fresh = () => Promise<{ share: ShareDb; again(): Promise<ShareDb> }>;

function suite(name: string, fresh: () => Fresh) {
  describe(`workshop store on ${name}`, () => {
    const opened: ShareDb[] = [];
    afterAll(async () => {
      for (const s of opened) await s.close();
    });
    const open = async () => {
      const f = await fresh()();
      opened.push(f.share);
      return f;
    };

    it('creates a room whose teacher secret is kept only hashed', async () => {
      const { share } = await open();
      const store = new WorkshopStore(share.db);
      const { code, teacherSecret } = await store.create(settings);
      expect(code).toMatch(/^[0-9A-Z]{6}$/);
      expect(teacherSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await share.db
        .selectFrom('workshops')
        .selectAll()
        .where('code', '=', code)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row)).not.toContain(teacherSecret);
      expect(row.teacher_sha256).toBe(sha256Hex(teacherSecret));
      expect((await store.teacherRoom(code.toLowerCase(), teacherSecret)).lesson).toEqual(lesson);
      const wrong = `${teacherSecret.slice(0, -1)}${teacherSecret.endsWith('A') ? 'B' : 'A'}`;
      await expect(store.teacherRoom(code, wrong)).rejects.toThrow(/not valid/);
    });

    it("keeps a room's daemon, a teacher's paired one included, across a restart", async () => {
      const { share, again } = await open();
      const store = new WorkshopStore(share.db);
      const { code } = await store.create({ ...settings, daemon: { paired: 'pairing-id-1' } });
      const indexed = await store.create({ ...settings, daemon: 3 });
      const second = await again();
      opened.push(second);
      const restarted = new WorkshopStore(second.db);
      expect((await restarted.openRoom(code)).daemon).toEqual({ paired: 'pairing-id-1' });
      expect((await restarted.openRoom(indexed.code)).daemon).toBe(3);
      await store.setDaemon(code, 'auto');
      expect((await restarted.openRoom(code)).daemon).toBe('auto');
      await store.setDaemon(indexed.code, { paired: 'pairing-id-2' });
      expect((await restarted.openRoom(indexed.code)).daemon).toEqual({ paired: 'pairing-id-2' });
    });

    it('joins students under names unique regardless of case and spacing, and refuses bad ones', async () => {
      const { share } = await open();
      const store = new WorkshopStore(share.db);
      const { code } = await store.create(settings);
      const ada = await store.join(code, '  Ada   Lovelace ');
      expect(ada.student.name).toBe('Ada Lovelace');
      await expect(store.join(code, 'ada lovelace')).rejects.toMatchObject({ kind: 'name-taken' });
      await expect(store.join(code, '   ')).rejects.toMatchObject({ kind: 'bad-name' });
      await expect(store.join(code, 'x'.repeat(33))).rejects.toMatchObject({ kind: 'bad-name' });
      await expect(store.join(code, 'a\u200bb')).rejects.toMatchObject({ kind: 'bad-name' });
      await expect(store.join('ZZZZZZ', 'Bob')).rejects.toMatchObject({ kind: 'unknown-room' });
      expect((await store.student(ada.student.id, ada.secret))?.name).toBe('Ada Lovelace');
      expect(await store.student(ada.student.id, 'wrong')).toBeNull();
      await store.close(code);
      await expect(store.join(code, 'Bob')).rejects.toMatchObject({ kind: 'closed' });
    });

    it('refuses a student beyond the room size', async () => {
      const { share } = await open();
      const store = new WorkshopStore(share.db, undefined, 2);
      const { code } = await store.create(settings);
      await store.join(code, 'One');
      await store.join(code, 'Two');
      await expect(store.join(code, 'Three')).rejects.toThrow(`The workshop ${code} is full (2 students).`);
    });

    it('counts runs against the quota, keeps kernels, locks and submissions across a restart', async () => {
      const { share, again } = await open();
      const store = new WorkshopStore(share.db);
      const { code } = await store.create(settings);
      const { student, secret } = await store.join(code, 'Grace');
      expect(await store.takeRun(student.id, 2)).toBe(true);
      expect(await store.takeRun(student.id, 2)).toBe(true);
      expect(await store.takeRun(student.id, 2)).toBe(false);
      await store.saveKernel(student.id, 1, 'v1');
      await store.saveKernel(student.id, 1, 'v2');
      await store.setStep(student.id, 1);
      await store.setLocked(code, 1, true);
      await store.setLocked(code, 1, true);
      await store.addSubmission(code, student.id, 1, {
        wgsl: 'v2',
        pass: true,
        reason: 'correct',
        kernelMs: 1.5,
      });
      await store.setSpotlight(code, { student: student.id, step: 1 });
      await store.setBroadcast(code, 'broadcast kernel');

      const restarted = await again();
      opened.push(restarted);
      const after = new WorkshopStore(restarted.db);
      const me = await after.student(student.id, secret);
      expect(me).toMatchObject({ step: 1, runsUsed: 2 });
      expect(await after.kernel(student.id, 1)).toBe('v2');
      const room = await after.openRoom(code);
      expect(room.locked).toEqual([1]);
      expect(room.spotlight).toEqual({ student: student.id, step: 1 });
      expect(room.broadcast?.wgsl).toBe('broadcast kernel');
      expect(await after.submissions(code)).toMatchObject([
        { name: 'Grace', step: 1, pass: true, reason: 'correct', kernelMs: 1.5 },
      ]);
      await after.setLocked(code, 1, false);
      expect((await after.openRoom(code)).locked).toEqual([]);
    });

    it('signs cookies with a key that survives a restart, and refuses tampered ones', async () => {
      const { share, again } = await open();
      const key = await cookieKey(share.db);
      const restarted = await again();
      opened.push(restarted);
      expect(await cookieKey(restarted.db)).toBe(key);
      const secret = 'A'.repeat(43);
      const cookie = signCookie(key, 'student1', secret);
      expect(readCookie(key, cookie)).toEqual({ id: 'student1', secret });
      expect(readCookie(key, cookie.replace('student1', 'student2'))).toBeNull();
      expect(readCookie(`${key}x`, cookie)).toBeNull();
      expect(readCookie(key, 'garbage')).toBeNull();
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'duet-workshop-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
suite('sqlite', () => async () => {
  const path = join(dir, `w${n++}.db`);
  return { share: await openShareDb({ sqlitePath: path }), again: () => openShareDb({ sqlitePath: path }) };
});

describe.skipIf(!pgBinDir)(pgBinDir ? 'postgresql' : `postgresql — skipped: ${POSTGRES_MISSING}`, () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startTestPostgres(pgBinDir!);
  });
  afterAll(() => server?.stop());
  let m = 0;
  suite('postgres', () => async () => {
    const url = await createDatabase(server.url, `workshop_t${m++}`);
    return { share: await openShareDb({ databaseUrl: url }), again: () => openShareDb({ databaseUrl: url }) };
  });
});
